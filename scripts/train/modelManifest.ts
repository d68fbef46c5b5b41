import { readFile, writeFile } from 'node:fs/promises';
import type { ModelEntry, ModelManifest } from '../../src/core/classify/manifest';

/**
 * public/models/manifest.json holds one entry per model, and each model has its own trainer: a
 * trainer rewrites its own entry and must leave the others (e.g. `params`) exactly as they are.
 */
export async function readModelManifest(path: string): Promise<ModelManifest> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as ModelManifest;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { schema: 1, models: [] };
    throw error;
  }
}

/** The manifest with `entry` replacing the model of the same name in place (or appended). */
export function withEntry(manifest: ModelManifest, entry: ModelEntry): ModelManifest {
  const models = manifest.models ?? [];
  const at = models.findIndex((m) => m.name === entry.name);
  return { ...manifest, schema: 1, models: at >= 0 ? models.map((m, i) => (i === at ? entry : m)) : [...models, entry] };
}

/** Adds or replaces one model's entry in the manifest file, leaving the other models' as they are. */
export async function writeManifestEntry(path: string, entry: ModelEntry): Promise<void> {
  await writeFile(path, JSON.stringify(withEntry(await readModelManifest(path), entry), null, 2) + '\n');
}
