// The session statechart without a UI: pure steps (initialTransition / transition) through
// a round's phases and every guard, then live actors for simulating, the debrief, the quiz,
// restart and the minimum "simulating" time on a SimulatedClock.

import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, SimulatedClock, transition, waitFor } from 'xstate';
import { DecisionError } from '../engine/simulation.ts';
import type { SessionEvent } from './session.machine.ts';
import { draftDecisions, sessionMachine } from './session.machine.ts';
import { simulateRound, startSession } from './session.ts';
import {
  answerComplaints,
  answerEvents,
  decide,
  fixture,
  inputOf,
  machineOf,
  planOf,
  playQuiz,
  playRound,
  playToDebrief,
  richScenario,
  TEST_NAIVE,
  TEST_RECOMMENDED,
  type Fixture,
} from './fixtures.ts';

type Snap = ReturnType<typeof initialTransition<ReturnType<typeof machineOf>>>[0];

const machines = new WeakMap<Fixture, ReturnType<typeof machineOf>>();
/** The fixture's provided machine, made once (provide() builds a whole new machine). */
function machine(f: Fixture) {
  let m = machines.get(f);
  if (!m) machines.set(f, (m = machineOf(f)));
  return m;
}

/** One pure step; the engine is touched only by the provided loadRound/recheckDraft reads. */
function step(f: Fixture, s: Snap, event: SessionEvent): Snap {
  return transition(machine(f), s, event)[0];
}

/** Sends an event that must be refused: can() is false and nothing changes. */
function refused(f: Fixture, s: Snap, event: SessionEvent): void {
  expect(s.can(event), JSON.stringify(event)).toBe(false);
  const next = step(f, s, event);
  expect(next.value).toEqual(s.value);
  expect(next.context).toEqual(s.context);
}

/** Finishes "simulating" by hand: runs the actor's code, then feeds its done event. */
async function finishSimulating(f: Fixture, s: Snap): Promise<Snap> {
  expect(s.matches({ simulating: { engine: 'running', clock: 'waiting' } })).toBe(true);
  const output = await simulateRound(f, {
    round: s.context.round,
    decisions: draftDecisions(s.context.draft),
  });
  let next = transition(machine(f), s, {
    type: 'xstate.done.actor.simulatePeriod',
    output,
  } as never)[0];
  expect(next.matches({ simulating: { engine: 'done', clock: 'waiting' } })).toBe(true);
  next = step(f, next, { type: 'simulating.skip' });
  expect(next.value).toBe('roundReport');
  return next;
}

const ALL_EVENTS: SessionEvent[] = [
  { type: 'session.start' },
  { type: 'session.restart' },
  { type: 'round.begin' },
  { type: 'lever.set', id: 'serviceQuality', value: 0.5 },
  { type: 'round.undo' },
  { type: 'round.next' },
  { type: 'round.back' },
  { type: 'round.submit' },
  { type: 'event.choose', eventId: 'price-war', choiceId: 'match' },
  { type: 'complaint.respond', complaintId: 'c1', action: 'apologise', hours: 24 },
  { type: 'simulating.skip' },
  { type: 'report.continue' },
  { type: 'quiz.answer', questionId: 'q1', option: 1 },
  { type: 'quiz.next' },
];

function accepted(s: Snap): string[] {
  return ALL_EVENTS.filter((e) => s.can(e)).map((e) => e.type);
}

