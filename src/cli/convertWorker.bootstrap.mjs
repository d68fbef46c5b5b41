// worker_threads do not inherit tsx's loader hooks on Node 20 (and `--import tsx` in a worker's
// execArgv does not apply them to the worker's entry file), so this plain-JS entry loads the
// TypeScript worker through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./convertWorker.ts', import.meta.url);
