// Each stage of a period, tested on its own against the claim it encodes.
import { describe, expect, it } from 'vitest';
import { Simulation } from './simulation.ts';
import {
  stageAcquisition,
  stageAttitude,
  stageBarrier,
  stageComplaints,
  stageDefection,
  stageExperience,
  stageMarket,
  stageRevenue,
  stageSatisfaction,
  stageWordOfMouth,
} from './stages.ts';
import {
  FLAG_FAILED,
  FLAG_PURCHASED,
  FLAG_RECOVERED,
  SOURCE_PROMOTION,
  STATUS_ACTIVE,
  STATUS_LOST,
} from './population.ts';
import { mixedConfig, openStage, RECOMMENDED, runPolicy, SEEDS } from './testkit.ts';
import type { EngineConfig, LeverValues } from './types.ts';

function fresh(seed = 1, config: EngineConfig = mixedConfig()): Simulation {
  return Simulation.create(config, seed, { enforceBudget: false });
}

function activeIndices(sim: Simulation): number[] {
  const c = sim.population.cols;
  const out: number[] = [];
  for (let i = 0; i < sim.population.count; i++) if (c.status[i] === STATUS_ACTIVE) out.push(i);
  return out;
}

describe('1. market', () => {
  it('a rival price war lowers the rival price for its duration, then it returns', () => {
    const config = mixedConfig({
      events: [
        {
          id: 'price-war',
          kind: 'priceWar',
          trigger: { atPeriod: 1 },
          effects: [{ target: 'market.competitorPrice', op: 'mul', value: 0.85, duration: 2 }],
          choices: [{ id: 'hold', effects: [] }],
        },
      ],
    });
    const sim = runPolicy(config, 1, {}, 5);
    expect(sim.history.map((m) => m.market.competitorPrice)).toEqual([1, 0.85, 0.85, 1, 1]);
  });

  it('a cash effect books its money every period it lasts', () => {
    const config = mixedConfig({
      events: [
        {
          id: 'cuts',
          kind: 'staffCuts',
          trigger: { atPeriod: 1 },
          effects: [{ target: 'cash', op: 'add', value: 50000, delay: 1, duration: 3 }],
          choices: [{ id: 'ok', effects: [] }],
        },
      ],
    });
    const sim = runPolicy(config, 1, {}, 6);
    expect(sim.history.map((m) => m.costs.events)).toEqual([0, 0, -50000, -50000, -50000, 0]);
  });

  it('training builds staff capability; without it, turnover erodes it', () => {
    const trained = fresh();
    const a = openStage(trained, { levers: { staffTraining: 1 } });
    const before = a.w.stocks.staffCapability;
    stageMarket(a.w, a.ctx);
    expect(a.w.stocks.staffCapability).toBeGreaterThan(before);
    const untrained = fresh();
    const b = openStage(untrained, { levers: { staffTraining: 0 } });
    stageMarket(b.w, b.ctx);
    expect(b.w.stocks.staffCapability).toBeLessThan(before);
  });

  it('staff stay longer where customers are loyal (the two-way loop)', () => {
    const low = fresh();
    const a = openStage(low, { levers: { staffTraining: 0 } });
    a.ctx.loyalShare = 0.05;
    stageMarket(a.w, a.ctx);
    const high = fresh();
    const b = openStage(high, { levers: { staffTraining: 0 } });
    b.ctx.loyalShare = 0.6;
    stageMarket(b.w, b.ctx);
    expect(b.w.stocks.staffCapability).toBeGreaterThan(a.w.stocks.staffCapability);
  });
});

function failuresWith(levers: LeverValues, seed: number): number {
  const sim = fresh(seed);
  const { w, ctx } = openStage(sim, { levers });
  stageMarket(w, ctx);
  stageExperience(w, ctx);
  const c = sim.population.cols;
  let purchases = 0;
  let fails = 0;
  for (let i = 0; i < sim.population.count; i++) {
    if (c.flags[i] & FLAG_PURCHASED) purchases++;
    if (c.flags[i] & FLAG_FAILED) fails++;
  }
  return fails / purchases;
}

