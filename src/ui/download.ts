import { strToU8, zipSync } from 'fflate';
import { svgFileName } from './format';

/** Saves a Blob under `name` through a temporary object URL (revoked once the click is handled). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * The SVG name each source file gets — the per-card download name — with a `-2`, `-3` … suffix
 * for repeats (as the CLI does), so two `logo.png`s never overwrite each other in the archive.
 */
export function uniqueSvgNames(sourceNames: readonly string[]): string[] {
  const used = new Set<string>();
  return sourceNames.map((source) => {
    const base = svgFileName(source);
    let name = base;
    for (let n = 2; used.has(name); n++) name = base.replace(/\.svg$/, `-${n}.svg`);
    used.add(name);
    return name;
  });
}

/** A ZIP of SVG texts (fflate, deflate level 6: SVG path data compresses ~3–4×). */
export function zipSvgs(entries: readonly { name: string; svg: string }[]): Blob {
  const files: Record<string, Uint8Array> = {};
  for (const { name, svg } of entries) files[name] = strToU8(svg);
  const bytes = zipSync(files, { level: 6, mtime: new Date() });
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}
