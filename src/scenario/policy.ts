// Policies: a fixed strategy played without a learner (a reference policy of the scenario or
// a policy file of the headless runner). Loading with readable problems, and the decisions a
// policy makes before each period.

import type {
  ComplaintRecord,
  ComplaintResponse,
  LeverValues,
  PeriodDecisions,
} from '../engine/types.ts';
import type { ReferencePolicy, Scenario } from './types.ts';
import {
  checkObject,
  parseJsonText,
  policyContext,
  policyFields,
  ProblemList,
  scanLimits,
  type Problem,
} from './validate.ts';

/**
 * A policy file: a reference policy without its id and texts.
 * - `levers`: values for every period (levers left out keep the scenario's default);
 * - `perPeriod`: from that 0-based period on, these values replace the ones before, until a
 *   later entry changes them again (a change of course, not a one-period blip);
 * - `eventChoices`: event id -> choice id; events not listed take their default choice;
 * - `complaintPolicy`: how inbox complaints are answered (see complaintResponse).
 * @example
 * { "levers": { "personalCare": 0.5 }, "perPeriod": { "4": { "promotion": 0.1 } },
 *   "eventChoices": { "price-war": "hold" }, "complaintPolicy": "byValue" }
 */
export type Policy = Pick<
  ReferencePolicy,
  'levers' | 'perPeriod' | 'eventChoices' | 'complaintPolicy'
>;

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; problems: Problem[] };

/**
 * Checks a policy (JSON text or a parsed value) against a scenario: offered levers inside
 * their ranges, known events and choices, periods of the run. Never throws.
 * @param periods periods of the run, when longer than the scenario's (allows later perPeriod keys).
 */
export function loadPolicy(input: unknown, scenario: Scenario, periods?: number): PolicyResult {
  const c = new ProblemList();
  try {
    let value = input;
    if (typeof input === 'string') {
      const parsed = parseJsonText(c, input);
      if (!parsed.ok) return { ok: false, problems: c.all() };
      value = parsed.value;
    }
    scanLimits(c, value);
    const k = policyContext(scenario);
    // A run shorter than the scenario never reaches later entries; that is fine, not an error.
    if (periods !== undefined) k.periods = Math.max(k.periods, periods);
    checkObject(c, '', value, policyFields(c, k), {
      en: 'a policy object ({ "levers": { … } })',
      zh: '策略对象({ "levers": { … } })',
    });
    if (c.problems.length > 0) return { ok: false, problems: c.all() };
    return { ok: true, policy: JSON.parse(JSON.stringify(value)) as Policy };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    c.error('', `the policy could not be checked (${why}).`, `无法检查该策略(${why})。`);
    return { ok: false, problems: c.all() };
  }
}

/** A reference policy as a policy: its decisions without its id and texts. */
export function policyOf(reference: ReferencePolicy): Policy {
  const { id: _id, label: _label, description: _description, ...policy } = reference;
  return policy;
}

/** A reference policy of the scenario as a policy; undefined when it has none with that id. */
export function referencePolicy(scenario: Scenario, id: string): Policy | undefined {
  const p = scenario.referencePolicies.find((r) => r.id === id);
  return p ? policyOf(p) : undefined;
}

/**
 * Lever values in force in `period`: `levers`, then every perPeriod entry up to and
 * including that period, in period order (later entries win).
 */
export function leversAt(policy: Policy, period: number): LeverValues {
  const out: LeverValues = { ...policy.levers };
  const changes = Object.keys(policy.perPeriod ?? {})
    .map(Number)
    .filter((p) => p <= period)
    .sort((a, b) => a - b);
  for (const p of changes) Object.assign(out, policy.perPeriod?.[String(p)]);
  return out;
}

/** The response "byValue" gives each value tier: the textbook's "answer by customer value". */
export const BY_VALUE_RESPONSES: Readonly<Record<'A' | 'B' | 'C', ComplaintResponse>> = {
  A: { action: 'escalate', hours: 24 },
  B: { action: 'compensate', hours: 24 },
  C: { action: 'apologise', hours: 24 },
};

/**
 * How the policy answers one inbox complaint. 'default' (or none) answers nothing
 * individually, so the complaint levers' default policy handles it; 'byValue' escalates
 * tier A, compensates tier B and apologises to tier C, all within 24 hours; a fixed
 * response answers every complaint alike.
 */
export function complaintResponse(
  policy: Policy,
  complaint: ComplaintRecord,
): ComplaintResponse | undefined {
  const p = policy.complaintPolicy;
  if (p === undefined || p === 'default') return undefined;
  if (p === 'byValue') return { ...BY_VALUE_RESPONSES[complaint.tier] };
  return { action: p.action, hours: p.hours };
}

/**
 * What a policy needs to see of a run before deciding: the period about to be played, its
 * pending events and the inbox. A Simulation and an EngineAdapter (engineAdapter.ts) both
 * fit, and so does a session's round view (policyRoundDecisions, sessionReference.ts), so the headless runner, the
 * debrief's reference runs and a policy replayed through the session machine decide alike.
 */
export interface PolicyView {
  readonly period: number;
  pendingEvents(): readonly {
    id: string;
    choices: readonly { id: string }[];
    defaultChoice?: string;
  }[];
  pendingComplaints(): readonly ComplaintRecord[];
}

/**
 * The decisions the policy makes before the run's next period: lever values in force
 * (leversAt), a choice for every pending event (the policy's, else the event's default,
 * else its first) and a response to each inbox complaint (complaintResponse).
 */
export function policyDecisions(policy: Policy, view: PolicyView): PeriodDecisions {
  const eventChoices: Record<string, string> = {};
  for (const e of view.pendingEvents()) {
    // Named explicitly (not left to the engine) so the run states what was chosen.
    const choice = policy.eventChoices?.[e.id] ?? e.defaultChoice ?? e.choices[0]?.id;
    if (choice !== undefined) eventChoices[e.id] = choice;
  }
  const complaintResponses: Record<string, ComplaintResponse> = {};
  for (const c of view.pendingComplaints()) {
    const r = complaintResponse(policy, c);
    if (r) complaintResponses[c.id] = r;
  }
  return { levers: leversAt(policy, view.period), eventChoices, complaintResponses };
}
