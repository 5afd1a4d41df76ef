// Replay and branch: "what if I had fixed the complaints in round 3?" A new run replays the
// earlier run's first rounds exactly on its seed, then the learner plays on differently.
import { describe, expect, it, vi } from 'vitest';
import { branchSession, startSession, startSessionWith } from './session.ts';
import {
  fixture,
  planOf,
  playQuiz,
  playToDebrief,
  smallSandbox,
  TEST_NAIVE,
  TEST_RECOMMENDED,
} from './fixtures.ts';
import { policyOf } from './policy.ts';

vi.setConfig({ testTimeout: 120_000 });

describe('branching a finished run from a round', () => {
  it('replays rounds 0..k-1 exactly, then plays on with new decisions; the earlier run is untouched', async () => {
    const scenario = smallSandbox(400);
    const seed = 5;
    const f = fixture(scenario, seed);
    const original = startSession(f, seed);
    await playToDebrief(original, planOf(policyOf(TEST_NAIVE)));
    playQuiz(original, () => 0);
    const first = [...f.engine.history()];
    const decisions = f.engine.simulation.decisionLog;
    expect(decisions).toHaveLength(scenario.meta.periods);

    const k = 3;
    const { engine, input } = branchSession(scenario, { runId: 'run-1', seed, decisions }, k);
    expect(engine.period).toBe(k);
    expect(input.branch?.fromRound).toBe(k);
    const branch = startSessionWith({ ...fixture(scenario, seed), engine }, input);
    expect(branch.getSnapshot().context.round).toBe(k);
    expect(branch.getSnapshot().context.rounds).toEqual(
      original.getSnapshot().context.rounds.slice(0, k),
    );
    branch.send({ type: 'session.start' });
    // The new round's draft starts from the levers of the last replayed round.
    expect(branch.getSnapshot().context.draft.levers).toMatchObject(decisions[k - 1].levers);
    await playToDebrief(branch, planOf(policyOf(TEST_RECOMMENDED)));
    const second = engine.history();
    expect(second).toHaveLength(scenario.meta.periods);
    expect(second.slice(0, k)).toEqual(first.slice(0, k));
    expect(second[k].levers).not.toEqual(first[k].levers);
    expect(second[second.length - 1].cumulativeProfit).not.toBe(
      first[first.length - 1].cumulativeProfit,
    );
    // The first run is as it was.
    expect(f.engine.history()).toEqual(first);
  });

  it('a restart of a branch starts the scenario again from round 0', async () => {
    const scenario = smallSandbox(300);
    const f = fixture(scenario, 2);
    const original = startSession(f, 2);
    await playToDebrief(original, planOf(policyOf(TEST_NAIVE)));
    const { engine, input } = branchSession(
      scenario,
      { runId: 'r', seed: 2, decisions: f.engine.simulation.decisionLog },
      2,
    );
    const branch = startSessionWith({ ...fixture(scenario, 2), engine }, input);
    branch.send({ type: 'session.start' });
    branch.send({ type: 'session.restart' });
    await vi.waitFor(() => expect(branch.getSnapshot().value).toBe('briefing'));
    expect(branch.getSnapshot().context.round).toBe(0);
    expect(branch.getSnapshot().context.rounds).toEqual([]);
    expect(branch.getSnapshot().context.branch).toBeUndefined();
    expect(engine.period).toBe(0);
  });

  it('refuses a round the run does not have', () => {
    const scenario = smallSandbox(300);
    expect(() => branchSession(scenario, { runId: 'r', seed: 1, decisions: [] }, 2)).toThrow(
      RangeError,
    );
  });
});
