import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif']);

/** Expands DIR arguments to the image files directly inside them (sorted); files pass through.
 * A path that does not exist stays in the list: it becomes that file's error, not a usage error. */
export async function expandInputs(args: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (!info?.isDirectory()) {
      files.push(arg);
      continue;
    }
    const entries = await readdir(arg, { withFileTypes: true });
    files.push(
      ...entries
        .filter((entry) => entry.isFile() && IMAGE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
        .map((entry) => join(arg, entry.name))
        .sort(),
    );
  }
  return files;
}

/** One output name per input, in order; a repeated base name gets -2, -3, … */
export function outputNames(files: string[]): string[] {
  const used = new Set<string>();
  return files.map((file) => {
    const stem = basename(file, extname(file)) || 'image';
    let name = `${stem}.svg`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem}-${n}.svg`;
    used.add(name.toLowerCase());
    return name;
  });
}
