import { labelComponents } from './components';
import type { Foreground } from './foreground';

export interface ShapeStats {
  contentAspectLog: number;
  contentFill: number;
  componentCountLog: number;
  strokeWidth: number;
  strokeWidthSpread: number;
  runsPerLineLog: number;
  perimeterRatio: number;
  contourComplexity: number;
  holeShare: number;
  holeCountLog: number;
  inkLength: number;
}

/** Measures of the foreground mask: extent, pieces, stroke thickness, outline, enclosed holes. */
export function shapeStats(width: number, height: number, fg: Foreground): ShapeStats {
  const { mask, count } = fg;
  const n = width * height;
  const longest = Math.max(width, height);
  let minX = width, maxX = -1, minY = height, maxY = -1;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      if (!mask[i]) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (count === 0) {
    return { contentAspectLog: 0, contentFill: 0, componentCountLog: 0, strokeWidth: 0, strokeWidthSpread: 0,
      runsPerLineLog: 0, perimeterRatio: 0, contourComplexity: 0, holeShare: 0, holeCountLog: 0, inkLength: 0 };
  }
  const boxW = maxX - minX + 1;
  const boxH = maxY - minY + 1;

  // One labelling for both: key 1 = foreground pieces, key 0 = background pieces, of which those
  // not reaching the border are holes (counters of letters, rings).
  const pieces = labelComponents(width, height, Int32Array.from(mask));
  const minPiece = Math.max(2, 0.0002 * n);
  let pieceCount = 0, holes = 0, holeCount = 0;
  for (let c = 0; c < pieces.count; c++) {
    const area = pieces.areas[c]!;
    if (pieces.keys[c] === 1) {
      if (area >= minPiece) pieceCount++;
    } else if (!pieces.touchesBorder[c]) {
      holes += area;
      if (area >= 0.0005 * n) holeCount++;
    }
  }

  const { median, p20, p80 } = strokeRuns(width, height, mask);
  let rows = 0, runs = 0, boundary = 0;
  for (let y = 0; y < height; y++) {
    let rowRuns = 0;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i]) continue;
      if (x === 0 || !mask[i - 1]) rowRuns++;
      const edge = x === 0 || x === width - 1 || y === 0 || y === height - 1
        || !mask[i - 1] || !mask[i + 1] || !mask[i - width] || !mask[i + width];
      if (edge) boundary++;
    }
    if (rowRuns > 0) (rows++, (runs += rowRuns));
  }
  return {
    contentAspectLog: Math.log(boxW / boxH),
    contentFill: count / (boxW * boxH),
    componentCountLog: Math.log2(1 + pieceCount),
    strokeWidth: median / longest,
    strokeWidthSpread: (p80 - p20) / longest,
    runsPerLineLog: Math.log2(1 + runs / rows),
    perimeterRatio: boundary / count,
    contourComplexity: boundary / Math.sqrt(count),
    holeShare: holes / (boxW * boxH),
    holeCountLog: Math.log2(1 + holeCount),
    inkLength: count / Math.max(1, median) / longest,
  };
}

/** Per foreground pixel, the shorter of its horizontal and vertical runs: a stroke's width. */
function strokeRuns(width: number, height: number, mask: Uint8Array): { median: number; p20: number; p80: number } {
  const n = width * height;
  const horizontal = new Int32Array(n);
  for (let y = 0; y < height; y++) {
    let x = 0;
    while (x < width) {
      if (!mask[y * width + x]) { x++; continue; }
      let end = x;
      while (end < width && mask[y * width + end]) end++;
      for (let k = x; k < end; k++) horizontal[y * width + k] = end - x;
      x = end;
    }
  }
  const histogram = new Int32Array(Math.max(width, height) + 1);
  let total = 0;
  for (let x = 0; x < width; x++) {
    let y = 0;
    while (y < height) {
      if (!mask[y * width + x]) { y++; continue; }
      let end = y;
      while (end < height && mask[end * width + x]) end++;
      for (let k = y; k < end; k++) {
        histogram[Math.min(end - y, horizontal[k * width + x]!)]!++;
        total++;
      }
      y = end;
    }
  }
  const quantile = (q: number): number => {
    let seen = 0;
    for (let v = 0; v < histogram.length; v++) {
      seen += histogram[v]!;
      if (seen >= q * total) return v;
    }
    return histogram.length - 1;
  };
  return { median: quantile(0.5), p20: quantile(0.2), p80: quantile(0.8) };
}
