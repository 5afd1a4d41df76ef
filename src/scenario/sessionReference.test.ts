// One policy semantics everywhere: the debrief's reference runs are runScenario's runs, and a
// policy replayed through the session machine gives the same run again, metric for metric.

import { describe, expect, it } from 'vitest';
import { runScenario } from './headless.ts';
import { policyDecisions, referencePolicy } from './policy.ts';
import { summariseRun } from './report.ts';
import { roundView, startSession } from './session.ts';
import { headlessRunner, policyRoundDecisions, referencePolicies } from './sessionReference.ts';
import { fixture, planOf, playToDebrief, richScenario } from './fixtures.ts';
import type { Scenario } from './types.ts';
import { loadScenario } from './validate.ts';

/** The rich test scenario with a change of course in period 1 (it must hold from then on). */
function scenario(): Scenario {
  const s = richScenario(4);
  const rec = s.referencePolicies.find((p) => p.id === 'recommended')!;
  rec.perPeriod = { '1': { personalCare: 0.3, acquisitionSpend: 0.15 } };
  return s;
}

describe('the debrief plays reference policies as runScenario does', () => {
  it('the scenario, with debrief rules on comparisons, loads as it is', () => {
    const r = loadScenario(scenario());
    expect(r.ok ? [] : r.problems.map((p) => p.message.en)).toEqual([]);
  });

  it('headlessRunner gives runScenario’s periods for the same seed and policy', () => {
    const s = scenario();
    const { recommended, naive } = referencePolicies(s);
    for (const seed of [3, 11]) {
      const run = headlessRunner(s);
      const expected = runScenario(s, { seed, policy: referencePolicy(s, 'recommended')! });
      expect(run(recommended!, seed)).toEqual(expected.periods);
      expect(run(naive!, seed)).toEqual(
        runScenario(s, { seed, policy: referencePolicy(s, naive!.id)! }).periods,
      );
      // A perPeriod entry is a change of course: it holds in every later period.
      expect(expected.periods.map((m) => m.levers.personalCare)).toEqual([0.4, 0.3, 0.3, 0.3]);
    }
  });

  it('the debrief’s recommended run equals runScenario’s, and so does the learner replaying it', async () => {
    const s = scenario();
    const seed = 5;
    const expected = runScenario(s, { seed, policy: referencePolicy(s, 'recommended')! });
    const f = fixture(s, seed);
    const actor = startSession(f, seed);
    await playToDebrief(actor, planOf(referencePolicy(s, 'recommended')!));
    const debrief = actor.getSnapshot().context.debrief!;
    actor.stop();
    expect(debrief).not.toBeNull();

    const ref = debrief.recommended!;
    expect(ref.policyId).toBe('recommended');
    expect(ref.score.total).toBe(expected.final.score);
    expect(ref.score.parts).toEqual(expected.final.scoreParts);
    for (const [k, v] of Object.entries(ref.aggregates))
      expect(v, k).toBe(expected.final[k as keyof typeof expected.final]);
    const { policyId: _p, ...summary } = ref;
    expect(summary).toEqual(summariseRun(s, expected.periods));
    // Played through the machine, the policy makes the very same run.
    expect(f.engine.history()).toEqual(expected.periods);
    expect(debrief.learner).toEqual(summary);
    expect(debrief.vsRecommended!.score).toBe(0);
  });

  it('policyRoundDecisions on the round view equals policyDecisions on the engine', async () => {
    const s = scenario();
    const policy = referencePolicy(s, 'recommended')!;
    const f = fixture(s, 2);
    const actor = startSession(f, 2);
    let rounds = 0;
    await playToDebrief(actor, (round, view) => {
      expect(view).toEqual(roundView(f.engine));
      const d = policyRoundDecisions(policy, round, view);
      expect(d).toEqual(policyDecisions(policy, f.engine));
      rounds++;
      return planOf(policy)(round, view);
    });
    actor.stop();
    expect(rounds).toBe(s.meta.periods);
  });
});
