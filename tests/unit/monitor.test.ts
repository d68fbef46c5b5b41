import { describe, expect, it } from 'vitest';
import { PerformanceMonitor, type ConvertResult, type SlowOperation } from '../../src/core';

const result = (tier: 1 | 2 | 3, total: number): ConvertResult =>
  ({ tier, timings: { decode: 5, trace: 20, optimize: tier === 1 ? 0 : 600, measure: 8, total } }) as ConvertResult;

describe('PerformanceMonitor', () => {
  it('keeps rolling stats per operation and counts threshold breaches and failures', () => {
    const monitor = new PerformanceMonitor();
    for (let i = 1; i <= 100; i++) monitor.recordResult(result(2, i * 10));
    monitor.recordFailure(2, 7000);
    const stats = monitor.stats();
    expect(stats.tier2).toMatchObject({ count: 101, failures: 1, p50: 510, max: 7000, threshold: 5000, breaches: 1 });
    expect(stats.tier2!.p95).toBe(960); // nearest rank: the 96th of 101
    expect(stats.optimize).toMatchObject({ count: 100, breaches: 100 }); // 600 ms > 500 ms
    expect(stats.tier1).toBeUndefined();
  });

  it('announces slow operations to listeners until they unsubscribe', () => {
    const monitor = new PerformanceMonitor({ decode: 1, classify: 1, trace: 1, optimize: 1, measure: 1, tier1: 100, tier2: 1, tier3: 1 });
    const heard: SlowOperation[] = [];
    const stop = monitor.onSlow((slow) => heard.push(slow));
    monitor.record('tier1', 150);
    monitor.record('tier1', 50);
    stop();
    monitor.record('tier1', 500);
    expect(heard).toEqual([{ name: 'tier1', ms: 150, threshold: 100 }]);
  });

  it('bounds the samples it keeps', () => {
    const monitor = new PerformanceMonitor();
    for (let i = 0; i < 2000; i++) monitor.record('trace', i);
    expect(monitor.stats().trace).toMatchObject({ count: 2000, max: 1999 });
    expect(monitor.stats().trace!.p50).toBeGreaterThanOrEqual(1500); // only the last 500 kept
  });
});
