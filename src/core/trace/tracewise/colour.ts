/** Premultiplied RGBA as four numbers (0–255): a transparent pixel is (0,0,0,0) whatever its
 * stored RGB, and a blend of two colours is their linear mix — the model anti-aliasing follows. */
export type Premul = [number, number, number, number];

export function premultipliedAt(data: Uint8ClampedArray, offset: number): Premul {
  const a = data[offset + 3];
  const k = a / 255;
  return [data[offset] * k, data[offset + 1] * k, data[offset + 2] * k, a];
}

export function distanceSq(a: Premul, b: Premul): number {
  const dr = a[0] - b[0];
  const dg = a[1] - b[1];
  const db = a[2] - b[2];
  const da = a[3] - b[3];
  return dr * dr + dg * dg + db * db + da * da;
}

/** Straight (non-premultiplied) 8-bit RGB of a palette colour plus its opacity 0–1. */
export function straightColour(colour: Premul): { r: number; g: number; b: number; opacity: number } {
  const a = colour[3];
  if (a <= 0) return { r: 0, g: 0, b: 0, opacity: 0 };
  const k = 255 / a;
  const channel = (v: number) => Math.max(0, Math.min(255, Math.round(v * k)));
  return { r: channel(colour[0]), g: channel(colour[1]), b: channel(colour[2]), opacity: a / 255 };
}

/** Shortest CSS hex for an 8-bit RGB colour (#abc when each channel's digits repeat). */
export function hexColour(r: number, g: number, b: number): string {
  const hex = [r, g, b].map((v) => v.toString(16).padStart(2, '0'));
  return hex.every((h) => h[0] === h[1]) ? `#${hex.map((h) => h[0]).join('')}` : `#${hex.join('')}`;
}
