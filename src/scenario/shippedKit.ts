// Test-only: one shipped scenario file, loaded and checked, with its reference policies by id
// and a runner, for the tests that hold what a scenario teaches (crisis, pyramid, bank).
// Nothing here is imported by the app.

import { readFileSync } from 'node:fs';
import type { PeriodMetrics } from '../engine/types.ts';
import { runScenario } from './headless.ts';
import { policyOf } from './policy.ts';
import type { ReferencePolicy, Scenario } from './types.ts';
import { loadScenario } from './validate.ts';

export interface ShippedKit {
  scenario: Scenario;
  /** The reference policy with this id; throws when the file has none. */
  reference(id: string): ReferencePolicy;
  /** A whole run of `policy` on `seed`, within the budget, as the headless runner plays it. */
  play(policy: ReferencePolicy, seed: number): PeriodMetrics[];
}

export function shippedScenario(id: string): ShippedKit {
  const url = new URL(`../../scenarios/${id}.json`, import.meta.url);
  const loaded = loadScenario(readFileSync(url, 'utf8'));
  if (!loaded.ok) throw new Error(`${id}.json does not load: ${loaded.problems[0]?.path}`);
  const scenario = loaded.scenario;
  return {
    scenario,
    reference(policyId) {
      const p = scenario.referencePolicies.find((r) => r.id === policyId);
      if (!p) throw new Error(`${id}.json has no policy ${policyId}`);
      return p;
    },
    play(policy, seed) {
      return runScenario(scenario, { seed, policy: policyOf(policy), enforceBudget: true }).periods;
    },
  };
}

/** The last period of a run. */
export const last = (h: readonly PeriodMetrics[]): PeriodMetrics => h[h.length - 1];
