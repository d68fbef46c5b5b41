// PNG mutations for the fuzz tests (fuzz.test.ts): the arbitraries and how each edits the bytes.
// Separate from the test so a hang found by a long local run can be replayed from its log.
import fc from 'fast-check';
import { fixCrc, pngChunks } from './hostileInputs';

export type Mutation =
  | { kind: 'flip'; bits: { at: number; bit: number }[] }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; chunk: number }
  | { kind: 'remove'; chunk: number }
  | { kind: 'ihdr'; width: number; height: number; fixCrc: boolean }
  | { kind: 'chunkData'; chunk: number; at: number; value: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), bits: fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), chunk: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), chunk: fc.nat() }),
  fc
    .record({ width: fc.integer({ min: 0, max: 4000 }), height: fc.integer({ min: 0, max: 4000 }), fixCrc: fc.boolean() })
    .filter(({ width, height }) => width * height <= 1_000_000)
    .map((v) => ({ kind: 'ihdr' as const, ...v })),
  // An edit inside a chunk with its CRC recomputed: gets past CRC checks into the decoder proper.
  fc.record({ kind: fc.constant('chunkData' as const), chunk: fc.nat(), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
);

export function mutate(png: Uint8Array, change: Mutation): Uint8Array {
  const chunks = pngChunks(png);
  // An earlier mutation may have cut the file below what this one edits: leave it as it is.
  if (['duplicate', 'remove', 'chunkData'].includes(change.kind) && chunks.length === 0) return png;
  if (change.kind === 'ihdr' && png.length < 33) return png;
  const span = (index: number) => {
    const chunk = chunks[index % chunks.length];
    return { ...chunk, end: chunk.offset + 12 + chunk.length };
  };
  switch (change.kind) {
    case 'flip': {
      const out = png.slice();
      for (const { at, bit } of change.bits) out[at % out.length] ^= 1 << bit;
      return out;
    }
    case 'truncate':
      return png.slice(0, change.at % png.length);
    case 'duplicate': {
      const { offset, end } = span(change.chunk);
      return concat(png.subarray(0, end), png.subarray(offset, end), png.subarray(end));
    }
    case 'remove': {
      const { offset, end } = span(change.chunk);
      return concat(png.subarray(0, offset), png.subarray(end));
    }
    case 'ihdr': {
      const out = png.slice();
      const view = new DataView(out.buffer);
      view.setUint32(16, change.width);
      view.setUint32(20, change.height);
      if (change.fixCrc && chunks[0]?.type === 'IHDR') fixCrc(out, 8);
      return out;
    }
    case 'chunkData': {
      const out = png.slice();
      const { offset, length } = span(change.chunk);
      if (length === 0) return out;
      out[offset + 8 + (change.at % length)] = change.value;
      fixCrc(out, offset);
      return out;
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

