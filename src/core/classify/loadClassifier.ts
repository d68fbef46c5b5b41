// Browser (Vite) resolves the wasm-only build; Vitest aliases this to the package root, and plain
// Node (tsx, the CLI) resolves it to the same wasm build, which runs in Node as well.
import * as ort from 'onnxruntime-web/wasm';
import { ConvertError } from '../errors';
import type { Host } from '../host';
import { readModelEntry, type ModelEntry } from './manifest';
import { sha256Hex } from './sha256';

export const CLASSIFIER_MODEL = 'classifier';

export interface Classifier {
  entry: ModelEntry;
  /** Class probabilities for one feature vector, in `entry.classes` order. */
  run(features: Float32Array): Promise<Float32Array>;
  release(): Promise<void>;
}

let classifierPromise: Promise<Classifier> | null = null;

/**
 * The classifier, created once per JS realm (session creation costs 0.3–0.9 s; a run 0.03 ms).
 * The first caller's host is used; a failed load is not cached, so a later call retries.
 * Throws ConvertError MODEL_UNAVAILABLE (no model, runtime did not start) or MODEL_INVALID
 * (bytes differ from the manifest, wrong input contract).
 */
export function loadClassifier(host: Host): Promise<Classifier> {
  classifierPromise ??= createClassifier(host).catch((error: unknown) => {
    classifierPromise = null;
    throw error;
  });
  return classifierPromise;
}

/** Releases the session (and its wasm memory); the next loadClassifier creates a new one. */
export async function disposeClassifier(): Promise<void> {
  const pending = classifierPromise;
  classifierPromise = null;
  const classifier = await pending?.catch(() => null);
  await classifier?.release();
}

async function createClassifier(host: Host): Promise<Classifier> {
  const load = host.loadModelAsset?.bind(host);
  if (!load) throw new ConvertError('MODEL_UNAVAILABLE', 'This host provides no model files.');
  const fetchBytes = async (name: 'models/manifest.json' | 'models/classifier.onnx'): Promise<Uint8Array> => {
    try {
      return await load(name);
    } catch (error) {
      throw new ConvertError('MODEL_UNAVAILABLE', `Could not load ${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
  const entry = readModelEntry(await fetchBytes('models/manifest.json'), CLASSIFIER_MODEL);
  if (entry.file !== 'classifier.onnx') throw new ConvertError('MODEL_INVALID', `Unexpected classifier file "${entry.file}" in the manifest.`);
  const bytes = await fetchBytes('models/classifier.onnx');
  const sha256 = await sha256Hex(bytes);
  if (bytes.length !== entry.bytes || sha256 !== entry.sha256) {
    throw new ConvertError('MODEL_INVALID',
      `classifier.onnx does not match its manifest entry (${bytes.length} bytes, sha256 ${sha256.slice(0, 12)}…; expected ${entry.bytes} bytes, ${entry.sha256.slice(0, 12)}…).`);
  }

  // Threads would start wasm workers per session; the model is tiny and the app already runs
  // one conversion per worker, so one thread is both enough and cheapest in memory.
  ort.env.wasm.numThreads = 1;
  if (host.ortWasmPaths) ort.env.wasm.wasmPaths = host.ortWasmPaths;
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes);
  } catch (error) {
    throw new ConvertError('MODEL_UNAVAILABLE', `The ONNX runtime could not open the classifier: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!session.inputNames.includes(entry.input.name) || !session.outputNames.includes(entry.output.name)) {
    await session.release();
    throw new ConvertError('MODEL_INVALID', `classifier.onnx has inputs ${session.inputNames.join(',')} / outputs ${session.outputNames.join(',')}, not those in the manifest.`);
  }

  // One run at a time per session: overlapping runs are not supported by the wasm backend.
  let queue: Promise<unknown> = Promise.resolve();
  const run = (features: Float32Array): Promise<Float32Array> => {
    const next = queue.then(async () => {
      const input = new ort.Tensor('float32', features, [1, features.length]);
      const output = await session.run({ [entry.input.name]: input });
      return Float32Array.from(output[entry.output.name]!.data as Float32Array);
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return { entry, run, release: () => session.release() };
}
