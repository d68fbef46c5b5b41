const integer = new Intl.NumberFormat('en');

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${integer.format(bytes)} B`;
  return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`;
}

export function formatMs(ms: number): string {
  return `${integer.format(Math.round(ms))} ms`;
}

/** "logo.final.png" → "logo.final.svg"; names without an extension just gain one. */
export function svgFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.svg`;
}
