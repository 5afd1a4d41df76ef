// The real play session through storage: the machine and engine autosaved as the learner
// plays, the tab "reloaded" mid-round (a new handle, a new tab id), the session claimed
// and restored exactly where it was, played to the end, and finished into a run whose
// metrics equal an uninterrupted session's.

import { describe, expect, it } from 'vitest';
import { scoreRun } from '../scenario/metrics.ts';
import {
  restoreSession,
  saveSession,
  startSession,
  type SessionActor,
} from '../scenario/session.ts';
import {
  decide,
  finishRound,
  fixture,
  playQuiz,
  playToDebrief,
  richScenario,
  type Plan,
} from '../scenario/fixtures.ts';
import { createAutosave } from './autosave.ts';
import { claimSession, holdSession, newTabId, releaseSession } from './lease.ts';
import { finishSession, listQuizResults, loadSession, sessionState } from './records.ts';
import { testBrowser } from './testkit.ts';

const plan: Plan = (round) =>
  round === 0
    ? { levers: { serviceQuality: 0.5, staffTraining: 0.4 } }
    : {
        levers: { personalCare: 0.3 },
        events: { 'price-war': 'hold' },
        complaint: () => ({ action: 'apologise', hours: 24 }),
      };

async function playOut(actor: SessionActor) {
  await playToDebrief(actor, plan);
  playQuiz(actor, (i) => i);
}

describe('a session through storage', () => {
  it('autosaves while playing, resumes after a reload mid-round, and finishes into a run', async () => {
    const browser = testBrowser();
    const scenario = richScenario();
    const ref = { id: scenario.id, version: scenario.version };

    // The uninterrupted session, for comparison.
    const straight = fixture(scenario);
    const straightActor = startSession(straight, straight.seed);
    straightActor.send({ type: 'session.start' });
    await finishRound(straightActor, plan);
    straightActor.send({ type: 'report.continue' });
    straightActor.send({ type: 'round.begin' });
    decide(straightActor, plan(1, straightActor.getSnapshot().context.view));
    await playOut(straightActor);

    // Tab 1 plays round 0 and starts round 1, autosaving.
    const tab1 = await browser.open();
    const tabId1 = newTabId();
    const f = fixture(scenario);
    const actor = startSession(f, f.seed);
    const autosave = createAutosave({
      db: tab1,
      sessionId: 'play-1',
      tabId: tabId1,
      getState: async () => sessionState(await saveSession(actor, f.engine), ref),
      delayMs: 20,
    });
    actor.subscribe(() => autosave.schedule());
    actor.send({ type: 'session.start' });
    await finishRound(actor, plan);
    await autosave.flush(); // after the round's simulation lands
    actor.send({ type: 'report.continue' });
    actor.send({ type: 'round.begin' });
    decide(actor, plan(1, actor.getSnapshot().context.view));
    const before = structuredClone(actor.getSnapshot().context);
    // pagehide: flush and release.
    expect(await autosave.flush()).toEqual({ ok: true, value: 'saved' });
    await releaseSession(tab1, 'play-1', tabId1);
    actor.stop();

    // The reloaded page: a new handle and a new tab id.
    const tab2 = await browser.open();
    const tabId2 = newTabId();
    expect(await claimSession(tab2, 'play-1', tabId2)).toEqual({ ok: true, value: 'ok' });
    const hold = holdSession(tab2, 'play-1', tabId2, {
      onLost: () => expect.unreachable(),
      heartbeatMs: 0,
    });
    const loaded = await loadSession(tab2, 'play-1');
    if (!loaded.ok || !loaded.value) throw new Error('no saved session');
    expect(loaded.value.session).toMatchObject({
      round: 1,
      phase: 'round.decide',
      scenarioId: scenario.id,
    });
    const restored = restoreSession(loaded.value.saved, { scenario, minSimulatingMs: 0 });
    expect(restored.actor.getSnapshot().value).toEqual({ round: 'decide' });
    expect(restored.actor.getSnapshot().context).toEqual(before);

    const autosave2 = createAutosave({
      db: tab2,
      sessionId: 'play-1',
      tabId: tabId2,
      getState: async () => sessionState(await saveSession(restored.actor, restored.engine), ref),
    });
    restored.actor.subscribe(() => autosave2.schedule());
    await playOut(restored.actor);
    expect(restored.actor.getSnapshot().value).toBe('finished');
    expect(restored.engine.history()).toStrictEqual(straight.engine.history());
    await autosave2.dispose();

    const score = scoreRun(scenario.objectives, restored.engine.history());
    const run = await finishSession(tab2, 'play-1', { score });
    if (!run.ok || !run.value) throw new Error('not finished');
    hold.stop();
    expect(run.value.metrics).toStrictEqual(straight.engine.history());
    expect(run.value.score).toBe(scoreRun(scenario.objectives, straight.engine.history()).total);
    expect(run.value.rounds).toBe(scenario.meta.periods);
    const quiz = await listQuizResults(tab2, { runId: 'play-1' });
    const ctx = restored.actor.getSnapshot().context;
    expect(quiz.ok && quiz.value).toEqual([
      expect.objectContaining({
        correct: ctx.quiz.correct,
        total: ctx.quizKey.length,
        answers: ctx.quiz.answers,
      }),
    ]);
  });
});
