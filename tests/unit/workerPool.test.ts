// The pool's queue logic with fake workers (real workers are covered by tests/e2e/batch.spec.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkerPool, type WorkerLike } from '../../src/worker/pool/WorkerPool';

interface FakeApi {
  work(label: string): Promise<string>;
  retire(): Promise<void>;
}

/** A worker whose every call waits until the test settles it. */
class FakeWorker extends EventTarget implements WorkerLike {
  static all: FakeWorker[] = [];
  terminated = false;
  calls: { label: string; resolve(v: string): void; reject(e: unknown): void }[] = [];
  retireCalls: (() => void)[] = [];
  constructor() {
    super();
    FakeWorker.all.push(this);
  }
  terminate(): void {
    this.terminated = true;
  }
  crash(): void {
    this.dispatchEvent(new Event('error', { cancelable: true }));
  }
  remote(): Comlink.Remote<FakeApi> {
    const work = (label: string) => new Promise<string>((resolve, reject) => this.calls.push({ label, resolve, reject }));
    const retire = () => new Promise<void>((resolve) => this.retireCalls.push(resolve));
    return { work, retire, [Comlink.releaseProxy]: () => {} } as unknown as Comlink.Remote<FakeApi>;
  }
}

function pool(size: number, extra: { idleTtlMs?: number; retire?: (remote: Comlink.Remote<FakeApi>) => Promise<unknown> } = {}): WorkerPool<FakeApi> {
  return new WorkerPool<FakeApi>({
    name: 'test',
    size,
    create: () => new FakeWorker(),
    wrap: (worker) => (worker as FakeWorker).remote(),
    ...extra,
  });
}

const work = (label: string) => (remote: Comlink.Remote<FakeApi>) => remote.work(label);
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const running = () => FakeWorker.all.flatMap((w) => w.calls.map((c) => c.label));
const live = () => FakeWorker.all.filter((w) => !w.terminated);

afterEach(() => {
  FakeWorker.all = [];
  vi.useRealTimers();
});

