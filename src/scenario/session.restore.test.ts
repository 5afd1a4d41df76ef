// The persistence contract: the machine's persisted snapshot (through JSON) plus the
// engine's snapshot (through structured clone) restore a session exactly where it stopped,
// mid-round included, and the restored session ends bit for bit where an uninterrupted one
// does.

import { describe, expect, it } from 'vitest';
import { SimulatedClock, waitFor } from 'xstate';
import type { PeriodMetrics } from '../engine/types.ts';
import type { EngineAdapter } from './engineAdapter.ts';
import {
  restoreSession,
  saveSession,
  startSession,
  type SavedSession,
  type SessionActor,
} from './session.ts';
import {
  answerEvents,
  decide,
  finishRound,
  fixture,
  playQuiz,
  playToDebrief,
  richScenario,
  type Fixture,
  type Plan,
} from './fixtures.ts';

/** A learner with different decisions every round: levers, the event, some inbox answers. */
const plan: Plan = (round, view) => {
  if (round === 0) return { levers: { serviceQuality: 0.5, staffTraining: 0.4 } };
  if (round === 1)
    return {
      levers: { personalCare: 0.3, acquisitionSpend: 0.2 },
      events: { 'price-war': 'match' },
      complaint: (c) =>
        c.id === view.complaints[0]?.id
          ? { action: 'compensate', hours: 8 }
          : c.id === view.complaints[1]?.id
            ? { action: 'escalate', hours: 24 }
            : undefined,
    };
  return { levers: { promotion: 0.1 }, complaint: () => ({ action: 'apologise', hours: 24 }) };
};

interface Outcome {
  history: PeriodMetrics[];
  context: ReturnType<SessionActor['getSnapshot']>['context'];
}

async function playOut(
  actor: SessionActor,
  engine: { history(): readonly PeriodMetrics[] },
): Promise<Outcome> {
  await playToDebrief(actor, plan);
  playQuiz(actor, (i) => i);
  expect(actor.getSnapshot().value).toBe('finished');
  return {
    history: structuredClone([...engine.history()]),
    context: structuredClone(actor.getSnapshot().context),
  };
}

let reference: Promise<Outcome> | undefined;
/** The uninterrupted session, played once. */
function uninterrupted(): Promise<Outcome> {
  reference ??= (async () => {
    const f = fixture(richScenario());
    return playOut(startSession(f, f.seed), f.engine);
  })();
  return reference;
}

/** Saves like the persistence subscriber would, tears the session down, and restores it. */
async function saveStopRestore(
  f: Pick<Fixture, 'scenario'> & { engine: EngineAdapter },
  actor: SessionActor,
): Promise<{ actor: SessionActor; engine: EngineAdapter }> {
  const saved = await saveSession(actor, f.engine);
  const json = JSON.stringify(saved.machine);
  actor.stop();
  const copy: SavedSession = { machine: JSON.parse(json), engine: structuredClone(saved.engine) };
  return restoreSession(copy, { scenario: f.scenario, minSimulatingMs: 0 });
}

function begin(): { f: Fixture; actor: SessionActor } {
  const f = fixture(richScenario());
  const actor = startSession(f, f.seed);
  actor.send({ type: 'session.start' });
  return { f, actor };
}

/** Plays round 0 and opens round 1's decide phase. */
async function toRound1Decide(): Promise<{ f: Fixture; actor: SessionActor }> {
  const { f, actor } = begin();
  await finishRound(actor, plan);
  actor.send({ type: 'report.continue' });
  actor.send({ type: 'round.begin' });
  return { f, actor };
}

