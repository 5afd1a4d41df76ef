// Tests for policies and the headless runner: policy loading, lever schedules, event and
// complaint answers, overrides, the budget rule, determinism, and the result's shape.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation.ts';
import type { ComplaintRecord } from '../engine/types.ts';
import { fullScenario } from './fixtures.ts';
import { runScenario, RunError, settablePaths, type RunOptions } from './headless.ts';
import { RUN_AGGREGATE_KEYS, runMetric } from './metrics.ts';
import {
  complaintResponse,
  leversAt,
  loadPolicy,
  policyDecisions,
  referencePolicy,
  type Policy,
} from './policy.ts';
import type { Scenario } from './types.ts';
import { toEngineConfig } from './validate.ts';

const scenario: Scenario = fullScenario();
const recommended = referencePolicy(scenario, 'recommended') as Policy;
const small = (o: Partial<RunOptions> = {}): RunOptions => ({
  seed: 1,
  policy: recommended,
  customers: 300,
  ...o,
});

function runError(f: () => unknown): RunError {
  try {
    f();
  } catch (e) {
    if (e instanceof RunError) return e;
    throw e;
  }
  throw new Error('expected a RunError');
}

describe('loadPolicy', () => {
  it('accepts a reference policy without its texts', () => {
    expect(loadPolicy(JSON.stringify(recommended), scenario)).toEqual({
      ok: true,
      policy: recommended,
    });
  });

  it('reports every problem with a path, never throws', () => {
    const r = loadPolicy(
      {
        levers: { discounts: 1, priceLevel: 2 },
        eventChoices: { 'price-war': 'flee' },
        complaintPolicy: 'nice',
        id: 'x',
      },
      scenario,
    );
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual([
      'id',
      'levers.discounts',
      'levers.priceLevel',
      'eventChoices.price-war',
      'complaintPolicy',
    ]);
    const bad = loadPolicy('{ "levers": ', scenario);
    expect(!bad.ok && bad.problems[0].message.en).toMatch(/not valid JSON at line 1/);
    expect(loadPolicy([], scenario).ok).toBe(false);
    expect(loadPolicy({}, scenario).ok).toBe(false);
    expect(loadPolicy(JSON.parse('{"levers":{},"__proto__":{}}'), scenario).ok).toBe(false);
  });

  it('checks perPeriod keys against the periods of the run', () => {
    const p = { levers: {}, perPeriod: { '15': { personalCare: 0.4 } } };
    expect(loadPolicy(p, scenario).ok).toBe(false);
    expect(loadPolicy(p, scenario, 20).ok).toBe(true);
  });
});

describe('policy decisions', () => {
  it('perPeriod changes hold from their period on, until changed again', () => {
    const p: Policy = {
      levers: { personalCare: 0.2 },
      perPeriod: { '6': { personalCare: 0.9 }, '3': { personalCare: 0.6, promotion: 0.1 } },
    };
    expect(leversAt(p, 0)).toEqual({ personalCare: 0.2 });
    expect(leversAt(p, 3)).toEqual({ personalCare: 0.6, promotion: 0.1 });
    expect(leversAt(p, 5)).toEqual({ personalCare: 0.6, promotion: 0.1 });
    expect(leversAt(p, 11)).toEqual({ personalCare: 0.9, promotion: 0.1 });
  });

  it('answers inbox complaints by value, with a fixed response, or not at all', () => {
    const c = (tier: 'A' | 'B' | 'C') => ({ tier }) as ComplaintRecord;
    const byValue: Policy = { levers: {}, complaintPolicy: 'byValue' };
    expect(complaintResponse(byValue, c('A'))).toEqual({ action: 'escalate', hours: 24 });
    expect(complaintResponse(byValue, c('B'))).toEqual({ action: 'compensate', hours: 24 });
    expect(complaintResponse(byValue, c('C'))).toEqual({ action: 'apologise', hours: 24 });
    expect(
      complaintResponse({ levers: {}, complaintPolicy: { action: 'ignore', hours: 5 } }, c('A')),
    ).toEqual({ action: 'ignore', hours: 5 });
    expect(complaintResponse({ levers: {}, complaintPolicy: 'default' }, c('A'))).toBeUndefined();
    expect(complaintResponse({ levers: {} }, c('A'))).toBeUndefined();
  });

  it('gives every pending complaint and event an answer the engine accepts', () => {
    const sim = Simulation.create({ ...toEngineConfig(scenario), customers: 300, inboxSize: 5 }, 2);
    const policy: Policy = { levers: {}, complaintPolicy: 'byValue' };
    let answered = 0;
    while (!sim.finished) {
      const d = policyDecisions(policy, sim);
      expect(sim.checkDecisions(d)).toEqual([]);
      for (const c of sim.pendingComplaints())
        expect(d.complaintResponses?.[c.id]).toEqual(complaintResponse(policy, c));
      answered += Object.keys(d.complaintResponses ?? {}).length;
      if (sim.period === 4) expect(d.eventChoices).toEqual({ 'price-war': 'hold' });
      sim.step(d);
    }
    expect(answered).toBeGreaterThan(0);
  });
});

