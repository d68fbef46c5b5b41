import { backpropagate, createMlp, forward, ParameterAdam, type Gradients, type Mlp } from './mlp';
import { mulberry32, shuffle } from './prng';
import { classWeightsFor } from './train';
import type { Rng } from './prng';

/**
 * A small convolutional branch beside the feature MLP, measured by convStudy.ts: the thumbnail
 * (channels × side × side) goes through 3×3 convolutions (padding 1, ReLU), a 2×2 max pool after
 * every one but the last, then global average and global max pooling per channel; those
 * 2 · channels numbers join the standardised features as the head MLP's input. Weight sharing and
 * global pooling give the pixels a few hundred weights instead of the thousands a dense layer on
 * the raw thumbnail needs (the thumbnail MLPs of session 6 fitted the training pictures in four
 * epochs). Float64, exact gradients; every op has an ONNX twin (Conv, Relu, MaxPool,
 * GlobalAveragePool, GlobalMaxPool, Concat, Gemm, Softmax).
 */
export interface ConvLayer {
  inputs: number;
  outputs: number;
  /** Side of this layer's (square) input and output maps. */
  side: number;
  /** [outputs][inputs][3][3], ONNX Conv's weight layout. */
  weights: Float64Array;
  bias: Float64Array;
}

export interface ConvNet {
  convs: ConvLayer[];
  head: Mlp;
  /** Feature-vector length ahead of the pooled channels in the head's input. */
  features: number;
}

export interface ConvShape {
  channels: number;
  side: number;
  /** Output channels of each conv layer. */
  convChannels: number[];
  features: number;
  hidden: number[];
  classes: number;
}

export function createConvNet(shape: ConvShape, rng: Rng): ConvNet {
  const convs: ConvLayer[] = [];
  let inputs = shape.channels;
  let side = shape.side;
  shape.convChannels.forEach((outputs, l) => {
    const fanIn = inputs * 9;
    const limit = Math.sqrt(6 / fanIn);
    convs.push({ inputs, outputs, side, weights: new Float64Array(outputs * fanIn).map(() => (rng() * 2 - 1) * limit), bias: new Float64Array(outputs) });
    inputs = outputs;
    if (l < shape.convChannels.length - 1) side /= 2;
  });
  if (!Number.isInteger(side)) throw new Error(`thumbnail side ${shape.side} does not halve ${shape.convChannels.length - 1} times`);
  const head = createMlp([shape.features + 2 * inputs, ...shape.hidden, shape.classes], rng);
  return { convs, head, features: shape.features };
}

/**
 * Calls tap(patchIndex, mapIndex) for every in-map 3×3 neighbour of every pixel: the pairing of
 * a patch cell (p · inputs·9 + i·9 + k) with the input-map cell it copies. Pixels off the map
 * (padding 1) have no tap, so their patch cells stay 0.
 */
function forEachTap(inputs: number, side: number, tap: (patchIndex: number, mapIndex: number) => void): void {
  const area = side * side;
  const width = inputs * 9;
  for (let y = 0; y < side; y++) {
    for (let xx = 0; xx < side; xx++) {
      const row = (y * side + xx) * width;
      for (let ky = 0; ky < 3; ky++) {
        const sy = y + ky - 1;
        if (sy < 0 || sy >= side) continue;
        for (let kx = 0; kx < 3; kx++) {
          const sx = xx + kx - 1;
          if (sx < 0 || sx >= side) continue;
          for (let i = 0; i < inputs; i++) tap(row + i * 9 + ky * 3 + kx, i * area + sy * side + sx);
        }
      }
    }
  }
}

/**
 * A sample's 3×3 neighbourhoods, one row per output pixel (im2col). The convolution is then a
 * plain product with contiguous inner loops (20% faster in V8 than sliding the kernel over the
 * maps, measured on the 16 px thumbnail).
 */
function toPatches(layer: ConvLayer, x: Float64Array): Float64Array {
  const patches = new Float64Array(layer.side * layer.side * layer.inputs * 9);
  forEachTap(layer.inputs, layer.side, (patch, map) => (patches[patch] = x[map]!));
  return patches;
}