describe('pure steps through a round', () => {
  it('briefing accepts session.start only', () => {
    const f = fixture(richScenario());
    const [s] = initialTransition(machine(f), inputOf(f));
    expect(s.value).toBe('briefing');
    expect(accepted(s)).toEqual(['session.start']);
    refused(f, s, { type: 'round.begin' });
    refused(f, s, { type: 'report.continue' });
  });

  it('round 0: review, decide, budget and lever guards, undo, submit, report', async () => {
    const f = fixture(richScenario());
    let s = initialTransition(machine(f), inputOf(f))[0];
    s = step(f, s, { type: 'session.start' });
    expect(s.value).toEqual({ round: 'review' });
    // Round 0: no event yet (it fires before period 1), no inbox yet (complaints come from a period).
    expect(s.context.view).toEqual({ events: [], complaints: [] });
    expect(s.context.check.problems).toEqual([]);
    expect(accepted(s)).toEqual(['session.restart', 'round.begin']);

    s = step(f, s, { type: 'round.begin' });
    expect(s.value).toEqual({ round: 'decide' });
    refused(f, s, { type: 'round.next' }); // nothing after decide this round
    refused(f, s, { type: 'event.choose', eventId: 'price-war', choiceId: 'match' });
    // Lever guard: unknown lever, out of range, off-step choice lever, not a number.
    refused(f, s, { type: 'lever.set', id: 'nope' as never, value: 1 });
    refused(f, s, { type: 'lever.set', id: 'serviceQuality', value: 1.5 });
    refused(f, s, { type: 'lever.set', id: 'loyaltyTiers', value: 0.5 });
    refused(f, s, { type: 'lever.set', id: 'serviceQuality', value: Number.NaN });

    const before = s.context.draft;
    s = step(f, s, { type: 'lever.set', id: 'serviceQuality', value: 0.5 });
    expect(s.context.draft.levers.serviceQuality).toBe(0.5);
    expect(s.context.undo).toEqual([before]);
    // Over budget (acquisition alone costs 200,000 of 150,000): next and submit are blocked.
    s = step(f, s, { type: 'lever.set', id: 'acquisitionSpend', value: 1 });
    expect(s.context.check.problems.map((p) => p.code)).toEqual(['overBudget']);
    expect(s.context.check.cost).toBeGreaterThan(s.context.check.budget);
    refused(f, s, { type: 'round.submit' });
    // Undo restores the previous draft, and with it a valid budget.
    s = step(f, s, { type: 'round.undo' });
    expect(s.context.draft.levers.acquisitionSpend).toBe(f.scenario.levers.length ? 0.3 : 0);
    expect(s.context.check.problems).toEqual([]);
    s = step(f, s, { type: 'round.undo' });
    expect(s.context.draft).toEqual(before);
    refused(f, s, { type: 'round.undo' }); // stack empty
    // A locked lever cannot be set.
    const locked = structuredClone(f.scenario);
    locked.levers.find((l) => l.id === 'promotion')!.locked = true;
    const fl = fixture(locked);
    let sl = step(
      fl,
      step(fl, initialTransition(machine(fl), inputOf(fl))[0], { type: 'session.start' }),
      { type: 'round.begin' },
    );
    refused(fl, sl, { type: 'lever.set', id: 'promotion', value: 0.1 });
    sl = step(fl, sl, { type: 'lever.set', id: 'serviceQuality', value: 0.4 });
    expect(sl.context.draft.levers.serviceQuality).toBe(0.4);

    s = step(f, s, { type: 'lever.set', id: 'serviceQuality', value: 0.45 });
    s = step(f, s, { type: 'round.submit' });
    expect(s.value).toEqual({ simulating: { engine: 'running', clock: 'waiting' } });
    expect(accepted(s)).toEqual(['simulating.skip']); // no restart, no undo while simulating
    s = await finishSimulating(f, s);
    expect(s.context.undo).toEqual([]);
    expect(s.context.rounds).toHaveLength(1);
    expect(s.context.rounds[0].active).toBe(f.engine.history()[0].active);
    expect(s.context.lastReport?.round).toBe(0);
    expect(s.context.lastReport?.items.length).toBeLessThanOrEqual(3);
    expect(f.engine.history()[0].levers.serviceQuality).toBe(0.45);
    expect(accepted(s)).toEqual(['session.restart', 'report.continue']);
  });

  it('round 1: event and inbox phases, their guards, undo across phases', async () => {
    const f = fixture(richScenario());
    let s = initialTransition(machine(f), inputOf(f))[0];
    s = step(f, step(f, step(f, s, { type: 'session.start' }), { type: 'round.begin' }), {
      type: 'round.submit',
    });
    s = await finishSimulating(f, s);
    s = step(f, s, { type: 'report.continue' });
    expect(s.value).toEqual({ round: 'review' });
    expect(s.context.round).toBe(1);
    expect(s.context.view.events).toEqual([
      { id: 'price-war', choices: ['match', 'hold'], defaultChoice: 'hold' },
    ]);
    const inbox = s.context.view.complaints;
    expect(inbox.length).toBeGreaterThan(0);
    expect(inbox.length).toBeLessThanOrEqual(3);

    s = step(f, s, { type: 'round.begin' });
    refused(f, s, { type: 'round.submit' }); // an event is waiting
    s = step(f, s, { type: 'round.next' });
    expect(s.value).toEqual({ round: 'events' });
    refused(f, s, { type: 'round.next' }); // unanswered
    refused(f, s, { type: 'round.submit' });
    refused(f, s, { type: 'event.choose', eventId: 'price-war', choiceId: 'surrender' });
    refused(f, s, { type: 'event.choose', eventId: 'flood', choiceId: 'match' });
    refused(f, s, { type: 'lever.set', id: 'serviceQuality', value: 0.5 }); // levers belong to decide
    s = step(f, s, { type: 'event.choose', eventId: 'price-war', choiceId: 'match' });
    refused(f, s, { type: 'round.submit' }); // the inbox comes first
    s = step(f, s, { type: 'round.next' });
    expect(s.value).toEqual({ round: 'complaints' });

    const id = inbox[0].id;
    refused(f, s, {
      type: 'complaint.respond',
      complaintId: 'nobody',
      action: 'apologise',
      hours: 24,
    });
    refused(f, s, {
      type: 'complaint.respond',
      complaintId: id,
      action: 'shout' as never,
      hours: 24,
    });
    refused(f, s, { type: 'complaint.respond', complaintId: id, action: 'apologise', hours: 0 });
    refused(f, s, { type: 'complaint.respond', complaintId: id, action: 'apologise', hours: 721 });
    s = step(f, s, { type: 'complaint.respond', complaintId: id, action: 'compensate', hours: 12 });
    expect(s.context.draft.complaintResponses[id]).toEqual({ action: 'compensate', hours: 12 });
    // Undo takes the response back; a second undo un-answers the event, which blocks submit.
    s = step(f, s, { type: 'round.undo' });
    expect(s.context.draft.complaintResponses).toEqual({});
    s = step(f, s, { type: 'round.undo' });
    expect(s.context.draft.eventChoices).toEqual({});
    refused(f, s, { type: 'round.submit' });
    s = step(f, s, { type: 'round.back' });
    expect(s.value).toEqual({ round: 'events' });
    s = step(f, s, { type: 'round.back' });
    expect(s.value).toEqual({ round: 'decide' });
    s = step(f, step(f, s, { type: 'round.next' }), {
      type: 'event.choose',
      eventId: 'price-war',
      choiceId: 'hold',
    });
    s = step(f, s, { type: 'round.next' });
    s = step(f, s, { type: 'complaint.respond', complaintId: id, action: 'apologise', hours: 24 });
    // Unanswered complaints are allowed: the default policy answers them.
    expect(s.can({ type: 'round.submit' })).toBe(true);
    s = step(f, s, { type: 'round.submit' });
    s = await finishSimulating(f, s);
    expect(s.context.rounds[1].eventsFired).toEqual(['price-war:hold']);
    const logged = (await f.engine.snapshot()).decisionLog[1];
    expect(logged.eventChoices).toEqual({ 'price-war': 'hold' });
    expect(logged.complaintResponses).toEqual({ [id]: { action: 'apologise', hours: 24 } });
  });

  it('an event choice cost is crisis money outside the lever budget: DraftCheck ignores it', async () => {
    const scenario = richScenario();
    // Far beyond any budget: if it counted, choosing it would block the round.
    scenario.events[0].choices[0].cost = 1e9;
    const f = fixture(scenario);
    let s = initialTransition(machine(f), inputOf(f))[0];
    s = step(f, step(f, step(f, s, { type: 'session.start' }), { type: 'round.begin' }), {
      type: 'round.submit',
    });
    s = step(f, await finishSimulating(f, s), { type: 'report.continue' });
    s = step(f, step(f, s, { type: 'round.begin' }), { type: 'round.next' });
    const before = s.context.check;
    expect(before.cost).toBeLessThanOrEqual(before.budget);
    s = step(f, s, { type: 'event.choose', eventId: 'price-war', choiceId: 'match' });
    expect(s.context.check).toEqual(before);
    expect(s.context.check.problems).toEqual([]);
    s = step(f, s, { type: 'round.next' });
    expect(s.can({ type: 'round.submit' })).toBe(true);
    s = await finishSimulating(f, step(f, s, { type: 'round.submit' }));
    // The engine books it in that period's costs, outside lever spend.
    const m = f.engine.history()[1];
    expect(m.costs.events).toBe(1e9);
    expect(m.leverSpend).toBe(before.cost);
    expect(s.context.rounds[1].profit).toBeLessThan(-1e8);
  });

  it('a round without events but with an inbox goes decide → complaints → submit', async () => {
    const scenario = richScenario();
    scenario.events = [];
    const f = fixture(scenario);
    let s = initialTransition(machine(f), inputOf(f))[0];
    s = step(f, step(f, step(f, s, { type: 'session.start' }), { type: 'round.begin' }), {
      type: 'round.submit',
    });
    s = step(f, await finishSimulating(f, s), { type: 'report.continue' });
    s = step(f, s, { type: 'round.begin' });
    refused(f, s, { type: 'round.submit' });
    s = step(f, s, { type: 'round.next' });
    expect(s.value).toEqual({ round: 'complaints' });
    s = step(f, s, { type: 'round.back' });
    expect(s.value).toEqual({ round: 'decide' });
  });
});

