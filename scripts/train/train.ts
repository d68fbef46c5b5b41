import { Adam, cloneMlp, createMlp, forward, lossAndGradients, type Gradients, type Mlp } from './mlp';
import { mulberry32, shuffle, type Rng } from './prng';

/** Per-feature mean and standard deviation of the training split; the export bakes them in. */
export interface Standardiser {
  mean: Float64Array;
  std: Float64Array;
}

export function fitStandardiser(rows: ArrayLike<number>[]): Standardiser {
  const f = rows[0]!.length;
  const mean = new Float64Array(f);
  const std = new Float64Array(f);
  for (const r of rows) for (let i = 0; i < f; i++) mean[i] += r[i]! / rows.length;
  for (const r of rows) for (let i = 0; i < f; i++) std[i] += (r[i]! - mean[i]!) ** 2 / rows.length;
  // A constant feature would divide by zero; leave it centred and unscaled.
  for (let i = 0; i < f; i++) std[i] = Math.sqrt(std[i]!) > 1e-6 ? Math.sqrt(std[i]!) : 1;
  return { mean, std };
}

/**
 * A standardiser whose columns in one group share a mean and standard deviation (pooled over the
 * group's columns): the thumbnail's pixels of one channel are scaled alike, so a corner pixel that
 * is nearly always transparent is not blown up by its own tiny spread. Columns in no group are
 * standardised alone, as fitStandardiser does.
 */
export function fitTiedStandardiser(rows: ArrayLike<number>[], groups: readonly (readonly number[])[]): Standardiser {
  const s = fitStandardiser(rows);
  for (const columns of groups) {
    let sum = 0, squares = 0;
    for (const r of rows) for (const c of columns) sum += r[c]!;
    const mean = sum / (rows.length * columns.length);
    for (const r of rows) for (const c of columns) squares += (r[c]! - mean) ** 2;
    const std = Math.sqrt(squares / (rows.length * columns.length));
    for (const c of columns) {
      s.mean[c] = mean;
      s.std[c] = std > 1e-6 ? std : 1;
    }
  }
  return s;
}

export function standardise(s: Standardiser, row: ArrayLike<number>): Float64Array {
  const out = new Float64Array(row.length);
  for (let i = 0; i < row.length; i++) out[i] = (row[i]! - s.mean[i]!) / s.std[i]!;
  return out;
}

export interface Dataset {
  /** Standardised feature rows. */
  x: Float64Array[];
  y: Int32Array;
}

export interface TrainOptions {
  hidden: number[];
  classes: number;
  seed: number;
  maxEpochs: number;
  batchSize: number;
  rate: number;
  l2: number;
  /** Stop after this many epochs without a better validation loss. */
  patience: number;
}

export const DEFAULT_TRAIN_OPTIONS: Omit<TrainOptions, 'classes'> = {
  hidden: [32, 16],
  seed: 20240917,
  // maxEpochs and patience apply to trainMlp's early stopping only: the classifier now trains the
  // epoch count cross-validation chose (crossValidation.ts) and takes hidden/batchSize/rate from here.
  maxEpochs: 1500,
  batchSize: 32,
  rate: 3e-3,
  l2: 1e-3,
  patience: 100,
};

export interface TrainResult {
  mlp: Mlp;
  bestEpoch: number;
  bestValidationLoss: number;
  epochs: number;
  classWeights: Float64Array;
}

/** Inverse class frequency, scaled so the weights average 1 over the training samples. */
export function classWeightsFor(y: Int32Array, classes: number): Float64Array {
  const counts = new Float64Array(classes);
  for (const c of y) counts[c]++;
  return counts.map((n) => (n > 0 ? y.length / (classes * n) : 0));
}

/**
 * Minibatch Adam on weighted cross-entropy + L2; keeps the weights of the epoch with the lowest
 * validation loss (early stopping). The test split never enters here.
 */
