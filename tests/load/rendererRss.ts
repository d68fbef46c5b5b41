import { readdirSync, readFileSync } from 'node:fs';

/**
 * The OS's view of the page, independent of any browser API: the resident set of Chromium's
 * renderer processes (a page's dedicated workers and wasm-vips' pthreads live in its renderer),
 * sampled from /proc every `intervalMs`. Only this test's browser (the process tree under
 * `rootPid`): other Chromiums on the machine are not ours. Linux only; `stop()` returns null
 * elsewhere.
 */
export interface RendererMemory {
  /** Resident set, shared library pages (the Chromium binary's code) included. */
  rssPeakMB: number;
  /** Proportional set: shared pages split between the processes that map them. */
  pssPeakMB: number;
  /** Private pages only (USS): what this page costs beyond an empty Chromium. */
  privatePeakMB: number;
  samples: number;
}

export function sampleRendererRss(rootPid: number, intervalMs = 500): { stop(): RendererMemory | null } {
  const peak = { rss: 0, pss: 0, private: 0 };
  let samples = 0;
  const field = (text: string, name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  const read = (): void => {
    const total = { rss: 0, pss: 0, private: 0 };
    for (const pid of descendants(rootPid)) {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!cmdline.includes('--type=renderer')) continue;
        const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
        total.rss += field(rollup, 'Rss');
        total.pss += field(rollup, 'Pss');
        total.private += field(rollup, 'Private_Clean') + field(rollup, 'Private_Dirty');
      } catch {
        // the process ended between listing and reading
      }
    }
    for (const key of ['rss', 'pss', 'private'] as const) peak[key] = Math.max(peak[key], total[key]);
    samples++;
  };
  const supported = (() => {
    try {
      readdirSync('/proc');
      return true;
    } catch {
      return false;
    }
  })();
  const timer = supported ? setInterval(read, intervalMs) : undefined;
  return {
    stop() {
      clearInterval(timer);
      const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
      return supported ? { rssPeakMB: mb(peak.rss), pssPeakMB: mb(peak.pss), privatePeakMB: mb(peak.private), samples } : null;
    },
  };
}

/** Every process below `root`, from each process's parent id in /proc/<pid>/stat. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone already
    }
  }
  const found: number[] = [];
  const stack = [root];
  while (stack.length) for (const child of children.get(stack.pop()!) ?? []) (found.push(child), stack.push(child));
  return found;
}
