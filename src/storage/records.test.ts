// Save and read back every kind of record; a saved engine continues exactly like an
// uninterrupted run; history queries, lineage, branch plans; deletes.

import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation.ts';
import {
  decisionsAt,
  dumpAll,
  makeRun,
  manualClock,
  sessionAfter,
  smallConfig,
  testBrowser,
  SCENARIO,
} from './testkit.ts';
import {
  deleteAllData,
  deleteRun,
  deleteSession,
  engineFingerprint,
  finishSession,
  getProfile,
  getRun,
  getSetting,
  labelRun,
  listConceptViews,
  listQuizResults,
  loadSession,
  markConceptViewed,
  phaseOf,
  saveProfile,
  saveQuizResult,
  saveRun,
  saveSessionState,
  sessionState,
  setSetting,
} from './records.ts';
import {
  branchPlan,
  diffDecisions,
  history,
  listRuns,
  listSessions,
  runLineage,
} from './history.ts';

function value<T>(r: { ok: true; value: T } | { ok: false; problem: { detail: string } }): T {
  if (!r.ok) throw new Error(r.problem.detail);
  return r.value;
}

describe('round trips', () => {
  it('profile, settings, concept views and quiz results come back as saved', async () => {
    const clock = manualClock();
    const db = await testBrowser().open({ now: clock });
    expect(value(await getProfile(db))).toBeUndefined();
    const saved = value(await saveProfile(db, { name: '  李雷 ', team: ' ', language: 'zh-CN' }));
    expect(saved).toEqual({
      id: 'me',
      name: '李雷',
      team: null,
      language: 'zh-CN',
      updatedAt: clock(),
    });
    expect(value(await getProfile(db))).toEqual(saved);

    await setSetting(db, 'play.lastScenarioId', 'sandbox');
    await setSetting(db, 'nested', { a: [1, 2, { b: null }] });
    expect(value(await getSetting(db, 'play.lastScenarioId'))).toBe('sandbox');
    expect(value(await getSetting(db, 'nested'))).toEqual({ a: [1, 2, { b: null }] });
    expect(value(await getSetting(db, 'absent'))).toBeUndefined();

    await markConceptViewed(db, 'churn');
    clock.advance(5000);
    const again = value(await markConceptViewed(db, 'churn'));
    expect(again).toEqual({
      conceptId: 'churn',
      firstViewedAt: clock() - 5000,
      lastViewedAt: clock(),
      count: 2,
    });
    expect(value(await listConceptViews(db))).toEqual([again]);

    const quiz = value(
      await saveQuizResult(db, {
        scenarioId: 'sandbox',
        runId: 'r1',
        answers: [{ questionId: 'q1', option: 1, correct: true }],
        correct: 1,
        total: 2,
      }),
    );
    expect(value(await listQuizResults(db, { runId: 'r1' }))).toEqual([quiz]);
    expect(value(await listQuizResults(db, { scenarioId: 'other' }))).toEqual([]);
  });

  it('a session with a typed-array engine restores and continues like an uninterrupted run', async () => {
    const browser = testBrowser();
    const config = smallConfig(300);
    const { state } = sessionAfter(3, 42, config);
    const tab = await browser.open();
    expect(value(await saveSessionState(tab, 's1', state, 'tab-a'))).toBe('saved');
    tab.close();

    // A new page load: a fresh handle reads it back.
    const again = await browser.open();
    const loaded = value(await loadSession(again, 's1'));
    expect(loaded).toBeDefined();
    const { session, saved } = loaded!;
    expect(session).toMatchObject({
      id: 's1',
      scenarioId: 'sandbox',
      seed: 42,
      round: 3,
      phase: 'round.decide',
    });
    expect(saved.machine).toEqual(state.machine);
    expect(saved.engine.columns.satisfaction).toBeInstanceOf(Float32Array);
    expect(saved.engine).toEqual(state.engine);

    const resumed = Simulation.restore(config, saved.engine);
    const straight = Simulation.create(config, 42);
    for (let k = 0; k < 6; k++) {
      if (k >= 3) resumed.step(decisionsAt(k));
      straight.step(decisionsAt(k));
    }
    expect(resumed.history).toEqual(straight.history);
    expect(resumed.snapshot()).toEqual(straight.snapshot());
  });

  it('a run (summary and details) comes back whole; a label can be set and removed', async () => {
    const db = await testBrowser().open();
    const run = makeRun('run-1', { label: 'first try' });
    value(await saveRun(db, run));
    expect(value(await getRun(db, 'run-1'))).toEqual(run);
    expect(value(await labelRun(db, 'run-1', '  fixing complaints in round 3 '))).toBe(true);
    expect(value(await getRun(db, 'run-1'))?.label).toBe('fixing complaints in round 3');
    await labelRun(db, 'run-1', '');
    expect(value(await getRun(db, 'run-1'))?.label).toBeNull();
    expect(value(await labelRun(db, 'nope', 'x'))).toBe(false);
    expect(value(await getRun(db, 'nope'))).toBeUndefined();
  });

  it('finishing a session makes a run from the saved engine, records the quiz, drops the session', async () => {
    const clock = manualClock();
    const db = await testBrowser().open({ now: clock });
    await saveProfile(db, { name: 'Ann', team: 'Group 3', language: 'en' });
    const { sim, state } = sessionAfter(6, 5);
    await saveSessionState(db, 's1', { ...state, parentRunId: 'parent', branchRound: 2 }, 'tab');
    const score = {
      total: 88.5,
      parts: [{ id: 'p', metric: 'cumulativeProfit', value: 1, fraction: 0.9, points: 88.5 }],
    };
    const run = value(await finishSession(db, 's1', { score, label: 'B' }));
    expect(run).toMatchObject({
      id: 's1',
      seed: 5,
      score: 88.5,
      rounds: 6,
      label: 'B',
      player: { name: 'Ann', team: 'Group 3' },
      parentRunId: 'parent',
      branchRound: 2,
      finishedAt: clock(),
    });
    expect(run!.metrics).toEqual(sim.history);
    expect(run!.decisions).toEqual(sim.decisionLog);
    expect(value(await getRun(db, 's1'))).toEqual(run);
    expect(value(await loadSession(db, 's1'))).toBeUndefined();
    expect(value(await listQuizResults(db, { runId: 's1' }))).toEqual([
      expect.objectContaining({ correct: 1, total: 2, scenarioId: 'sandbox' }),
    ]);
    // Finishing twice (another tab) returns the same run and writes nothing new.
    const before = await dumpAll(db);
    expect(value(await finishSession(db, 's1', { score }))).toEqual(run);
    expect(await dumpAll(db)).toEqual(before);
    expect(value(await finishSession(db, 'none', { score }))).toBeUndefined();
  });

  it('a save is the whole truth about the branch: a restarted branch is no longer one', async () => {
    const db = await testBrowser().open();
    const { state } = sessionAfter(2, 5);
    const machine = (branch?: { fromRunId: string; fromRound: number }) => {
      const m = structuredClone(state.machine) as unknown as { context: Record<string, unknown> };
      m.context.branch = branch;
      return m as unknown as typeof state.machine;
    };
    // The branch is read from the machine's context (the page need not remember it).
    const asBranch = sessionState(
      { machine: machine({ fromRunId: 'p', fromRound: 2 }), engine: state.engine },
      SCENARIO,
    );
    expect(asBranch).toMatchObject({ parentRunId: 'p', branchRound: 2 });
    await saveSessionState(db, 's1', asBranch, 'tab');
    expect(value(await loadSession(db, 's1'))?.session).toMatchObject({
      parentRunId: 'p',
      branchRound: 2,
    });

    // Restarted: the machine dropped its branch, and the save says so.
    const restarted = sessionState({ machine: machine(undefined), engine: state.engine }, SCENARIO);
    expect(restarted).toMatchObject({ parentRunId: null, branchRound: null });
    await saveSessionState(db, 's1', restarted, 'tab');
    expect(value(await loadSession(db, 's1'))?.session).toMatchObject({
      parentRunId: null,
      branchRound: null,
    });
    // Left out means "not a branch" too, never "as before".
    await saveSessionState(db, 's1', asBranch, 'tab');
    await saveSessionState(db, 's1', state, 'tab');
    expect(value(await loadSession(db, 's1'))?.session).toMatchObject({
      parentRunId: null,
      branchRound: null,
    });
  });
});

