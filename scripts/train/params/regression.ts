import { Adam, cloneMlp, createMlp, type Gradients, type Mlp } from '../mlp';
import { mulberry32, shuffle } from '../prng';
import { pack } from '../train';

/**
 * The classifier's MLP with a linear output layer, trained on mean squared error: the parameter
 * model regresses several numbers per image (predicted fidelity and size of each candidate).
 */
export function forwardLinear(mlp: Mlp, input: Float64Array, batch: number): Float64Array[] {
  const acts: Float64Array[] = [input];
  mlp.layers.forEach((layer, l) => {
    const x = acts[l]!;
    const z = new Float64Array(batch * layer.outputs);
    for (let b = 0; b < batch; b++) {
      for (let o = 0; o < layer.outputs; o++) z[b * layer.outputs + o] = layer.bias[o]!;
      for (let i = 0; i < layer.inputs; i++) {
        const xi = x[b * layer.inputs + i]!;
        if (xi === 0) continue;
        const row = i * layer.outputs;
        for (let o = 0; o < layer.outputs; o++) z[b * layer.outputs + o] += xi * layer.weights[row + o]!;
      }
    }
    if (l < mlp.layers.length - 1) for (let k = 0; k < z.length; k++) if (z[k]! < 0) z[k] = 0;
    acts.push(z);
  });
  return acts;
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
  let delta = new Float64Array(out.length);
  for (let k = 0; k < out.length; k++) {
    const e = out[k]! - target[k]!;
    loss += (e * e) / (2 * batch);
    delta[k] = e / batch;
  }
  const grads: Gradients = { weights: [], bias: [] };
  for (let l = mlp.layers.length - 1; l >= 0; l--) {
    const layer = mlp.layers[l]!;
    const x = acts[l]!;
    const gw = new Float64Array(layer.weights.length);
    const gb = new Float64Array(layer.outputs);
    for (let b = 0; b < batch; b++) {
      for (let o = 0; o < layer.outputs; o++) gb[o] += delta[b * layer.outputs + o]!;
      for (let i = 0; i < layer.inputs; i++) {
        const xi = x[b * layer.inputs + i]!;
        if (xi === 0) continue;
        for (let o = 0; o < layer.outputs; o++) gw[i * layer.outputs + o] += xi * delta[b * layer.outputs + o]!;
      }
    }
    for (let k = 0; k < gw.length; k++) {
      gw[k] += l2 * layer.weights[k]!;
      loss += 0.5 * l2 * layer.weights[k]! ** 2;
    }
    grads.weights[l] = gw;
    grads.bias[l] = gb;
    if (l > 0) {
      const next = new Float64Array(batch * layer.inputs);
      for (let b = 0; b < batch; b++) {
        for (let i = 0; i < layer.inputs; i++) {
          if (x[b * layer.inputs + i]! <= 0) continue; // the previous layer's ReLU
          let s = 0;
          for (let o = 0; o < layer.outputs; o++) s += layer.weights[i * layer.outputs + o]! * delta[b * layer.outputs + o]!;
          next[b * layer.inputs + i] = s;
        }
      }
      delta = next;
    }
  }
  return { loss, grads };
}

export interface RegressionSet {
  /** Standardised inputs and (standardised) targets, one row per sample. */
  x: Float64Array[];
  y: Float64Array[];
}

export interface RegressionOptions {
  hidden: number[];
  seed: number;
  maxEpochs: number;
  batchSize: number;
  rate: number;
  l2: number;
  patience: number;
}

/** Minibatch Adam; keeps the epoch with the lowest validation error (early stopping). */
export function trainRegression(train: RegressionSet, validation: RegressionSet, options: RegressionOptions): { mlp: Mlp; bestEpoch: number; bestValidationLoss: number; epochs: number } {
  const rng = mulberry32(options.seed);
  const mlp = createMlp([train.x[0]!.length, ...options.hidden, train.y[0]!.length], rng);
  const adam = new Adam(mlp, options.rate);
  const order = train.x.map((_, i) => i);
  let best = { mlp: cloneMlp(mlp), epoch: 0, loss: Infinity };
  let epoch = 0;
  for (; epoch < options.maxEpochs && epoch - best.epoch <= options.patience; epoch++) {
    shuffle(rng, order);
    for (let start = 0; start < order.length; start += options.batchSize) {
      const batch = order.slice(start, start + options.batchSize);
      const { grads } = mseAndGradients(mlp, pack(batch.map((i) => train.x[i]!)), pack(batch.map((i) => train.y[i]!)), batch.length, options.l2);
      adam.step(grads);
    }
    const loss = meanSquaredError(mlp, validation);
    if (loss < best.loss) best = { mlp: cloneMlp(mlp), epoch, loss };
  }
  return { mlp: best.mlp, bestEpoch: best.epoch, bestValidationLoss: best.loss, epochs: epoch };
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
