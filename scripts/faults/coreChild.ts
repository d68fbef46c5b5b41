// Child process for one core scenario: `tsx coreChild.ts <scenario id> <inputs dir>`; prints its
// outcomes as one JSON line on stdout and exits (a stalled scenario's pending work is abandoned).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeHost } from '../../src/cli/nodeHost';
import { runCoreScenario } from './runCore';
import { SCENARIOS } from './scenarios';

const [id, dir] = process.argv.slice(2);
const scenario = SCENARIOS.find((s) => s.id === id);
if (!scenario || scenario.kind !== 'core') throw new Error(`No core scenario "${id}".`);
const names = (await readdir(dir)).sort();
const inputs = await Promise.all(names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(join(dir, name))) })));
const outcomes = await runCoreScenario(scenario, inputs, nodeHost);
process.stdout.write(`${JSON.stringify(outcomes)}\n`, () => process.exit(0));
