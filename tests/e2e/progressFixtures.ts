/**
 * Progress files for the browser tests, made in Node by the storage room's own exporter
 * (exportAll / exportRun on a fake IndexedDB), from real runs of the shipped sandbox
 * scenario: so the browser can replay them and chart them like runs played there.
 *
 * - a student's whole progress: "Textbook policy" (recommended, seed 42), a branch of it
 *   from round 4 that cut prices instead, and a game in progress at round 3;
 * - two classmates' single-run files (one with markup in the name, shown as text).
 *
 * Run by tsx in a child process (progress.spec.ts: loadFixtures), which prints them as JSON:
 * the storage room imports package.json without an import attribute, which tsx and Vite
 * accept and Playwright's loader does not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Simulation } from '../../src/engine/simulation';
import type { PeriodDecisions } from '../../src/engine/types';
import { scoreRun } from '../../src/scenario/metrics';
import { policyDecisions, policyOf, type Policy } from '../../src/scenario/policy';
import type { Scenario } from '../../src/scenario/types';
import { loadScenario, toEngineConfig } from '../../src/scenario/validate';
import {
  exportAll,
  exportRun,
  openDatabase,
  progressFileText,
  saveProfile,
  saveRun,
  saveSessionState,
  type Run,
} from '../../src/storage/index';
import { fakeMachine } from '../../src/storage/testkit';

const root = join(import.meta.dirname, '..', '..');

export const SCENARIO_ID = 'sandbox';

function sandbox(): Scenario {
  const loaded = loadScenario(
    JSON.parse(readFileSync(join(root, 'scenarios', `${SCENARIO_ID}.json`), 'utf8')),
  );
  if (!loaded.ok) throw new Error('sandbox.json does not load');
  return loaded.scenario;
}

function policy(scenario: Scenario, id: string): Policy {
  const p = scenario.referencePolicies.find((r) => r.id === id);
  if (!p) throw new Error(`no policy ${id}`);
  return policyOf(p);
}

/** Plays the scenario: `first` decisions replayed, then `then` decides. */
function play(
  scenario: Scenario,
  seed: number,
  then: Policy,
  first: readonly PeriodDecisions[] = [],
): Simulation {
  const sim = Simulation.create(toEngineConfig(scenario), seed);
  for (const d of first) sim.step(d);
  while (!sim.finished) sim.step(policyDecisions(then, sim));
  return sim;
}

function toRun(scenario: Scenario, sim: Simulation, id: string, extra: Partial<Run>): Run {
  const snap = sim.snapshot();
  const score = scoreRun(scenario.objectives, snap.history);
  return {
    id,
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    seed: snap.seed,
    score: score.total,
    rounds: snap.history.length,
    label: null,
    player: null,
    parentRunId: null,
    branchRound: null,
    finishedAt: Date.UTC(2025, 2, 3, 9, 0),
    importedAt: null,
    decisions: snap.decisionLog,
    metrics: snap.history,
    personas: snap.personas,
    scoreParts: score.parts,
    ...extra,
  };
}

async function freshDb(name: string) {
  const opened = await openDatabase({ name, indexedDB: new IDBFactory(), IDBKeyRange });
  if (!opened.ok) throw new Error(opened.problem.detail);
  return opened.db;
}

export interface Fixtures {
  /** The student's whole progress (2 runs, 1 game in progress). */
  student: string;
  studentRuns: { id: string; label: string | null; score: number }[];
  /** Two classmates' run files. */
  classmates: { name: string; team: string; text: string; score: number }[];
}

let made: Promise<Fixtures> | undefined;

/** Made once per worker (a few seconds: four real runs of 2,000 customers). */
export function fixtures(): Promise<Fixtures> {
  made ??= make();
  return made;
}

async function make(): Promise<Fixtures> {
  const scenario = sandbox();
  const recommended = policy(scenario, 'recommended');
  const priceCuts = policy(scenario, 'naive-price-cuts');
  const acquisition = policy(scenario, 'naive-acquisition');

  const textbook = play(scenario, 42, recommended);
  const branch = play(scenario, 42, priceCuts, textbook.decisionLog.slice(0, 3));
  const runA = toRun(scenario, textbook, 'run-textbook', {
    label: 'Textbook policy',
    player: { name: 'Chen Jing', team: 'MBA 2025 · Group 3' },
    finishedAt: Date.UTC(2025, 2, 3, 9, 0),
  });
  const runB = toRun(scenario, branch, 'run-branch', {
    player: { name: 'Chen Jing', team: 'MBA 2025 · Group 3' },
    parentRunId: runA.id,
    branchRound: 3,
    finishedAt: Date.UTC(2025, 2, 3, 10, 30),
  });

  const db = await freshDb('student');
  await saveProfile(db, { name: 'Chen Jing', team: 'MBA 2025 · Group 3', language: 'en' });
  await saveRun(db, runA);
  await saveRun(db, runB);
  const inProgress = Simulation.create(toEngineConfig(scenario), 7);
  for (let k = 0; k < 2; k++) inProgress.step(policyDecisions(recommended, inProgress));
  await saveSessionState(
    db,
    'session-running',
    {
      scenarioId: scenario.id,
      scenarioVersion: scenario.version,
      seed: 7,
      round: 2,
      machine: fakeMachine(7, 2),
      engine: inProgress.snapshot(),
    },
    'fixture-tab',
  );
  const all = await exportAll(db);
  if (!all.ok) throw new Error('export failed');

  const classmates: Fixtures['classmates'] = [];
  for (const [k, who] of [
    { name: 'Liu Yang', team: 'MBA 2025 · Group 1', policy: acquisition },
    {
      name: '<img src=x onerror="window.hacked=1">Zhao',
      team: 'MBA 2025 · Group 3',
      policy: priceCuts,
    },
  ].entries()) {
    const sdb = await freshDb(`classmate-${k}`);
    await saveProfile(sdb, { name: who.name, team: who.team, language: 'zh-CN' });
    const run = toRun(scenario, play(scenario, 42, who.policy), `run-classmate-${k}`, {
      finishedAt: Date.UTC(2025, 2, 4, 8 + k, 0),
    });
    await saveRun(sdb, run);
    const file = await exportRun(sdb, run.id);
    if (!file.ok || !file.value) throw new Error('export failed');
    classmates.push({
      name: who.name,
      team: who.team,
      text: progressFileText(file.value),
      score: run.score,
    });
  }

  return {
    student: progressFileText(all.value),
    studentRuns: [runA, runB].map((r) => ({ id: r.id, label: r.label, score: r.score })),
    classmates,
  };
}

// `tsx tests/e2e/progressFixtures.ts` prints the fixtures as JSON.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  void fixtures().then((f) => process.stdout.write(JSON.stringify(f)));
}
