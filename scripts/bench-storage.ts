// Storage benchmark: time to save a round and to resume a session with 100,000 customers
// (targets: < 100 ms to save a round, < 300 ms to resume), and stored bytes per run.
// Runs in Node on fake-indexeddb (an in-memory IndexedDB in JavaScript), so the figures say
// how much work the storage code does, not how fast Chromium's disk-backed IndexedDB is;
// the browser figures come from a Playwright measurement. Prints JSON lines.
//   npx tsx scripts/bench-storage.ts [customers...]
import { serialize } from 'node:v8';
import { Simulation } from '../src/engine/simulation.ts';
import { RECOMMENDED, mixedConfig } from '../src/engine/testkit.ts';
import { exportRun, exportAll, progressFileText } from '../src/storage/exchange.ts';
import {
  finishSession,
  loadSession,
  saveSessionState,
  type SessionState,
} from '../src/storage/records.ts';
import { fakeMachine, testBrowser } from '../src/storage/testkit.ts';

const BACKEND =
  'fake-indexeddb (Node, in memory) — not a browser; Chromium figures come from the UI’s Playwright run';
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] * 10) / 10;
};
const ms = (t0: number) => performance.now() - t0;
// CPU time of this process over the run, beside wall time: other jobs share the cores.
const cpu0 = process.cpuUsage();

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
for (const customers of sizes.length ? sizes : [100_000]) {
  const periods = 12;
  const config = mixedConfig({ customers, periods });
  const sim = Simulation.create(config, 1, { enforceBudget: false });
  const db = await testBrowser().open();
  const state = (): SessionState => ({
    scenarioId: 'sandbox',
    scenarioVersion: '1.0.0',
    seed: 1,
    round: sim.period,
    machine: fakeMachine(1, sim.period),
    engine: sim.snapshot(),
  });

  // A round submitted: snapshot the engine and save machine + engine (engine changed).
  const saveRound: number[] = [];
  // A lever moved within a round: the machine only (the engine's fingerprint is unchanged).
  const saveWithinRound: number[] = [];
  const resume: number[] = [];
  // Of which: the engine's snapshot (copying the columns), which getState does.
  const snapshotMs: number[] = [];
  for (let p = 0; p < 8; p++) {
    sim.step({ levers: RECOMMENDED });
    let t0 = performance.now();
    const s = state();
    if (p > 0) snapshotMs.push(ms(t0));
    const r = await saveSessionState(db, 'bench', s, 'tab');
    if (!r.ok) throw new Error(r.problem.detail);
    if (p > 0) saveRound.push(ms(t0)); // the first save warms the JIT
    t0 = performance.now();
    await saveSessionState(db, 'bench', state(), 'tab');
    if (p > 0) saveWithinRound.push(ms(t0));
    // Resume: read the session and rebuild the engine from its snapshot.
    t0 = performance.now();
    const loaded = await loadSession(db, 'bench');
    if (!loaded.ok || !loaded.value) throw new Error('not saved');
    const back = Simulation.restore(config, loaded.value.saved.engine, { enforceBudget: false });
    if (p > 0) resume.push(ms(t0));
    if (back.period !== sim.period) throw new Error('restore mismatch');
  }
  const snap = sim.snapshot();
  const sessionBytes = serialize(snap).length;

  // Why structured clone and not JSON for the columns.
  let t0 = performance.now();
  structuredClone(snap.columns);
  const cloneColumnsMs = ms(t0);
  t0 = performance.now();
  const json = JSON.stringify(
    Object.fromEntries(
      Object.entries(snap.columns).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]),
    ),
  );
  const jsonColumnsMs = ms(t0);

  console.log(
    JSON.stringify({
      backend: BACKEND,
      customers,
      customerSlots: snap.count,
      saveRoundMs: median(saveRound),
      ofWhichSnapshotMs: median(snapshotMs),
      saveWithinRoundMs: median(saveWithinRound),
      resumeMs: median(resume),
      sessionStoredBytes: sessionBytes,
      columnsCloneMs: Math.round(cloneColumnsMs * 10) / 10,
      columnsJsonMs: Math.round(jsonColumnsMs * 10) / 10,
      columnsJsonBytes: json.length,
    }),
  );

  // A finished run: summary + details (decisions, per-period metrics, personas, score).
  while (sim.period < periods) sim.step({ levers: RECOMMENDED });
  await saveSessionState(db, 'bench', state(), 'tab');
  const run = await finishSession(db, 'bench', { score: { total: 80, parts: [] } });
  if (!run.ok || !run.value) throw new Error('not finished');
  const summary = await db.runs.get('bench');
  const details = await db.runDetails.get('bench');
  const runFile = await exportRun(db, 'bench');
  if (!runFile.ok || !runFile.value) throw new Error('no export');
  console.log(
    JSON.stringify({
      backend: BACKEND,
      customers,
      rounds: run.value.rounds,
      runStoredBytes: serialize(summary).length + serialize(details).length,
      runSummaryBytes: serialize(summary).length,
      runExportFileBytes: Buffer.byteLength(progressFileText(runFile.value)),
    }),
  );

  // A session in an export-all file (base64 columns).
  const fresh = Simulation.create(config, 2, { enforceBudget: false });
  fresh.step({ levers: RECOMMENDED });
  await saveSessionState(
    db,
    'file',
    {
      ...state(),
      seed: 2,
      round: 1,
      machine: fakeMachine(2, 1),
      engine: fresh.snapshot(),
    },
    'tab',
  );
  t0 = performance.now();
  const all = await exportAll(db);
  if (!all.ok) throw new Error(all.problem.detail);
  const text = progressFileText(all.value);
  console.log(
    JSON.stringify({
      backend: BACKEND,
      customers,
      exportAllWithOneSessionMs: Math.round(ms(t0)),
      exportAllFileBytes: Buffer.byteLength(text),
    }),
  );
  db.close();
}
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    backend: BACKEND,
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    wallSeconds: Math.round(performance.now() / 10) / 100,
  }),
);
