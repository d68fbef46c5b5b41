// The CLI's conversion worker with a tracer that spins forever on marker-size images (see
// spinningConvertWorker.ts). Plain JS for the same reason as src/cli/convertWorker.bootstrap.mjs.
import { tsImport } from 'tsx/esm/api';

await tsImport('./spinningConvertWorker.ts', import.meta.url);