export function trainMlp(train: Dataset, validation: Dataset, options: TrainOptions): TrainResult {
  const rng = mulberry32(options.seed);
  const features = train.x[0]!.length;
  const mlp = createMlp([features, ...options.hidden, options.classes], rng);
  const classWeights = classWeightsFor(train.y, options.classes);
  const lossOptions = { classWeights, l2: options.l2 };
  const validationWeights = classWeightsFor(validation.y, options.classes);
  const fitted = adamWithEarlyStopping(mlp, rng, train.x.length, options,
    (batch) => lossAndGradients(mlp, pack(batch.map((i) => train.x[i]!)), Int32Array.from(batch, (i) => train.y[i]!), lossOptions).grads,
    () => crossEntropy(mlp, validation, validationWeights));
  return { ...fitted, classWeights };
}

export interface EarlyStoppingOptions {
  maxEpochs: number;
  patience: number;
  batchSize: number;
  rate: number;
}

/**
 * Minibatch Adam over `count` samples shuffled each epoch; keeps the weights of the epoch with the
 * lowest validation loss and stops `patience` epochs after it. Both trainers (the classifier's
 * cross-entropy, the parameter model's squared error) differ only in the two callbacks.
 */
export function adamWithEarlyStopping(
  mlp: Mlp,
  rng: Rng,
  count: number,
  options: EarlyStoppingOptions,
  gradientsOf: (batch: number[]) => Gradients,
  validationLoss: () => number,
): { mlp: Mlp; bestEpoch: number; bestValidationLoss: number; epochs: number } {
  const adam = new Adam(mlp, options.rate);
  const order = Array.from({ length: count }, (_, i) => i);
  let best = { mlp: cloneMlp(mlp), epoch: 0, loss: Infinity };
  let epoch = 0;
  for (; epoch < options.maxEpochs && epoch - best.epoch <= options.patience; epoch++) {
    shuffle(rng, order);
    for (let start = 0; start < order.length; start += options.batchSize) adam.step(gradientsOf(order.slice(start, start + options.batchSize)));
    const loss = validationLoss();
    if (loss < best.loss) best = { mlp: cloneMlp(mlp), epoch, loss };
  }
  return { mlp: best.mlp, bestEpoch: best.epoch, bestValidationLoss: best.loss, epochs: epoch };
}

export function pack(rows: Float64Array[]): Float64Array {
  const f = rows[0]?.length ?? 0;
  const out = new Float64Array(rows.length * f);
  rows.forEach((r, b) => out.set(r, b * f));
  return out;
}

/** One model or an ensemble whose class probabilities are averaged (what the export computes). */
export type Model = Mlp | readonly Mlp[];

/** Class probabilities, row-major [rows × classes]. */
export function probabilities(model: Model, x: Float64Array[]): { probs: Float64Array; classes: number } {
  const members = Array.isArray(model) ? model : [model as Mlp];
  const classes = members[0]!.layers[members[0]!.layers.length - 1]!.outputs;
  const probs = new Float64Array(x.length * classes);
  const input = pack(x);
  for (const mlp of members) {
    const acts = forward(mlp, input, x.length);
    acts[acts.length - 1]!.forEach((p, i) => (probs[i]! += p / members.length));
  }
  return { probs, classes };
}

/** Weighted mean cross-entropy without the L2 term: the early-stopping criterion. */
export function crossEntropy(model: Model, data: Dataset, classWeights: ArrayLike<number>): number {
  const { probs, classes } = probabilities(model, data.x);
  let loss = 0, weights = 0;
  data.y.forEach((y, b) => {
    const w = classWeights[y]!;
    loss -= w * Math.log(Math.max(probs[b * classes + y]!, 1e-300));
    weights += w;
  });
  return weights ? loss / weights : 0;
}

/** Arg-max class per row. */
export function predictClasses(model: Model, x: Float64Array[]): Int32Array {
  const { probs, classes } = probabilities(model, x);
  return Int32Array.from(x, (_, b) => {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[b * classes + c]! > probs[b * classes + best]!) best = c;
    return best;
  });
}