describe('live sessions', () => {
  it('complaint answers reach the engine', async () => {
    const answer = async (action: 'compensate' | 'ignore', hours: number) => {
      const f = fixture(richScenario());
      const actor = createActor(machineOf(f), { input: inputOf(f) }).start();
      actor.send({ type: 'session.start' });
      await playRound(actor, () => ({}));
      actor.send({ type: 'report.continue' });
      await playRound(actor, () => ({ complaint: () => ({ action, hours }) }));
      return { f, inbox: actor.getSnapshot().context.view.complaints, m: f.engine.history()[1] };
    };
    const good = await answer('compensate', 4);
    const bad = await answer('ignore', 720);
    expect(good.inbox).toEqual(bad.inbox); // same seed, same first round
    // Each inbox compensation costs 150 on top of the (identical) lever cost.
    expect(good.m.costs.compensation - bad.m.costs.compensation).toBeCloseTo(
      150 * good.inbox.length,
      6,
    );
    expect(good.m.responseHours).toBeLessThan(bad.m.responseHours);
    expect((await good.f.engine.snapshot()).decisionLog[1].complaintResponses).toEqual(
      Object.fromEntries(good.inbox.map((c) => [c.id, { action: 'compensate', hours: 4 }])),
    );
  });

  it('plays to finished: debrief against the references, quiz with feedback and score', async () => {
    const f = fixture(richScenario());
    const actor = startSession(f, f.seed);
    await playToDebrief(actor, planOf(TEST_RECOMMENDED));
    let s = actor.getSnapshot();
    expect(s.matches({ debrief: 'ready' })).toBe(true);
    const d = s.context.debrief!;
    // The learner played the recommended policy through the machine: the headless
    // reference run on the same seed is the same run, to the last bit.
    expect(d.recommended?.policyId).toBe('recommended');
    expect(d.naive?.policyId).toBe('naive-discount');
    expect(d.learner.series).toStrictEqual(d.recommended!.series);
    expect(Object.values(d.vsRecommended!).every((v) => v === 0)).toBe(true);
    expect(d.learner.score.total).toBeGreaterThan(d.naive!.score.total);
    expect(d.findings.map((x) => x.ruleId)).not.toContain('below-recommended');
    expect(d.findings[0].ruleId).toBe('above-naive');
    expect(d.concepts).toEqual(d.findings.map((x) => x.concept));
    expect(s.context.rounds).toHaveLength(3);

    actor.send({ type: 'report.continue' });
    s = actor.getSnapshot();
    expect(s.value).toEqual({ quiz: 'asking' });
    expect(s.can({ type: 'quiz.answer', questionId: 'q2', option: 0 })).toBe(false); // not the current one
    expect(s.can({ type: 'quiz.answer', questionId: 'q1', option: 2 })).toBe(false); // no such option
    expect(s.can({ type: 'quiz.next' })).toBe(false); // answer first
    actor.send({ type: 'quiz.answer', questionId: 'q1', option: 0 });
    s = actor.getSnapshot();
    expect(s.value).toEqual({ quiz: 'feedback' });
    expect(s.context.quiz.answers).toEqual([{ questionId: 'q1', option: 0, correct: false }]);
    expect(s.can({ type: 'quiz.answer', questionId: 'q1', option: 1 })).toBe(false); // no second try
    actor.send({ type: 'quiz.next' });
    actor.send({ type: 'quiz.answer', questionId: 'q2', option: 0 });
    actor.send({ type: 'quiz.next' });
    s = actor.getSnapshot();
    expect(s.value).toBe('finished');
    expect(s.context.quiz.correct).toBe(1);
    expect(accepted(s)).toEqual(['session.restart']);
    actor.stop();
  });

  it('a scenario without quiz questions passes through the quiz', async () => {
    const scenario = richScenario(1);
    scenario.quiz = [];
    const f = fixture(scenario);
    const actor = startSession(f, f.seed);
    await playToDebrief(actor, () => ({}));
    actor.send({ type: 'report.continue' });
    expect(actor.getSnapshot().value).toBe('finished');
  });

  it('restart goes back to briefing with a fresh run on the same seed', async () => {
    const f = fixture(richScenario(2));
    const actor = startSession(f, f.seed);
    await playToDebrief(actor, planOf(TEST_NAIVE));
    playQuiz(actor, () => 1);
    const first = structuredClone([...f.engine.history()]);
    actor.send({ type: 'session.restart' });
    await waitFor(actor, (s) => s.matches('briefing'));
    const s = actor.getSnapshot();
    expect(s.context.rounds).toEqual([]);
    expect(s.context.quiz).toEqual({ index: 0, answers: [], correct: 0 });
    expect(s.context.debrief).toBeNull();
    expect(s.context.draft.levers).toEqual(inputOf(f).startLevers);
    expect(f.engine.period).toBe(0);
    await playToDebrief(actor, planOf(TEST_NAIVE));
    expect(f.engine.history()).toStrictEqual(first);
  });

  it('restart mid-round discards the draft and the engine run', async () => {
    const f = fixture(richScenario());
    const actor = startSession(f, f.seed);
    actor.send({ type: 'session.start' });
    await playRound(actor, () => ({ levers: { serviceQuality: 0.6 } }));
    actor.send({ type: 'report.continue' });
    actor.send({ type: 'round.begin' });
    decide(actor, { levers: { staffTraining: 0.7 } });
    actor.send({ type: 'session.restart' });
    await waitFor(actor, (s) => s.matches('briefing'));
    expect(f.engine.period).toBe(0);
    expect(actor.getSnapshot().context.undo).toEqual([]);
    actor.send({ type: 'session.start' });
    expect(actor.getSnapshot().context.view.complaints).toEqual([]);
  });

  it('an engine refusal returns to decide with the error shown', async () => {
    const f = fixture(richScenario());
    const actor = startSession(f, f.seed);
    actor.send({ type: 'session.start' });
    actor.send({ type: 'round.begin' });
    // The engine's budget tightens behind the session's back (a stale check): it refuses.
    const realCheck = f.engine.checkDecisions.bind(f.engine);
    f.engine.checkDecisions = () => [];
    decide(actor, { levers: { acquisitionSpend: 1 } });
    f.engine.checkDecisions = realCheck;
    actor.send({ type: 'round.submit' });
    await waitFor(actor, (s) => s.matches({ round: 'decide' }) && !!s.context.error);
    expect(actor.getSnapshot().context.error).toMatch(/overBudget/);
    expect(f.engine.period).toBe(0);
    await expect(f.engine.step({ levers: { acquisitionSpend: 1 } })).rejects.toBeInstanceOf(
      DecisionError,
    );
  });

  it('the minimum simulating time runs on the clock; simulating.skip cuts it short', async () => {
    const clock = new SimulatedClock();
    const f = fixture(richScenario(), 7, 600);
    const actor = startSession(f, f.seed, { clock });
    actor.send({ type: 'session.start' });
    actor.send({ type: 'round.begin' });
    actor.send({ type: 'round.submit' });
    await waitFor(actor, (s) => s.matches({ simulating: { engine: 'done' } }));
    expect(actor.getSnapshot().matches({ simulating: { clock: 'waiting' } })).toBe(true);
    clock.increment(599);
    expect(actor.getSnapshot().matches('simulating')).toBe(true);
    clock.increment(1);
    expect(actor.getSnapshot().value).toBe('roundReport');

    actor.send({ type: 'report.continue' });
    actor.send({ type: 'round.begin' });
    answerEvents(actor, {});
    answerComplaints(actor, {});
    actor.send({ type: 'round.submit' });
    actor.send({ type: 'simulating.skip' });
    expect(actor.getSnapshot().matches({ simulating: { clock: 'elapsed' } })).toBe(true);
    await waitFor(actor, (s) => s.matches('roundReport'));
    expect(actor.getSnapshot().context.rounds).toHaveLength(2);
  });

  it('without provideSession the engine-bound parts say so', () => {
    const f = fixture(richScenario());
    const errors: unknown[] = [];
    const actor = createActor(sessionMachine, { input: inputOf(f) });
    actor.subscribe({ error: (e) => errors.push(e) });
    actor.start();
    actor.send({ type: 'session.start' });
    expect(actor.getSnapshot().status).toBe('error');
    expect(String(errors[0])).toMatch(/loadRound not provided/);
  });
});