describe('runScenario', () => {
  it('returns { scenario, seed, periods, final } with the score and every aggregate', () => {
    const r = runScenario(scenario, small());
    expect(Object.keys(r)).toEqual(['scenario', 'seed', 'periods', 'final']);
    expect(r.scenario).toBe('sandbox');
    expect(r.seed).toBe(1);
    expect(r.periods).toHaveLength(12);
    expect(Object.keys(r.final)).toEqual(['score', 'scoreParts', ...RUN_AGGREGATE_KEYS]);
    expect(r.final.score).toBeGreaterThanOrEqual(0);
    expect(r.final.score).toBeLessThanOrEqual(120);
    expect(r.final.scoreParts.map((p) => p.id)).toEqual(['profit', 'retention']);
    for (const k of RUN_AGGREGATE_KEYS) expect(r.final[k]).toBe(runMetric(r.periods, k));
    // The policy's levers and event choice are what the engine used.
    expect(r.periods[0].levers.personalCare).toBe(0.5);
    expect(r.periods[4].levers.personalCare).toBe(0.7);
    expect(r.periods[11].levers.personalCare).toBe(0.7);
    expect(r.periods[4].eventsFired).toEqual(['price-war:hold']);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('is deterministic per seed', () => {
    const a = runScenario(scenario, small({ seed: 5, periods: 4 }));
    const b = runScenario(scenario, small({ seed: 5, periods: 4 }));
    const c = runScenario(scenario, small({ seed: 6, periods: 4 }));
    expect(b).toEqual(a);
    expect(c.periods).not.toEqual(a.periods);
    expect(a.periods).toHaveLength(4);
  });

  it('takes an event choice from the policy, else the default', () => {
    const match = runScenario(
      scenario,
      small({ periods: 5, policy: { levers: {}, eventChoices: { 'price-war': 'match' } } }),
    );
    expect(match.periods[4].eventsFired).toEqual(['price-war:match']);
  });

  it('applies overrides and points problems at them', () => {
    const base = runScenario(scenario, small({ periods: 3 }));
    const over = runScenario(
      scenario,
      small({
        periods: 3,
        set: {
          'model.churnPrice': 12,
          'market.competitorPrice': 0.9,
          'segments.price.share': 0.6,
          'setting.budgetPerPeriod': 500000,
        },
      }),
    );
    expect(over.periods).not.toEqual(base.periods);
    expect(over.periods[0].market.competitorPrice).toBe(0.9);
    expect(settablePaths(scenario)).toContain('segments.relationship.careWeight');

    const unknown = runError(() =>
      runScenario(
        scenario,
        small({ set: { 'model.nope': 1, 'segments.students.share': 0.2, 'setting.currency': 1 } }),
      ),
    );
    expect(unknown.problems.map((p) => p.path)).toEqual([
      'set.model.nope',
      'set.segments.students.share',
      'set.setting.currency',
    ]);
    const range = runError(() => runScenario(scenario, small({ set: { 'market.economy': 9 } })));
    expect(range.problems[0].path).toBe('set.market.economy');
    expect(range.problems[0].message.en).toBe('set.market.economy: 9 is above the maximum 2.');
    expect(runError(() => runScenario(scenario, small({ customers: 0 }))).problems[0].path).toBe(
      'customers',
    );
  });

  it('refuses bad seeds and periods', () => {
    for (const seed of [-1, 1.5, Number.NaN, 2 ** 32])
      expect(runError(() => runScenario(scenario, small({ seed }))).problems[0].path).toBe('seed');
    expect(runError(() => runScenario(scenario, small({ periods: 41 }))).problems[0].path).toBe(
      'periods',
    );
  });

  it('refuses a policy over budget, naming the period and the overspend, unless lifted', () => {
    const lavish: Policy = {
      levers: {},
      perPeriod: {
        '2': { acquisitionSpend: 1, brandAdvertising: 1, rootCauseFixes: 1, crmAnalytics: 2 },
      },
    };
    // A budget of its own, so the test does not hang on the scenario's calibration.
    const tight = { 'setting.budgetPerPeriod': 150000 };
    const e = runError(() => runScenario(scenario, small({ policy: lavish, set: tight })));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0].path).toBe('periods[2].levers');
    expect(e.problems[0].message.en).toMatch(
      /^periods\[2\]\.levers: in period 2 the policy's levers cost [\d,]+, [\d,]+ over the budget of 150,000/,
    );
    const lifted = runScenario(
      scenario,
      small({ policy: lavish, periods: 4, enforceBudget: false }),
    );
    expect(lifted.periods[2].leverSpend).toBeGreaterThan(300000);
  });

  it('refuses a policy the scenario cannot play', () => {
    const e = runError(() =>
      runScenario(scenario, small({ policy: { levers: { priceLevel: 3 } } })),
    );
    expect(e.problems[0].path).toBe('policy.levers.priceLevel');
  });
});
