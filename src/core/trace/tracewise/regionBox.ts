/** A pixel box, corners inclusive. */
export type Box = { x0: number; y0: number; x1: number; y1: number };

/** The pixel box of a region's pixels. */
export function regionBox(width: number, pixels: Uint32Array): Box {
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const p of pixels) {
    const x = p % width;
    const y = (p - x) / width;
    if (x < box.x0) box.x0 = x;
    if (x > box.x1) box.x1 = x;
    if (y < box.y0) box.y0 = y;
    if (y > box.y1) box.y1 = y;
  }
  return box;
}

/** Whether `inner` lies within `outer`. */
export function boxInside(inner: Box, outer: Box): boolean {
  return inner.x0 >= outer.x0 && inner.y0 >= outer.y0 && inner.x1 <= outer.x1 && inner.y1 <= outer.y1;
}