/** One sample's convolution from its patches: out[o][p] = b[o] + Σ_j W[o][j] · patches[p][j]. */
function convolve(layer: ConvLayer, patches: Float64Array, out: Float64Array): void {
  const area = layer.side * layer.side;
  const width = layer.inputs * 9;
  // Locals, not property loads: V8 did not hoist layer.weights out of the inner loop.
  const weights = layer.weights;
  for (let o = 0; o < layer.outputs; o++) {
    const w = o * width;
    const bias = layer.bias[o]!;
    for (let p = 0; p < area; p++) {
      // Four running sums: shorter dependency chains let V8 overlap the multiplies (−15% time).
      let s0 = bias, s1 = 0, s2 = 0, s3 = 0;
      const row = p * width;
      let j = 0;
      for (; j + 3 < width; j += 4) {
        s0 += weights[w + j]! * patches[row + j]!;
        s1 += weights[w + j + 1]! * patches[row + j + 1]!;
        s2 += weights[w + j + 2]! * patches[row + j + 2]!;
        s3 += weights[w + j + 3]! * patches[row + j + 3]!;
      }
      for (; j < width; j++) s0 += weights[w + j]! * patches[row + j]!;
      out[o * area + p] = s0 + s1 + s2 + s3;
    }
  }
}

/** Gradients of one sample's convolution: dW, db accumulate; dx (if given) is the input's
 * gradient, folded back from the patches' (col2im). Zero output gradients (ReLU) are skipped. */
function convolveBack(layer: ConvLayer, patches: Float64Array, dOut: Float64Array, dW: Float64Array, dB: Float64Array, dx: Float64Array | null): void {
  const { inputs, outputs, side } = layer;
  const area = side * side;
  const width = inputs * 9;
  const dPatches = dx ? new Float64Array(patches.length) : null;
  const weights = layer.weights;
  for (let o = 0; o < outputs; o++) {
    const w = o * width;
    for (let p = 0; p < area; p++) {
      const d = dOut[o * area + p]!;
      if (d === 0) continue;
      dB[o] += d;
      const row = p * width;
      for (let j = 0; j < width; j++) dW[w + j] += d * patches[row + j]!;
      if (dPatches) for (let j = 0; j < width; j++) dPatches[row + j] += d * weights[w + j]!;
    }
  }
  if (!dx || !dPatches) return;
  // col2im: each patch cell's gradient back to the map cell it copied.
  forEachTap(inputs, side, (patch, map) => (dx[map] += dPatches[patch]!));
}

/** One sample's pass through the conv branch, with what backward needs. */
interface BranchTrace {
  /** Input of each conv layer (the thumbnail, then pooled maps), as patches (toPatches). */
  patches: Float64Array[];
  /** ReLU output of each conv layer. */
  activations: Float64Array[];
  /** For each pooled layer, the winning index in `activations[l]` of every pooled cell. */
  poolArgmax: Int32Array[];
  /** Index of each channel's maximum in the last activation. */
  maxAt: Int32Array;
  /** [average per channel..., max per channel...]. */
  pooled: Float64Array;
}

