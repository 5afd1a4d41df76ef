// What lives here: playing a scenario's reference policy ("recommended", "naive-…") on a
// seed, for the debrief's comparison. A private stand-in until src/scenario/headless.ts
// (runScenario) lands; the debrief takes any runner with the same shape, so switching is one
// line in session.ts. Pure engine, no session: the reference never sees the learner's run.

import { Simulation } from '../engine/simulation.ts';
import type { ComplaintRecord, ComplaintResponse, EngineConfig, PeriodDecisions, PeriodMetrics } from '../engine/types.ts';
import type { ReferencePolicy, Scenario } from './types.ts';

/** Plays a reference policy: returns the history of every period. */
export type ReferenceRunner = (policy: ReferencePolicy, seed: number) => readonly PeriodMetrics[] | Promise<readonly PeriodMetrics[]>;

/**
 * How a policy answers one inbox complaint; undefined leaves it to the engine's default.
 * 'byValue' is this file's reading of "answer by customer value": the top tier (A) gets
 * compensation within a day, tier B an apology within two days, tier C the default.
 */
export function policyResponse(policy: ReferencePolicy, c: ComplaintRecord): ComplaintResponse | undefined {
  const p = policy.complaintPolicy;
  if (p === undefined || p === 'default') return undefined;
  if (p === 'byValue') {
    if (c.tier === 'A') return { action: 'compensate', hours: 24 };
    if (c.tier === 'B') return { action: 'apologise', hours: 48 };
    return undefined;
  }
  return { action: p.action, hours: p.hours };
}

/** The decisions a policy makes before period `t` of a run. */
export function policyDecisions(policy: ReferencePolicy, sim: Simulation): PeriodDecisions {
  const t = sim.period;
  const levers = { ...policy.levers, ...(policy.perPeriod?.[String(t)] ?? {}) };
  const eventChoices: Record<string, string> = {};
  for (const e of sim.pendingEvents()) {
    const choice = policy.eventChoices?.[e.id];
    if (choice !== undefined) eventChoices[e.id] = choice;
  }
  const complaintResponses: Record<string, ComplaintResponse> = {};
  for (const c of sim.pendingComplaints()) {
    const r = policyResponse(policy, c);
    if (r) complaintResponses[c.id] = r;
  }
  return { levers, eventChoices, complaintResponses };
}

/** Plays `policy` on `seed` from the first period to the last. */
export function playPolicy(config: EngineConfig, policy: ReferencePolicy, seed: number): PeriodMetrics[] {
  const sim = Simulation.create(config, seed);
  while (!sim.finished) sim.step(policyDecisions(policy, sim));
  return [...sim.history];
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
