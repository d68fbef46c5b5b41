// Batch bookkeeping (order, counts, ETA, cancel) over a fake converter; real workers: tests/e2e.
import { describe, expect, it, vi } from 'vitest';
import { convertMany, type BatchProgress } from '../../src/ui/conversion/convertMany';
import { readSettings } from '../../src/ui/conversion/settings';
import { fileDeadlines, type TracewiseConverter } from '../../src/ui/conversion/tracewiseConverter';

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

describe('fileDeadlines (the page honours the core\'s per-tier deadlines)', () => {
  it('uses the tier\'s own deadline, the page\'s ?deadline, or the file\'s budget, and a hard stop past it', () => {
    expect(fileDeadlines({ tier: 1 }, null)).toMatchObject({ options: { tier: 1, deadlineMs: 2000 }, hardMs: 7000 });
    expect(fileDeadlines({ tier: 2 }, null)).toMatchObject({ options: { deadlineMs: 5000 }, hardMs: 12000 });
    expect(fileDeadlines({ tier: 3 }, null)).toMatchObject({ options: { deadlineMs: 15000 }, hardMs: 32000 });
    expect(fileDeadlines({}, null).options.deadlineMs).toBe(5000); // the core's default tier (2)
    expect(fileDeadlines({ tier: 3 }, 300)).toMatchObject({ options: { deadlineMs: 300 }, hardMs: 300 + 300 + 5000 });
    expect(fileDeadlines({ tier: 1, deadlineMs: 7000 }, 300)).toMatchObject({ options: { deadlineMs: 7000 }, hardMs: 14000 });
    expect(fileDeadlines({ tier: 2, deadlineMs: null }, 300)).toMatchObject({ options: { deadlineMs: null }, hardMs: null });
    expect(fileDeadlines({ tier: 1 }, null).expired).toBe('Tier 1 ran past its 2000 ms deadline and did not stop by 7000 ms; its worker was stopped.');
  });

  it('reads ?deadline as the core deadline for every tier (none: the tiers\' own)', () => {
    vi.stubGlobal('navigator', { hardwareConcurrency: 2 }); // Node 20 has none
    expect(readSettings('?deadline=250').deadlineMs).toBe(250);
    expect(readSettings('').deadlineMs).toBeNull();
    vi.unstubAllGlobals();
  });
});
