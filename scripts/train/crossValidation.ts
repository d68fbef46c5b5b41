import { createHash } from 'node:crypto';
import { Adam, createMlp, lossAndGradients, type Mlp } from './mlp';
import { mulberry32, shuffle } from './prng';
import { classWeightsFor, fitStandardiser, pack, probabilities, standardise, type Dataset, type Standardiser, type TrainOptions } from './train';

/**
 * k-fold cross-validation over the training data, the classifier's selection signal. The 55
 * validation images alone were too few to pick from: early stopping landed on epochs 5–8 and the
 * choice moved with a handful of images. Folds hold whole groups (one corpus image = all its input
 * sizes), so no fold is scored on a resized copy of an image it trained on.
 */

/** Fixed-epoch training (no early stopping): what the final members run, once CV chose the epochs. */
export interface EpochTrainOptions extends Omit<TrainOptions, 'maxEpochs' | 'patience'> {
  epochs: number;
}

/**
 * Minibatch Adam on class-weighted cross-entropy + L2 for exactly `options.epochs` epochs;
 * `afterEpoch` sees the weights after each epoch (1-based), for scoring held-out data on the way.
 */
export function trainForEpochs(train: Dataset, options: EpochTrainOptions, afterEpoch?: (epoch: number, mlp: Mlp) => void): { mlp: Mlp; classWeights: Float64Array } {
  const rng = mulberry32(options.seed);
  const mlp = createMlp([train.x[0]!.length, ...options.hidden, options.classes], rng);
  const classWeights = classWeightsFor(train.y, options.classes);
  const adam = new Adam(mlp, options.rate);
  const order = Array.from({ length: train.x.length }, (_, i) => i);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffle(rng, order);
    for (let start = 0; start < order.length; start += options.batchSize) {
      const batch = order.slice(start, start + options.batchSize);
      const x = pack(batch.map((i) => train.x[i]!));
      adam.step(lossAndGradients(mlp, x, Int32Array.from(batch, (i) => train.y[i]!), { classWeights, l2: options.l2 }).grads);
    }
    afterEpoch?.(epoch, mlp);
  }
  return { mlp, classWeights };
}

/** A stable fold per group: the group's sha256, so adding images never reshuffles the others. */
export function foldOf(group: string, folds: number): number {
  return createHash('sha256').update(`cv-fold:${group}`).digest().readUInt32BE(0) % folds;
}

export interface CvData {
  /** Raw (unstandardised) feature rows: each fold fits its own standardiser on its training part. */
  rows: ArrayLike<number>[];
  y: Int32Array;
  /** Rows of one group are kept in one fold. */
  groups: string[];
  /** How each fold scales its rows (default: every column alone, fitStandardiser). */
  fitStandardiser?: (rows: ArrayLike<number>[]) => Standardiser;
  /** Rows only scored, never trained on: each by the fold that holds its group out (other views of
   * a training image, multiScaleStudy.ts). Their groups must be among `groups`. */
  scored?: { rows: ArrayLike<number>[]; groups: string[] };
}

export interface CvOptions extends Omit<EpochTrainOptions, 'seed' | 'epochs'> {
  folds: number;
  /** Members per fold; their probabilities are averaged, like the shipped ensemble's. */
  seeds: readonly number[];
  maxEpochs: number;
}

/** Out-of-fold class probabilities after every epoch: probs[epoch − 1][row · classes + c]. */
export interface CvResult {
  probs: Float64Array[];
  classes: number;
  /** The same for CvData.scored's rows (empty arrays without them). */
  scoredProbs: Float64Array[];
}

/**
 * Trains `folds` × `seeds` networks, each for `maxEpochs` epochs on the other folds, and records
 * every row's held-out probabilities after every epoch, so one pass scores all epoch counts.
 */
export function crossValidate(data: CvData, options: CvOptions): CvResult {
  const { classes, maxEpochs, seeds } = options;
  const probs = Array.from({ length: maxEpochs }, () => new Float64Array(data.rows.length * classes));
  const fold = data.groups.map((g) => foldOf(g, options.folds));
  const scored = data.scored ?? { rows: [], groups: [] };
  const scoredProbs = Array.from({ length: maxEpochs }, () => new Float64Array(scored.rows.length * classes));
  const scoredFold = scored.groups.map((g) => foldOf(g, options.folds));
  for (let k = 0; k < options.folds; k++) {
    const trainIdx = fold.flatMap((f, i) => (f === k ? [] : [i]));
    const heldIdx = fold.flatMap((f, i) => (f === k ? [i] : []));
    if (heldIdx.length === 0) continue;
    const standardiser = (data.fitStandardiser ?? fitStandardiser)(trainIdx.map((i) => data.rows[i]!));
    const train: Dataset = { x: trainIdx.map((i) => standardise(standardiser, data.rows[i]!)), y: Int32Array.from(trainIdx, (i) => data.y[i]!) };
    const held = heldIdx.map((i) => standardise(standardiser, data.rows[i]!));
    const scoredIdx = scoredFold.flatMap((f, i) => (f === k ? [i] : []));
    const scoredHeld = scoredIdx.map((i) => standardise(standardiser, scored.rows[i]!));
    for (const seed of seeds) {
      trainForEpochs(train, { ...options, seed, epochs: maxEpochs }, (epoch, mlp) => {
        const p = probabilities(mlp, held).probs;
        const out = probs[epoch - 1]!;
        heldIdx.forEach((row, j) => {
          for (let c = 0; c < classes; c++) out[row * classes + c]! += p[j * classes + c]! / seeds.length;
        });
        if (scoredHeld.length === 0) return;
        const q = probabilities(mlp, scoredHeld).probs;
        const sOut = scoredProbs[epoch - 1]!;
        scoredIdx.forEach((row, j) => {
          for (let c = 0; c < classes; c++) sOut[row * classes + c]! += q[j * classes + c]! / seeds.length;
        });
      });
    }
  }
  return { probs, classes, scoredProbs };
}

/** Class-weighted mean cross-entropy of probabilities `probs` over the rows `which` picks. */
export function weightedLoss(probs: Float64Array, classes: number, y: Int32Array, which: (row: number) => boolean = () => true): number {
  const rows = Array.from(y.keys()).filter(which);
  const weights = classWeightsFor(Int32Array.from(rows, (r) => y[r]!), classes);
  let loss = 0, total = 0;
  for (const r of rows) {
    const w = weights[y[r]!]!;
    loss -= w * Math.log(Math.max(probs[r * classes + y[r]!]!, 1e-300));
    total += w;
  }
  return total ? loss / total : 0;
}

/** Arg-max class of every row of a probability table. */
export function argmaxRows(probs: Float64Array, classes: number): Int32Array {
  return Int32Array.from({ length: probs.length / classes }, (_, r) => {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[r * classes + c]! > probs[r * classes + best]!) best = c;
    return best;
  });
}
