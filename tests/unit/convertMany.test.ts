// Batch bookkeeping (order, counts, ETA, cancel) over a fake converter; real workers: tests/e2e.
import { describe, expect, it } from 'vitest';
import { convertMany, type BatchProgress } from '../../src/ui/conversion/convertMany';
import type { TracewiseConverter } from '../../src/ui/conversion/tracewiseConverter';

/** Converts `Blob`s whose text is a delay in ms; "bad" fails like a worker would. */
function fakeConverter(concurrency: number): TracewiseConverter & { peak: number } {
  let active = 0;
  const fake = {
    concurrency,
    peak: 0,
    async convert(signal: AbortSignal, file: Blob, _options: unknown, onStart?: () => void) {
      if (signal.aborted) throw { code: 'ABORTED', message: 'cancelled' };
      onStart?.();
      active++;
      fake.peak = Math.max(fake.peak, active);
      try {
        const text = await file.text();
        if (text === 'bad') throw { code: 'INVALID_IMAGE', message: 'not an image' };
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, Number(text));
          signal.addEventListener('abort', () => (clearTimeout(timer), reject({ code: 'ABORTED', message: 'cancelled' })));
        });
        return { svg: `<svg>${text}</svg>` };
      } finally {
        active--;
      }
    },
  };
  return fake as unknown as TracewiseConverter & { peak: number };
}

const blobs = (...texts: string[]) => texts.map((text) => new Blob([text]));

describe('convertMany', () => {
  it('returns outcomes in input order whatever order they finish in, with counts and an ETA', async () => {
    const converter = fakeConverter(3);
    const progress: BatchProgress[] = [];
    const outcomes = await convertMany(converter, blobs('40', '5', 'bad', '10', '1'), {
      tier: 1,
      onProgress: (p) => progress.push(p),
    });
    expect(outcomes.map((o) => (o.ok ? (o.result.svg as string) : o.error.code))).toEqual([
      '<svg>40</svg>',
      '<svg>5</svg>',
      'INVALID_IMAGE',
      '<svg>10</svg>',
      '<svg>1</svg>',
    ]);
    expect(converter.peak).toBe(3);
    expect(progress[0]).toMatchObject({ total: 5, queued: 5, working: 0, done: 0, failed: 0, etaMs: null });
    expect(progress.at(-1)).toMatchObject({ queued: 0, working: 0, done: 4, failed: 1, etaMs: 0 });
    for (const p of progress) expect(p.queued + p.working + p.done + p.failed).toBe(5);
    expect(progress.some((p) => p.etaMs !== null && p.etaMs > 0)).toBe(true);
  });

  it('cancelling ends every unfinished file with ABORTED and never rejects', async () => {
    const controller = new AbortController();
    const pending = convertMany(fakeConverter(2), blobs('1', '200', '200', '200', '200'), { tier: 2, signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const outcomes = await pending;
    expect(outcomes.map((o) => (o.ok ? 'done' : o.error.code))).toEqual(['done', 'ABORTED', 'ABORTED', 'ABORTED', 'ABORTED']);
  });

  it('a per-item signal aborts only that file', async () => {
    const item = new AbortController();
    item.abort();
    const outcomes = await convertMany(fakeConverter(1), blobs('1', '1'), { tier: 1, itemSignal: (i) => (i === 0 ? item.signal : undefined) });
    expect(outcomes.map((o) => o.ok)).toEqual([false, true]);
  });
});
