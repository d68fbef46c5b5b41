/** A gradient's colour ramp: its stops along the gradient position t, fitted to the colours of
 * pixels at known positions (see fitRamp), and the colour and opacity it paints at any t. */

export type Rgb = [number, number, number];

export interface GradientStop {
  offset: number;
  colour: Rgb;
  /** 0–1; absent for an opaque stop. */
  opacity?: number;
}


/** Stops are added until the colour ramp is followed within this (per channel). 5 rather than 3:
 * bin averages round a ramp's kinks, and a tight bound spends two stops on each (train split:
 * median size 1.46× → 1.36×, SSIM −0.0002). */
const STOP_TOLERANCE = 5;

/**
 * Colour as a function of the position s along the gradient: binned means, reduced to the fewest
 * stops that keep every bin within STOP_TOLERANCE (Douglas–Peucker), and the RMS error of all
 * pixels against that piecewise-linear ramp.
 */
export function fitRamp(s: Float64Array, cs: Float64Array[], fixedFrom?: number): { from: number; to: number; stops: GradientStop[]; rms: number } | null {
  const from = fixedFrom ?? minOf(s);
  const to = maxOf(s);
  if (to - from < 2) return null;
  const binCount = Math.max(2, Math.min(48, Math.round((to - from) / 2)));
  const channels = cs.length;
  // One flat array of per-bin sums (channels, then the pixel count), filled in pixel order.
  const stride = channels + 1;
  const sums = new Float64Array(binCount * stride);
  const [c0, c1, c2, c3] = cs;
  for (let i = 0; i < s.length; i++) {
    const base = Math.min(binCount - 1, Math.floor(((s[i] - from) / (to - from)) * binCount)) * stride;
    sums[base] += c0[i];
    sums[base + 1] += c1[i];
    sums[base + 2] += c2[i];
    if (channels > 3) sums[base + 3] += c3[i];
    sums[base + channels]++;
  }
  const points: { t: number; colour: number[]; n: number }[] = [];
  for (let bin = 0; bin < binCount; bin++) {
    const n = sums[bin * stride + channels];
    if (n > 0) points.push({ t: (bin + 0.5) / binCount, colour: Array.from(sums.subarray(bin * stride, bin * stride + channels), (sum) => sum / n), n });
  }
  if (points.length < 2) return null;
  points[0] = { ...points[0], t: 0 };
  points[points.length - 1] = { ...points[points.length - 1], t: 1 };
  const keep = pruneStops(points, simplify(points, 0, points.length - 1, [0]));
  const fitted = keep.map((i): GradientStop => {
    const [r, g, b, alpha] = points[i].colour.map((v) => Math.round(v));
    return alpha === undefined || alpha >= 254.5 ? { offset: points[i].t, colour: [r, g, b] } : { offset: points[i].t, colour: [r, g, b], opacity: Math.round(alpha / 2.55) / 100 };
  });
  const { stops, from: start, to: end } = trimPads(fitted, from, to, fixedFrom === undefined);
  return { from: start, to: end, stops, rms: Math.sqrt(rampError(s, cs, stops, start, end) / (channels * s.length)) };
}

/**
 * The summed squared error of the pixels against the ramp. Runs over every pixel of every fit, so
 * each pixel's colour is written into one reused array (colourInto) instead of a new one: their
 * returned arrays were much of gradient art's GC time.
 */
function rampError(s: Float64Array, cs: Float64Array[], stops: GradientStop[], start: number, end: number): number {
  const fades = cs.length > 3;
  const colour: Rgb = [0, 0, 0];
  let error = 0;
  for (let i = 0; i < s.length; i++) {
    const t = (s[i] - start) / (end - start);
    colourInto(stops, t, colour);
    error += (cs[0][i] - colour[0]) ** 2;
    error += (cs[1][i] - colour[1]) ** 2;
    error += (cs[2][i] - colour[2]) ** 2;
    if (fades) error += (cs[3][i] - 255 * opacityAt(stops, t)) ** 2;
  }
  return error;
}

/** An end stop this close (per channel) to its neighbour only paints a flat pad… */
const PAD_TOLERANCE = 4;

/**
 * …which SVG's pad spread paints anyway: before the first stop's offset and after the last one's,
 * the end colours continue. A stop (~40 bytes) is saved per flat end. A linear gradient's ends
 * move onto the kept stops; a radial one's start is its centre and stays, and its first kept stop
 * simply sits at an offset above 0.
 */
