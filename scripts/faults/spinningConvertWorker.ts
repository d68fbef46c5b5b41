// Installs the fault through the engine registry, then starts the real CLI worker.
import { MARKER_WIDTH } from './corpus';
import { engineFaults, injectEngineFault } from './inject';

injectEngineFault('tracewise', engineFaults.spinsForWidth(MARKER_WIDTH));
await import('../../src/cli/convertWorker');