describe('WorkerPool', () => {
  it('starts workers lazily, runs at most `size` jobs at once, in FIFO order', async () => {
    const p = pool(2);
    expect(FakeWorker.all).toHaveLength(0);
    const results = ['a', 'b', 'c', 'd'].map((label) => p.run(work(label)));
    await tick();
    expect(running()).toEqual(['a', 'b']);
    expect(p.stats()).toMatchObject({ busy: 2, queued: 2, workers: 2 });
    FakeWorker.all[1].calls[0].resolve('B');
    await tick();
    expect(running()).toEqual(['a', 'b', 'c']); // c went to the worker that freed up
    FakeWorker.all[0].calls[0].resolve('A');
    await tick();
    FakeWorker.all[1].calls[1].resolve('C');
    FakeWorker.all[0].calls[1].resolve('D');
    expect(await Promise.all(results)).toEqual(['A', 'B', 'C', 'D']);
    expect(FakeWorker.all).toHaveLength(2); // reused, not respawned
  });

  it('aborting a queued job never starts it; aborting a running one terminates its worker', async () => {
    const p = pool(1);
    const first = new AbortController();
    const second = new AbortController();
    const a = p.run(work('a'), { signal: first.signal });
    const b = p.run(work('b'), { signal: second.signal });
    const c = p.run(work('c'));
    await tick();
    second.abort();
    await expect(b).rejects.toMatchObject({ code: 'ABORTED' });
    first.abort();
    await expect(a).rejects.toMatchObject({ code: 'ABORTED' });
    expect(FakeWorker.all[0].terminated).toBe(true);
    await tick();
    expect(running()).toEqual(['a', 'c']); // b never ran; c got a fresh worker
    FakeWorker.all[1].calls[0].resolve('C');
    expect(await c).toBe('C');
  });

  it('an already aborted signal rejects at once', async () => {
    await expect(pool(1).run(work('a'), { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(FakeWorker.all).toHaveLength(0);
  });

  it('a job past its deadline rejects with TIMEOUT and its worker is replaced', async () => {
    vi.useFakeTimers();
    const p = pool(1);
    const slow = p.run(work('slow'), { deadlineMs: 1000 });
    const next = p.run(work('next'));
    const failed = expect(slow).rejects.toMatchObject({ code: 'TIMEOUT' });
    await vi.advanceTimersByTimeAsync(1001);
    await failed;
    expect(FakeWorker.all[0].terminated).toBe(true);
    expect(FakeWorker.all[1].calls[0].label).toBe('next');
    FakeWorker.all[1].calls[0].resolve('ok');
    expect(await next).toBe('ok');
  });

  it('the deadline counts from the start, not from the time queued', async () => {
    vi.useFakeTimers();
    const p = pool(1);
    const first = p.run(work('a'));
    const second = p.run(work('b'), { deadlineMs: 500 });
    await vi.advanceTimersByTimeAsync(2000);
    FakeWorker.all[0].calls[0].resolve('A');
    await vi.advanceTimersByTimeAsync(100);
    FakeWorker.all[0].calls[1].resolve('B');
    expect(await Promise.all([first, second])).toEqual(['A', 'B']);
  });

  it('a task can move its deadline (start-up left out), clear it, and name the timeout', async () => {
    vi.useFakeTimers();
    const p = pool(1);
    const gates: Record<string, (value?: unknown) => void> = {};
    const gate = (name: string) => new Promise((resolve) => (gates[name] = resolve));
    const job = p.run(
      async (remote, { setDeadline }) => {
        await gate('started'); // e.g. a worker's start-up: under the initial 100 ms limit
        setDeadline(1000, 'Tier 1 ran past its deadline.');
        return remote.work('job');
      },
      { deadlineMs: 100 },
    );
    await vi.advanceTimersByTimeAsync(50);
    gates.started();
    await vi.advanceTimersByTimeAsync(900); // past the initial 100 ms: moved, so still running
    expect(running()).toEqual(['job']);
    const failed = expect(job).rejects.toMatchObject({ code: 'TIMEOUT', message: 'Tier 1 ran past its deadline.' });
    await vi.advanceTimersByTimeAsync(200);
    await failed;
    expect(FakeWorker.all[0].terminated).toBe(true);

    const cleared = p.run(async (remote, { setDeadline }) => (setDeadline(null), remote.work('free')), { deadlineMs: 100 });
    await vi.advanceTimersByTimeAsync(10_000);
    FakeWorker.all[1].calls[0].resolve('done');
    expect(await cleared).toBe('done');
  });

  it('a crash is retried once on a fresh worker, then reported as WORKER_CRASHED', async () => {
    const lines: string[] = [];
    const p = new WorkerPool<FakeApi>({
      name: 'test',
      size: 1,
      create: () => new FakeWorker(),
      wrap: (worker) => (worker as FakeWorker).remote(),
      log: (line) => lines.push(line),
    });
    const attempts: number[] = [];
    const once = p.run((remote, { attempt }) => (attempts.push(attempt), remote.work('once')));
    await tick();
    FakeWorker.all[0].crash();
    await tick();
    FakeWorker.all[1].calls[0].resolve('survived');
    expect(await once).toBe('survived');
    expect(attempts).toEqual([1, 2]);

    const twice = p.run(work('twice'));
    await tick();
    FakeWorker.all[1].crash();
    await tick();
    FakeWorker.all[2].crash();
    await expect(twice).rejects.toMatchObject({ code: 'WORKER_CRASHED' });
    expect(p.stats().crashed).toBe(3);
    expect(lines.some((line) => line.includes('retrying'))).toBe(true);
  });

  it('keeps a worker after a clean {code, message} failure, drops it after anything else', async () => {
    const p = pool(1);
    const clean = p.run(work('clean'));
    await tick();
    FakeWorker.all[0].calls[0].reject({ code: 'INVALID_IMAGE', message: 'bad' });
    await expect(clean).rejects.toEqual({ code: 'INVALID_IMAGE', message: 'bad' });
    const odd = p.run(work('odd'));
    await tick();
    expect(FakeWorker.all).toHaveLength(1);
    FakeWorker.all[0].calls[1].reject(new Error('DataCloneError'));
    await expect(odd).rejects.toThrow('DataCloneError');
    expect(FakeWorker.all[0].terminated).toBe(true);
  });

  it('retires idle workers after the TTL', async () => {
    vi.useFakeTimers();
    const p = pool(1, { idleTtlMs: 5000 });
    const a = p.run(work('a'));
    await vi.advanceTimersByTimeAsync(0);
    FakeWorker.all[0].calls[0].resolve('A');
    await a;
    await vi.advanceTimersByTimeAsync(4999);
    expect(live()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(live()).toHaveLength(0);
    expect(p.stats().workers).toBe(0);
  });

  it('asks an idle worker to retire (release its models) before ending it, within a bound', async () => {
    vi.useFakeTimers();
    const p = pool(1, { idleTtlMs: 5000, retire: (remote) => remote.retire() });
    const a = p.run(work('a'));
    await vi.advanceTimersByTimeAsync(0);
    FakeWorker.all[0].calls[0].resolve('A');
    await a;
    await vi.advanceTimersByTimeAsync(5001);
    const [first] = FakeWorker.all;
    expect(first.retireCalls).toHaveLength(1); // asked…
    expect(first.terminated).toBe(false); // …and given the time to answer
    expect(p.stats().workers).toBe(0); // but already out of the pool: no new job reaches it
    first.retireCalls[0]();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.terminated).toBe(true);

    // A worker that never answers is ended after the bound (1 s by default).
    const b = p.run(work('b'));
    await vi.advanceTimersByTimeAsync(0);
    FakeWorker.all[1].calls[0].resolve('B');
    await b;
    p.retireIdle();
    expect(FakeWorker.all[1].retireCalls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeWorker.all[1].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(FakeWorker.all[1].terminated).toBe(true);
  });

  it('a busy worker that is aborted or crashes is ended at once, never asked to retire', async () => {
    const p = pool(1, { retire: (remote) => remote.retire() });
    const controller = new AbortController();
    const a = p.run(work('a'), { signal: controller.signal });
    await tick();
    controller.abort();
    await expect(a).rejects.toMatchObject({ code: 'ABORTED' });
    expect(FakeWorker.all[0].terminated).toBe(true);
    expect(FakeWorker.all[0].retireCalls).toHaveLength(0);
    const b = p.run(work('b'));
    await tick();
    FakeWorker.all[1].crash();
    await tick();
    expect(FakeWorker.all[1].terminated).toBe(true);
    expect(FakeWorker.all[1].retireCalls).toHaveLength(0);
    FakeWorker.all[2].calls[0].resolve('B'); // the crash retry
    expect(await b).toBe('B');
  });

  it('replaces a worker after maxJobsPerWorker jobs', async () => {
    const p = new WorkerPool<FakeApi>({
      name: 'test',
      size: 1,
      maxJobsPerWorker: 2,
      create: () => new FakeWorker(),
      wrap: (worker) => (worker as FakeWorker).remote(),
    });
    const jobs = ['a', 'b', 'c'].map((label) => p.run(work(label)));
    for (let i = 0; i < 3; i++) {
      await tick();
      live()[0].calls.at(-1)!.resolve(String(i));
    }
    expect(await Promise.all(jobs)).toEqual(['0', '1', '2']);
    expect(FakeWorker.all.map((w) => w.calls.length)).toEqual([2, 1]);
    expect(FakeWorker.all[0].terminated).toBe(true);
  });

  it('pause holds the queue while a job runs but never starves; resize sheds idle workers', async () => {
    const p = pool(3);
    const jobs = ['a', 'b', 'c'].map((label) => p.run(work(label)));
    await tick();
    for (const worker of FakeWorker.all) worker.calls[0].resolve('done');
    await Promise.all(jobs);
    expect(live()).toHaveLength(3);
    p.resize(1);
    expect(live()).toHaveLength(1);
    p.pause();
    const more = ['d', 'e'].map((label) => p.run(work(label)));
    await tick();
    expect(p.stats()).toMatchObject({ busy: 1, queued: 1, paused: true }); // one still runs: no deadlock
    p.resume();
    expect(p.retireIdle()).toBe(0);
    const worker = live()[0];
    worker.calls.at(-1)!.resolve('D');
    await tick();
    worker.calls.at(-1)!.resolve('E');
    expect(await Promise.all(more)).toEqual(['D', 'E']);
    expect(p.retireIdle()).toBe(1);
    expect(live()).toHaveLength(0);
  });

  it('shutdown rejects queued and running jobs and terminates every worker', async () => {
    const p = pool(1);
    const a = p.run(work('a'));
    const b = p.run(work('b'));
    await tick();
    p.shutdown();
    await expect(a).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(b).rejects.toMatchObject({ code: 'ABORTED' });
    expect(live()).toHaveLength(0);
    await expect(p.run(work('c'))).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

describe('module boundaries around the pool', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => join(dir, f));
  const valueImports = (file: string): string[] =>
    [...readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*?from '([^']+)'/gm)].map((m) => m[1]);

  it('the UI imports worker code as types only, except the page-side generic pool', () => {
    for (const file of files('src/ui')) {
      for (const spec of valueImports(file).filter((s) => s.includes('/worker/'))) {
        expect(spec, file).toMatch(/\/worker\/pool\//);
      }
    }
  });

  it('the pool is generic: it imports nothing but comlink and itself', () => {
    for (const file of files('src/worker/pool')) {
      for (const spec of valueImports(file)) expect(['comlink', './poolError'], file).toContain(spec);
    }
  });
});
