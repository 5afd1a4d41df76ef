/**
 * A run for the dashboard preview (`#/dev/dashboard`): a scenario played with one of its
 * reference policies up to a chosen round, optionally with the CRM lever overridden (to see
 * the locked states). The preview plays the sandbox in the browser; the browser test plays
 * the same in Node to know what the page must show. No file access here.
 */
import { analyticsBundle, type AnalyticsBundle } from '../../engine/analytics';
import { Simulation } from '../../engine/simulation';
import type { PeriodMetrics, PersonaStory } from '../../engine/types';
import { policyDecisions, policyOf } from '../../scenario/policy';
import type { Scenario } from '../../scenario/types';
import { loadScenario, toEngineConfig } from '../../scenario/validate';

/** A scenario file's content (parsed JSON or text), checked like any scenario file. */
export function checkedScenario(file: unknown): Scenario {
  const r = loadScenario(file);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return r.scenario;
}

export interface SandboxRun {
  history: PeriodMetrics[];
  analytics: AnalyticsBundle | null;
  stories: PersonaStory[];
}

/**
 * Plays `rounds` periods of `scenario` with its reference policy `policyId`, on `seed`.
 * @param crm CRM lever level to force (0, 1, 2), or null to keep the policy's.
 */
export function playScenario(
  scenario: Scenario,
  policyId: string,
  rounds: number,
  crm: number | null,
  seed = 1,
): SandboxRun {
  const reference =
    scenario.referencePolicies.find((p) => p.id === policyId) ?? scenario.referencePolicies[0];
  const policy = policyOf(reference);
  const sim = Simulation.create(toEngineConfig(scenario), seed, { enforceBudget: false });
  for (let k = 0; k < rounds && !sim.finished; k++) {
    const decisions = policyDecisions(policy, sim);
    if (crm !== null) decisions.levers = { ...decisions.levers, crmAnalytics: crm };
    sim.step(decisions);
  }
  return {
    history: [...sim.history],
    analytics: sim.history.length ? analyticsBundle(sim) : null,
    stories: structuredClone([...sim.personas()]) as PersonaStory[],
  };
}
