import type { KeyboardEvent, PointerEvent, RefObject } from 'react';

interface Props {
  /** Percent of the viewport width shown as the original (left of the line). */
  value: number;
  onChange(value: number): void;
  viewport: RefObject<HTMLDivElement | null>;
  label: string;
}

const clamp = (value: number): number => Math.min(100, Math.max(0, value));

/** The draggable line between original (left) and SVG (right): an ARIA slider, so arrow keys,
 * Page Up/Down and Home/End move it too. */
export function SplitHandle({ value, onChange, viewport, label }: Props) {
  const fromPointer = (event: PointerEvent): void => {
    const box = viewport.current?.getBoundingClientRect();
    if (box && box.width > 0) onChange(clamp(((event.clientX - box.left) / box.width) * 100));
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    const step = event.shiftKey ? 1 : 5;
    const next: Record<string, number> = {
      ArrowLeft: value - step,
      ArrowDown: value - step,
      ArrowRight: value + step,
      ArrowUp: value + step,
      PageDown: value - 25,
      PageUp: value + 25,
      Home: 0,
      End: 100,
    };
    if (!(event.key in next)) return;
    event.preventDefault();
    event.stopPropagation(); // the viewport pans on arrow keys
    onChange(clamp(next[event.key]));
  };
  return (
    <div
      className="split-handle"
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(value)}
      aria-valuetext={`${Math.round(value)}% original, ${100 - Math.round(value)}% SVG`}
      aria-orientation="horizontal"
      data-testid="compare-slider"
      style={{ left: `${value}%` }}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        event.stopPropagation(); // not a pan
        event.currentTarget.setPointerCapture(event.pointerId);
        fromPointer(event);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) fromPointer(event);
      }}
    >
      <span className="split-grip" aria-hidden="true" />
    </div>
  );
}
