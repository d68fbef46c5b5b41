import { backpropagate, createMlp, forward, type Gradients, type Mlp } from '../mlp';
import { mulberry32 } from '../prng';
import { adamWithEarlyStopping, pack, type TrainOptions } from '../train';

/**
 * The classifier's MLP with a linear output layer, trained on mean squared error: the parameter
 * model regresses several numbers per image (predicted fidelity and size of each candidate).
 */
export function forwardLinear(mlp: Mlp, input: Float64Array, batch: number): Float64Array[] {
  return forward(mlp, input, batch, 'linear');
}

export function predictLinear(mlp: Mlp, row: ArrayLike<number>): Float64Array {
  const acts = forwardLinear(mlp, Float64Array.from(row), 1);
  return acts[acts.length - 1]!;
}

/** Mean (over samples) of the summed squared error over outputs, plus l2/2 · Σw², and its gradient. */
export function mseAndGradients(mlp: Mlp, input: Float64Array, target: Float64Array, batch: number, l2: number): { loss: number; grads: Gradients } {
  const acts = forwardLinear(mlp, input, batch);
  const out = acts[acts.length - 1]!;
  let loss = 0;
  const delta = new Float64Array(out.length);
  for (let k = 0; k < out.length; k++) {
    const e = out[k]! - target[k]!;
    loss += (e * e) / (2 * batch);
    delta[k] = e / batch;
  }
  return backpropagate(mlp, acts, delta, batch, l2, loss);
}

export interface RegressionSet {
  /** Standardised inputs and (standardised) targets, one row per sample. */
  x: Float64Array[];
  y: Float64Array[];
}

/** The classifier trainer's options without a class count: the output size is the targets'. */
export type RegressionOptions = Omit<TrainOptions, 'classes'>;

/** Minibatch Adam; keeps the epoch with the lowest validation error (early stopping). */
export function trainRegression(train: RegressionSet, validation: RegressionSet, options: RegressionOptions): { mlp: Mlp; bestEpoch: number; bestValidationLoss: number; epochs: number } {
  const rng = mulberry32(options.seed);
  const mlp = createMlp([train.x[0]!.length, ...options.hidden, train.y[0]!.length], rng);
  return adamWithEarlyStopping(mlp, rng, train.x.length, options,
    (batch) => mseAndGradients(mlp, pack(batch.map((i) => train.x[i]!)), pack(batch.map((i) => train.y[i]!)), batch.length, options.l2).grads,
    () => meanSquaredError(mlp, validation));
}

export function meanSquaredError(mlp: Mlp, data: RegressionSet): number {
  const out = forwardLinear(mlp, pack(data.x), data.x.length).at(-1)!;
  const target = pack(data.y);
  let sum = 0;
  for (let k = 0; k < out.length; k++) sum += (out[k]! - target[k]!) ** 2;
  return sum / (2 * data.x.length);
}

/**
 * Folds a per-output de-standardisation (y = z · scale + offset) into the last layer, so the
 * exported graph outputs the targets in their own units.
 */
export function foldOutputScale(mlp: Mlp, scale: ArrayLike<number>, offset: ArrayLike<number>): void {
  const last = mlp.layers.at(-1)!;
  for (let i = 0; i < last.inputs; i++) for (let o = 0; o < last.outputs; o++) last.weights[i * last.outputs + o] *= scale[o]!;
  for (let o = 0; o < last.outputs; o++) last.bias[o] = last.bias[o]! * scale[o]! + offset[o]!;
}
