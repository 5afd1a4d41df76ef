// Round reports and the debrief from rules: matching, priority and the cap of three, filled
// texts with their numbers, movements read from the metrics, and the debrief's gaps.

import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation.ts';
import type { PeriodMetrics, Text } from '../engine/types.ts';
import {
  buildDebrief,
  evaluateRules,
  isDebriefComparisonKey,
  fillText,
  formatNumber,
  roundMovements,
  roundReport,
  ruleMatches,
} from './report.ts';
import { richScenario } from './fixtures.ts';
import type { ReportRule } from './types.ts';
import { toEngineConfig } from './validate.ts';

const t = (en: string, zh = en): Text => ({ en, 'zh-CN': zh });
const rule = (
  id: string,
  priority: number,
  when: ReportRule['when'],
  text = t(id),
): ReportRule => ({ id, priority, when, concept: `c-${id}`, text });

let cached: PeriodMetrics[] | undefined;
/** Three real periods of the rich test scenario. */
function history(): PeriodMetrics[] {
  if (!cached) {
    const sim = Simulation.create(toEngineConfig(richScenario()), 11);
    for (let i = 0; i < 3; i++) sim.step({ levers: { serviceQuality: 0.3 + 0.2 * i } });
    cached = structuredClone([...sim.history]);
  }
  return structuredClone(cached);
}

describe('rules', () => {
  it('every condition must hold; a missing metric fails', () => {
    const v: Record<string, number> = { a: 1, b: 2 };
    const look = (k: string) => v[k];
    expect(
      ruleMatches(
        {
          when: [
            { metric: 'a', op: '<', value: 2 },
            { metric: 'b', op: '>=', value: 2 },
          ],
        },
        look,
      ),
    ).toBe(true);
    expect(
      ruleMatches(
        {
          when: [
            { metric: 'a', op: '<', value: 2 },
            { metric: 'b', op: '>', value: 2 },
          ],
        },
        look,
      ),
    ).toBe(false);
    expect(ruleMatches({ when: [{ metric: 'a', op: '<=', value: 1 }] }, look)).toBe(true);
    expect(
      ruleMatches({ when: [{ metric: 'a', op: '==', value: 1 }] }, (k) =>
        k === 'a' ? 0.1 + 0.9 : undefined,
      ),
    ).toBe(true);
    expect(ruleMatches({ when: [{ metric: 'nope', op: '<', value: 5 }] }, look)).toBe(false);
    expect(ruleMatches({ when: [{ metric: 'a', op: '>', value: 0 }] }, () => Number.NaN)).toBe(
      false,
    );
  });

  it('highest priority first, file order on ties, at most max', () => {
    const rules = [
      rule('low', 1, []),
      rule('tieA', 5, []),
      rule('high', 9, []),
      rule('tieB', 5, []),
      rule('off', 10, [{ metric: 'x', op: '>', value: 0 }]),
    ];
    expect(evaluateRules(rules, () => 0, 3).map((r) => r.ruleId)).toEqual(['high', 'tieA', 'tieB']);
    expect(evaluateRules(rules, () => 0).map((r) => r.concept)).toEqual([
      'c-high',
      'c-tieA',
      'c-tieB',
      'c-low',
    ]);
  });

  it('fills placeholders in both languages and returns the numbers', () => {
    const values: Record<string, number> = {
      lost: 40,
      'lostReasons.priceGap': 31,
      'complaintTypes.late-delivery': 2,
      retentionRate: 0.91234,
    };
    const out = fillText(
      t(
        '{lost} left, {lostReasons.priceGap} on price; {complaintTypes.late-delivery} late; {retentionRate}; {unknown}',
        '{lost} 人流失',
      ),
      (k) => values[k],
    );
    expect(out.text.en).toBe('40 left, 31 on price; 2 late; 0.91; {unknown}');
    expect(out.text['zh-CN']).toBe('40 人流失');
    expect(out.values).toEqual(values);
    const pct = fillText(
      t('{retentionRate}', '{retentionRate}'),
      (k) => values[k],
      (v, _k, locale) =>
        locale === 'en' ? `${(v * 100).toFixed(1)}%` : `${(v * 100).toFixed(0)}%`,
    );
    expect(pct.text).toEqual({ en: '91.2%', 'zh-CN': '91%' });
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(-0.126)).toBe('-0.13');
  });
});

