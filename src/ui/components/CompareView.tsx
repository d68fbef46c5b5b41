import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { SplitHandle } from './SplitHandle';

interface Props {
  originalUrl: string;
  svgUrl: string;
  /** The image's size in pixels (100% zoom = one image pixel per CSS pixel). */
  width: number;
  height: number;
  name: string;
}

export const ZOOM_LEVELS = [1, 2, 4, 8, 16] as const;
const PAN_STEP = 32;

/** The largest zoom at which the whole image still fits a ~256 px viewport (at least 100%). */
function fitZoom(width: number, height: number): number {
  const fits = ZOOM_LEVELS.filter((zoom) => Math.max(width, height) * zoom <= 256);
  return fits.length > 0 ? fits[fits.length - 1] : 1;
}

/**
 * Original and SVG stacked, split by a draggable line, zoomable to 1600% and pannable (drag, or
 * arrow keys on the focused view; + and − zoom). The original is scaled with
 * `image-rendering: pixelated` (its real pixels); the SVG <img> is laid out at the zoomed size,
 * so the browser rasterises the vector at that size — crisp, not a scaled bitmap.
 */
export function CompareView({ originalUrl, svgUrl, width, height, name }: Props) {
  const [split, setSplit] = useState(50);
  const [zoom, setZoom] = useState(() => fitZoom(width, height));
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const viewport = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; pan: { x: number; y: number } } | null>(null);

  const limit = (p: { x: number; y: number }, z = zoom) => {
    const maxX = (width * z) / 2;
    const maxY = (height * z) / 2;
    return { x: Math.max(-maxX, Math.min(maxX, p.x)), y: Math.max(-maxY, Math.min(maxY, p.y)) };
  };
  const changeZoom = (next: number): void => {
    // Keep the same image point under the centre of the view.
    setPan((p) => limit({ x: (p.x * next) / zoom, y: (p.y * next) / zoom }, next));
    setZoom(next);
  };
  const stepZoom = (direction: 1 | -1): void => {
    const index = ZOOM_LEVELS.indexOf(zoom as (typeof ZOOM_LEVELS)[number]);
    const next = ZOOM_LEVELS[Math.min(ZOOM_LEVELS.length - 1, Math.max(0, index + direction))];
    if (next !== zoom) changeZoom(next);
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (event.key in moves) {
      const [dx, dy] = moves[event.key];
      setPan((p) => limit({ x: p.x + dx * PAN_STEP, y: p.y + dy * PAN_STEP }));
    } else if (event.key === '+' || event.key === '=') stepZoom(1);
    else if (event.key === '-') stepZoom(-1);
    else if (event.key === '0') setPan({ x: 0, y: 0 });
    else return;
    event.preventDefault();
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, pan };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    const start = drag.current;
    if (start) setPan(limit({ x: start.pan.x + event.clientX - start.x, y: start.pan.y + event.clientY - start.y }));
  };

  const size = { width: width * zoom, height: height * zoom };
  const stage = { ...size, transform: `translate(calc(-50% + ${pan.x}px), calc(-50% + ${pan.y}px))` };
  return (
    <div className="compare" data-testid="compare-view">
      <div className="compare-toolbar">
        <button type="button" className="button-secondary" onClick={() => stepZoom(-1)} aria-label="Zoom out" disabled={zoom === ZOOM_LEVELS[0]}>
          −
        </button>
        <label>
          <span className="visually-hidden">Zoom</span>
          <select value={zoom} onChange={(event) => changeZoom(Number(event.target.value))} data-testid="zoom-select">
            {ZOOM_LEVELS.map((level) => (
              <option key={level} value={level}>
                {level * 100}%
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button-secondary" onClick={() => stepZoom(1)} aria-label="Zoom in" disabled={zoom === ZOOM_LEVELS[ZOOM_LEVELS.length - 1]}>
          +
        </button>
        <button type="button" className="button-secondary" onClick={() => setPan({ x: 0, y: 0 })}>
          Centre
        </button>
      </div>
      <div
        ref={viewport}
        className="compare-viewport"
        tabIndex={0}
        role="group"
        aria-label={`Compare ${name}: original left of the line, SVG right. Arrow keys pan, + and − zoom.`}
        data-testid="compare-viewport"
        data-zoom={zoom}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
      >
        <div className="compare-layer">
          <img className="compare-stage pixelated" src={originalUrl} alt={`Original ${name}`} style={stage} draggable={false} data-testid="compare-original" />
        </div>
        <div className="compare-layer" style={{ clipPath: `inset(0 0 0 ${split}%)` }} data-testid="compare-svg-layer">
          <img className="compare-stage" src={svgUrl} alt={`SVG traced from ${name}`} style={stage} draggable={false} data-testid="compare-svg" />
        </div>
        <SplitHandle value={split} onChange={setSplit} viewport={viewport} label={`Split between original and SVG of ${name}`} />
      </div>
    </div>
  );
}
