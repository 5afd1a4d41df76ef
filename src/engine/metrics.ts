// Per-period metrics: counts, the textbook's three classifications of the base (the 6-stage
// ladder, the 8-level pyramid, the attitude x repeat-purchase matrix), complaints, word of
// mouth and every money line. Derived from the customer columns, never stored per customer.

import {
  STATUS_ACTIVE as STATUS_ACTIVE_,
  STATUS_LOST as STATUS_LOST_,
  TIER_A as TIER_A_,
} from './population.ts';
import {
  popcount8 as popcount8_,
  satisfactionScore as satisfactionScore_,
  type PeriodContext,
  type World,
} from './world.ts';
import type { CostLines, LadderStage, LoyaltyType, PeriodMetrics, PyramidLevel } from './types.ts';

// Local copies: imported bindings are read through getters in some loaders (tsx), which
// costs a call per customer in the hot loops below.
const STATUS_ACTIVE = STATUS_ACTIVE_;
const STATUS_LOST = STATUS_LOST_;
const TIER_A = TIER_A_;
const popcount8 = popcount8_;
const satisfactionScore = satisfactionScore_;

/** Thresholds of the classifications, in one place so the glossary and the code agree. */
export const CLASSIFY = {
  /** Attitude from which a customer prefers us (high attitude). */
  highAttitude: 0.5,
  /** Purchases in the last 4 periods from which repeat purchase is high. */
  highRepeat: 3,
  /** Advocates: completely satisfied and strongly attached. */
  advocateAttitude: 0.7,
  /** Periods without a purchase after which a customer is inactive. */
  inactivePeriods: 2,
  /** Lost customers count in the pyramid for this many periods after leaving. */
  lostWindow: 4,
} as const;

export function loyaltyType(attitude: number, recent: number): LoyaltyType {
  const highA = attitude >= CLASSIFY.highAttitude;
  const highR = popcount8(recent & 0x0f) >= CLASSIFY.highRepeat;
  return highA ? (highR ? 'trueLoyalty' : 'latentLoyalty') : highR ? 'inertiaLoyalty' : 'noLoyalty';
}

/** What a count of the base gives the metrics (computeMetrics). */
export interface BaseCount {
  lost: number;
  firstTime: number;
  repeat: number;
  core: number;
  advocate: number;
  atRisk: number;
  fresh: number;
  inactive: number;
  activeRegulars: number;
  pyramidCore: number;
  advocates: number;
  noLoyalty: number;
  inertia: number;
  latent: number;
  trueLoyalty: number;
  active: number;
  top: number;
  /** Active customers by their 1-5 satisfaction score. */
  scores: [number, number, number, number, number];
  // Sums in customer order, so every way of counting gives the same bits.
  sSum: number;
  aSum: number;
  bSum: number;
}

/** Something that counts the base exactly as countBase does (kernel.ts). */
export interface BaseCounter {
  count(w: World, t: number): BaseCount;
}

// An accelerator, not state of a run: with or without it every run gives the same bits.
let baseCounter: BaseCounter | null = null;

/** Installs (or with null, removes) the counter computeMetrics uses instead of countBase. */
export function useBaseCounter(counter: BaseCounter | null): void {
  baseCounter = counter;
}

/** The classifications' counts and the sums over the base at the end of period t. */
export function countBase(w: World, t: number): BaseCount {
  const c = w.pop.cols;
  const {
    status,
    lostAt,
    satisfaction,
    attitude,
    barrier,
    recent: recentCol,
    purchases,
    joined,
    hazard,
    lastPurchase,
    tier,
  } = c;
  const p = w.params;
  // Plain local counters in the loop, objects after it: incrementing a property picked by a
  // string key per customer cost more than the rest of the loop together.
  const scores = new Int32Array(5);
  let lost = 0;
  let firstTime = 0;
  let repeat = 0;
  let core = 0;
  let advocate = 0;
  let atRisk = 0;
  let fresh = 0;
  let inactive = 0;
  let activeRegulars = 0;
  let pyramidCore = 0;
  let advocates = 0;
  let noLoyalty = 0;
  let inertia = 0;
  let latent = 0;
  let trueLoyalty = 0;
  let active = 0;
  let top = 0;
  let sSum = 0;
  let aSum = 0;
  let bSum = 0;
  const count = w.pop.count;
  const complete = p.completeSatisfaction;
  const atRiskHazard = p.atRiskHazard;
  const lostWindow = CLASSIFY.lostWindow;
  const highAttitude = CLASSIFY.highAttitude;
  const highRepeat = CLASSIFY.highRepeat;
  const advocateAttitude = CLASSIFY.advocateAttitude;
  const inactivePeriods = CLASSIFY.inactivePeriods;
  for (let i = 0; i < count; i++) {
    const st = status[i];
    if (st === STATUS_LOST) {
      if (t - lostAt[i] < lostWindow) lost++;
      continue;
    }
    if (st !== STATUS_ACTIVE) continue;
    active++;
    if (tier[i] === TIER_A) top++;
    const s = satisfaction[i];
    const a = attitude[i];
    sSum += s;
    aSum += a;
    bSum += barrier[i];
    scores[satisfactionScore(s) - 1]++;
    const repeat4 = popcount8(recentCol[i] & 0x0f);
    const highA = a >= highAttitude;
    const highR = repeat4 >= highRepeat;
    // The attitude x repeat-purchase matrix (as loyaltyType).
    if (highA) {
      if (highR) trueLoyalty++;
      else latent++;
    } else if (highR) inertia++;
    else noLoyalty++;

    const isCore = highA && highR;
    const isAdvocate = isCore && s >= complete && a >= advocateAttitude;
    // Development ladder of those already won.
    if (purchases[i] <= 1) firstTime++;
    else if (isAdvocate) advocate++;
    else if (isCore) core++;
    else repeat++;

    // Pyramid: each customer in exactly one level, the most urgent first.
    const tenure = t + 1 - joined[i];
    if (tenure <= 1) fresh++;
    else if (hazard[i] >= atRiskHazard) atRisk++;
    else if (t - lastPurchase[i] >= inactivePeriods) inactive++;
    else if (isAdvocate) advocates++;
    else if (isCore) pyramidCore++;
    else activeRegulars++;
  }
  return {
    lost,
    firstTime,
    repeat,
    core,
    advocate,
    atRisk,
    fresh,
    inactive,
    activeRegulars,
    pyramidCore,
    advocates,
    noLoyalty,
    inertia,
    latent,
    trueLoyalty,
    active,
    top,
    scores: [scores[0], scores[1], scores[2], scores[3], scores[4]],
    sSum,
    aSum,
    bSum,
  };
}