describe('round report', () => {
  it('at most three matched rules; deltas need a round before', () => {
    const h = history();
    const scenario = richScenario();
    const r0 = roundReport(scenario, h, 0);
    expect(r0.round).toBe(0);
    expect(r0.items.length).toBeLessThanOrEqual(3);
    expect(r0.items.map((i) => i.ruleId)).not.toContain('satisfaction-up');
    expect(r0.items.map((i) => i.ruleId)).not.toContain('never');
    // Round 2 with satisfaction forced up: the delta rule fires with its number.
    h[2].satisfactionMean = h[1].satisfactionMean + 0.05;
    h[2].lostSatisfied = Math.max(1, h[2].lostSatisfied);
    h[2].lost = Math.max(h[2].lost, h[2].lostSatisfied);
    const r2 = roundReport(scenario, h, 2);
    expect(r2.items.map((i) => i.ruleId)).toEqual(['lost-satisfied', 'satisfaction-up', 'active']);
    expect(r2.items[1].values['delta.satisfactionMean']).toBeCloseTo(0.05, 12);
    expect(r2.items[0].text.en).toBe(
      `${h[2].lostSatisfied} of ${h[2].lost} who left were satisfied.`,
    );
  });

  it('movements: the main reason for leaving, then the largest relative changes', () => {
    const h = history();
    // Round 1 repeats round 0 except for what is moved here.
    h[1] = { ...structuredClone(h[0]), period: 1 };
    h[1].lost = 10;
    h[1].lostReasons = { priceGap: 3, neglect: 6, baseline: 1 };
    h[0].profit = 1000;
    h[1].profit = 500; // -50%
    h[0].referrals = 10;
    h[1].referrals = 13; // +30%
    h[0].active = 500;
    h[1].active = 501; // +0.2%: noise
    const m = roundMovements(h, 1);
    expect(m[0]).toEqual({
      kind: 'lostReason',
      metric: 'lostReasons.neglect',
      reason: 'neglect',
      value: 6,
      share: 0.6,
      concept: 'customer-care',
    });
    expect(m.length).toBe(3);
    const changes = m.slice(1).map((x) => x.metric);
    expect(changes[0]).toBe('profit');
    expect(m.map((x) => x.metric)).not.toContain('active');
    const [, first] = m;
    expect(first.kind === 'change' && Math.abs(first.relative)).toBeGreaterThanOrEqual(0.5);
    // Round 0 has no round before: only the reason for leaving, if anyone left.
    expect(roundMovements(h, 0).every((x) => x.kind === 'lostReason')).toBe(true);
    expect(roundMovements(h, 9)).toEqual([]);
  });
});

describe('debrief', () => {
  it('scores, gaps to the references, rules on gaps, concepts to revisit', () => {
    const h = history();
    const scenario = richScenario();
    const worse = structuredClone(h).map((m) => ({
      ...m,
      cumulativeProfit: m.cumulativeProfit - 1e6,
    }));
    const better = structuredClone(h).map((m) => ({
      ...m,
      cumulativeProfit: m.cumulativeProfit + 1e6,
      retentionRate: 0.999,
    }));
    const d = buildDebrief(scenario, h, {
      recommended: { policyId: 'recommended', history: better },
      naive: { policyId: 'naive-discount', history: worse },
    });
    expect(d.vsRecommended!.cumulativeProfit).toBeCloseTo(-1e6, 6);
    expect(d.vsNaive!.cumulativeProfit).toBeCloseTo(1e6, 6);
    expect(d.vsRecommended!.score).toBeLessThan(0);
    expect(d.findings.map((f) => f.ruleId)).toEqual([
      'below-recommended',
      'above-naive',
      'lost-many',
    ]);
    expect(d.findings[1].values['vsNaive.cumulativeProfit']).toBeCloseTo(1e6, 6);
    expect(d.concepts.slice(0, 3)).toEqual(['customer-care', 'deal-seekers', 'churn']);
    expect(d.concepts).toEqual(expect.arrayContaining(scenario.meta.concepts));
    expect(d.learner.series.profit).toEqual(h.map((m) => m.profit));
    expect(d.recommended!.series.retentionRate).toEqual([0.999, 0.999, 0.999]);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('names the comparison keys debrief rules may use', () => {
    expect(
      [
        'score',
        'vsRecommended.score',
        'vsNaive.cumulativeProfit',
        'vsRecommended.meanRetentionRate',
      ].every(isDebriefComparisonKey),
    ).toBe(true);
    expect(
      ['vsRecommended', 'vsRecommended.', 'vsRecommended.lost', 'vsBest.score', 'totalLost'].some(
        isDebriefComparisonKey,
      ),
    ).toBe(false);
  });

  it("reads a delta in a debrief rule as the last round's change", () => {
    const h = history();
    const scenario = richScenario();
    scenario.debriefRules = [
      rule(
        'active-delta',
        1,
        [{ metric: 'delta.active', op: '==', value: h[2].active - h[1].active }],
        t('{delta.active}'),
      ),
    ];
    expect(buildDebrief(scenario, h).findings[0]?.values).toEqual({
      'delta.active': h[2].active - h[1].active,
    });
  });

  it('without references, rules on gaps do not fire', () => {
    const d = buildDebrief(richScenario(), history());
    expect(d.recommended).toBeNull();
    expect(d.vsRecommended).toBeNull();
    expect(d.findings.map((f) => f.ruleId)).toEqual(['lost-many']);
    expect(d.concepts).toEqual(['churn']);
  });
});
