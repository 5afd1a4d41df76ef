// What lives here: the debrief's reference runs, and the one way a policy is played. The
// scenario's recommended policy and its first naive one ("naive-…") are played headlessly
// with runScenario (headless.ts) on the learner's seed, so the debrief compares like with
// like; a learner (or a test) replaying a policy through the session machine enters the
// decisions policyRoundDecisions gives, which are policyDecisions' (policy.ts). So the CLI,
// the debrief and the machine agree on what a policy does, to the last metric.
// A Worker host can pass its own runner with the same shape (SessionDeps.runReference).

import type { PeriodDecisions, PeriodMetrics } from '../engine/types.ts';
import { runScenario } from './headless.ts';
import { policyDecisions, policyOf, type Policy } from './policy.ts';
import type { RoundView } from './session.machine.ts';
import type { ReferencePolicy, Scenario } from './types.ts';

/** Plays a reference policy on a seed: the history of every period. */
export type ReferenceRunner = (
  policy: ReferencePolicy,
  seed: number,
) => readonly PeriodMetrics[] | Promise<readonly PeriodMetrics[]>;

/**
 * Runs reference policies with runScenario on the main thread, budget enforced as for the
 * learner. Throws RunError when the scenario cannot play the policy (the debrief then fails
 * and says why).
 */
export function headlessRunner(scenario: Scenario): ReferenceRunner {
  return (policy, seed) => runScenario(scenario, { seed, policy: policyOf(policy) }).periods;
}

/**
 * The decisions a policy makes in a round of a session, from the machine's round view: the
 * same as policyDecisions on the engine (leversAt, an answer for every pending event,
 * complaintResponse for each inbox complaint).
 */
export function policyRoundDecisions(
  policy: Policy,
  round: number,
  view: RoundView,
): PeriodDecisions {
  return policyDecisions(policy, {
    period: round,
    pendingEvents: () =>
      view.events.map((e) => ({
        id: e.id,
        choices: e.choices.map((id) => ({ id })),
        ...(e.defaultChoice !== null ? { defaultChoice: e.defaultChoice } : {}),
      })),
    pendingComplaints: () => view.complaints,
  });
}

/** The scenario's recommended policy and its first naive one (ids "naive-…"). */
export function referencePolicies(scenario: Pick<Scenario, 'referencePolicies'>): {
  recommended?: ReferencePolicy;
  naive?: ReferencePolicy;
} {
  return {
    recommended: scenario.referencePolicies.find((p) => p.id === 'recommended'),
    naive: scenario.referencePolicies.find((p) => p.id.startsWith('naive-')),
  };
}