describe('restore from a saved session', () => {
  it('the persisted machine snapshot is plain JSON', async () => {
    const { f, actor } = await toRound1Decide();
    const saved = await saveSession(actor, f.engine);
    expect(JSON.parse(JSON.stringify(saved.machine))).toEqual(saved.machine);
  });

  it('mid-round in decide with a changed draft: same draft, undo, then the same run', async () => {
    const { f, actor } = await toRound1Decide();
    decide(actor, { levers: { personalCare: 0.3, brandAdvertising: 0.5 } });
    const before = actor.getSnapshot();
    const restored = await saveStopRestore(f, actor);
    const after = restored.actor.getSnapshot();
    expect(after.value).toEqual({ round: 'decide' });
    expect(after.context).toEqual(before.context);
    // The undo stack survived: take back the brand spend the plan does not want.
    restored.actor.send({ type: 'round.undo' });
    expect(restored.actor.getSnapshot().context.draft.levers.brandAdvertising).toBe(
      before.context.undo.at(-1)!.levers.brandAdvertising,
    );
    const out = await playOut(restored.actor, restored.engine);
    const ref = await uninterrupted();
    expect(out.history).toStrictEqual(ref.history);
    expect(out.context.rounds).toStrictEqual(ref.context.rounds);
    expect(out.context.debrief).toStrictEqual(ref.context.debrief);
  });

  it('mid-round in events with the event answered', async () => {
    const { f, actor } = await toRound1Decide();
    decide(actor, plan(1, actor.getSnapshot().context.view));
    answerEvents(actor, plan(1, actor.getSnapshot().context.view));
    expect(actor.getSnapshot().value).toEqual({ round: 'events' });
    const restored = await saveStopRestore(f, actor);
    expect(restored.actor.getSnapshot().context.draft.eventChoices).toEqual({
      'price-war': 'match',
    });
    expect(restored.actor.getSnapshot().can({ type: 'round.next' })).toBe(true);
    expect((await playOut(restored.actor, restored.engine)).history).toStrictEqual(
      (await uninterrupted()).history,
    );
  });

  it('mid-round in complaints with part of the inbox answered', async () => {
    const { f, actor } = await toRound1Decide();
    const view = actor.getSnapshot().context.view;
    expect(view.complaints.length).toBeGreaterThan(1);
    const p = plan(1, view);
    decide(actor, p);
    answerEvents(actor, p);
    actor.send({ type: 'round.next' });
    actor.send({
      type: 'complaint.respond',
      complaintId: view.complaints[0].id,
      action: 'compensate',
      hours: 8,
    });
    const before = actor.getSnapshot();
    expect(before.value).toEqual({ round: 'complaints' });
    const restored = await saveStopRestore(f, actor);
    expect(restored.actor.getSnapshot().value).toEqual({ round: 'complaints' });
    expect(restored.actor.getSnapshot().context).toEqual(before.context);
    expect(restored.engine.pendingComplaints()).toEqual(view.complaints);
    expect((await playOut(restored.actor, restored.engine)).history).toStrictEqual(
      (await uninterrupted()).history,
    );
  });

  it('while simulating, before the engine ran: the period runs once after restore', async () => {
    const { f, actor } = await toRound1Decide();
    const p = plan(1, actor.getSnapshot().context.view);
    decide(actor, p);
    answerEvents(actor, p);
    actor.send({ type: 'round.next' });
    for (const c of actor.getSnapshot().context.view.complaints) {
      const r = p.complaint?.(c);
      if (r) actor.send({ type: 'complaint.respond', complaintId: c.id, ...r });
    }
    actor.send({ type: 'round.submit' });
    expect(actor.getSnapshot().matches('simulating')).toBe(true);
    expect(f.engine.period).toBe(1); // the step waits a task
    const restored = await saveStopRestore(f, actor);
    await waitFor(restored.actor, (s) => s.matches('roundReport'));
    expect(restored.engine.period).toBe(2);
    expect(f.engine.period).toBe(1); // the stopped session's step was aborted
    expect((await playOut(restored.actor, restored.engine)).history).toStrictEqual(
      (await uninterrupted()).history,
    );
  });

  it('while simulating, after the engine ran: no second step, the lost timer counts as elapsed', async () => {
    const f = fixture(richScenario(), 7, 600);
    const actor = startSession(f, f.seed, { clock: new SimulatedClock() });
    actor.send({ type: 'session.start' });
    actor.send({ type: 'round.begin' });
    decide(actor, plan(0, actor.getSnapshot().context.view));
    actor.send({ type: 'round.submit' });
    await waitFor(actor, (s) => s.matches({ simulating: { engine: 'done', clock: 'waiting' } }));
    expect(f.engine.period).toBe(1);
    const restored = await saveStopRestore(f, actor);
    // The persisted child is restarted; the engine is already past round 0, so it reuses it.
    await waitFor(restored.actor, (s) => s.matches('roundReport'));
    expect(restored.engine.period).toBe(1);
    expect((await playOut(restored.actor, restored.engine)).history).toStrictEqual(
      (await uninterrupted()).history,
    );
  });

  it('while simulating, saved before the step but engine saved after it (idempotent step)', async () => {
    const { f, actor } = begin();
    actor.send({ type: 'round.begin' });
    decide(actor, plan(0, actor.getSnapshot().context.view));
    actor.send({ type: 'round.submit' });
    const machine = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    await waitFor(actor, (s) => s.matches('roundReport'));
    const engine = await f.engine.snapshot();
    actor.stop();
    const restored = restoreSession(
      { machine, engine },
      { scenario: f.scenario, minSimulatingMs: 0 },
    );
    await waitFor(restored.actor, (s) => s.matches('roundReport'));
    expect(restored.engine.period).toBe(1);
    expect((await playOut(restored.actor, restored.engine)).history).toStrictEqual(
      (await uninterrupted()).history,
    );
  });

  it('at the round report, in the debrief and in the quiz', async () => {
    const { f, actor } = begin();
    await finishRound(actor, plan);
    let r = await saveStopRestore(f, actor);
    expect(r.actor.getSnapshot().value).toBe('roundReport');
    expect(r.actor.getSnapshot().context.lastReport?.round).toBe(0);
    r.actor.send({ type: 'report.continue' });
    const f2 = { ...f, engine: r.engine };
    await playToDebrief(r.actor, plan);
    const debrief = r.actor.getSnapshot().context.debrief;
    r = await saveStopRestore(f2, r.actor);
    expect(r.actor.getSnapshot().value).toEqual({ debrief: 'ready' });
    expect(r.actor.getSnapshot().context.debrief).toStrictEqual(debrief);
    r.actor.send({ type: 'report.continue' });
    r.actor.send({ type: 'quiz.answer', questionId: 'q1', option: 1 });
    r = await saveStopRestore({ ...f2, engine: r.engine }, r.actor);
    expect(r.actor.getSnapshot().value).toEqual({ quiz: 'feedback' });
    expect(r.actor.getSnapshot().context.quiz.correct).toBe(1);
    r.actor.send({ type: 'quiz.next' });
    expect(r.actor.getSnapshot().value).toEqual({ quiz: 'asking' });
  });

  it('refuses halves that do not belong together', async () => {
    const { f, actor } = await toRound1Decide();
    const machine = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    const fresh = fixture(richScenario());
    const engine = await fresh.engine.snapshot(); // period 0, the session is at round 1
    expect(() => restoreSession({ machine, engine }, { scenario: f.scenario })).toThrow(
      /period 0.*expects 1/,
    );
  });
});
