// What lives here: the debrief's reference runs. The scenario's recommended policy and its
// first naive one ("naive-…") are played headlessly (runScenario, headless.ts) on the
// learner's seed, so the debrief compares like with like. A Worker host can pass its own
// runner with the same shape (SessionDeps.runReference).

import type { PeriodMetrics } from '../engine/types.ts';
import { runScenario } from './headless.ts';
import type { ReferencePolicy, Scenario } from './types.ts';

/** Plays a reference policy on a seed: the history of every period. */
export type ReferenceRunner = (
  policy: ReferencePolicy,
  seed: number,
) => readonly PeriodMetrics[] | Promise<readonly PeriodMetrics[]>;

/**
 * Runs reference policies with runScenario on the main thread. Report and debrief rules and
 * the quiz do not shape a run, so they are left out of the copy runScenario re-checks.
 */
export function headlessRunner(scenario: Scenario): ReferenceRunner {
  const bare: Scenario = { ...scenario, reportRules: [], debriefRules: [], quiz: [] };
  return (policy, seed) => {
    const { id: _id, label: _label, description: _description, ...rest } = policy;
    return runScenario(bare, { seed, policy: rest }).periods;
  };
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