function branchForward(net: ConvNet, thumb: Float64Array): BranchTrace {
  const patches: Float64Array[] = [];
  let input = thumb;
  const activations: Float64Array[] = [];
  const poolArgmax: Int32Array[] = [];
  net.convs.forEach((layer, l) => {
    const area = layer.side * layer.side;
    const a = new Float64Array(layer.outputs * area);
    patches.push(toPatches(layer, input));
    convolve(layer, patches[l]!, a);
    for (let k = 0; k < a.length; k++) if (a[k]! < 0) a[k] = 0;
    activations.push(a);
    if (l === net.convs.length - 1) return;
    const half = layer.side / 2;
    const pooled = new Float64Array(layer.outputs * half * half);
    const argmax = new Int32Array(pooled.length);
    for (let c = 0; c < layer.outputs; c++) {
      for (let y = 0; y < half; y++) {
        for (let x = 0; x < half; x++) {
          const corner = c * area + 2 * y * layer.side + 2 * x;
          let best = corner;
          if (a[corner + 1]! > a[best]!) best = corner + 1;
          if (a[corner + layer.side]! > a[best]!) best = corner + layer.side;
          if (a[corner + layer.side + 1]! > a[best]!) best = corner + layer.side + 1;
          const cell = c * half * half + y * half + x;
          pooled[cell] = a[best]!;
          argmax[cell] = best;
        }
      }
    }
    input = pooled;
    poolArgmax.push(argmax);
  });
  const last = net.convs[net.convs.length - 1]!;
  const a = activations[activations.length - 1]!;
  const area = last.side * last.side;
  const pooled = new Float64Array(2 * last.outputs);
  const maxAt = new Int32Array(last.outputs);
  for (let c = 0; c < last.outputs; c++) {
    let sum = 0, best = c * area;
    for (let k = c * area; k < (c + 1) * area; k++) {
      sum += a[k]!;
      if (a[k]! > a[best]!) best = k;
    }
    pooled[c] = sum / area;
    pooled[last.outputs + c] = a[best]!;
    maxAt[c] = best;
  }
  return { patches, activations, poolArgmax, maxAt, pooled };
}

/** The head's input row: features, then the branch's pooled channels. */
function headRow(net: ConvNet, features: Float64Array, pooled: Float64Array): Float64Array {
  const row = new Float64Array(net.features + pooled.length);
  row.set(features);
  row.set(pooled, net.features);
  return row;
}

/** Class probabilities [rows × classes] for standardised features and thumbnails. */
export function convProbabilities(model: ConvNet | readonly ConvNet[], features: Float64Array[], thumbs: Float64Array[]): Float64Array {
  const members = Array.isArray(model) ? model : [model as ConvNet];
  const classes = members[0]!.head.layers[members[0]!.head.layers.length - 1]!.outputs;
  const probs = new Float64Array(features.length * classes);
  for (const net of members) {
    const input = new Float64Array(features.length * (net.features + 2 * net.convs[net.convs.length - 1]!.outputs));
    const width = input.length / features.length;
    features.forEach((f, b) => input.set(headRow(net, f, branchForward(net, thumbs[b]!).pooled), b * width));
    const acts = forward(net.head, input, features.length);
    acts[acts.length - 1]!.forEach((p, k) => (probs[k]! += p / members.length));
  }
  return probs;
}

export interface ConvGradients {
  convWeights: Float64Array[];
  convBias: Float64Array[];
  head: Gradients;
}

/**
 * Mean class-weighted softmax cross-entropy plus L2 (on every weight, conv and dense, not biases)
 * of a minibatch, and its exact gradient.
 */