export function computeMetrics(w: World, ctx: PeriodContext): PeriodMetrics {
  const t = ctx.t;
  const p = w.params;
  const counter = baseCounter;
  const {
    lost,
    firstTime,
    repeat,
    core,
    advocate,
    atRisk,
    fresh,
    inactive,
    activeRegulars,
    pyramidCore,
    advocates,
    noLoyalty,
    inertia,
    latent,
    trueLoyalty,
    active,
    top,
    scores,
    sSum,
    aSum,
    bSum,
  } = counter ? counter.count(w, t) : countBase(w, t);
  const ladder: Record<LadderStage, number> = {
    prospect: 0,
    target: 0,
    firstTime,
    repeat,
    core,
    advocate,
  };
  const pyramid: Record<PyramidLevel, number> = {
    lost,
    onlookers: 0,
    atRisk,
    newCustomers: fresh,
    inactive,
    activeRegulars,
    core: pyramidCore,
    advocates,
  };
  const matrix: Record<LoyaltyType, number> = {
    noLoyalty,
    inertiaLoyalty: inertia,
    latentLoyalty: latent,
    trueLoyalty,
  };
  // For the next period's lever costs (Simulation.costBasis), saving it a pass of its own.
  ctx.acc.topActive = top;
  const reached = ctx.acc.reached;
  const converted = ctx.acc.newPaid + ctx.acc.newPromotion;
  const market = Math.max(0, p.marketSize * w.initialCustomers - active - reached);
  ladder.prospect = market;
  ladder.target = Math.max(0, reached - converted);
  pyramid.onlookers = Math.max(0, reached - converted);

  const lc = ctx.leverCosts;
  const a = ctx.acc;
  const costs: CostLines = {
    goods: a.goods,
    service: a.serve,
    serviceQuality: lc.serviceQuality ?? 0,
    training: lc.staffTraining ?? 0,
    rewards:
      a.rewards +
      (ctx.lev.loyaltyProgramme > 0
        ? (w.levers.find((l) => l.id === 'loyaltyProgramme')?.cost.unitCost ?? 0)
        : 0) +
      (lc.loyaltyTiers ?? 0),
    keyAccount: lc.keyAccountCare ?? 0,
    complaints: (lc.complaintResponseHours ?? 0) + a.complaintHandling,
    compensation: (lc.complaintCompensation ?? 0) + a.compensation,
    rootCause: (lc.rootCauseFixes ?? 0) + a.rootCause,
    feedback: lc.feedbackChannels ?? 0,
    care: lc.personalCare ?? 0,
    barriers: lc.switchingBarriers ?? 0,
    advertising: lc.brandAdvertising ?? 0,
    acquisition: lc.acquisitionSpend ?? 0,
    crm: lc.crmAnalytics ?? 0,
    events: a.events,
  };
  let totalCost = 0;
  for (const v of Object.values(costs)) totalCost += v;
  let leverSpend = 0;
  for (const v of Object.values(lc)) leverSpend += v ?? 0;
  const profit = a.revenue - totalCost;
  const newCustomers = a.newPaid + a.newPromotion + a.newReferral;
  const complaintTypes: Record<string, number> = {};
  w.config.complaintTypes.forEach((ty, k) => (complaintTypes[ty.id] = ctx.complaintTypeCounts[k]));

  return {
    period: t,
    active,
    newCustomers,
    newFromAcquisition: a.newPaid,
    newFromPromotion: a.newPromotion,
    newFromReferral: a.newReferral,
    lost: a.lost,
    retentionRate: a.startActive > 0 ? (a.startActive - a.lost) / a.startActive : 1,
    satisfactionMean: active ? sSum / active : 0,
    satisfactionScores: [scores[0], scores[1], scores[2], scores[3], scores[4]],
    attitudeMean: active ? aSum / active : 0,
    barrierMean: active ? bSum / active : 0,
    ladder,
    pyramid,
    matrix,
    failures: a.failures,
    complaints: a.complaints,
    complaintsResolved: a.resolved,
    complaintsRecovered: a.recovered,
    recoveryRate: a.resolved > 0 ? a.recovered / a.resolved : 0,
    responseHours: a.resolved > 0 ? a.responseHoursSum / a.resolved : 0,
    referrals: a.referrals,
    negativeReach: a.negativeReach,
    revenue: a.revenue,
    costs,
    totalCost,
    leverSpend,
    profit,
    cumulativeProfit: w.cumulativeProfit + profit,
    lostSatisfied: a.lostSatisfied,
    lostDealSeekers: a.lostDealSeekers,
    lostReasons: { ...ctx.lostReasons },
    complaintTypes,
    levers: { ...ctx.lev },
    market: { ...ctx.market },
    staffCapability: w.stocks.staffCapability,
    reputation: w.stocks.reputation,
    eventsFired: ctx.eventsFired,
  };
}
