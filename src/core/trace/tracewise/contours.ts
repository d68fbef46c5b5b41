/** A closed contour: x/y pairs in SVG user units (pixel (0,0) spans [0,1]×[0,1]). */
export type Contour = Float64Array;

const LEVEL = 0.5;
/** Coverage from which a pixel counts as fully inside (its edge crossings sit on the pixel edge). */
const FULL = 0.995;

/**
 * Marching squares at coverage ½ over pixel centres, with linear interpolation along cell edges:
 * where a shape's edge crosses a pixel, the contour passes at the sub-pixel position its
 * anti-aliasing implies. Every contour is oriented with the inside on its left (visually, y down),
 * so outer boundaries and holes wind oppositely and the nonzero fill rule draws holes as holes.
 */
export function traceContours(coverage: Float32Array, width: number, height: number): Contour[] {
  // A one-pixel empty border closes every contour.
  const gw = width + 2;
  const gh = height + 2;
  // Only cells around pixels at or above the level can hold a contour.
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let p = 0; p < coverage.length; p++) {
    if (coverage[p] < LEVEL) continue;
    const x = p % width;
    const y = (p - x) / width;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x1 < 0) return [];
  const value = (gx: number, gy: number): number =>
    gx <= 0 || gy <= 0 || gx > width || gy > height ? 0 : coverage[(gy - 1) * width + (gx - 1)];
  // Two ids per grid point (its right and lower edge), then one per canvas corner (see below).
  const cornerBase = gw * gh * 2;
  const next = new Int32Array(cornerBase + 4).fill(-1);
  const pointX = new Float64Array(cornerBase + 4);
  const pointY = new Float64Array(cornerBase + 4);

  // Edge ids: 2·(gy·gw + gx) for the edge to the right of grid point (gx, gy), +1 for the one below.
  const crossing = (ax: number, ay: number, bx: number, by: number, va: number, vb: number): number => {
    const horizontal = ay === by;
    const id = 2 * (Math.min(ay, by) * gw + Math.min(ax, bx)) + (horizontal ? 0 : 1);
    const f = (LEVEL - va) / (vb - va);
    pointX[id] = ax + (bx - ax) * f - 0.5;
    pointY[id] = ay + (by - ay) * f - 0.5;
    return id;
  };

  const cx = [0, 1, 1, 0];
  const cy = [0, 0, 1, 1];
  // Pixel (x, y) is grid point (x + 1, y + 1); its cells start one grid step up-left of it.
  for (let gy = y0; gy <= y1 + 1; gy++) {
    for (let gx = x0; gx <= x1 + 1; gx++) {
      // Corners clockwise (y down): top-left, top-right, bottom-right, bottom-left.
      const v0 = value(gx, gy);
      const v1 = value(gx + 1, gy);
      const v2 = value(gx + 1, gy + 1);
      const v3 = value(gx, gy + 1);
      const insideCount = +(v0 >= LEVEL) + +(v1 >= LEVEL) + +(v2 >= LEVEL) + +(v3 >= LEVEL);
      if (insideCount === 0 || insideCount === 4) continue; // most cells: allocate nothing
      const v = [v0, v1, v2, v3];
      const inside = v.map((x) => x >= LEVEL);
      // Crossing on edge c (corner c → corner c+1): entering (out→in) or leaving (in→out).
      const entering: number[] = [];
      const leaving: number[] = [];
      for (let c = 0; c < 4; c++) {
        const d = (c + 1) % 4;
        if (inside[c] === inside[d]) continue;
        const id = crossing(gx + cx[c], gy + cy[c], gx + cx[d], gy + cy[d], v[c], v[d]);
        (inside[c] ? leaving : entering)[c] = id;
      }
      if (insideCount === 2 && inside[0] === inside[2]) {
        // Saddle: the cell centre decides whether the two inside corners are joined.
        const centreInside = (v[0] + v[1] + v[2] + v[3]) / 4 >= LEVEL;
        for (let c = 0; c < 4; c++) {
          if (inside[c] === centreInside) continue; // only corners unlike the centre are cut off
          const before = (c + 3) % 4; // edge (c−1 → c)
          const after = c; // edge (c → c+1)
          const from = entering[before] ?? entering[after];
          const to = leaving[before] ?? leaving[after];
          next[from] = to;
        }
      } else {
        const from = entering.find((id) => id !== undefined)!;
        const to = leaving.find((id) => id !== undefined)!;
        const corner = insideCount === 1 ? canvasCorner(gx, gy) : -1;
        if (corner >= 0 && v[(corner + 2) % 4] >= FULL) {
          // A fully covered pixel in a corner of the canvas: the shape runs off the image there,
          // so its outline turns at the canvas corner instead of cutting the half-pixel chamfer
          // that the empty border would give (which turns a 1×1 image into a diamond).
          const id = cornerBase + corner;
          pointX[id] = corner === 0 || corner === 3 ? 0 : width;
          pointY[id] = corner < 2 ? 0 : height;
          next[from] = id;
          next[id] = to;
        } else {
          next[from] = to;
        }
      }
    }
  }
  return linkLoops(next, pointX, pointY);

  /** Which canvas corner cell (gx, gy) is — 0 top-left, 1 top-right, 2 bottom-right, 3
   * bottom-left, numbered like a cell's own corners — else −1. */
  function canvasCorner(gx: number, gy: number): number {
    const left = gx === 0;
    const right = gx === width;
    const top = gy === 0;
    const bottom = gy === height;
    if (top && left) return 0;
    if (top && right) return 1;
    if (bottom && right) return 2;
    if (bottom && left) return 3;
    return -1;
  }
}

function linkLoops(next: Int32Array, pointX: Float64Array, pointY: Float64Array): Contour[] {
  const loops: Contour[] = [];
  const visited = new Uint8Array(next.length);
  const xy: number[] = [];
  for (let start = 0; start < next.length; start++) {
    if (next[start] < 0 || visited[start]) continue;
    xy.length = 0;
    let id = start;
    while (!visited[id] && id >= 0) {
      visited[id] = 1;
      xy.push(pointX[id], pointY[id]);
      id = next[id];
    }
    if (xy.length >= 6) loops.push(Float64Array.from(xy));
  }
  return loops;
}

/** The contour's bounding box (of its points). */
export function contourBox(contour: Contour): { x0: number; y0: number; x1: number; y1: number } {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < contour.length; i += 2) {
    x0 = Math.min(x0, contour[i]);
    x1 = Math.max(x1, contour[i]);
    y0 = Math.min(y0, contour[i + 1]);
    y1 = Math.max(y1, contour[i + 1]);
  }
  return { x0, y0, x1, y1 };
}

/** Shoelace area; positive for the orientation traceContours gives outer boundaries. */
export function signedArea(contour: Contour): number {
  let area = 0;
  const n = contour.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    area += contour[2 * i] * contour[2 * j + 1] - contour[2 * j] * contour[2 * i + 1];
  }
  return area / 2;
}
