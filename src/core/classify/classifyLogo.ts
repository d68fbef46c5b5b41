import { describeImage } from '../features/extractFeatures';
import type { Host } from '../host';
import type { LogoClass, Raster } from '../types';
import { loadClassifier } from './loadClassifier';
import { classifyByRules } from './rules';

export interface Classification {
  class: LogoClass;
  /** Probability of the chosen class (1 for the rules, which have no probabilities). */
  confidence: number;
  probabilities: Record<LogoClass, number>;
  /** Wall time of the call, including a first-call model load. */
  ms: number;
  featureMs: number;
  inferenceMs: number;
  source: 'model' | 'rules';
  /** The feature vector the class was predicted from (the parameter model reads it too). */
  features: Float32Array;
  /** The smallest distance between two of the image's flat colours (planParams reads it). */
  flatColourGap: number;
}

/**
 * Predicts the logo's kind with the ONNX model. Errors are ConvertErrors with MODEL_UNAVAILABLE
 * or MODEL_INVALID when the model cannot be used; `classifyLogoByRules` is the explicit fallback.
 */
export async function classifyLogo(signal: AbortSignal | null | undefined, raster: Raster, host: Host): Promise<Classification> {
  signal?.throwIfAborted();
  const started = performance.now();
  const classifier = await loadClassifier(host);
  signal?.throwIfAborted();
  const t0 = performance.now();
  const { features, flatColourGap } = describeImage(raster);
  const t1 = performance.now();
  const output = await classifier.run(features);
  const t2 = performance.now();
  const classes = classifier.entry.classes;
  let best = 0;
  for (let i = 1; i < classes.length; i++) if (output[i]! > output[best]!) best = i;
  const probabilities = { simple: 0, text: 0, gradient: 0, complex: 0 };
  classes.forEach((c, i) => (probabilities[c] = output[i]!));
  return {
    class: classes[best]!,
    confidence: output[best]!,
    probabilities,
    ms: t2 - started,
    featureMs: t1 - t0,
    inferenceMs: t2 - t1,
    source: 'model',
    features,
    flatColourGap,
  };
}

/** The rule-based baseline on the same features: no model, no wasm, same result shape. */
export function classifyLogoByRules(raster: Raster): Classification {
  const t0 = performance.now();
  const { features, flatColourGap } = describeImage(raster);
  const predicted = classifyByRules(features);
  const ms = performance.now() - t0;
  const probabilities = { simple: 0, text: 0, gradient: 0, complex: 0 };
  probabilities[predicted] = 1;
  return { class: predicted, confidence: 1, probabilities, ms, featureMs: ms, inferenceMs: 0, source: 'rules', features, flatColourGap };
}
