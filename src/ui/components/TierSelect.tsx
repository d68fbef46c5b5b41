import { useId } from 'react';
import type { Tier } from '../../core';

/** Kept here rather than imported from core as a value: the UI bundle must not pull the core in. */
export const TIER_LABELS: Record<Tier, string> = {
  1: '1 · Fast',
  2: '2 · Balanced',
  3: '3 · Best quality',
};

interface Props {
  value: Tier;
  onChange(tier: Tier): void;
}

export function TierSelect({ value, onChange }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Tier</label>
      <select
        id={id}
        data-testid="tier-select"
        value={value}
        onChange={(event) => onChange(Number(event.target.value) as Tier)}
      >
        {(Object.keys(TIER_LABELS) as `${Tier}`[]).map((key) => (
          <option key={key} value={key}>
            {TIER_LABELS[Number(key) as Tier]}
          </option>
        ))}
      </select>
    </div>
  );
}
