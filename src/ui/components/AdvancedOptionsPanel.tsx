import { useId } from 'react';
import { BUDGET_RANGE, DEFAULT_ADVANCED, isDefaultAdvanced, MAX_SIDE_RANGE, type AdvancedOptions } from '../conversion/advancedOptions';

interface Props {
  value: AdvancedOptions;
  onChange(value: AdvancedOptions): void;
}

/** The core options worth exposing, for new files and re-runs; collapsed by default. */
export function AdvancedOptionsPanel({ value, onChange }: Props) {
  const id = useId();
  const number = (raw: string, range: { min: number; max: number }): number | null => {
    const n = Math.round(Number(raw));
    return raw.trim() !== '' && Number.isFinite(n) ? Math.min(range.max, Math.max(range.min, n)) : null;
  };
  return (
    <details className="advanced" data-testid="advanced-options">
      <summary>Advanced{isDefaultAdvanced(value) ? '' : ' (changed)'}</summary>
      <div className="advanced-fields">
        <div className="field">
          <label htmlFor={`${id}-side`}>Longest side traced (px)</label>
          <input
            id={`${id}-side`}
            type="number"
            min={MAX_SIDE_RANGE.min}
            max={MAX_SIDE_RANGE.max}
            step={16}
            value={value.maxSide}
            data-testid="opt-max-side"
            onChange={(e) => onChange({ ...value, maxSide: number(e.target.value, MAX_SIDE_RANGE) ?? DEFAULT_ADVANCED.maxSide })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-budget`}>Time budget (s, empty = default)</label>
          <input
            id={`${id}-budget`}
            type="number"
            min={BUDGET_RANGE.min}
            max={BUDGET_RANGE.max}
            value={value.budgetSeconds ?? ''}
            data-testid="opt-budget"
            onChange={(e) => onChange({ ...value, budgetSeconds: number(e.target.value, BUDGET_RANGE) })}
          />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={value.measureQuality}
            data-testid="opt-measure"
            onChange={(e) => onChange({ ...value, measureQuality: e.target.checked })}
          />
          Measure quality (SSIM) — off is faster
        </label>
        <button type="button" className="button-secondary" onClick={() => onChange({ ...DEFAULT_ADVANCED })} disabled={isDefaultAdvanced(value)} data-testid="opt-reset">
          Reset
        </button>
      </div>
      <p className="muted">Applies to images added or re-run from now on. The default time budget is 2 s, 5 s or 15 s for tiers 1, 2 and 3. Past it tier 3 keeps its best result so far, and tiers 2–3 that have traced nothing yet return tier 1's.</p>
    </details>
  );
}