describe('history', () => {
  it('lists runs per scenario newest first, running sessions, and the best score', async () => {
    const db = await testBrowser().open();
    for (const [id, seed, scenarioId] of [
      ['a', 1, 'sandbox'],
      ['b', 3, 'sandbox'],
      ['c', 2, 'retail'],
    ] as const)
      await saveRun(db, makeRun(id, { seed, scenarioId }));
    await saveSessionState(db, 's1', sessionAfter(1, 9).state, 'tab');

    expect(value(await listRuns(db, 'sandbox')).map((r) => r.id)).toEqual(['b', 'a']);
    expect(value(await listRuns(db)).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    const runs = value(await listRuns(db, 'sandbox'));
    // Summaries only: nothing heavy on the list.
    expect(Object.keys(runs[0]).sort()).toEqual(
      [
        'branchRound',
        'finishedAt',
        'id',
        'importedAt',
        'label',
        'parentRunId',
        'player',
        'rounds',
        'scenarioId',
        'scenarioVersion',
        'score',
        'seed',
      ].sort(),
    );
    expect(value(await listSessions(db)).map((s) => s.id)).toEqual(['s1']);
    const h = value(await history(db));
    expect(h.map((e) => [e.scenarioId, e.runs.length, e.sessions.length])).toEqual([
      ['sandbox', 2, 1],
      ['retail', 1, 0],
    ]);
    expect(h[0].best).toBe(Math.max(...runs.map((r) => r.score)));
  });

  it('a branch plan replays the parent’s first rounds exactly; lineage links parent and branches', async () => {
    const db = await testBrowser().open();
    const parent = makeRun('parent', { seed: 21, rounds: 5 });
    await saveRun(db, parent);
    const plan = value(await branchPlan(db, 'parent', 3))!;
    expect(plan).toMatchObject({
      seed: 21,
      parentRunId: 'parent',
      branchRound: 3,
      scenarioId: 'sandbox',
    });
    expect(plan.decisions).toEqual(parent.decisions.slice(0, 3));
    const replayed = Simulation.replay(smallConfig(200), plan.seed, plan.decisions);
    expect(replayed.history).toEqual(parent.metrics.slice(0, 3));
    expect(value(await branchPlan(db, 'parent', 5))).toBeUndefined();
    expect(value(await branchPlan(db, 'parent', -1))).toBeUndefined();

    await saveRun(db, makeRun('child', { seed: 21, parentRunId: 'parent', branchRound: 3 }));
    await saveRun(db, makeRun('grandchild', { seed: 21, parentRunId: 'child', branchRound: 1 }));
    await saveRun(db, makeRun('orphan', { seed: 21, parentRunId: 'deleted', branchRound: 1 }));
    const lin = value(await runLineage(db, 'grandchild'))!;
    expect(lin.ancestors.map((a) => [a.run.id, a.childBranchRound])).toEqual([
      ['parent', 3],
      ['child', 1],
    ]);
    expect(value(await runLineage(db, 'parent'))!.branches.map((r) => r.id)).toEqual(['child']);
    expect(value(await runLineage(db, 'orphan'))!.missingParentId).toBe('deleted');
    expect(value(await runLineage(db, 'none'))).toBeUndefined();
  });

  it('diffs two runs’ decisions round by round', () => {
    const a = [
      { levers: { promotion: 0.1, serviceQuality: 0.5 } },
      { levers: {}, eventChoices: { war: 'match' } },
    ];
    const b = [
      { levers: { promotion: 0.1, serviceQuality: 0.6 } },
      {
        levers: {},
        eventChoices: { war: 'hold' },
        complaintResponses: { c1: { action: 'apologise' as const, hours: 24 } },
      },
    ];
    expect(diffDecisions(a, b)).toEqual([
      { round: 0, path: 'levers.serviceQuality', a: 0.5, b: 0.6 },
      { round: 1, path: 'complaintResponses.c1.action', a: null, b: 'apologise' },
      { round: 1, path: 'complaintResponses.c1.hours', a: null, b: 24 },
      { round: 1, path: 'eventChoices.war', a: 'match', b: 'hold' },
    ]);
  });
});

describe('delete', () => {
  it('deletes a run with its details and quiz results, a session with its rows, and everything', async () => {
    const db = await testBrowser().open();
    await saveRun(db, makeRun('r1'));
    await saveRun(db, makeRun('r2'));
    await saveQuizResult(db, {
      scenarioId: 'sandbox',
      runId: 'r1',
      answers: [],
      correct: 0,
      total: 1,
    });
    await saveSessionState(db, 's1', sessionAfter(1).state, 'tab');
    await saveProfile(db, { name: 'x', language: 'en' });

    value(await deleteRun(db, 'r1'));
    expect(value(await getRun(db, 'r1'))).toBeUndefined();
    expect(await db.runDetails.get('r1')).toBeUndefined();
    expect(value(await listQuizResults(db))).toEqual([]);
    expect(value(await getRun(db, 'r2'))).toBeDefined();

    value(await deleteSession(db, 's1'));
    expect(value(await loadSession(db, 's1'))).toBeUndefined();
    expect(await db.sessionEngines.count()).toBe(0);

    value(await deleteAllData(db));
    const dump = await dumpAll(db);
    expect(Object.values(dump).every((rows) => rows.length === 0)).toBe(true);
  });
});

describe('helpers', () => {
  it('names the machine phase and fingerprints the engine', () => {
    expect(phaseOf({ value: { round: 'decide' } } as never)).toBe('round.decide');
    expect(phaseOf({ value: 'briefing' } as never)).toBe('briefing');
    expect(phaseOf({ value: { simulating: { engine: 'a', clock: 'b' } } } as never)).toBe(
      'simulating',
    );
    const { state } = sessionAfter(1);
    const { state: later } = sessionAfter(2);
    expect(engineFingerprint(state.engine)).not.toBe(engineFingerprint(later.engine));
    expect(engineFingerprint(state.engine)).toBe(engineFingerprint(sessionAfter(1).state.engine));
    expect(SCENARIO.id).toBe('sandbox');
  });
});
