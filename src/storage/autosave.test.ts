// Autosave: debounced saves, explicit flush, no overlapping saves, the engine rewritten
// only when it changed, a failed save retried, and a session taken over elsewhere.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { Simulation } from '../engine/simulation.ts';
import { createAutosave } from './autosave.ts';
import { loadSession, type SessionState } from './records.ts';
import { takeOverSession } from './lease.ts';
import { decisionsAt, fakeMachine, sessionAfter, smallConfig, testBrowser } from './testkit.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  vi.restoreAllMocks();
});

/** A playing session whose state the test changes; counts the states read. */
function playing(seed = 3) {
  const sim = Simulation.create(smallConfig(), seed);
  let lever = 0;
  const reads = { count: 0 };
  const getState = (): SessionState => {
    reads.count++;
    return {
      scenarioId: 'sandbox',
      scenarioVersion: '1.0.0',
      seed,
      round: sim.period,
      machine: { ...fakeMachine(seed, sim.period), lever } as unknown as SessionState['machine'],
      engine: sim.snapshot(),
    };
  };
  return {
    sim,
    reads,
    getState,
    moveLever: () => void lever++,
    get lever() {
      return lever;
    },
  };
}

describe('autosave', () => {
  it('debounces: many changes, one save after the quiet time', async () => {
    const db = await testBrowser().open();
    const p = playing();
    const saved: string[] = [];
    const a = createAutosave({
      db,
      sessionId: 's',
      tabId: 't',
      getState: p.getState,
      delayMs: 30,
      onSaved: (r) => saved.push(r.ok ? r.value : r.problem.code),
    });
    for (let i = 0; i < 5; i++) {
      p.moveLever();
      a.schedule();
    }
    expect(a.status).toBe('pending');
    expect(p.reads.count).toBe(0);
    await vi.waitFor(() => expect(saved).toEqual(['saved']), { timeout: 2000, interval: 10 });
    expect(p.reads.count).toBe(1);
    expect(a.status).toBe('saved');
    const loaded = await loadSession(db, 's');
    expect(loaded.ok && (loaded.value?.saved.machine as unknown as { lever: number }).lever).toBe(
      5,
    );
    await sleep(60);
    expect(saved).toEqual(['saved']);
  });

  it('flush saves at once and cancels the pending timer; a clean flush writes nothing', async () => {
    const db = await testBrowser().open();
    const p = playing();
    let saves = 0;
    const a = createAutosave({
      db,
      sessionId: 's',
      tabId: 't',
      getState: p.getState,
      delayMs: 10_000,
      onSaved: () => saves++,
    });
    p.moveLever();
    a.schedule();
    const r = await a.flush();
    expect(r).toEqual({ ok: true, value: 'saved' });
    expect(saves).toBe(1);
    expect(await a.flush()).toEqual({ ok: true, value: 'clean' });
    expect(p.reads.count).toBe(1);
    await a.dispose();
    a.schedule();
    expect(a.status).toBe('disposed');
    expect(await a.flush()).toEqual({ ok: true, value: 'clean' });
  });

  it('never overlaps saves: changes during a save are saved by the next one, newest state last', async () => {
    const db = await testBrowser().open();
    const p = playing();
    const a = createAutosave({ db, sessionId: 's', tabId: 't', getState: p.getState, delayMs: 5 });
    p.moveLever();
    a.schedule();
    const first = a.flush();
    p.moveLever();
    a.schedule();
    const second = a.flush();
    await Promise.all([first, second]);
    const loaded = await loadSession(db, 's');
    expect(loaded.ok && (loaded.value?.saved.machine as unknown as { lever: number }).lever).toBe(
      2,
    );
  });

  it('rewrites the engine only when a round was simulated', async () => {
    const db = await testBrowser().open();
    const p = playing();
    const a = createAutosave({ db, sessionId: 's', tabId: 't', getState: p.getState, delayMs: 5 });
    const enginePuts = vi.spyOn(db.sessionEngines, 'put');
    const machinePuts = vi.spyOn(db.sessionMachines, 'put');
    a.schedule();
    await a.flush();
    for (let i = 0; i < 3; i++) {
      p.moveLever();
      a.schedule();
      await a.flush();
    }
    expect(machinePuts).toHaveBeenCalledTimes(4);
    expect(enginePuts).toHaveBeenCalledTimes(1);
    p.sim.step(decisionsAt(0));
    a.schedule();
    await a.flush();
    expect(enginePuts).toHaveBeenCalledTimes(2);
    const loaded = await loadSession(db, 's');
    expect(loaded.ok && loaded.value?.saved.engine).toEqual(p.sim.snapshot());
  });

  it('a failed save keeps the change pending and reports it; the next flush saves it', async () => {
    const db = await testBrowser().open();
    const p = playing();
    const problems: string[] = [];
    const fromDb: string[] = [];
    db.onProblem((x) => fromDb.push(x.code));
    const a = createAutosave({
      db,
      sessionId: 's',
      tabId: 't',
      getState: p.getState,
      onProblem: (x) => problems.push(x.code),
    });
    const put = vi
      .spyOn(db.sessionMachines, 'put')
      .mockRejectedValueOnce(new DOMException('disk full', 'QuotaExceededError'));
    p.moveLever();
    a.schedule();
    const r = await a.flush();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem.code).toBe('quota');
    expect(a.status).toBe('failed');
    expect(problems).toEqual(['quota']);
    expect(fromDb).toEqual(['quota']);
    // Nothing half-written: the session row went with the failed transaction.
    expect(await db.sessions.count()).toBe(0);
    put.mockRestore();
    expect(await a.flush()).toEqual({ ok: true, value: 'saved' });
    expect(a.status).toBe('saved');
    expect(a.lastProblem).toBeNull();
  });

  it('a getState that throws becomes a problem, not a crash', async () => {
    const db = await testBrowser().open();
    const a = createAutosave({
      db,
      sessionId: 's',
      tabId: 't',
      getState: () => {
        throw new Error('engine worker gone');
      },
    });
    a.schedule();
    const r = await a.flush();
    expect(!r.ok && r.problem).toMatchObject({
      code: 'writeFailed',
      detail: 'Error: engine worker gone',
    });
  });

  it('stops saving once another tab has taken the session over', async () => {
    const browser = testBrowser();
    const tabA = await browser.open();
    const tabB = await browser.open();
    const p = playing();
    let elsewhere = 0;
    const a = createAutosave({
      db: tabA,
      sessionId: 's',
      tabId: 'A',
      getState: p.getState,
      onElsewhere: () => elsewhere++,
    });
    a.schedule();
    await a.flush();
    await takeOverSession(tabB, 's', 'B');
    p.moveLever();
    a.schedule();
    expect(await a.flush()).toEqual({ ok: true, value: 'elsewhere' });
    expect(a.status).toBe('elsewhere');
    expect(elsewhere).toBe(1);
    a.schedule();
    expect(a.status).toBe('elsewhere');
    // Tab B's state is intact: tab A's newer lever was not written.
    const loaded = await loadSession(tabB, 's');
    expect(loaded.ok && (loaded.value?.saved.machine as unknown as { lever: number }).lever).toBe(
      0,
    );
    expect(loaded.ok && loaded.value?.session.lease?.tabId).toBe('B');
  });

  it('saves a 300-customer session state that restores equal (sanity of the fixture)', async () => {
    const db = await testBrowser().open();
    const { state } = sessionAfter(2);
    const a = createAutosave({ db, sessionId: 'x', tabId: 't', getState: () => state });
    a.schedule();
    await a.dispose();
    const loaded = await loadSession(db, 'x');
    expect(loaded.ok && loaded.value?.saved).toEqual({
      machine: state.machine,
      engine: state.engine,
    });
  });
});
