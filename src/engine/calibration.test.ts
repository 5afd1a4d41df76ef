// The textbook facts the model reproduces (shared/textbook/numbers.md), each over several
// seeds and within a stated tolerance. CALIBRATION.md beside this file lists them with the
// values the model gives and the facts it deliberately does not reproduce.
import { describe, expect, it, vi } from 'vitest';

// Whole runs over several seeds: slower than unit tests, still well under a minute.
vi.setConfig({ testTimeout: 120_000 });
import { paretoCurve } from './analytics.ts';
import { SOURCE_PAID } from './population.ts';
import type { Simulation } from './simulation.ts';
import { mixedConfig, RECOMMENDED, runPolicy } from './testkit.ts';
import type { EngineConfig, LeverValues } from './types.ts';

const SEEDS3 = [1, 2, 3];
const base = mixedConfig();

function annualRetention(sim: Simulation, lastPeriods = 8): number {
  const h = sim.history.slice(-lastPeriods);
  return Math.pow(
    h.reduce((a, m) => a * m.retentionRate, 1),
    4 / h.length,
  );
}
const lastYearProfit = (sim: Simulation) => sim.history.slice(-4).reduce((a, m) => a + m.profit, 0);
const total = (sim: Simulation, f: (m: Simulation['history'][number]) => number) =>
  sim.history.reduce((a, m) => a + f(m), 0);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function churnScaled(config: EngineConfig, k: number): EngineConfig {
  return {
    ...config,
    periods: 24,
    segments: config.segments.map((g) => ({ ...g, baseChurn: g.baseChurn * k })),
  };
}

