// A run's fingerprint: the full metrics history and an exact digest of the customer columns
// after a fixed scenario and decisions. Used to prove a run is the same in Node and in a
// browser (tests/e2e/determinism.spec.ts bundles this file into the page).

import { COLUMN_NAMES } from './population.ts';
import { Simulation } from './simulation.ts';
import { mixedConfig, RECOMMENDED } from './testkit.ts';

/** FNV-1a over the bytes of every column: any difference in any customer changes it. */
function digest(sim: Simulation): string {
  let h = 0x811c9dc5;
  const cols = sim.population.cols;
  for (const name of COLUMN_NAMES) {
    const view = cols[name];
    const bytes = new Uint8Array(
      view.buffer,
      view.byteOffset,
      sim.population.count * view.BYTES_PER_ELEMENT,
    );
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  }
  return h.toString(16);
}

export function runFingerprint(seed: number, customers: number, periods: number): string {
  const config = mixedConfig({
    customers,
    periods,
    inboxSize: 5,
    events: [
      {
        id: 'price-war',
        kind: 'priceWar',
        trigger: { atPeriod: 2 },
        effects: [{ target: 'market.competitorPrice', op: 'mul', value: 0.88, duration: 3 }],
        choices: [{ id: 'hold', effects: [{ target: 'attitude', op: 'add', value: 0.05 }] }],
      },
    ],
  });
  const sim = Simulation.create(config, seed, { enforceBudget: false });
  for (let p = 0; p < periods; p++) {
    const responses = Object.fromEntries(
      sim
        .pendingComplaints()
        .map(
          (r, k) => [r.id, { action: k % 2 ? 'compensate' : 'fixRootCause', hours: 12 }] as const,
        ),
    );
    sim.step({ levers: p % 3 ? RECOMMENDED : { promotion: 0.1 }, complaintResponses: responses });
  }
  return JSON.stringify({ columns: digest(sim), history: sim.history, personas: sim.personas() });
}