export function convLossAndGradients(net: ConvNet, features: Float64Array[], thumbs: Float64Array[], labels: Int32Array, classWeights: ArrayLike<number>, l2: number): { loss: number; grads: ConvGradients } {
  const batch = labels.length;
  const traces = thumbs.map((t) => branchForward(net, t));
  const width = net.features + traces[0]!.pooled.length;
  const input = new Float64Array(batch * width);
  traces.forEach((t, b) => input.set(headRow(net, features[b]!, t.pooled), b * width));
  const acts = forward(net.head, input, batch);
  const probs = acts[acts.length - 1]!;
  const classes = net.head.layers[net.head.layers.length - 1]!.outputs;
  let weightSum = 0;
  for (let b = 0; b < batch; b++) weightSum += classWeights[labels[b]!]!;
  let loss = 0;
  const delta = new Float64Array(batch * classes);
  for (let b = 0; b < batch; b++) {
    const y = labels[b]!;
    const w = classWeights[y]! / weightSum;
    loss -= w * Math.log(Math.max(probs[b * classes + y]!, 1e-300));
    for (let c = 0; c < classes; c++) delta[b * classes + c] = w * (probs[b * classes + c]! - (c === y ? 1 : 0));
  }
  const { loss: headLoss, grads: head, inputDelta } = backpropagate(net.head, acts, delta, batch, l2, loss, true);
  const convWeights = net.convs.map((c) => new Float64Array(c.weights.length));
  const convBias = net.convs.map((c) => new Float64Array(c.outputs));
  const last = net.convs.length - 1;
  traces.forEach((trace, b) => {
    const lastLayer = net.convs[last]!;
    const area = lastLayer.side * lastLayer.side;
    let d = new Float64Array(lastLayer.outputs * area);
    const dPooled = inputDelta!.subarray(b * width + net.features, (b + 1) * width);
    for (let c = 0; c < lastLayer.outputs; c++) {
      const avg = dPooled[c]! / area;
      for (let k = c * area; k < (c + 1) * area; k++) d[k] = avg;
      d[trace.maxAt[c]!] += dPooled[lastLayer.outputs + c]!;
    }
    for (let l = last; l >= 0; l--) {
      const layer = net.convs[l]!;
      const a = trace.activations[l]!;
      for (let k = 0; k < d.length; k++) if (a[k]! <= 0) d[k] = 0;
      const dx = l > 0 ? new Float64Array(layer.inputs * layer.side * layer.side) : null;
      convolveBack(layer, trace.patches[l]!, d, convWeights[l]!, convBias[l]!, dx);
      if (!dx) break;
      // Back through the previous layer's max pool: each pooled cell's gradient to its winner.
      const argmax = trace.poolArgmax[l - 1]!;
      d = new Float64Array(trace.activations[l - 1]!.length);
      for (let cell = 0; cell < argmax.length; cell++) d[argmax[cell]!] += dx[cell]!;
    }
  });
  let total = headLoss;
  net.convs.forEach((layer, l) => {
    const g = convWeights[l]!;
    for (let k = 0; k < g.length; k++) {
      g[k] += l2 * layer.weights[k]!;
      total += 0.5 * l2 * layer.weights[k]! ** 2;
    }
  });
  return { loss: total, grads: { convWeights, convBias, head } };
}

/** Every trainable array of a net, in a fixed order shared with its gradients. */
export function convParameters(net: ConvNet): Float64Array[] {
  return [...net.convs.flatMap((c) => [c.weights, c.bias]), ...net.head.layers.flatMap((l) => [l.weights, l.bias])];
}

export function convGradientList(net: ConvNet, g: ConvGradients): Float64Array[] {
  return [...net.convs.flatMap((_, l) => [g.convWeights[l]!, g.convBias[l]!]), ...net.head.layers.flatMap((_, l) => [g.head.weights[l]!, g.head.bias[l]!])];
}

export interface ConvTrainData {
  /** Standardised feature rows. */
  features: Float64Array[];
  /** Standardised thumbnails, channel-major. */
  thumbs: Float64Array[];
  y: Int32Array;
}

export interface ConvTrainOptions extends Omit<ConvShape, 'features'> {
  seed: number;
  epochs: number;
  batchSize: number;
  rate: number;
  l2: number;
}

/** Minibatch Adam for exactly `epochs` epochs (the MLP trainer's schedule, crossValidation.ts's
 * trainForEpochs); `afterEpoch` sees the net after each one, to score held-out rows. */
export function trainConvForEpochs(data: ConvTrainData, options: ConvTrainOptions, afterEpoch?: (epoch: number, net: ConvNet) => void): ConvNet {
  const rng = mulberry32(options.seed);
  const net = createConvNet({ ...options, features: data.features[0]!.length }, rng);
  const classWeights = classWeightsFor(data.y, options.classes);
  const adam = new ParameterAdam(convParameters(net), options.rate);
  const order = Array.from({ length: data.y.length }, (_, i) => i);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffle(rng, order);
    for (let start = 0; start < order.length; start += options.batchSize) {
      const batch = order.slice(start, start + options.batchSize);
      const { grads } = convLossAndGradients(net, batch.map((i) => data.features[i]!), batch.map((i) => data.thumbs[i]!), Int32Array.from(batch, (i) => data.y[i]!), classWeights, options.l2);
      adam.step(convGradientList(net, grads));
    }
    afterEpoch?.(epoch, net);
  }
  return net;
}
