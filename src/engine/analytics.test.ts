import { describe, expect, it } from 'vitest';
import {
  analyticsBundle,
  atRiskList,
  cohortRetention,
  lifetimeValueSummary,
  paretoCurve,
  rfm,
  visibleAnalytics,
} from './analytics.ts';
import { mixedConfig, RECOMMENDED, runPolicy } from './testkit.ts';

describe('CRM analytics', () => {
  it('a CRM reveals only what its level allows: nothing without one, who customers are with a database, everything with analytics in use', () => {
    expect(
      analyticsBundle(runPolicy(mixedConfig({ customers: 400 }), 1, { crmAnalytics: 0 }, 2)).views,
    ).toEqual([]);
    const db = analyticsBundle(
      runPolicy(mixedConfig({ customers: 400 }), 1, { crmAnalytics: 1 }, 2),
    );
    expect(db.views).toEqual(['rfm', 'lifetimeValue']);
    expect(db.atRisk).toBeUndefined();
    const used = analyticsBundle(
      runPolicy(mixedConfig({ customers: 400 }), 1, { crmAnalytics: 2 }, 2),
    );
    expect(used.views).toEqual(visibleAnalytics(2));
    expect(
      used.pareto &&
        used.cohorts &&
        used.atRisk &&
        used.rootCauses &&
        used.rfm &&
        used.lifetimeValue,
    ).toBeTruthy();
    // Plain data: survives a structured clone (what a Web Worker sends).
    expect(structuredClone(used)).toEqual(used);
  });

  it('RFM places every active customer in one segment; champions bring more revenue than the hibernating', () => {
    const sim = runPolicy(mixedConfig(), 2, RECOMMENDED, 6);
    const r = rfm(sim);
    const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(sim.history[5].active);
    expect(r.meanRevenue.champions).toBeGreaterThan(r.meanRevenue.hibernating * 2);
  });

  it('lifetime value: top-tier customers are worth many times the rest; new paid customers start below zero', () => {
    const sim = runPolicy(mixedConfig(), 3, { acquisitionSpend: 0.5 }, 3);
    const ltv = lifetimeValueSummary(sim);
    expect(ltv.byTier.A.meanValue).toBeGreaterThan(ltv.byTier.C.meanValue * 4);
    expect(Object.keys(ltv.bySegment)).toEqual(['price', 'convenience', 'relationship']);
  });

  it('the Pareto curve rises from 0 to 1 and is concave', () => {
    const pts = paretoCurve(runPolicy(mixedConfig(), 1, {}, 4)).points;
    expect(pts[0]).toEqual({ customers: 0, profit: 0 });
    expect(pts[pts.length - 1].customers).toBe(1);
    expect(pts[pts.length - 1].profit).toBeCloseTo(1, 6);
    for (let k = 2; k < pts.length; k++)
      expect(pts[k].profit - pts[k - 1].profit).toBeLessThanOrEqual(
        pts[k - 1].profit - pts[k - 2].profit + 1e-9,
      );
  });

  it('cohorts: the starting base and each period of newcomers, with falling retention curves', () => {
    const sim = runPolicy(mixedConfig(), 1, { acquisitionSpend: 0.5 }, 6);
    const cohorts = cohortRetention(sim);
    expect(cohorts[0].joined).toBe(-1);
    expect(cohorts[0].retention).toHaveLength(6);
    for (const c of cohorts)
      for (let k = 1; k < c.retention.length; k++)
        expect(c.retention[k]).toBeLessThanOrEqual(c.retention[k - 1]);
  });

  it('the at-risk list holds only customers above the risk threshold, riskiest-and-most-valuable first', () => {
    const sim = runPolicy(
      mixedConfig({
        market: { competitorAttractiveness: 0.6, competitorPrice: 0.85, economy: 1.2 },
      }),
      1,
      {},
      3,
    );
    const list = atRiskList(sim, 15);
    expect(list.length).toBe(15);
    for (const r of list) expect(r.risk).toBeGreaterThanOrEqual(sim.world.params.atRiskHazard);
  });
});
