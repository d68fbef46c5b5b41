/**
 * Train/validation/test assignment by a stable hash of the image id, so an image stays in the same
 * split when the corpus grows or the pick order changes. Models must never see `test`.
 */
export type Split = 'train' | 'validation' | 'test';

/** FNV-1a 32-bit over the UTF-16 code units (ids are ASCII, so this equals the byte version). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 70 % train, 15 % validation, 15 % test. */
export function splitOf(id: string): Split {
  // FNV-1a's low bits mix poorly for short similar ids; an extra avalanche step evens them out.
  let h = fnv1a32(id);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  const bucket = (h >>> 0) % 100;
  if (bucket < 70) return 'train';
  if (bucket < 85) return 'validation';
  return 'test';
}
