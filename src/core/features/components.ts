/**
 * Connected components (8-connected) of pixels sharing a key, found on horizontal runs rather
 * than pixels: a run joins the runs of the row above with the same key that touch it, including
 * diagonally. Logos have a few runs per row, so this is far cheaper than per-pixel union-find,
 * and the features need only each component's area and bounding box, never a label image.
 */
export interface Components {
  count: number;
  areas: Int32Array;
  keys: Int32Array;
  minX: Int32Array;
  maxX: Int32Array;
  minY: Int32Array;
  maxY: Int32Array;
  /** 1 when the component reaches the image border. */
  touchesBorder: Uint8Array;
}

/** Key −1 marks pixels that belong to no component. */
export function labelComponents(width: number, height: number, keys: Int32Array): Components {
  // Runs of equal key, row by row: start, end (exclusive), row, key.
  let capacity = 1024;
  let start: Int32Array = new Int32Array(capacity), end: Int32Array = new Int32Array(capacity);
  let row: Int32Array = new Int32Array(capacity), key: Int32Array = new Int32Array(capacity);
  let runs = 0;
  const rowFirst = new Int32Array(height + 1);
  for (let y = 0; y < height; y++) {
    rowFirst[y] = runs;
    const base = y * width;
    let x = 0;
    while (x < width) {
      const k = keys[base + x]!;
      let e = x + 1;
      while (e < width && keys[base + e] === k) e++;
      if (k >= 0) {
        if (runs === capacity) {
          capacity *= 2;
          start = grow(start, capacity); end = grow(end, capacity); row = grow(row, capacity); key = grow(key, capacity);
        }
        start[runs] = x; end[runs] = e; row[runs] = y; key[runs] = k;
        runs++;
      }
      x = e;
    }
  }
  rowFirst[height] = runs;

  const parent = new Int32Array(runs);
  for (let r = 0; r < runs; r++) parent[r] = r;
  const find = (r: number): number => {
    while (parent[r] !== r) {
      parent[r] = parent[parent[r]!]!; // path halving
      r = parent[r]!;
    }
    return r;
  };
  for (let y = 1; y < height; y++) {
    let p = rowFirst[y - 1]!;
    const pEnd = rowFirst[y]!;
    for (let r = rowFirst[y]!; r < rowFirst[y + 1]!; r++) {
      // Previous-row runs that end left of this run's diagonal reach can be skipped for good.
      while (p < pEnd && end[p]! < start[r]!) p++;
      for (let q = p; q < pEnd && start[q]! <= end[r]!; q++) {
        if (key[q] !== key[r]) continue;
        const a = find(q), b = find(r);
        if (a < b) parent[b] = a;
        else if (b < a) parent[a] = b;
      }
    }
  }

  const label = new Int32Array(runs).fill(-1);
  let count = 0;
  for (let r = 0; r < runs; r++) {
    const root = find(r);
    if (label[root] === -1) label[root] = count++;
    label[r] = label[root]!;
  }
  const out: Components = {
    count,
    areas: new Int32Array(count),
    keys: new Int32Array(count),
    minX: new Int32Array(count).fill(2 ** 30),
    maxX: new Int32Array(count).fill(-1),
    minY: new Int32Array(count).fill(2 ** 30),
    maxY: new Int32Array(count).fill(-1),
    touchesBorder: new Uint8Array(count),
  };
  for (let r = 0; r < runs; r++) {
    const c = label[r]!;
    out.areas[c]! += end[r]! - start[r]!;
    out.keys[c] = key[r]!;
    if (start[r]! < out.minX[c]!) out.minX[c] = start[r]!;
    if (end[r]! - 1 > out.maxX[c]!) out.maxX[c] = end[r]! - 1;
    if (row[r]! < out.minY[c]!) out.minY[c] = row[r]!;
    if (row[r]! > out.maxY[c]!) out.maxY[c] = row[r]!;
  }
  for (let c = 0; c < count; c++) {
    out.touchesBorder[c] = out.minX[c] === 0 || out.minY[c] === 0 || out.maxX[c] === width - 1 || out.maxY[c] === height - 1 ? 1 : 0;
  }
  return out;
}

function grow(a: Int32Array, capacity: number): Int32Array {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}
