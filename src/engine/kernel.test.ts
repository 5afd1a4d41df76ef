// The WebAssembly passes (stages 7-9, the metrics' count) must give the JavaScript pass's bits: a run played on a
// large base (the engine worker, with the kernel) and replayed from History (maybe without
// it) must agree to the last bit, or a learner's saved games would change.
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kernelWasm } from '../../scripts/kernel-wasm.ts';
import { runFingerprint } from './fingerprint.ts';
import { PeriodEndKernel, useKernel } from './kernel.ts';
import { COLUMN_NAMES } from './population.ts';
import { Simulation } from './simulation.ts';
import { mixedConfig, RECOMMENDED } from './testkit.ts';
import type { EngineConfig, LeverValues } from './types.ts';

let kernel: PeriodEndKernel;
beforeAll(async () => {
  kernel = PeriodEndKernel.fromBytes(await kernelWasm());
});
afterEach(() => useKernel(null));

/** Every column of every customer and every period's metrics, as one string. */
function everything(sim: Simulation): string {
  const cols = sim.population.cols;
  const columns = COLUMN_NAMES.map((name) =>
    Array.from(cols[name].subarray(0, sim.population.count)).join(','),
  );
  return JSON.stringify({ columns, history: sim.history, personas: sim.personas() });
}

/** Fails showing where two runs part, not two whole runs. */
function expectSame(actual: string, expected: string): void {
  if (actual === expected) return;
  let k = 0;
  while (k < expected.length && expected[k] === actual[k]) k++;
  const window = (text: string) => text.slice(Math.max(0, k - 200), k + 60);
  expect(window(actual), `runs differ from character ${k}`).toBe(window(expected));
}

function play(config: EngineConfig, seed: number, levers: LeverValues[], withKernel: boolean) {
  useKernel(withKernel ? kernel : null);
  const sim = Simulation.create(config, seed, { enforceBudget: false });
  for (const l of levers) sim.step({ levers: l });
  useKernel(null);
  return everything(sim);
}

describe('the WebAssembly passes of stages 7-9 and of the metrics', () => {
  it('gives the pinned runs bit for bit, tracked customers and the inbox included', () => {
    for (const [seed, customers, periods] of [
      [1, 3000, 12],
      [3, 500, 20],
    ]) {
      const js = runFingerprint(seed, customers, periods);
      useKernel(kernel);
      expectSame(runFingerprint(seed, customers, periods), js);
      useKernel(null);
    }
  });

  it('gives the same run on a base of several chunks (40,000 customers)', () => {
    const js = runFingerprint(4, 40_000, 5);
    useKernel(kernel);
    expectSame(runFingerprint(4, 40_000, 5), js);
  });

  it('gives the same run under any levers: price cuts, letting the unprofitable go, CRM, none', () => {
    const lever = fc.record({
      promotion: fc.constantFrom(0, 0.05, 0.2),
      letUnprofitableGo: fc.constantFrom(0, 1),
      crmAnalytics: fc.constantFrom(0, 2),
      loyaltyProgramme: fc.constantFrom(0, 0.05),
      personalCare: fc.constantFrom(0, 0.8),
      serviceQuality: fc.constantFrom(0.1, 0.9),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(lever, { minLength: 3, maxLength: 8 }),
        (seed, periods) => {
          const levers = periods.map((l) => ({ ...RECOMMENDED, ...l }));
          const config = mixedConfig({ customers: 1500, periods: levers.length });
          expectSame(play(config, seed, levers, true), play(config, seed, levers, false));
        },
      ),
      { numRuns: 12 },
    );
  });

  it('leaves customers as they would have left: some leave, and the same ones', () => {
    const levers = Array.from({ length: 6 }, () => ({ ...RECOMMENDED, promotion: 0.2 }));
    const config = mixedConfig({ customers: 2500, periods: 6 });
    useKernel(kernel);
    const sim = Simulation.create(config, 11, { enforceBudget: false });
    for (const l of levers) sim.step({ levers: l });
    const lost = sim.history.reduce((n, m) => n + m.lost, 0);
    // A run where nobody left would compare nothing about leaving.
    expect(lost).toBeGreaterThan(100);
    expectSame(everything(sim), play(config, 11, levers, false));
  });
});
