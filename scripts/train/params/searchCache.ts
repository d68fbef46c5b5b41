import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SearchResult } from './searchImage';

/** One cached search record, one JSON object per line. */
export interface SearchRecord extends SearchResult {
  id: string;
  config: string;
}

/** Everything that decides what an SVG looks like and how it is scored. A change to any of these
 * files is a new tracer version: its results go to a new cache folder and are searched afresh. */
const TRACER_SOURCES = ['src/core/trace', 'src/core/optimize', 'src/core/quality', 'src/core/svg', 'src/core/tiers/attempt.ts'];

export function tracerVersion(repoRoot: string): string {
  const hash = createHash('sha256');
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else if (path.endsWith('.ts')) {
      hash.update(relative(repoRoot, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  for (const source of TRACER_SOURCES) visit(join(repoRoot, source));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The search results of one tracer version: a folder of JSON-lines files, one per writer process
 * (so parallel jobs never interleave writes). Features are not stored: they are recomputed at fit
 * time, so a new feature set re-fits from this cache without tracing again.
 */
export class SearchCache {
  private readonly records = new Map<string, SearchRecord>();
  private readonly file: string;

  constructor(readonly dir: string, writer: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, `${writer}.jsonl`);
    this.reload();
  }

  reload(): void {
    for (const name of readdirSync(this.dir).filter((n) => n.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(this.dir, name), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const record = JSON.parse(line) as SearchRecord;
          this.records.set(key(record.id, record.config), record);
        } catch {
          // A line cut short by a killed job: that pair is simply searched again.
        }
      }
    }
  }

  get(id: string, config: string): SearchRecord | undefined {
    return this.records.get(key(id, config));
  }

  put(record: SearchRecord): void {
    this.records.set(key(record.id, record.config), record);
    appendFileSync(this.file, JSON.stringify(record) + '\n');
  }
}

const key = (id: string, config: string): string => `${id}\0${config}`;
