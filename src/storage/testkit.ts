// Test-only helpers for the storage tests and the storage benchmark: a fresh fake
// IndexedDB per test (two handles on one factory are two tabs of one browser), small real
// runs and sessions made by the engine, and a byte-exact dump of every table. Not used by
// the app.

import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Simulation } from '../engine/simulation.ts';
import { RECOMMENDED, mixedConfig } from '../engine/testkit.ts';
import type { EngineConfig, PeriodDecisions } from '../engine/types.ts';
import {
  LoyaltyDb,
  TABLE_NAMES,
  openDatabase,
  type OpenOptions,
  type PersistedMachine,
  type Run,
} from './db.ts';
import type { SessionState } from './records.ts';

export const SCENARIO = { id: 'sandbox', version: '1.0.0' } as const;

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2025, 2, 1, 9, 0, 0)) {
  let t = start;
  const now = () => t;
  return Object.assign(now, {
    advance: (ms: number) => void (t += ms),
    set: (ms: number) => void (t = ms),
  });
}

export interface TestBrowser {
  factory: IDBFactory;
  /** Opens a handle on the shared database (a "tab"). */
  open(options?: Omit<OpenOptions, 'indexedDB' | 'IDBKeyRange'>): Promise<LoyaltyDb>;
}

let counter = 0;

/** A fresh in-memory browser profile with a uniquely named database. */
export function testBrowser(name = `loyalty-lab-test-${++counter}`): TestBrowser {
  const factory = new IDBFactory();
  return {
    factory,
    async open(options = {}) {
      const r = await openDatabase({ name, indexedDB: factory, IDBKeyRange, ...options });
      if (!r.ok) throw new Error(`open failed: ${r.problem.detail}`);
      return r.db;
    },
  };
}

/** The small engine config of the storage tests. */
export function smallConfig(customers = 300): EngineConfig {
  return mixedConfig({ customers, periods: 6 });
}

/** Decisions of round `k`: varied so that runs are distinguishable. */
export function decisionsAt(k: number): PeriodDecisions {
  return { levers: { ...RECOMMENDED, promotion: (k % 3) * 0.05 } };
}

/** A machine snapshot shaped like XState's persisted one (enough for storage). */
export function fakeMachine(
  seed: number,
  round: number,
  value: unknown = { round: 'decide' },
): PersistedMachine {
  const snapshot = {
    status: 'active' as const,
    value,
    historyValue: {},
    children: {},
    context: {
      scenarioId: SCENARIO.id,
      seed,
      round,
      draft: { levers: { serviceQuality: 0.5 }, eventChoices: {}, complaintResponses: {} },
      quizKey: [
        { id: 'q1', options: 2, answer: 1 },
        { id: 'q2', options: 3, answer: 0 },
      ],
      quiz: { index: 2, answers: [{ questionId: 'q1', option: 1, correct: true }], correct: 1 },
    },
  };
  return snapshot as unknown as PersistedMachine;
}

/** A session after `rounds` rounds of play on `seed`, with its engine snapshot. */
export function sessionAfter(
  rounds: number,
  seed = 7,
  config = smallConfig(),
): { sim: Simulation; state: SessionState } {
  const sim = Simulation.create(config, seed);
  for (let k = 0; k < rounds; k++) sim.step(decisionsAt(k));
  return { sim, state: stateOf(sim, seed, rounds) };
}

function stateOf(sim: Simulation, seed: number, rounds: number): SessionState {
  return {
    scenarioId: SCENARIO.id,
    scenarioVersion: SCENARIO.version,
    seed,
    round: rounds,
    machine: fakeMachine(seed, rounds),
    engine: sim.snapshot(),
  };
}

const runCache = new Map<string, ReturnType<Simulation['snapshot']>>();

/** A finished run made by the engine. */
export function makeRun(
  id: string,
  options: Partial<Run> & { seed?: number; rounds?: number } = {},
): Run {
  const seed = options.seed ?? 11;
  const rounds = options.rounds ?? 4;
  // Runs are deterministic: simulate each (seed, rounds) once per test file.
  const key = `${seed}:${rounds}`;
  let made = runCache.get(key);
  if (!made) {
    const sim = Simulation.create(smallConfig(200), seed);
    for (let k = 0; k < rounds; k++) sim.step(decisionsAt(k + seed));
    made = sim.snapshot();
    runCache.set(key, made);
  }
  const snap = structuredClone(made);
  return {
    id,
    scenarioId: SCENARIO.id,
    scenarioVersion: SCENARIO.version,
    seed,
    score: 50 + (seed % 40),
    rounds,
    label: null,
    player: { name: '王小明', team: 'MBA 2025 · 3' },
    parentRunId: null,
    branchRound: null,
    finishedAt: Date.UTC(2025, 1, 1) + seed * 1000,
    importedAt: null,
    decisions: snap.decisionLog,
    metrics: snap.history,
    personas: snap.personas,
    scoreParts: [
      { id: 'profit', metric: 'cumulativeProfit', value: 1234.5, fraction: 0.8, points: 50 },
    ],
    ...options,
  };
}

/** Every row of every table, in key order (what "the database" holds). */
export async function dumpAll(db: LoyaltyDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of TABLE_NAMES) out[name] = await db.table(name).toCollection().toArray();
  return out;
}

/**
 * The dump as exact bytes: every table, keys sorted, numbers exactly (-0 and NaN included),
 * typed arrays as their type and raw bytes. Equal bytes = the database holds the same data.
 * (Not v8.serialize: it writes the same number as an integer or a double depending on how
 * V8 happened to store it, so equal data can give different bytes.)
 */
export async function dumpBytes(db: LoyaltyDb): Promise<Buffer> {
  return Buffer.from(exact(await dumpAll(db)), 'utf8');
}

function exact(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (ArrayBuffer.isView(v))
    return `${v.constructor.name}(${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')})`;
  if (Array.isArray(v)) return `[${v.map(exact).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${exact(o[k])}`)
    .join(',')}}`;
}
