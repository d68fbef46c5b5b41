import type { Rng } from './prng';

/**
 * A small fully connected network (ReLU hidden layers, softmax output) in float64, with the
 * exact gradients training needs. Weights are stored [in][out] row-major, which is what ONNX
 * Gemm takes with transB = 0, so export copies them as they are.
 */
export interface Layer {
  inputs: number;
  outputs: number;
  weights: Float64Array; // inputs × outputs
  bias: Float64Array; // outputs
}

export interface Mlp {
  layers: Layer[];
}

export function createMlp(sizes: number[], rng: Rng): Mlp {
  const layers: Layer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l]!;
    const outputs = sizes[l + 1]!;
    // He-uniform: keeps ReLU activations at a stable scale through the layers.
    const limit = Math.sqrt(6 / inputs);
    const weights = new Float64Array(inputs * outputs).map(() => (rng() * 2 - 1) * limit);
    layers.push({ inputs, outputs, weights, bias: new Float64Array(outputs) });
  }
  return { layers };
}

/**
 * Activations of every layer for a batch: acts[0] is the input, hidden layers are ReLU, and the
 * last is the softmax (a classifier) or left linear (a regression head, `output: 'linear'`).
 */
export function forward(mlp: Mlp, input: Float64Array, batch: number, output: 'softmax' | 'linear' = 'softmax'): Float64Array[] {
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
    const last = l === mlp.layers.length - 1;
    if (!last) {
      for (let k = 0; k < z.length; k++) if (z[k]! < 0) z[k] = 0;
    } else if (output === 'softmax') {
      softmaxRows(z, batch, layer.outputs);
    }
    acts.push(z);
  });
  return acts;
}

export function softmaxRows(z: Float64Array, rows: number, cols: number): void {
  for (let b = 0; b < rows; b++) {
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, z[b * cols + c]!);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += z[b * cols + c] = Math.exp(z[b * cols + c]! - max);
    for (let c = 0; c < cols; c++) z[b * cols + c]! /= sum;
  }
}

/** Class probabilities for one feature vector (the reference the ONNX export must reproduce). */
export function predict(mlp: Mlp, features: ArrayLike<number>): Float64Array {
  const acts = forward(mlp, Float64Array.from(features), 1);
  return acts[acts.length - 1]!;
}

/** The mean of the members' class probabilities: the exported ensemble's reference. */
export function predictEnsemble(members: readonly Mlp[], features: ArrayLike<number>): Float64Array {
  const out = new Float64Array(members[0]!.layers[members[0]!.layers.length - 1]!.outputs);
  for (const mlp of members) predict(mlp, features).forEach((p, c) => (out[c]! += p / members.length));
  return out;
}

export interface Gradients {
  weights: Float64Array[];
  bias: Float64Array[];
}

export interface LossOptions {
  /** Per-class weight on the cross-entropy (counters class imbalance). */
  classWeights: ArrayLike<number>;
  /** L2 penalty on weights (not biases): lossTerm = l2/2 · Σw². */
  l2: number;
}

/**
 * Mean weighted softmax cross-entropy plus L2, and its exact gradient. The batch mean divides by
 * the sum of the sample weights, so class weights change emphasis, not the learning rate.
 */
export function lossAndGradients(mlp: Mlp, input: Float64Array, labels: Int32Array, options: LossOptions): { loss: number; grads: Gradients } {
  const batch = labels.length;
  const acts = forward(mlp, input, batch);
  const probs = acts[acts.length - 1]!;
  const classes = mlp.layers[mlp.layers.length - 1]!.outputs;
  let weightSum = 0;
  for (let b = 0; b < batch; b++) weightSum += options.classWeights[labels[b]!]!;
  let loss = 0;
  // dL/dz for softmax + cross-entropy: (p − onehot) · w / Σw.
  const delta = new Float64Array(batch * classes);
  for (let b = 0; b < batch; b++) {
    const y = labels[b]!;
    const w = options.classWeights[y]! / weightSum;
    loss -= w * Math.log(Math.max(probs[b * classes + y]!, 1e-300));
    for (let c = 0; c < classes; c++) delta[b * classes + c] = w * (probs[b * classes + c]! - (c === y ? 1 : 0));
  }
  return backpropagate(mlp, acts, delta, batch, options.l2, loss);
}

/**
 * Back-propagates dL/d(last layer's output) `delta` (batch-major) through the Gemm + ReLU layers
 * of a forward pass `acts`: every layer's gradients, with the L2 penalty (l2/2 · Σw², weights
 * only) added to `loss` and to the weight gradients. Shared by the classifier's cross-entropy and
 * the parameter model's squared error, which differ only in their output layer.
 */
export function backpropagate(mlp: Mlp, acts: Float64Array[], delta: Float64Array, batch: number, l2: number, loss: number, inputGradient = false): { loss: number; grads: Gradients; inputDelta?: Float64Array } {
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
    if (l > 0 || inputGradient) {
      // Back through this layer's weights and the previous layer's ReLU (the input has none).
      const next = new Float64Array(batch * layer.inputs);
      for (let b = 0; b < batch; b++) {
        for (let i = 0; i < layer.inputs; i++) {
          if (l > 0 && x[b * layer.inputs + i]! <= 0) continue;
          let s = 0;
          for (let o = 0; o < layer.outputs; o++) s += layer.weights[i * layer.outputs + o]! * delta[b * layer.outputs + o]!;
          next[b * layer.inputs + i] = s;
        }
      }
      delta = next;
    }
  }
  return inputGradient ? { loss, grads, inputDelta: delta } : { loss, grads };
}

/** Adam (Kingma & Ba) over any list of parameter arrays, updated in place; step() takes their
 * gradients in the same order. */
export class ParameterAdam {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private t = 0;
  constructor(private readonly params: Float64Array[], private readonly rate = 1e-3, private readonly beta1 = 0.9, private readonly beta2 = 0.999, private readonly epsilon = 1e-8) {
    this.m = params.map((p) => new Float64Array(p.length));
    this.v = params.map((p) => new Float64Array(p.length));
  }

  step(gradients: Float64Array[]): void {
    this.t++;
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    this.params.forEach((p, k) => {
      const g = gradients[k]!, m = this.m[k]!, v = this.v[k]!;
      for (let i = 0; i < p.length; i++) {
        m[i] = this.beta1 * m[i]! + (1 - this.beta1) * g[i]!;
        v[i] = this.beta2 * v[i]! + (1 - this.beta2) * g[i]! ** 2;
        p[i] -= (this.rate * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + this.epsilon);
      }
    });
  }
}

/** Adam over all of an MLP's weights and biases. */
export class Adam {
  private readonly inner: ParameterAdam;
  constructor(private readonly mlp: Mlp, rate = 1e-3) {
    this.inner = new ParameterAdam(mlp.layers.flatMap((layer) => [layer.weights, layer.bias]), rate);
  }

  step(grads: Gradients): void {
    this.inner.step(this.mlp.layers.flatMap((_, l) => [grads.weights[l]!, grads.bias[l]!]));
  }
}

export function cloneMlp(mlp: Mlp): Mlp {
  return { layers: mlp.layers.map((l) => ({ ...l, weights: l.weights.slice(), bias: l.bias.slice() })) };
}