describe('2. experience', () => {
  it('service-quality spend and trained staff lower the share of failed service encounters', () => {
    for (const seed of SEEDS) {
      const none = failuresWith({ serviceQuality: 0, staffTraining: 0 }, seed);
      const full = failuresWith({ serviceQuality: 1, staffTraining: 1 }, seed);
      expect(full).toBeLessThan(none * 0.75);
    }
  });

  it('personal care reaches about as many customers as its intensity says', () => {
    const sim = fresh();
    const { w, ctx } = openStage(sim, {
      levers: { personalCare: 1, crmAnalytics: 0, keyAccountCare: 0 },
    });
    stageMarket(w, ctx);
    stageExperience(w, ctx);
    const c = sim.population.cols;
    const ids = activeIndices(sim);
    const reached = ids.filter((i) => c.lastContact[i] === 0).length / ids.length;
    expect(reached).toBeGreaterThan(0.9);
  });
});

describe('3. complaints', () => {
  function complaintsWith(levers: LeverValues, seed: number) {
    const sim = fresh(seed);
    const { w, ctx } = openStage(sim, { levers });
    stageMarket(w, ctx);
    stageExperience(w, ctx);
    stageComplaints(w, ctx, {});
    return { sim, ctx, w };
  }

  it('open feedback channels turn silent disappointment into voiced complaints', () => {
    for (const seed of SEEDS) {
      const none = complaintsWith({ feedbackChannels: 0 }, seed).ctx.acc;
      const three = complaintsWith({ feedbackChannels: 3 }, seed).ctx.acc;
      expect(three.complaints / three.failures).toBeGreaterThan(
        (none.complaints / none.failures) * 1.5,
      );
    }
  });

  it('most failures stay silent without channels: unhappy customers rarely complain', () => {
    const { ctx } = complaintsWith({ feedbackChannels: 0 }, 1);
    expect(ctx.acc.complaints / ctx.acc.failures).toBeLessThan(0.35);
  });

  it('a fast, fair recovery leaves customers above their pre-failure satisfaction; ignoring leaves them below silent ones', () => {
    const config = mixedConfig({ inboxSize: 40 });
    let recoveredAbove = 0;
    let recovered = 0;
    for (const seed of SEEDS) {
      const sim = Simulation.create(config, seed, { enforceBudget: false });
      sim.step({ levers: { feedbackChannels: 3 } });
      const inbox = sim.pendingComplaints();
      expect(inbox.length).toBeGreaterThan(5);
      const responses = Object.fromEntries(
        inbox.map((r) => [r.id, { action: 'compensate' as const, hours: 4 }]),
      );
      const { w, ctx } = openStage(sim, {
        levers: { feedbackChannels: 3 },
        complaintResponses: responses,
      });
      stageMarket(w, ctx);
      stageExperience(w, ctx);
      stageComplaints(w, ctx, responses);
      const c = sim.population.cols;
      for (const r of inbox) {
        // A customer who fails again this period is a new story; look at the answered ones.
        if (c.flags[r.customer] & FLAG_FAILED) continue;
        if (c.flags[r.customer] & FLAG_RECOVERED) {
          recovered++;
          if (c.satisfaction[r.customer] > r.satisfactionBefore) recoveredAbove++;
        }
      }
    }
    expect(recovered).toBeGreaterThan(0);
    expect(recoveredAbove).toBe(recovered);

    // Ignored complaints: worse than a failure nobody voiced.
    const sim = Simulation.create(config, 1, { enforceBudget: false });
    sim.step({ levers: { feedbackChannels: 3 } });
    const inbox = sim.pendingComplaints();
    const ignore = Object.fromEntries(
      inbox.map((r) => [r.id, { action: 'ignore' as const, hours: 24 }]),
    );
    const { w, ctx } = openStage(sim, { levers: {}, complaintResponses: ignore });
    stageMarket(w, ctx);
    stageExperience(w, ctx);
    stageComplaints(w, ctx, ignore);
    const silentLevel = (before: number) => before - w.params.failureSatisfactionHit;
    for (const r of inbox) {
      if (sim.population.cols.flags[r.customer] & FLAG_FAILED) continue;
      expect(sim.population.cols.satisfaction[r.customer]).toBeLessThan(
        Math.max(0, silentLevel(r.satisfactionBefore)) + 1e-6,
      );
    }
  });

  it('root-cause fixes need voiced complaints to learn from', () => {
    const heard = complaintsWith({ rootCauseFixes: 1, feedbackChannels: 3 }, 1).w.stocks
      .typeMultipliers;
    const deaf = complaintsWith({ rootCauseFixes: 1, feedbackChannels: 0 }, 1).w.stocks
      .typeMultipliers;
    expect(heard[0]).toBeLessThan(deaf[0]);
    // The unfixable type (faulty product) is untouched either way.
    expect(heard[2]).toBe(1);
  });

  it('slow answers teach customers that complaining is pointless (voice trust falls)', () => {
    const fast = complaintsWith({ complaintResponseHours: 12 }, 1).w.stocks.voiceTrust;
    const slow = complaintsWith({ complaintResponseHours: 168 }, 1).w.stocks.voiceTrust;
    expect(slow).toBeLessThan(fast);
  });
});

