// Runs one core scenario in this process: installs the fault, converts every input through
// convert() with the faulty host, and records how each ended. Each scenario should get a fresh
// realm (run.ts starts one child process per scenario): resvg, wasm-vips and the classifier are
// memoised per realm, so a fault only bites if it is there before their first load.
import { convert, type Host } from '../../src/core';
import type { FaultInput } from './corpus';
import { fromError, fromResult, hung, type Outcome } from './outcome';
import type { CoreScenario } from './scenarios';

const DEFAULT_WATCHDOG_MS = 60_000;

export async function runCoreScenario(scenario: CoreScenario, inputs: FaultInput[], base: Host): Promise<Outcome[]> {
  const { host, restore } = await scenario.setup(base);
  const watchdogMs = scenario.watchdogMs ?? DEFAULT_WATCHDOG_MS;
  const one = async ({ name, bytes }: FaultInput): Promise<Outcome> => {
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watchdog = new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => resolve(hung(name, performance.now() - started)), watchdogMs);
    });
    const conversion = convert(new AbortController().signal, bytes.slice(), { ...scenario.options }, host).then(
      (result) => fromResult(name, result, performance.now() - started),
      (error: unknown) => fromError(name, error, performance.now() - started),
    );
    try {
      return await Promise.race([conversion, watchdog]);
    } finally {
      clearTimeout(timer);
    }
  };
  try {
    if (scenario.concurrent) return await Promise.all(inputs.map(one));
    const outcomes: Outcome[] = [];
    for (const input of inputs) outcomes.push(await one(input));
    return outcomes;
  } finally {
    restore?.();
  }
}