/** Finds the baseline churn scale at which annual retention meets `test` (bisection). */
function findScale(
  config: EngineConfig,
  seed: number,
  levers: LeverValues,
  tooLow: (retention: number) => boolean,
): number {
  let lo = 0.02;
  let hi = 10;
  for (let it = 0; it < 11; it++) {
    const mid = (lo + hi) / 2;
    if (tooLow(annualRetention(runPolicy(churnScaled(config, mid), seed, levers, 24)))) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

describe('N1 retention and profit', () => {
  it('N1.1/N1.5: five more points of annual retention raise steady profit by 25–85% (tolerance: 20–85%)', () => {
    for (const seed of SEEDS3) {
      const a = runPolicy(churnScaled(base, 1), seed, {}, 24);
      const ra = annualRetention(a);
      const k = findScale(base, seed, {}, (r) => r < ra + 0.05);
      const b = runPolicy(churnScaled(base, k), seed, {}, 24);
      expect(annualRetention(b) - ra).toBeCloseTo(0.05, 1);
      const uplift = lastYearProfit(b) / lastYearProfit(a) - 1;
      expect(uplift).toBeGreaterThan(0.2);
      expect(uplift).toBeLessThan(0.85);
    }
  });

  it('N1.3: halving churn of a firm losing about 10% a year raises profit by 25–75%', () => {
    for (const seed of SEEDS3) {
      const k10 = findScale(base, seed, RECOMMENDED, (r) => r < 0.9);
      const a = runPolicy(churnScaled(base, k10), seed, RECOMMENDED, 24);
      const churnA = 1 - annualRetention(a);
      expect(churnA).toBeGreaterThan(0.07);
      expect(churnA).toBeLessThan(0.13);
      const k5 = findScale(base, seed, RECOMMENDED, (r) => r < 1 - churnA / 2);
      const b = runPolicy(churnScaled(base, k5), seed, RECOMMENDED, 24);
      const uplift = lastYearProfit(b) / lastYearProfit(a) - 1;
      expect(uplift).toBeGreaterThan(0.25);
      expect(uplift).toBeLessThan(0.75);
    }
  });
});

describe('N2 acquisition versus retention cost', () => {
  it('N2.1: winning a customer costs about 5 times (4.5–9x) a year of keeping one', () => {
    for (const seed of SEEDS3) {
      const sim = runPolicy(base, seed, RECOMMENDED, 8);
      const acquisition =
        total(sim, (m) => m.costs.acquisition) / total(sim, (m) => m.newFromAcquisition);
      const keeping =
        total(
          sim,
          (m) =>
            m.costs.serviceQuality +
            m.costs.care +
            m.costs.keyAccount +
            m.costs.rewards +
            m.costs.complaints +
            m.costs.compensation +
            m.costs.training,
        ) /
        (total(sim, (m) => m.active) / 4);
      const ratio = acquisition / keeping;
      expect(ratio).toBeGreaterThan(4.5);
      expect(ratio).toBeLessThan(9);
    }
  });

  it('N2.7: a cohort of newly won customers pays back its acquisition cost after one to two years', () => {
    for (const seed of SEEDS3) {
      const config = mixedConfig();
      const sim = runPolicy(
        config,
        seed,
        (p) => ({ ...RECOMMENDED, acquisitionSpend: p === 0 ? 0.5 : 0 }),
        1,
      );
      const acq = sim.world.params.acquisitionCostPerCustomer;
      let payback = -1;
      for (let p = 1; p < 12 && payback < 0; p++) {
        sim.step({ levers: { ...RECOMMENDED, acquisitionSpend: 0 } });
        const c = sim.population.cols;
        let net = 0;
        for (let i = 0; i < sim.population.count; i++)
          if (c.joined[i] === 1 && c.source[i] === SOURCE_PAID) net += c.cumulativeProfit[i] - acq;
        if (net > 0) payback = p;
      }
      // Quarters after joining: about a year, and within two.
      expect(payback).toBeGreaterThanOrEqual(4);
      expect(payback).toBeLessThanOrEqual(8);
    }
  });
});

describe('N3 word of mouth', () => {
  it('N3.1: every 100 satisfied customers bring about 25 new ones a year (20–30)', () => {
    for (const seed of SEEDS3) {
      const sim = runPolicy(base, seed, {}, 8);
      const satisfiedYears =
        total(sim, (m) => m.satisfactionScores[3] + m.satisfactionScores[4]) / 4;
      const per100 = (total(sim, (m) => m.referrals) / satisfiedYears) * 100;
      expect(per100).toBeGreaterThan(20);
      expect(per100).toBeLessThan(30);
    }
  });
});

describe('N4 and N5.4: profit concentration', () => {
  it('N4.1/N4.2: the top 20% of customers bring 70–80% of profit (65–85%)', () => {
    for (const seed of SEEDS3) {
      const top20 = paretoCurve(runPolicy(base, seed, {}, 4)).top20;
      expect(top20).toBeGreaterThan(0.65);
      expect(top20).toBeLessThan(0.85);
    }
  });

  it('N5.4: a best customer spends about 12.7 times an ordinary one (top 5% against the median: 9–17x)', () => {
    for (const seed of SEEDS3) {
      const sim = runPolicy(base, seed, {}, 1);
      const spend = Array.from(sim.population.cols.spend.slice(0, sim.population.count)).sort(
        (a, b) => b - a,
      );
      const top = spend.slice(0, Math.round(spend.length * 0.05));
      const ratio = mean(top) / spend[Math.floor(spend.length / 2)];
      expect(ratio).toBeGreaterThan(9);
      expect(ratio).toBeLessThan(17);
    }
  });
});

describe('N6 churn and its causes', () => {
  it('N6.1: about two thirds (57–77%) of customers who leave do so mainly because they felt neglected', () => {
    for (const seed of SEEDS3) {
      const sim = runPolicy(base, seed, {}, 8);
      const share = total(sim, (m) => m.lostReasons.neglect ?? 0) / total(sim, (m) => m.lost);
      expect(share).toBeGreaterThan(0.57);
      expect(share).toBeLessThan(0.77);
    }
  });

  it('N6.3 the leaky bucket: ever more acquisition keeps the count roughly flat (within 20%) while profit drains', () => {
    const config = mixedConfig({
      levers: base.levers.map((l) =>
        l.id === 'acquisitionSpend' ? { ...l, unitCost: 400000 } : l,
      ),
    });
    for (const seed of SEEDS3) {
      // Spending more each quarter to stand still: the funnel's endless loop.
      const sim = runPolicy(config, seed, (p) => ({
        acquisitionSpend: Math.min(1, 0.55 + 0.04 * p),
        personalCare: 0,
        serviceQuality: 0.2,
        staffTraining: 0,
        brandAdvertising: 0.2,
      }));
      for (const p of [3, 7, 11])
        expect(Math.abs(sim.history[p].active / base.customers - 1)).toBeLessThan(0.2);
      const firstYear = sim.history.slice(0, 4).reduce((a, m) => a + m.profit, 0);
      expect(lastYearProfit(sim)).toBeLessThan(firstYear * 0.4);
      // Gross adds nearly match gross losses: the bucket is refilled as fast as it leaks.
      expect(total(sim, (m) => m.newCustomers) / total(sim, (m) => m.lost)).toBeGreaterThan(0.85);
    }
  });
});

describe('directional facts (N10)', () => {
  const war = mixedConfig({
    market: { competitorAttractiveness: 0.4, competitorPrice: 0.85, economy: 1 },
  });

  it('D1: satisfaction is not loyalty: when a rival cuts prices, most of those who leave were satisfied', () => {
    for (const seed of SEEDS3) {
      const sim = runPolicy(war, seed, {}, 4);
      expect(total(sim, (m) => m.lostSatisfied) / total(sim, (m) => m.lost)).toBeGreaterThan(0.5);
      expect(total(sim, (m) => m.lost)).toBeGreaterThan(
        total(runPolicy(base, seed, {}, 4), (m) => m.lost) * 1.5,
      );
    }
  });

  it('D2: in a recession the same rival discount takes more customers', () => {
    const recession = (c: EngineConfig) => ({ ...c, market: { ...c.market, economy: 1.3 } });
    for (const seed of SEEDS3) {
      const lost = (c: EngineConfig) => total(runPolicy(c, seed, {}, 4), (m) => m.lost);
      expect(lost(recession(war)) - lost(recession(base))).toBeGreaterThan(
        (lost(war) - lost(base)) * 1.1,
      );
    }
  });

  it('D3: even in a recession, customers pay 5% more to a firm that truly cares', () => {
    const recession = mixedConfig({
      market: { competitorAttractiveness: 0.4, competitorPrice: 1, economy: 1.3 },
    });
    for (const seed of SEEDS3) {
      const caring = runPolicy(
        recession,
        seed,
        { priceLevel: 1.05, personalCare: 0.8, serviceQuality: 0.6 },
        8,
      );
      const cheap = runPolicy(
        recession,
        seed,
        { priceLevel: 1, personalCare: 0, serviceQuality: 0.3 },
        8,
      );
      expect(annualRetention(caring)).toBeGreaterThan(annualRetention(cheap) + 0.1);
      expect(caring.cumulativeProfit).toBeGreaterThan(cheap.cumulativeProfit);
    }
  });

  it('D16: when complaints go unanswered for days, customers stop complaining', () => {
    for (const seed of SEEDS3) {
      const rate = (hours: number) => {
        const sim = runPolicy(
          base,
          seed,
          { complaintResponseHours: hours, feedbackChannels: 2 },
          8,
        );
        const h = sim.history.slice(-4);
        return h.reduce((a, m) => a + m.complaints, 0) / h.reduce((a, m) => a + m.failures, 0);
      };
      expect(rate(168)).toBeLessThan(rate(12) * 0.85);
    }
  });

  it('D19: a customer database alone lowers profit; analytics in use pays where customers are at risk', () => {
    const profits = [0, 1, 2].map((crm) =>
      mean(SEEDS3.map((seed) => runPolicy(base, seed, { crmAnalytics: crm }).cumulativeProfit)),
    );
    expect(profits[1]).toBeLessThan(profits[0]);
    expect(profits[2]).toBeGreaterThan(profits[0]);
  });

  it('D20: loyalty work shows no immediate effect, then pays', () => {
    for (const seed of SEEDS3) {
      const careful = runPolicy(base, seed, RECOMMENDED);
      const idle = runPolicy(base, seed, {});
      expect(careful.history[0].profit).toBeLessThan(idle.history[0].profit);
      expect(careful.cumulativeProfit).toBeGreaterThan(idle.cumulativeProfit * 1.15);
    }
  });

  it('D10: a firm living on price promotions earns far less, and its deal-seekers keep leaving', () => {
    for (const seed of SEEDS3) {
      const promo = runPolicy(base, seed, {
        priceLevel: 0.9,
        promotion: 0.15,
        acquisitionSpend: 0.6,
        serviceQuality: 0.15,
        personalCare: 0.05,
      });
      const careful = runPolicy(base, seed, RECOMMENDED);
      expect(promo.cumulativeProfit).toBeLessThan(careful.cumulativeProfit * 0.6);
      // Even while the discount lasts, deal-seekers are the least loyal customers there are.
      expect(total(promo, (m) => m.lostDealSeekers)).toBeGreaterThan(
        total(promo, (m) => m.newFromPromotion) * 0.15,
      );
    }
  });
});

describe('degenerate policies never beat the recommended one', () => {
  it('neither every lever at maximum nor every lever at zero, nor price cuts alone, beats it on profit and retention', async () => {
    const { LEVER_CATALOGUE } = await import('./levers.ts');
    const max = Object.fromEntries(LEVER_CATALOGUE.map((l) => [l.id, l.max]));
    const zero = Object.fromEntries(LEVER_CATALOGUE.map((l) => [l.id, l.min]));
    const priceCuts: LeverValues = {
      priceLevel: 0.85,
      promotion: 0.2,
      serviceQuality: 0.3,
      personalCare: 0.1,
    };
    for (const seed of [1, 2, 3, 4, 5]) {
      const rec = runPolicy(base, seed, RECOMMENDED);
      for (const lv of [max, zero, priceCuts, {}]) {
        const other = runPolicy(base, seed, lv);
        expect(rec.cumulativeProfit).toBeGreaterThan(other.cumulativeProfit);
      }
    }
  });
});