describe('4. satisfaction (expectation-disconfirmation)', () => {
  function meanAfter(levers: LeverValues, seed = 1): number {
    const sim = fresh(seed);
    const { w, ctx } = openStage(sim, { levers });
    stageMarket(w, ctx);
    stageExperience(w, ctx);
    stageSatisfaction(w, ctx);
    const c = sim.population.cols;
    const ids = activeIndices(sim);
    return ids.reduce((a, i) => a + c.satisfaction[i], 0) / ids.length;
  }

  it('better service raises satisfaction; promises beyond it (advertising) lower it', () => {
    expect(meanAfter({ serviceQuality: 1 })).toBeGreaterThan(
      meanAfter({ serviceQuality: 0 }) + 0.03,
    );
    expect(meanAfter({ brandAdvertising: 1, serviceQuality: 0.3 })).toBeLessThan(
      meanAfter({ brandAdvertising: 0, serviceQuality: 0.3 }),
    );
  });

  it('a price above the rival lowers satisfaction of the price-sensitive most', () => {
    const sim = fresh();
    const { w, ctx } = openStage(sim, { levers: { priceLevel: 1.15 } });
    const c = sim.population.cols;
    const before = Float32Array.from(c.satisfaction);
    stageMarket(w, ctx);
    stageSatisfaction(w, ctx);
    const drop = (seg: number) => {
      const ids = activeIndices(sim).filter((i) => c.segment[i] === seg);
      return ids.reduce((a, i) => a + before[i] - c.satisfaction[i], 0) / ids.length;
    };
    expect(drop(0)).toBeGreaterThan(drop(2));
  });

  it("a tracked customer's satisfaction and attitude factors add up to the period's change", () => {
    const config = mixedConfig({
      inboxSize: 5,
      personas: Array.from({ length: 30 }, (_, k) => ({
        id: `p${k}`,
        name: { 'zh-CN': `客户${k}`, en: `Customer ${k}` },
        segment: ['price', 'convenience', 'relationship'][k % 3],
      })),
    });
    const sim = Simulation.create(config, 3, { enforceBudget: false });
    let checked = 0;
    for (let p = 0; p < 6; p++) {
      const c = sim.population.cols;
      const before = sim
        .personas()
        .map((st) =>
          st.customer >= 0 ? [c.satisfaction[st.customer], c.attitude[st.customer]] : [0, 0],
        );
      sim.step({ levers: { ...RECOMMENDED, feedbackChannels: 3 } });
      sim.personas().forEach((st, k) => {
        const rec = st.history.find((h) => h.period === p);
        if (!rec) return;
        const sum = (f: { value: number }[]) => f.reduce((a, x) => a + x.value, 0);
        expect(sum(rec.satisfactionFactors)).toBeCloseTo(rec.satisfaction - before[k][0], 5);
        expect(sum(rec.attitudeFactors)).toBeCloseTo(rec.attitude - before[k][1], 5);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('5. attitude: satisfaction is not loyalty', () => {
  it('merely satisfied customers (score 4) gain no attitude even when cared for; completely satisfied ones do', () => {
    const sim = fresh();
    const { w, ctx } = openStage(sim, { levers: { personalCare: 1 } });
    stageMarket(w, ctx);
    stageExperience(w, ctx);
    const c = sim.population.cols;
    const ids = activeIndices(sim);
    ids.forEach((i, k) => (c.satisfaction[i] = k % 2 ? 0.72 : 0.9));
    const before = Float32Array.from(c.attitude);
    stageAttitude(w, ctx);
    const contacted = ids.filter((i) => c.lastContact[i] === 0);
    const gain = (sat: number) => {
      const g = contacted.filter((i) => Math.abs(c.satisfaction[i] - sat) < 1e-6);
      return g.reduce((a, i) => a + c.attitude[i] - before[i], 0) / g.length;
    };
    expect(gain(0.72)).toBeLessThanOrEqual(0);
    expect(gain(0.9)).toBeGreaterThan(0.02);
  });

  it('neglect wears attitude down', () => {
    const sim = fresh();
    const { w, ctx } = openStage(sim, {
      levers: { personalCare: 0, keyAccountCare: 0, brandAdvertising: 0 },
    });
    stageMarket(w, ctx);
    stageExperience(w, ctx);
    const c = sim.population.cols;
    const ids = activeIndices(sim);
    for (const i of ids) {
      c.lastContact[i] = -10;
      c.satisfaction[i] = 0.7;
    }
    const before = ids.reduce((a, i) => a + c.attitude[i], 0);
    stageAttitude(w, ctx);
    expect(ids.reduce((a, i) => a + c.attitude[i], 0)).toBeLessThan(before);
  });
});

describe('6. barrier', () => {
  it("contracts raise every customer's barrier in one stage; with no tie at all it fades", () => {
    const tied = fresh();
    const a = openStage(tied, { levers: { switchingBarriers: 1, loyaltyProgramme: 0 } });
    const before = Float32Array.from(tied.population.cols.barrier);
    stageBarrier(a.w, a.ctx);
    const ids = activeIndices(tied);
    expect(ids.every((i) => tied.population.cols.barrier[i] > before[i] || before[i] > 0.7)).toBe(
      true,
    );
    const loose = fresh();
    const b = openStage(loose, { levers: { switchingBarriers: 0, loyaltyProgramme: 0 } });
    const before2 = Float32Array.from(loose.population.cols.barrier);
    stageBarrier(b.w, b.ctx);
    // Nobody has bought yet this period (experience not run): only the fading acts.
    expect(activeIndices(loose).every((i) => loose.population.cols.barrier[i] <= before2[i])).toBe(
      true,
    );
  });

  it('a points programme raises the barrier of buyers; it fades when the programme stops', () => {
    const withPoints = runPolicy(mixedConfig(), 1, { loyaltyProgramme: 0.1 }, 6);
    const without = runPolicy(mixedConfig(), 1, { loyaltyProgramme: 0 }, 6);
    const b = (s: Simulation) => s.history[s.history.length - 1].barrierMean;
    expect(b(withPoints)).toBeGreaterThan(b(without) + 0.1);
    const stopped = runPolicy(mixedConfig(), 1, (p) => ({ loyaltyProgramme: p < 6 ? 0.1 : 0 }), 10);
    expect(stopped.history[9].barrierMean).toBeLessThan(stopped.history[5].barrierMean * 0.6);
  });
});

describe('7. defection', () => {
  function hazardAt(sat: number, attitude = 0.2, barrier = 0.05): number {
    const sim = fresh();
    const { w, ctx } = openStage(sim, { levers: {} });
    stageMarket(w, ctx);
    stageExperience(w, ctx);
    const c = sim.population.cols;
    const ids = activeIndices(sim).filter((i) => c.segment[i] === 1);
    for (const i of ids) {
      c.satisfaction[i] = sat;
      c.attitude[i] = attitude;
      c.barrier[i] = barrier;
      c.lastContact[i] = 0;
    }
    stageDefection(w, ctx);
    return ids.reduce((a, i) => a + c.hazard[i], 0) / ids.length;
  }

  it('the link to satisfaction is steep at the top: a 5/5 customer is far safer than a 4/5 one', () => {
    expect(hazardAt(0.85)).toBeLessThan(hazardAt(0.7) * 0.5);
  });

  it('a high barrier holds even unhappy customers (inertia loyalty)', () => {
    expect(hazardAt(0.45, 0.1, 0.8)).toBeLessThan(hazardAt(0.45, 0.1, 0.05) * 0.25);
  });

  it('a rival discount raises the risk of price-sensitive customers far more than of relationship customers', () => {
    const riskBySegment = (competitorPrice: number) => {
      const config = mixedConfig({
        market: { competitorAttractiveness: 0.4, competitorPrice, economy: 1 },
      });
      const sim = Simulation.create(config, 1, { enforceBudget: false });
      sim.step({ levers: {} });
      const c = sim.population.cols;
      return [0, 2].map((seg) => {
        let s = 0;
        let n = 0;
        for (let i = 0; i < sim.population.count; i++)
          if (c.segment[i] === seg && c.joined[i] <= 0) {
            s += c.hazard[i];
            n++;
          }
        return s / n;
      });
    };
    const [priceCalm, relCalm] = riskBySegment(1);
    const [priceWar, relWar] = riskBySegment(0.85);
    expect(priceWar / priceCalm).toBeGreaterThan(2);
    expect(relWar / relCalm).toBeLessThan(1.5);
  });

  it("a tracked customer's named risk factors add up to the risk the model used", () => {
    const config = mixedConfig({
      personas: Array.from({ length: 30 }, (_, k) => ({
        id: `p${k}`,
        name: { 'zh-CN': `客户${k}`, en: `Customer ${k}` },
        segment: ['price', 'convenience', 'relationship'][k % 3],
      })),
    });
    const sim = runPolicy(config, 4, { promotion: 0.1, letUnprofitableGo: 1 }, 5);
    let checked = 0;
    for (const story of sim.personas()) {
      const base = config.segments.find((g) => g.id === story.segment)!.baseChurn;
      for (const rec of story.history) {
        if (rec.risk <= 0) continue;
        const z = rec.riskFactors.reduce((a, f) => a + f.value, 0);
        expect(1 - Math.exp(-base * Math.exp(z))).toBeCloseTo(rec.risk, 5);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('every lost customer gets a reason: the factor that pushed hardest', () => {
    const sim = runPolicy(mixedConfig(), 2, {}, 4);
    for (const m of sim.history) {
      const total = Object.values(m.lostReasons).reduce((a, b) => a + b, 0);
      expect(total).toBe(m.lost);
    }
  });
});

describe('8. revenue and cost', () => {
  it('long-standing customers bring 20–85% more profit per period than first-period customers', () => {
    const sim = fresh();
    const { w, ctx } = openStage(sim, { levers: {} });
    const c = sim.population.cols;
    // Same spend and a purchase for everyone, so only tenure differs.
    for (const i of activeIndices(sim)) {
      c.spend[i] = 600;
      c.flags[i] = FLAG_PURCHASED;
      c.cumulativeProfit[i] = 0;
    }
    stageRevenue(w, ctx);
    const byTenure = (test: (t: number) => boolean) => {
      const ids = activeIndices(sim).filter((i) => test(0 - c.joined[i]));
      return ids.reduce((a, i) => a + c.cumulativeProfit[i], 0) / ids.length;
    };
    const premium = byTenure((t) => t >= 8) / byTenure((t) => t === 0) - 1;
    expect(premium).toBeGreaterThan(0.2);
    expect(premium).toBeLessThan(0.85);
  });
});

describe('9. word of mouth', () => {
  it('badly handled customers spread word of mouth that lowers the conversion of prospects', () => {
    const quiet = runPolicy(
      mixedConfig(),
      1,
      { acquisitionSpend: 0.5, complaintResponseHours: 24, feedbackChannels: 3 },
      6,
    );
    const loud = runPolicy(
      mixedConfig(),
      1,
      {
        acquisitionSpend: 0.5,
        complaintResponseHours: 168,
        feedbackChannels: 3,
        serviceQuality: 0,
      },
      6,
    );
    const sum = (s: Simulation, k: 'newFromAcquisition' | 'negativeReach') =>
      s.history.reduce((a, m) => a + m[k], 0);
    expect(sum(loud, 'negativeReach')).toBeGreaterThan(sum(quiet, 'negativeReach'));
    expect(sum(loud, 'newFromAcquisition')).toBeLessThan(sum(quiet, 'newFromAcquisition'));
  });

  it('no satisfied customers, no referrals', () => {
    const sim = fresh();
    const { w, ctx } = openStage(sim, { levers: {} });
    const c = sim.population.cols;
    for (const i of activeIndices(sim)) c.satisfaction[i] = 0.3;
    stageWordOfMouth(w, ctx);
    expect(ctx.acc.referrals).toBe(0);
  });
});

describe('10. acquisition', () => {
  it('acquisition spend wins about one customer per acquisition cost', () => {
    const sim = fresh();
    const { w, ctx } = openStage(sim, { levers: { acquisitionSpend: 1, brandAdvertising: 0 } });
    stageAcquisition(w, ctx);
    const expected = 200000 / w.params.acquisitionCostPerCustomer;
    expect(ctx.acc.newPaid).toBeGreaterThan(expected * 0.6);
    expect(ctx.acc.newPaid).toBeLessThan(expected * 1.4);
  });

  it('price cuts win deal-seekers who mostly leave within two periods once the promotion stops', () => {
    for (const seed of SEEDS) {
      const sim = runPolicy(
        mixedConfig(),
        seed,
        (p) => (p < 2 ? { promotion: 0.2 } : { promotion: 0 }),
        4,
      );
      const c = sim.population.cols;
      let won = 0;
      let gone = 0;
      for (let i = 0; i < sim.population.count; i++) {
        if (c.source[i] !== SOURCE_PROMOTION) continue;
        won++;
        if (c.status[i] === STATUS_LOST) gone++;
      }
      expect(won).toBeGreaterThan(50);
      expect(gone / won).toBeGreaterThan(0.5);
    }
  });
});