export function trimPads(stops: GradientStop[], from: number, to: number, startFree: boolean): { stops: GradientStop[]; from: number; to: number } {
  const flat = (a: GradientStop, b: GradientStop) =>
    [0, 1, 2].every((k) => Math.abs(a.colour[k] - b.colour[k]) <= PAD_TOLERANCE) && Math.abs((a.opacity ?? 1) - (b.opacity ?? 1)) * 255 <= PAD_TOLERANCE;
  let first = 0;
  let last = stops.length - 1;
  if (last - first >= 2 && flat(stops[0], stops[1])) first = 1;
  if (last - first >= 2 && flat(stops[last], stops[last - 1])) last--;
  if (first === 0 && last === stops.length - 1) return { stops, from, to };
  const length = to - from;
  const zero = startFree ? stops[first].offset : 0;
  const start = from + zero * length;
  const end = from + stops[last].offset * length;
  const span = stops[last].offset - zero;
  const kept = stops.slice(first, last + 1).map((s) => ({ ...s, offset: (s.offset - zero) / span }));
  return { stops: kept, from: start, to: end };
}

/** A stop is dropped when the ramp without it still follows the bins it spanned within this RMS
 * (per channel, bins weighted by their pixels)… */
const PRUNE_RMS = 3;
/** …and no bin by more than this: the few pixels of a radial gradient's centre bins or a ramp's
 * rounded kink are not worth a stop (~35 bytes) each. */
const PRUNE_MAX = 12;

function pruneStops(points: { t: number; colour: number[]; n: number }[], keep: number[]): number[] {
  const kept = [...keep];
  const cost = (k: number): number => {
    const [a, b] = [points[kept[k - 1]], points[kept[k + 1]]];
    let squares = 0;
    let count = 0;
    for (let i = kept[k - 1] + 1; i < kept[k + 1]; i++) {
      const f = (points[i].t - a.t) / (b.t - a.t);
      for (let c = 0; c < a.colour.length; c++) {
        const error = Math.abs(points[i].colour[c] - (a.colour[c] + f * (b.colour[c] - a.colour[c])));
        if (error > PRUNE_MAX) return Infinity;
        squares += points[i].n * error * error;
      }
      count += points[i].n * a.colour.length;
    }
    return count === 0 ? 0 : Math.sqrt(squares / count);
  };
  for (;;) {
    let best = -1;
    let bestCost = PRUNE_RMS;
    for (let k = 1; k < kept.length - 1; k++) {
      const c = cost(k);
      if (c <= bestCost) [best, bestCost] = [k, c];
    }
    if (best < 0) return kept;
    kept.splice(best, 1);
  }
}

/** Douglas–Peucker over the bins from `first` to `last`: appends the kept indices after `first`
 * (which `kept` already ends with) and returns `kept`. */
function simplify(points: { t: number; colour: number[] }[], first: number, last: number, kept: number[]): number[] {
  let worst = -1;
  let worstError = STOP_TOLERANCE;
  const a = points[first];
  const b = points[last];
  for (let i = first + 1; i < last; i++) {
    const f = (points[i].t - a.t) / (b.t - a.t);
    const colour = points[i].colour;
    let error = -Infinity;
    for (let k = 0; k < colour.length; k++) error = Math.max(error, Math.abs(colour[k] - (a.colour[k] + f * (b.colour[k] - a.colour[k]))));
    if (error > worstError) [worst, worstError] = [i, error];
  }
  if (worst < 0) {
    kept.push(last);
    return kept;
  }
  simplify(points, first, worst, kept);
  return simplify(points, worst, last, kept);
}

/** The paint's opacity (0–1) at gradient position t: its stops' stop-opacity, interpolated. */
export function opacityAt(stops: GradientStop[], t: number): number {
  if (t <= stops[0].offset) return stops[0].opacity ?? 1;
  for (let i = 1; i < stops.length; i++) {
    if (t <= stops[i].offset) {
      const f = (t - stops[i - 1].offset) / Math.max(1e-9, stops[i].offset - stops[i - 1].offset);
      return (stops[i - 1].opacity ?? 1) + f * ((stops[i].opacity ?? 1) - (stops[i - 1].opacity ?? 1));
    }
  }
  return stops[stops.length - 1].opacity ?? 1;
}

export function colourAt(stops: GradientStop[], t: number): Rgb {
  return colourInto(stops, t, [0, 0, 0]);
}

/** The ramp's colour at t (the first stop's up to its offset, the last one's past every offset, a
 * NaN position included), written into `out`. */
function colourInto(stops: GradientStop[], t: number, out: Rgb): Rgb {
  let a = stops[stops.length - 1].colour;
  let b = a;
  let f = 0;
  if (t <= stops[0].offset) a = b = stops[0].colour;
  else {
    for (let i = 1; i < stops.length; i++) {
      if (t <= stops[i].offset) {
        [a, b] = [stops[i - 1].colour, stops[i].colour];
        f = (t - stops[i - 1].offset) / Math.max(1e-9, stops[i].offset - stops[i - 1].offset);
        break;
      }
    }
  }
  out[0] = a[0] + f * (b[0] - a[0]);
  out[1] = a[1] + f * (b[1] - a[1]);
  out[2] = a[2] + f * (b[2] - a[2]);
  return out;
}

// Loops, not Math.max(...values): a large region would overflow the argument stack.
export function minOf(values: Float64Array): number {
  let min = Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] < min) min = values[i];
  return min;
}

export function maxOf(values: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max;
}
