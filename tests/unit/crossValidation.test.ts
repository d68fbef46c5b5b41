import { describe, expect, it } from 'vitest';
import { argmaxRows, crossValidate, foldOf, trainForEpochs, weightedLoss } from '../../scripts/train/crossValidation';
import { mulberry32 } from '../../scripts/train/prng';
import { classWeightsFor, crossEntropy, predictClasses, probabilities } from '../../scripts/train/train';

const gaussian = (rng: () => number): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

/** Three separable clusters in 4-D; every group ("image") has two rows ("sizes") close together. */
function grouped(seed: number, groupsPerClass: number): { rows: Float64Array[]; y: Int32Array; groups: string[] } {
  const rng = mulberry32(seed);
  const rows: Float64Array[] = [], y: number[] = [], groups: string[] = [];
  for (let c = 0; c < 3; c++) {
    for (let g = 0; g < groupsPerClass; g++) {
      const centre = Array.from({ length: 4 }, (_, k) => (k === c ? 3 : 0) + gaussian(rng) * 0.5);
      for (let copy = 0; copy < 2; copy++) {
        rows.push(Float64Array.from(centre, (v) => v + gaussian(rng) * 0.05));
        y.push(c);
        groups.push(`c${c}-g${g}`);
      }
    }
  }
  return { rows, y: Int32Array.from(y), groups };
}

const options = { hidden: [8], classes: 3, batchSize: 16, rate: 1e-2, l2: 1e-4 };

describe('cross-validation', () => {
  it('assigns folds by group, stably, and uses every fold', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `icon-${i}`);
    const folds = ids.map((id) => foldOf(id, 5));
    expect(ids.map((id) => foldOf(id, 5))).toEqual(folds);
    expect(new Set(folds)).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('trains for exactly the asked epochs, reproducibly from its seed', () => {
    const data = grouped(1, 10);
    const train = { x: data.rows, y: data.y };
    const seen: number[] = [];
    const a = trainForEpochs(train, { ...options, seed: 4, epochs: 30 }, (epoch) => seen.push(epoch));
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(trainForEpochs(train, { ...options, seed: 4, epochs: 30 }).mlp).toEqual(a.mlp);
    expect([...predictClasses(a.mlp, data.rows)]).toEqual([...data.y]);
  });

  it('scores every row out of fold after every epoch, and held-out loss falls as the model learns', () => {
    const data = grouped(2, 12);
    const cv = crossValidate(data, { ...options, folds: 4, seeds: [1, 2], maxEpochs: 40 });
    expect(cv.probs).toHaveLength(40);
    // Every row got held-out probabilities from exactly one fold: each row sums to one.
    for (const p of [cv.probs[0]!, cv.probs[39]!]) {
      for (let r = 0; r < data.rows.length; r++) expect(p[r * 3]! + p[r * 3 + 1]! + p[r * 3 + 2]!).toBeCloseTo(1, 9);
    }
    expect(weightedLoss(cv.probs[39]!, 3, data.y)).toBeLessThan(weightedLoss(cv.probs[0]!, 3, data.y));
    const predicted = argmaxRows(cv.probs[39]!, 3);
    // Held out, the clusters still separate (a point near a neighbour's cluster may not).
    expect(predicted.filter((c, r) => c === data.y[r]).length / predicted.length).toBeGreaterThanOrEqual(0.9);
  });

  it('scores rows it never trains on with the fold that holds their group out, leaving the rest unchanged', () => {
    const data = grouped(4, 8);
    const cvOptions = { ...options, folds: 4, seeds: [1, 2], maxEpochs: 10 };
    const plain = crossValidate(data, cvOptions);
    // Copies of every training row, scored only: they get exactly their originals' held-out probabilities.
    const cv = crossValidate({ ...data, scored: { rows: data.rows.map((r) => r.slice()), groups: [...data.groups] } }, cvOptions);
    expect(cv.probs).toEqual(plain.probs);
    expect(plain.scoredProbs[9]).toHaveLength(0);
    for (const epoch of [0, 9]) {
      for (let i = 0; i < data.rows.length * 3; i++) expect(cv.scoredProbs[epoch]![i]).toBeCloseTo(cv.probs[epoch]![i]!, 12);
    }
  });

  it('weighted loss equals the trainer\'s class-weighted cross-entropy', () => {
    const data = grouped(3, 6);
    const { mlp } = trainForEpochs({ x: data.rows, y: data.y }, { ...options, seed: 5, epochs: 3 });
    const { probs } = probabilities(mlp, data.rows);
    expect(weightedLoss(probs, 3, data.y)).toBeCloseTo(crossEntropy(mlp, { x: data.rows, y: data.y }, classWeightsFor(data.y, 3)), 12);
    // A subset is weighted by its own class counts: one class alone is plain mean cross-entropy.
    const mean = data.rows.filter((_, r) => data.y[r] === 0).reduce((s, _, k) => s - Math.log(probs[k * 3]!), 0) / 12;
    expect(weightedLoss(probs, 3, data.y, (r) => data.y[r] === 0)).toBeCloseTo(mean, 12);
  });
});
