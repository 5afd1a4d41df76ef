/**
 * A sandbox run for the dashboard preview (`#/dev/dashboard`): the sandbox scenario played in
 * this browser with one of its reference policies, up to a chosen round, optionally with the
 * CRM lever overridden (to see the locked states). Loaded only by the preview page.
 */
import sandboxFile from '../../../scenarios/sandbox.json';
import { analyticsBundle, type AnalyticsBundle } from '../../engine/analytics';
import { Simulation } from '../../engine/simulation';
import type { PeriodMetrics, PersonaStory } from '../../engine/types';
import { policyDecisions, policyOf } from '../../scenario/policy';
import type { Scenario } from '../../scenario/types';
import { loadScenario, toEngineConfig } from '../../scenario/validate';

export interface SandboxRun {
  history: PeriodMetrics[];
  analytics: AnalyticsBundle | null;
  stories: PersonaStory[];
}

let loaded: Scenario | null = null;

/** The sandbox scenario, checked like any scenario file. */
export function sandbox(): Scenario {
  if (loaded) return loaded;
  const r = loadScenario(sandboxFile);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  loaded = r.scenario;
  return loaded;
}

/**
 * Plays `rounds` periods of the sandbox with the reference policy `policyId`.
 * @param crm CRM lever level to force (0, 1, 2), or null to keep the policy's.
 */
export function playSandbox(
  policyId: string,
  rounds: number,
  crm: number | null,
  seed = 1,
): SandboxRun {
  const scenario = sandbox();
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
