import { ConvertError } from '../errors';
import { FEATURE_NAMES } from '../features/names';
import type { LogoClass } from '../types';

/** One model's entry in public/models/manifest.json (written by scripts/train). */
export interface ModelEntry {
  name: string;
  file: string;
  version: string;
  bytes: number;
  sha256: string;
  input: { name: string; shape: Array<number | string>; dtype: 'float32'; features: string[] };
  output: { name: string; shape: Array<number | string>; dtype: 'float32' };
  [extra: string]: unknown;
}

export interface ClassifierEntry extends ModelEntry {
  classes: LogoClass[];
}

export interface ModelManifest {
  schema: 1;
  models: ModelEntry[];
}

const LOGO_CLASSES: readonly LogoClass[] = ['simple', 'text', 'gradient', 'complex'];

/**
 * Parses the manifest and returns the named model's entry, refusing one whose input contract
 * differs from this build's feature extractor (a model trained on other features would return
 * confident nonsense, which is worse than no classifier).
 */
export function readModelEntry(bytes: Uint8Array, name: string): ModelEntry {
  const entry = findModelEntry(bytes, name);
  return name === 'classifier' ? requireLogoClasses(entry) : entry;
}

/** The classifier's entry must also list its output classes, all of them known. */
export function requireLogoClasses(entry: ModelEntry): ClassifierEntry {
  const classes = entry.classes as LogoClass[] | undefined;
  if (!Array.isArray(classes) || classes.length === 0 || classes.some((c) => !LOGO_CLASSES.includes(c))) {
    throw new ConvertError('MODEL_INVALID', `The "${entry.name}" model lists unknown classes: ${JSON.stringify(classes)}.`);
  }
  return entry as ClassifierEntry;
}

function findModelEntry(bytes: Uint8Array, name: string): ModelEntry {
  let manifest: ModelManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes)) as ModelManifest;
  } catch (error) {
    throw new ConvertError('MODEL_INVALID', 'The model manifest is not valid JSON.', { cause: error });
  }
  const entry = manifest?.models?.find?.((m) => m.name === name);
  if (!entry) throw new ConvertError('MODEL_INVALID', `The model manifest has no "${name}" model.`);
  const features = entry.input?.features ?? [];
  if (features.length !== FEATURE_NAMES.length || features.some((f, i) => f !== FEATURE_NAMES[i])) {
    throw new ConvertError('MODEL_INVALID', `The "${name}" model expects other input features than this build extracts; retrain it (npm run train:${name}).`);
  }
  if (typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256)) {
    throw new ConvertError('MODEL_INVALID', `The "${name}" model has no valid sha256 in the manifest.`);
  }
  return entry;
}
