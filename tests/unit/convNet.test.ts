import { describe, expect, it } from 'vitest';
import { convGradientList, convLossAndGradients, convParameters, convProbabilities, createConvNet, trainConvForEpochs } from '../../scripts/train/convNet';
import { mulberry32 } from '../../scripts/train/prng';
import { worstGradientError } from './gradientCheck';

const gaussian = (rng: () => number): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

describe('conv branch', () => {
  it('gradients match central finite differences (convolutions, max pools, global pools, head)', () => {
    const rng = mulberry32(7);
    const net = createConvNet({ channels: 2, side: 8, convChannels: [3, 4], features: 3, hidden: [5], classes: 3 }, rng);
    for (const p of convParameters(net)) p.forEach((_, i) => (p[i] = p[i]! + gaussian(rng) * 0.1));
    const batch = 4;
    const features = Array.from({ length: batch }, () => Float64Array.from({ length: 3 }, () => gaussian(rng)));
    const thumbs = Array.from({ length: batch }, () => Float64Array.from({ length: 2 * 64 }, () => gaussian(rng)));
    const labels = Int32Array.from([0, 1, 2, 1]);
    const weights = [1, 2, 0.5];
    const grads = convGradientList(net, convLossAndGradients(net, features, thumbs, labels, weights, 0.01).grads);
    const loss = () => convLossAndGradients(net, features, thumbs, labels, weights, 0.01).loss;
    const worst = worstGradientError(convParameters(net), grads, loss);
    expect(worst).toBeLessThan(1e-5);
  });

  it('learns where a bright spot sits, which the features do not say', () => {
    // Class = quadrant of a bright 2×2 spot on an 8×8 noise picture; the features are pure noise.
    const rng = mulberry32(3);
    const make = (n: number) => {
      const features: Float64Array[] = [], thumbs: Float64Array[] = [], y: number[] = [];
      for (let i = 0; i < n; i++) {
        const c = i % 2;
        const t = Float64Array.from({ length: 64 }, () => gaussian(rng) * 0.2);
        const x = c === 0 ? 1 + Math.floor(rng() * 2) : 5 + Math.floor(rng() * 2);
        const yy = Math.floor(rng() * 7);
        for (const [dy, dx] of [[0, 0], [0, 1], [1, 0], [1, 1]]) t[(yy + dy!) * 8 + x + dx!] = 3;
        features.push(Float64Array.from({ length: 2 }, () => gaussian(rng)));
        thumbs.push(t);
        y.push(c);
      }
      return { features, thumbs, y: Int32Array.from(y) };
    };
    const train = make(200);
    const test = make(60);
    const net = trainConvForEpochs(train, { channels: 1, side: 8, convChannels: [4, 4], hidden: [8], classes: 2, seed: 1, epochs: 30, batchSize: 16, rate: 1e-2, l2: 0 });
    const probs = convProbabilities(net, test.features, test.thumbs);
    const right = Array.from(test.y).filter((c, r) => (probs[r * 2 + c]! > 0.5 ? 1 : 0)).length;
    expect(right / test.y.length).toBeGreaterThan(0.9);
  });
});
