// Browser (Vite) resolves the wasm-only build; Vitest aliases this to the package root, and plain
// Node (tsx, the CLI) resolves it to the same wasm build, which runs in Node as well.
import * as ort from 'onnxruntime-web/wasm';
import { ConvertError } from '../errors';
import { startupMark } from '../monitor/startupMark';
import type { Host, ModelAssetName } from '../host';
import { readModelEntry, type ModelEntry } from './manifest';
import { sha256Hex } from './sha256';

/** One ONNX model of public/models/, opened and checked against its manifest entry. */
export interface ModelSession<E extends ModelEntry = ModelEntry> {
  entry: E;
  /** The model's output for one feature vector. */
  run(features: Float32Array): Promise<Float32Array>;
  release(): Promise<void>;
}

export interface ModelSpec<E extends ModelEntry> {
  /** The entry's `name` in the manifest. */
  name: string;
  asset: ModelAssetName;
  /** Model-specific checks of the entry (throw MODEL_INVALID); returns the typed entry. */
  check(entry: ModelEntry): E;
}

/**
 * Reads the manifest and the model bytes through the host, verifies size and sha256, and opens
 * an onnxruntime-web session (one thread). Throws ConvertError MODEL_UNAVAILABLE (no model,
 * runtime did not start) or MODEL_INVALID (bytes differ from the manifest, wrong contract).
 */
export async function openModelSession<E extends ModelEntry>(host: Host, spec: ModelSpec<E>): Promise<ModelSession<E>> {
  const load = host.loadModelAsset?.bind(host);
  if (!load) throw new ConvertError('MODEL_UNAVAILABLE', 'This host provides no model files.');
  // The runtime's start-up (a 14 MB wasm fetched and compiled) overlaps reading the manifest and
  // the model bytes below instead of following them.
  const runtime = startRuntime(host);
  const fetchBytes = async (name: ModelAssetName): Promise<Uint8Array> => {
    try {
      return await load(name);
    } catch (error) {
      throw new ConvertError('MODEL_UNAVAILABLE', `Could not load ${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
  const entry = spec.check(readModelEntry(await fetchBytes('models/manifest.json'), spec.name));
  const file = spec.asset.replace(/^models\//, '');
  if (entry.file !== file) throw new ConvertError('MODEL_INVALID', `Unexpected ${spec.name} file "${entry.file}" in the manifest.`);
  const bytes = await fetchBytes(spec.asset);
  startupMark(`${spec.name}-bytes`);
  const sha256 = await sha256Hex(bytes);
  if (bytes.length !== entry.bytes || sha256 !== entry.sha256) {
    throw new ConvertError('MODEL_INVALID',
      `${file} does not match its manifest entry (${bytes.length} bytes, sha256 ${sha256.slice(0, 12)}…; expected ${entry.bytes} bytes, ${entry.sha256.slice(0, 12)}…).`);
  }

  await runtime;
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes);
  } catch (error) {
    throw new ConvertError('MODEL_UNAVAILABLE', `The ONNX runtime could not open ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!session.inputNames.includes(entry.input.name) || !session.outputNames.includes(entry.output.name)) {
    await session.release();
    throw new ConvertError('MODEL_INVALID', `${file} has inputs ${session.inputNames.join(',')} / outputs ${session.outputNames.join(',')}, not those in the manifest.`);
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

/** Before the first session: how onnxruntime-web starts. */
function configureRuntime(host: Host): void {
  // Threads would start wasm workers per session; the models are tiny and the app already runs
  // one conversion per worker, so one thread is both enough and cheapest in memory.
  ort.env.wasm.numThreads = 1;
  if (host.ortWasmPaths) ort.env.wasm.wasmPaths = host.ortWasmPaths;
}

/** A 65-byte ONNX model (one Identity on a float[1]; IR 8, opset 17, encoded with onnx-proto).
 * Opening it starts onnxruntime-web's wasm backend, which otherwise starts only when the first
 * real model's bytes are in hand. */
const STARTER_MODEL = new Uint8Array([8, 8, 58, 55, 10, 16, 10, 1, 120, 18, 1, 121, 34, 8, 73, 100, 101, 110, 116, 105, 116, 121, 18, 1, 103, 90, 15, 10, 1, 120, 18, 10, 10, 8, 8, 1, 18, 4, 10, 2, 8, 1, 98, 15, 10, 1, 121, 18, 10, 10, 8, 8, 1, 18, 4, 10, 2, 8, 1, 66, 4, 10, 0, 16, 17]);

let runtimeStarted: Promise<void> | null = null;

/**
 * Starts onnxruntime-web once per realm by opening (and releasing) the starter model. Never
 * rejects: a runtime that cannot start fails the real session's create with its own error (the
 * backend remembers the failure), which openModelSession reports as MODEL_UNAVAILABLE.
 */
function startRuntime(host: Host): Promise<void> {
  runtimeStarted ??= (async () => {
    configureRuntime(host);
    const session = await ort.InferenceSession.create(STARTER_MODEL);
    await session.release();
    startupMark('onnxruntime');
  })().catch(() => {
    runtimeStarted = null;
  });
  return runtimeStarted;
}

/**
 * One session per model per JS realm (creation costs 0.3–0.9 s; a run 0.03 ms). The first
 * caller's host is used; a failed load is not cached, so a later call retries.
 */
export function sharedModel<E extends ModelEntry>(spec: ModelSpec<E>): { load(host: Host): Promise<ModelSession<E>>; dispose(): Promise<void> } {
  let pending: Promise<ModelSession<E>> | null = null;
  return {
    load(host) {
      pending ??= openModelSession(host, spec).catch((error: unknown) => {
        pending = null;
        throw error;
      });
      return pending;
    },
    async dispose() {
      const current = pending;
      pending = null;
      const session = await current?.catch(() => null);
      await session?.release();
    },
  };
}
