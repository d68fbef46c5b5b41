import type { Host } from '../host';
import { requireLogoClasses, type ClassifierEntry } from './manifest';
import { sharedModel, type ModelSession } from './modelSession';

export const CLASSIFIER_MODEL = 'classifier';

/** `run` returns class probabilities in `entry.classes` order. */
export type Classifier = ModelSession<ClassifierEntry>;

const classifier = sharedModel({ name: CLASSIFIER_MODEL, asset: 'models/classifier.onnx', check: requireLogoClasses });

/**
 * The classifier, created once per JS realm (see sharedModel). Throws ConvertError
 * MODEL_UNAVAILABLE (no model, runtime did not start) or MODEL_INVALID (bytes differ from the
 * manifest, wrong input contract).
 */
export function loadClassifier(host: Host): Promise<Classifier> {
  return classifier.load(host);
}

/** Releases the session (and its wasm memory); the next loadClassifier creates a new one. */
export function disposeClassifier(): Promise<void> {
  return classifier.dispose();
}
