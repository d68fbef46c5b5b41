import { readFile, writeFile } from 'node:fs/promises';
import type { ModelEntry, ModelManifest } from '../../../src/core/classify/manifest';

/**
 * Adds or replaces one model's entry in public/models/manifest.json and leaves the others as they
 * are: each trainer owns only its own entry (the classifier's and the parameter model's are
 * retrained independently).
 */
export async function writeManifestEntry(path: string, entry: ModelEntry): Promise<void> {
  let manifest: ModelManifest = { schema: 1, models: [] };
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as ModelManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const models = [...manifest.models];
  const at = models.findIndex((m) => m.name === entry.name);
  if (at >= 0) models[at] = entry; // in place: a retrain changes only its own lines
  else models.push(entry);
  await writeFile(path, JSON.stringify({ ...manifest, models }, null, 2) + '\n');
}
