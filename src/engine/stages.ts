// The ten stages of one period, in the order of model.md: market, experience, complaints,
// satisfaction, attitude, barrier, defection, revenue and cost, word of mouth, acquisition.
// Each stage is a plain function over the World so it can be tested on its own; each
// records, for tracked customers, how much each named factor moved them (the glass box).

import { EXP_FAST_ERROR, exp as exp_, expFast as expFast_, log as log_ } from './detmath.ts';
import {
  FLAG_BAD_HANDLING as FLAG_BAD_HANDLING_,
  FLAG_COMPLAINED as FLAG_COMPLAINED_,
  FLAG_CONTACTED as FLAG_CONTACTED_,
  FLAG_FAILED as FLAG_FAILED_,
  FLAG_INBOX as FLAG_INBOX_,
  FLAG_PURCHASED as FLAG_PURCHASED_,
  FLAG_RECOVERED as FLAG_RECOVERED_,
  SOURCE_PAID as SOURCE_PAID_,
  SOURCE_PROMOTION as SOURCE_PROMOTION_,
  SOURCE_REFERRAL as SOURCE_REFERRAL_,
  STATUS_ACTIVE as STATUS_ACTIVE_,
  STATUS_LOST as STATUS_LOST_,
  TIER_A as TIER_A_,
  TIER_B,
  TIER_C,
} from './population.ts';
import { PERIODS_PER_YEAR } from './params.ts';
import type { ComplaintRecord, ComplaintResponse, PersonaPeriod } from './types.ts';
import type { ResolvedLever } from './levers.ts';
import {
  clamp01 as clamp01_,
  pushFactor as pushFactor_,
  satisfactionScore as satisfactionScore_,
  type PeriodContext,
  type World,
} from './world.ts';

// Local copies: imported bindings are read through getters in some loaders (tsx), which
// costs a call per customer in the hot loops below.
const FLAG_BAD_HANDLING = FLAG_BAD_HANDLING_;
const FLAG_COMPLAINED = FLAG_COMPLAINED_;
const FLAG_CONTACTED = FLAG_CONTACTED_;
const FLAG_FAILED = FLAG_FAILED_;
const FLAG_INBOX = FLAG_INBOX_;
const FLAG_PURCHASED = FLAG_PURCHASED_;
const FLAG_RECOVERED = FLAG_RECOVERED_;
const SOURCE_PAID = SOURCE_PAID_;
const SOURCE_PROMOTION = SOURCE_PROMOTION_;
const SOURCE_REFERRAL = SOURCE_REFERRAL_;
const STATUS_ACTIVE = STATUS_ACTIVE_;
const exp = exp_;
const expFast = expFast_;
const log = log_;
const STATUS_LOST = STATUS_LOST_;
const TIER_A = TIER_A_;
const clamp01 = clamp01_;
const pushFactor = pushFactor_;
const satisfactionScore = satisfactionScore_;

const TIER_NAMES = ['A', 'B', 'C'] as const;

// ---------------------------------------------------------------- 1. market

/** Moves the market and the firm's stocks, and applies one-off event shocks to customers. */
export function stageMarket(w: World, ctx: PeriodContext): void {
  const t = ctx.t;
  const m = { ...w.baseMarket };
  let failure = 1;
  let churn = 1;
  let acquisition = 1;
  let expectation = 0;
  for (const mod of w.modifiers) {
    if (t < mod.start || t > mod.end) continue;
    const firstPeriod = t === mod.start;
    switch (mod.target) {
      case 'market.competitorAttractiveness':
      case 'market.competitorPrice':
      case 'market.economy': {
        const key = mod.target.slice('market.'.length) as keyof typeof m;
        m[key] = mod.op === 'add' ? m[key] + mod.value : m[key] * mod.value;
        break;
      }
      case 'failureRate':
        failure *= mod.op === 'mul' ? mod.value : 1 + mod.value;
        break;
      case 'churn':
        churn *= mod.op === 'mul' ? mod.value : 1 + mod.value;
        break;
      case 'acquisition':
        acquisition *= mod.op === 'mul' ? mod.value : 1 + mod.value;
        break;
      case 'expectation':
        expectation += mod.value;
        break;
      case 'reputation':
        if (firstPeriod) w.stocks.reputation = clamp01(w.stocks.reputation + mod.value);
        break;
      case 'staffCapability':
        if (firstPeriod) w.stocks.staffCapability = clamp01(w.stocks.staffCapability + mod.value);
        break;
      case 'cash':
        // Money in (positive) or out (negative) every period the effect lasts.
        ctx.acc.events -= mod.value;
        break;
      case 'satisfaction':
      case 'attitude':
      case 'barrier':
        if (firstPeriod) applyShock(w, ctx, mod.target, mod.value, mod.segment, mod.topTierOnly);
        break;
    }
  }
  m.competitorAttractiveness = clamp01(m.competitorAttractiveness);
  m.competitorPrice = Math.max(0.3, m.competitorPrice);
  m.economy = Math.max(0.5, m.economy);
  ctx.market = m;
  ctx.failureMultiplier = failure;
  ctx.churnMultiplier = churn;
  ctx.acquisitionMultiplier = acquisition;
  ctx.expectationAdd = expectation;

  const s = w.stocks;
  // Staff capability: training builds it; turnover erodes it, and turnover is lower where
  // customers are loyal (staff take pride in loyal customers: the two-way loop, D17).
  const turnover = 0.08 * (1.3 - ctx.loyalShare);
  s.staffCapability = clamp01(
    s.staffCapability +
      0.3 * ctx.trainingEff * (1 - s.staffCapability) -
      turnover * s.staffCapability,
  );
  s.reputation += 0.1 * (0.6 - s.reputation);
  s.negativePressure *= 0.7;
  s.expectationShift += w.params.expectationDrift;
}

function applyShock(
  w: World,
  ctx: PeriodContext,
  target: 'satisfaction' | 'attitude' | 'barrier',
  value: number,
  segment: number,
  topOnly: boolean,
): void {
  const c = w.pop.cols;
  const col = c[target];
  for (let i = 0; i < w.pop.count; i++) {
    if (c.status[i] !== STATUS_ACTIVE) continue;
    if (segment >= 0 && c.segment[i] !== segment) continue;
    if (topOnly && c.tier[i] !== TIER_A) continue;
    const before = col[i];
    col[i] = clamp01(before + value);
    const p = c.persona[i];
    if (p) {
      const rec = ctx.story[p - 1];
      if (rec) {
        const list = target === 'attitude' ? rec.attitudeFactors : rec.satisfactionFactors;
        if (target !== 'barrier') pushFactor(list, 'event', col[i] - before);
      }
    }
  }
}

// ---------------------------------------------------------------- 2. experience

/** Who buys, which purchases are failed service encounters, and who gets personal contact. */
export function stageExperience(w: World, ctx: PeriodContext): void {
  const { pop, params: p, segments: seg, rng } = w;
  const c = pop.cols;
  const {
    attitude,
    barrier,
    cumulativeProfit,
    flags,
    hazard,
    joined,
    lastContact,
    lastPurchase,
    priceSensitivity,
    purchases,
    recent,
    segment,
    status,
    tier,
  } = c;
  const t = ctx.t;
  const typeAvg = averageTypeMultiplier(w);
  const baseFail =
    p.baseFailureRate *
    ctx.failureMultiplier *
    typeAvg *
    (1 - p.serviceQualityFailureCut * ctx.serviceEff) *
    (1 - p.trainingFailureCut * w.stocks.staffCapability);
  const gap = ctx.paidPrice - ctx.market.competitorPrice;
  const econ = ctx.market.economy;
  const promo = ctx.lev.promotion;
  const letGo = ctx.lev.letUnprofitableGo >= 1;
  const atRisk = p.atRiskHazard;
  const gain = ctx.crmInUse ? 1 + p.crmTargetingGain : 1;
  const buyProbability = seg.buyProbability;
  const careEff = ctx.careEff;
  const keyAccountEff = ctx.keyAccountEff;
  const failTop = baseFail * (1 - 0.3 * keyAccountEff);
  const priceWeight = -2.5 * econ * gap;
  const fastLow = 1 - 4 * EXP_FAST_ERROR;
  const fastHigh = 1 + 4 * EXP_FAST_ERROR;
  let startActive = 0;
  const count = pop.count;
  for (let i = 0; i < count; i++) {
    if (status[i] !== STATUS_ACTIVE) continue;
    startActive++;
    flags[i] = 0;
    recent[i] = (recent[i] << 1) & 0xff;
    const s = segment[i];
    const ps = priceSensitivity[i];
    const base = buyProbability[s] * (0.75 + 0.35 * attitude[i] + 0.2 * barrier[i]);
    const tierA = tier[i] === TIER_A;
    // Nothing else draws between here and the purchase draw, so it can come first.
    const u = rng.next();
    let buys = false;
    // A price gap puts an exp in every customer's chance to buy; as in the defection stage,
    // the faster exp decides wherever its error bound cannot change the decision, and the
    // exact one everywhere else, so the decision is always the exact one.
    let fast = false;
    if (gap !== 0) {
      let pf = base * expFast(priceWeight * ps);
      if (promo > 0) pf *= 1 + promo * ps;
      const lo = pf * fastLow;
      const hi = pf * fastHigh;
      if (lo > 0.98) {
        fast = true;
        buys = u < 0.98;
      } else if (hi < 0.98 && (u < lo || u >= hi)) {
        fast = true;
        buys = u < lo;
      }
    }
    if (!fast) {
      let pBuy = base;
      if (gap !== 0) pBuy *= exp(priceWeight * ps);
      if (promo > 0) pBuy *= 1 + promo * ps;
      if (pBuy > 0.98) pBuy = 0.98;
      buys = u < pBuy;
    }
    if (buys) {
      flags[i] |= FLAG_PURCHASED;
      recent[i] |= 1;
      if (purchases[i] < 65535) purchases[i]++;
      lastPurchase[i] = t;
      const pFail = tierA ? failTop : baseFail;
      if (rng.next() < pFail) flags[i] |= FLAG_FAILED;
    }
    // Personal contact: care reaches a share of customers; a used CRM aims it at the
    // at-risk and the top tier; key-account managers reach the top tier directly.
    const unprofitable = letGo && cumulativeProfit[i] < 0 && t - joined[i] >= 4;
    let reach = 0;
    if (!unprofitable) {
      reach = careEff;
      // Analytics in use moves contact from customers who are fine to those about to leave
      // and the most valuable: the same care budget reaches the customers where it counts.
      if (gain > 1)
        reach =
          hazard[i] >= atRisk || tierA ? Math.min(1, reach * (1 + 2 * (gain - 1))) : reach * 0.85;
      if (tierA) reach += keyAccountEff;
    }
    if (reach > 0 && rng.next() < reach) {
      flags[i] |= FLAG_CONTACTED;
      lastContact[i] = t;
    }
  }
  ctx.acc.startActive = startActive;
}

export function averageTypeMultiplier(w: World): number {
  const types = w.config.complaintTypes;
  if (types.length === 0) return 1;
  let sw = 0;
  let sm = 0;
  for (let k = 0; k < types.length; k++) {
    sw += types[k].weight;
    sm += types[k].weight * w.stocks.typeMultipliers[k];
  }
  return sw > 0 ? sm / sw : 1;
}

// ---------------------------------------------------------------- 3. complaints

/**
 * Answers last period's inbox (the learner's responses, or the default policy), then
 * turns this period's failures into silent disappointment or voiced complaints. Voiced
 * complaints become records; up to inboxSize wait for the learner, the rest are handled
 * now by the default policy set with the complaint levers.
 */
export function stageComplaints(
  w: World,
  ctx: PeriodContext,
  responses: Record<string, ComplaintResponse>,
): void {
  const { pop, params: p, rng } = w;
  const c = pop.cols;
  const t = ctx.t;
  const defaultResponse = defaultComplaintResponse(ctx);

  for (const rec of w.inbox) {
    const i = rec.customer;
    if (c.status[i] !== STATUS_ACTIVE) continue;
    const r = responses[rec.id] ?? defaultResponse;
    resolveComplaint(
      w,
      ctx,
      i,
      rec.satisfactionBefore,
      rec.type,
      r,
      responses[rec.id] !== undefined,
    );
  }
  w.inbox = [];

  const types = w.config.complaintTypes;
  const typeWeights = types.map((ty, k) => ty.weight * w.stocks.typeMultipliers[k]);
  const typeTotal = typeWeights.reduce((a, b) => a + b, 0);
  const channels = ctx.lev.feedbackChannels;
  const trust = w.stocks.voiceTrust;
  const inboxSize = w.config.inboxSize;
  const hit = p.failureSatisfactionHit;
  let voiced = 0;
  const inbox: ComplaintRecord[] = [];
  let speedSum = 0;
  let speedCount = 0;

  const { status, flags } = c;
  const count = pop.count;
  for (let i = 0; i < count; i++) {
    if (status[i] !== STATUS_ACTIVE || !(flags[i] & FLAG_FAILED)) continue;
    ctx.acc.failures++;
    const sBefore = c.satisfaction[i];
    const seg = c.segment[i];
    const pVoice = (1 - (1 - w.segments.voice[seg]) * (1 - 0.22 * channels)) * (0.4 + 0.6 * trust);
    const persona = c.persona[i] ? ctx.story[c.persona[i] - 1] : null;
    if (persona) persona.failed = true;
    if (rng.next() >= pVoice) {
      // Silent disappointment: most unhappy customers never complain; they just drift away.
      c.satisfaction[i] = clamp01(sBefore - hit);
      if (persona)
        pushFactor(persona.satisfactionFactors, 'serviceFailure', c.satisfaction[i] - sBefore);
      continue;
    }
    voiced++;
    c.flags[i] |= FLAG_COMPLAINED;
    if (persona) persona.complained = true;
    let type = 0;
    if (types.length > 1 && typeTotal > 0) {
      let u = rng.next() * typeTotal;
      while (type < types.length - 1 && u >= typeWeights[type]) u -= typeWeights[type++];
    }
    ctx.complaintTypeCounts[type]++;
    const typeId = types.length ? types[type].id : 'service';
    // Reservoir sampling keeps the inbox an unbiased sample of the period's complaints.
    let slot = -1;
    if (inboxSize > 0) {
      if (inbox.length < inboxSize) slot = inbox.length;
      else {
        const j = rng.int(voiced);
        if (j < inboxSize) slot = j;
      }
    }
    if (slot < 0) {
      resolveComplaint(w, ctx, i, sBefore, typeId, defaultResponse, false);
      speedSum += speedOf(defaultResponse.hours);
      speedCount++;
      continue;
    }
    if (slot < inbox.length) {
      // The displaced complaint is handled now by the default policy.
      const old = inbox[slot];
      c.flags[old.customer] &= ~FLAG_INBOX;
      resolveComplaint(
        w,
        ctx,
        old.customer,
        old.satisfactionBefore,
        old.type,
        defaultResponse,
        false,
      );
      speedSum += speedOf(defaultResponse.hours);
      speedCount++;
    }
    // Only complaints that reach the inbox become records: a large base voices thousands.
    inbox[slot] = {
      id: `c${w.nextComplaintId++}`,
      period: t,
      customer: i,
      segment: w.segments.ids[seg],
      tier: TIER_NAMES[c.tier[i]],
      tenure: Math.max(0, t - c.joined[i]),
      purchases: c.purchases[i],
      cumulativeRevenue: Math.round(c.cumulativeRevenue[i]),
      satisfactionBefore: sBefore,
      type: typeId,
    };
    c.flags[i] |= FLAG_INBOX;
    // Waiting for an answer: the failure is felt now, the recovery comes with the answer.
    c.satisfaction[i] = clamp01(sBefore - hit);
    if (persona)
      pushFactor(persona.satisfactionFactors, 'serviceFailure', c.satisfaction[i] - sBefore);
  }
  ctx.acc.complaints += voiced;
  w.inbox = inbox;

  // Root-cause work needs complaints to learn from: with no voiced complaints, nothing is
  // known to fix (feedback channels feed process improvement). A used CRM finds causes faster.
  const active = ctx.acc.startActive || 1;
  const evidence = Math.min(1, voiced / (0.04 * active));
  const fix = p.rootCauseFixRate * ctx.rootCauseEff * evidence * (ctx.crmInUse ? 1.5 : 1);
  if (fix > 0) {
    for (let k = 0; k < types.length; k++) {
      if (!types[k].fixable) continue;
      w.stocks.typeMultipliers[k] = Math.max(0.25, w.stocks.typeMultipliers[k] * (1 - fix));
    }
  }
  // Customers learn whether complaining helps: slow answers make them stop speaking up (D16).
  const speed = speedCount > 0 ? speedSum / speedCount : speedOf(defaultResponse.hours);
  w.stocks.voiceTrust = clamp01(
    w.stocks.voiceTrust + 0.25 * (0.3 + 0.7 * speed - w.stocks.voiceTrust),
  );
}

/** 1 when answered within 24 hours, fading with every day beyond. */
export function speedOf(hours: number): number {
  return hours <= 24 ? 1 : exp(-(hours - 24) / 48);
}

export function defaultComplaintResponse(ctx: PeriodContext): ComplaintResponse {
  return {
    action: ctx.lev.complaintCompensation > 0 ? 'compensate' : 'apologise',
    hours: ctx.lev.complaintResponseHours,
  };
}

/**
 * Money an individual answer from the inbox costs on top of the lever budget. Compensating one
 * customer pays the scenario's full compensation (the complaint-compensation lever's unit cost).
 */
export function inboxActionCosts(
  levers: readonly ResolvedLever[],
): Record<ComplaintResponse['action'], number> {
  const full = levers.find((l) => l.id === 'complaintCompensation')?.cost.unitCost ?? 150;
  return { apologise: 0, compensate: full, fixRootCause: 2000, escalate: 300, ignore: 0 };
}

function resolveComplaint(
  w: World,
  ctx: PeriodContext,
  i: number,
  sBefore: number,
  typeId: string,
  r: ComplaintResponse,
  individual: boolean,
): void {
  const { pop, params: p, rng } = w;
  const c = pop.cols;
  const persona = c.persona[i] ? ctx.story[c.persona[i] - 1] : null;
  const current = c.satisfaction[i];
  const hit = p.failureSatisfactionHit;
  const speed = speedOf(r.hours);
  ctx.acc.resolved++;
  ctx.acc.responseHoursSum += r.hours;
  // An answer is a personal contact; silence is not.
  if (r.action !== 'ignore') c.lastContact[i] = ctx.t;
  let compensation = 0;
  if (individual) {
    const extra = ctx.inboxCosts[r.action];
    if (r.action === 'compensate') compensation = extra;
    else if (r.action === 'fixRootCause') ctx.acc.rootCause += extra;
    else ctx.acc.complaintHandling += extra;
  } else {
    compensation = ctx.compensationPerComplaint;
  }
  ctx.acc.compensation += individual ? compensation : 0;
  c.cumulativeProfit[i] -= compensation;

  let target: number;
  let recovered = false;
  if (r.action === 'ignore') {
    target = sBefore - hit - p.ignoredComplaintHit;
  } else {
    const comp = r.action === 'compensate' ? (individual ? 1 : ctx.lev.complaintCompensation) : 0;
    let pRecover = 0.12 + 0.5 * speed + 0.3 * comp;
    if (r.action === 'escalate') pRecover += c.tier[i] === TIER_A ? 0.35 : 0.2;
    if (r.action === 'fixRootCause') pRecover += 0.1;
    recovered = rng.next() < Math.min(0.95, pRecover);
    target = recovered
      ? sBefore + p.recoveryBonus
      : sBefore - hit - (speed < 0.3 ? p.ignoredComplaintHit * 0.5 : 0);
  }
  if (r.action === 'fixRootCause') {
    const k = w.config.complaintTypes.findIndex((ty) => ty.id === typeId);
    if (k >= 0 && w.config.complaintTypes[k].fixable)
      w.stocks.typeMultipliers[k] = Math.max(
        0.25,
        w.stocks.typeMultipliers[k] * (1 - p.rootCauseFixRate * 0.4),
      );
  }
  c.satisfaction[i] = clamp01(target);
  c.flags[i] &= ~FLAG_INBOX;
  if (recovered) {
    ctx.acc.recovered++;
    c.flags[i] |= FLAG_RECOVERED;
    const a0 = c.attitude[i];
    c.attitude[i] = clamp01(a0 + 0.03);
    if (persona) pushFactor(persona.attitudeFactors, 'complaintRecovered', c.attitude[i] - a0);
  } else {
    c.flags[i] |= FLAG_BAD_HANDLING;
    if (r.action === 'ignore' || speed < 0.3) ctx.acc.negativeReach += p.negativeReach;
  }
  if (persona) {
    persona.recovered = recovered;
    const factor =
      r.action === 'ignore'
        ? 'complaintIgnored'
        : recovered
          ? 'complaintRecovered'
          : 'complaintUnresolved';
    pushFactor(persona.satisfactionFactors, factor, c.satisfaction[i] - current);
  }
}

// ---------------------------------------------------------------- 4-6. satisfaction, attitude, barrier

/** Which of stages 4–6 a pass runs (see stagesFourToSix). */
export const SATISFACTION = 1;
export const ATTITUDE = 2;
export const BARRIER = 4;

/**
 * Expectation-disconfirmation: satisfaction moves toward a target set by perceived value
 * (quality, care, value for the price) against expectation, which drifts up over time and
 * with what advertising promises.
 */
export function stageSatisfaction(w: World, ctx: PeriodContext): void {
  stagesFourToSix(w, ctx, SATISFACTION);
}

/**
 * Attitude (emotional loyalty) grows only for completely satisfied customers who are cared
 * for, and decays with neglect: merely satisfied customers do not become loyal.
 */
export function stageAttitude(w: World, ctx: PeriodContext): void {
  stagesFourToSix(w, ctx, ATTITUDE);
}

/** Structural ties: points balances, contracts and habit; they fade when the tie ends. */
export function stageBarrier(w: World, ctx: PeriodContext): void {
  stagesFourToSix(w, ctx, BARRIER);
}

/** Every parameter of stages 4-6 for this period, read once; shared by the JavaScript pass,
 * the stories of tracked customers and the WebAssembly pass (kernel.ts). */
export function fourToSixParams(w: World, ctx: PeriodContext) {
  const p = w.params;
  const reward = ctx.lev.loyaltyProgramme / 0.1;
  const contracts = p.barrierFromContracts * ctx.lev.switchingBarriers;
  return {
    t: ctx.t,
    // 4. satisfaction
    rate: p.satisfactionAdjustRate,
    quality: 0.45 + 0.3 * ctx.serviceEff + 0.2 * w.stocks.staffCapability - 0.6,
    brand: 0.04 * ctx.brandEff + 0.06 * (w.stocks.reputation - 0.6),
    promise: p.advertisingPromise * ctx.brandEff,
    drift: w.stocks.expectationShift + ctx.expectationAdd,
    lockIn: -0.05 * Math.max(0, ctx.lev.switchingBarriers - 0.5),
    paid: ctx.paidPrice,
    careWeight: w.segments.careWeight,
    segExpectation: w.segments.expectation,
    priceWeight: -1.2 * ctx.market.economy * (ctx.paidPrice - ctx.market.competitorPrice),
    // 5. attitude
    complete: p.completeSatisfaction,
    attitudeLockIn: 0.02 * Math.max(0, ctx.lev.switchingBarriers - 0.6),
    kaCare: 0.6 * ctx.keyAccountEff,
    brandCare: 0.2 * ctx.brandEff,
    growth: p.attitudeGrowth,
    decayRate: p.attitudeDecay,
    invNeglect: 1 / p.neglectPeriods,
    // 6. barrier
    reward,
    tiers: ctx.lev.loyaltyTiers >= 1,
    contracts,
    letGo: ctx.lev.letUnprofitableGo >= 1,
    barrierDecay: p.barrierDecay * (reward === 0 && contracts === 0 ? 1.5 : 1),
    habit: p.barrierFromHabit,
    points: p.barrierFromPoints,
  };
}
type FourToSixParams = ReturnType<typeof fourToSixParams>;

/**
 * A tracked customer's story of stages 4-6: how much each factor moved their satisfaction
 * (from `satBefore` to `satAfter`) and attitude (from `attBefore` to `attAfter`), from the
 * same terms the pass used. Called after the pass has updated the customer's columns (those
 * the terms read, flags, segment, prices, tier and contact, do not change in it).
 */
export function storyFourToSix(
  w: World,
  e: FourToSixParams,
  i: number,
  rec: PersonaPeriod,
  parts: number,
  satBefore: number,
  satAfter: number,
  attBefore: number,
  attAfter: number,
): void {
  const c = w.pop.cols;
  const fl = c.flags[i];
  if (parts & SATISFACTION) {
    const { quality, brand, lockIn, rate } = e;
    const care = (fl & FLAG_CONTACTED ? 0.1 : 0) * (0.5 + e.careWeight[c.segment[i]]);
    let value = e.priceWeight * c.priceSensitivity[i];
    const ref = c.referencePrice[i];
    if (ref > 0 && e.paid > ref) value -= 1.5 * (e.paid - ref);
    const expect = e.segExpectation[c.segment[i]] - 0.6 + e.drift + e.promise;
    const k = rate * 1.5;
    const f = rec.satisfactionFactors;
    pushFactor(f, 'serviceQuality', k * quality);
    pushFactor(f, 'personalCare', k * care);
    pushFactor(f, 'priceValue', k * value);
    pushFactor(f, 'brand', k * brand);
    pushFactor(f, 'switchingBarriers', k * lockIn);
    pushFactor(f, 'expectations', -k * expect);
    // What is left is the pull back toward the neutral level, chance, and clamping.
    pushFactor(
      f,
      'habituation',
      satAfter - satBefore - k * (quality + care + value + brand + lockIn - expect),
    );
  }
  if (parts & ATTITUDE) {
    const s = c.satisfaction[i];
    const contacted = fl & FLAG_CONTACTED ? 0.7 : 0;
    const cared = Math.min(1, contacted + (c.tier[i] === TIER_A ? e.kaCare : 0) + e.brandCare);
    const grow = s >= e.complete ? e.growth * (0.25 + 0.75 * cared) : 0;
    const neglect = Math.min(1, (e.t - c.lastContact[i]) * e.invNeglect);
    const decay = -e.decayRate * neglect;
    const unhappy = s < 0.4 ? -0.02 : 0;
    const lock = e.attitudeLockIn;
    const f = rec.attitudeFactors;
    pushFactor(f, 'completeSatisfaction', grow * (1 - attBefore));
    pushFactor(f, 'neglect', decay);
    pushFactor(f, 'switchingBarriers', -lock);
    pushFactor(f, 'dissatisfaction', unhappy);
    pushFactor(
      f,
      'bounds',
      attAfter - attBefore - (grow * (1 - attBefore) + decay - lock + unhappy),
    );
  }
}

/** Something that runs the pass of stages 4-6 exactly as fourToSixLoop does (kernel.ts). */
export interface FourToSixRunner {
  runFourToSix(w: World, ctx: PeriodContext, parts: number): void;
}

// An accelerator, not state of a run: with or without it every run gives the same bits.
let fourToSixRunner: FourToSixRunner | null = null;

/** Installs (or with null, removes) the runner stagesFourToSix uses instead of its loop. */
export function useFourToSixRunner(runner: FourToSixRunner | null): void {
  fourToSixRunner = runner;
}

/**
 * Stages 4, 5 and 6 (satisfaction, attitude, barrier; `parts` says which) in one pass over
 * the base. Each customer's attitude reads only their own new satisfaction, and neither
 * attitude nor barrier draws a random number, so one pass gives exactly what three passes
 * in turn give; it reads the columns they share once (a period runs all three together).
 * With a WebAssembly kernel installed (kernel.ts), the kernel runs the pass: the same
 * arithmetic in the same order, so the same bits.
 */
export function stagesFourToSix(
  w: World,
  ctx: PeriodContext,
  parts = SATISFACTION | ATTITUDE | BARRIER,
): void {
  if (fourToSixRunner) fourToSixRunner.runFourToSix(w, ctx, parts);
  else fourToSixLoop(w, ctx, parts);
}

function fourToSixLoop(w: World, ctx: PeriodContext, parts: number): void {
  const { pop, rng } = w;
  const c = pop.cols;
  const {
    attitude,
    barrier,
    cumulativeProfit,
    flags,
    joined,
    lastContact,
    persona,
    priceSensitivity,
    referencePrice,
    satisfaction,
    segment,
    status,
    tier,
  } = c;
  const doSatisfaction = (parts & SATISFACTION) !== 0;
  const doAttitude = (parts & ATTITUDE) !== 0;
  const doBarrier = (parts & BARRIER) !== 0;
  const story = ctx.story;
  const e = fourToSixParams(w, ctx);
  const {
    t,
    rate,
    quality,
    brand,
    promise,
    drift,
    lockIn,
    paid,
    careWeight,
    segExpectation,
    priceWeight,
    complete,
    attitudeLockIn,
    kaCare,
    brandCare,
    growth,
    decayRate,
    invNeglect,
    reward,
    tiers,
    contracts,
    letGo,
    barrierDecay,
    habit,
    points,
  } = e;
  const count = pop.count;
  for (let i = 0; i < count; i++) {
    if (status[i] !== STATUS_ACTIVE) continue;
    const fl = flags[i];
    const pi = persona[i];
    const rec = pi ? story[pi - 1] : undefined;
    const tierA = tier[i] === TIER_A;
    let satBefore = 0;
    let satAfter = 0;
    let attBefore = 0;
    let attAfter = 0;

    if (doSatisfaction) {
      const sg = segment[i];
      const ps = priceSensitivity[i];
      const care = (fl & FLAG_CONTACTED ? 0.1 : 0) * (0.5 + careWeight[sg]);
      let value = priceWeight * ps;
      const ref = referencePrice[i];
      if (ref > 0 && paid > ref) value -= 1.5 * (paid - ref);
      const expect = segExpectation[sg] - 0.6 + drift + promise;
      const targetRaw = 0.62 + 1.5 * (quality + care + value + brand + lockIn - expect);
      const target = targetRaw < 0.02 ? 0.02 : targetRaw > 0.99 ? 0.99 : targetRaw;
      satBefore = satisfaction[i];
      // Triangular noise (sd 0.03): two uniform draws, no logarithm or cosine per customer.
      const noise = 0.0735 * (rng.next() - rng.next());
      satAfter = clamp01(satBefore + rate * (target - satBefore) + noise);
      satisfaction[i] = satAfter;
    }

    if (doAttitude) {
      // Read back: the column holds the new satisfaction as stored (float32).
      const s = satisfaction[i];
      const contacted = fl & FLAG_CONTACTED ? 0.7 : 0;
      const cared = Math.min(1, contacted + (tierA ? kaCare : 0) + brandCare);
      const grow = s >= complete ? growth * (0.25 + 0.75 * cared) : 0;
      const neglect = Math.min(1, (t - lastContact[i]) * invNeglect);
      const decay = -decayRate * neglect;
      const unhappy = s < 0.4 ? -0.02 : 0;
      attBefore = attitude[i];
      attAfter = clamp01(attBefore + grow * (1 - attBefore) + decay - attitudeLockIn + unhappy);
      attitude[i] = attAfter;
    }

    if (rec) storyFourToSix(w, e, i, rec, parts, satBefore, satAfter, attBefore, attAfter);

    if (doBarrier) {
      let inflow = contracts;
      if (fl & FLAG_PURCHASED) {
        inflow += habit;
        const excluded = letGo && cumulativeProfit[i] < 0 && t - joined[i] >= 4;
        if (!excluded) inflow += points * reward * (tiers && tierA ? 1.6 : 1);
      }
      const b = barrier[i];
      barrier[i] = clamp01(b + inflow * (1 - b) - barrierDecay * b);
    }
  }
}

// ---------------------------------------------------------------- 7. defection

export const RISK_FACTORS = [
  'dissatisfaction',
  'completeSatisfaction',
  'priceGap',
  'rivalAttraction',
  'neglect',
  'attitude',
  'barrier',
  'dealSeeker',
  'badComplaint',
  'letGo',
  'reputation',
  'event',
] as const;

/** Why a customer left: the risk factor that pushed hardest, or 'baseline' if none pushed up. */
export const LOST_REASONS = [...RISK_FACTORS, 'baseline'] as const;
export type LostReason = (typeof LOST_REASONS)[number];

/**
 * Each customer may leave. The log of the defection intensity adds named terms (so a story
 * can say which pushed hardest); the customer's reason for leaving is the largest push.
 */
export function stageDefection(w: World, ctx: PeriodContext): void {
  stagesSevenToNine(w, ctx, DEFECTION);
}

/**
 * The named terms of one customer's log defection intensity; they add up to the z used in
 * stageDefection (a test holds the two together). Computed only where a story or a reason
 * for leaving needs them.
 */
export function riskTerms(w: World, ctx: PeriodContext, i: number, terms: Float64Array): void {
  const p = w.params;
  const c = w.pop.cols;
  const t = ctx.t;
  const s = c.satisfaction[i];
  const a = c.attitude[i];
  const gap = ctx.paidPrice - ctx.market.competitorPrice;
  terms[0] = p.churnDissatisfaction * (0.75 - s);
  terms[1] = s >= p.completeSatisfaction ? -p.churnCompleteBonus : 0;
  terms[2] = p.churnPrice * c.priceSensitivity[i] * ctx.market.economy * (gap < -0.1 ? -0.1 : gap);
  terms[3] = p.churnCompetitor * ctx.market.competitorAttractiveness * (1 - a);
  terms[4] =
    p.churnNeglect *
    w.segments.careWeight[c.segment[i]] *
    Math.min(1, (t - c.lastContact[i]) / p.neglectPeriods);
  terms[5] = -p.churnAttitude * a;
  terms[6] = -p.churnBarrier * c.barrier[i];
  terms[7] =
    c.source[i] === SOURCE_PROMOTION
      ? p.churnDealSeeker * (ctx.paidPrice > c.referencePrice[i] + 1e-6 ? 1 : 0.35)
      : 0;
  terms[8] = c.flags[i] & FLAG_BAD_HANDLING ? p.churnBadComplaint : 0;
  terms[9] =
    ctx.lev.letUnprofitableGo >= 1 && c.cumulativeProfit[i] < 0 && t - c.joined[i] >= 4 ? 1.5 : 0;
  terms[10] = 1.2 * (0.6 - w.stocks.reputation) * (1 - a);
  terms[11] = log(ctx.churnMultiplier);
}

// ---------------------------------------------------------------- 8. revenue and cost

/**
 * Revenue per purchase grows with tenure (trust, cross-selling); long-standing customers cost
 * less to serve; new ones cost more. Each customer's contribution adds to their lifetime profit.
 */
export function stageRevenue(w: World, ctx: PeriodContext): void {
  stagesSevenToNine(w, ctx, REVENUE);
}

// ---------------------------------------------------------------- 9. word of mouth

/**
 * Satisfied customers bring referrals (100 satisfied bring about 25 new a year); unhappy
 * leavers and badly handled complainers spread negative word of mouth, which lowers the
 * conversion of prospects for a while.
 */
export function stageWordOfMouth(w: World, ctx: PeriodContext): void {
  stagesSevenToNine(w, ctx, WORD_OF_MOUTH);
}

/** Which of stages 7–9 a pass runs (see stagesSevenToNine). */
export const DEFECTION = 1;
export const REVENUE = 2;
export const WORD_OF_MOUTH = 4;

/** Every parameter of stages 7-9 for this period, read once (calls in the loops keep V8 from
 * hoisting them); shared by the JavaScript pass and the WebAssembly one (kernel.ts). */
export function periodEndParams(w: World, ctx: PeriodContext) {
  const p = w.params;
  const econ = ctx.market.economy;
  const gap = ctx.paidPrice - ctx.market.competitorPrice;
  const priceGap = gap < -0.1 ? -0.1 : gap;
  return {
    t: ctx.t,
    letGo: ctx.lev.letUnprofitableGo >= 1,
    complete: p.completeSatisfaction,
    // 7. defection
    repTerm: 1.2 * (0.6 - w.stocks.reputation),
    invNeglect: 1 / p.neglectPeriods,
    wDis: p.churnDissatisfaction,
    wComplete: p.churnCompleteBonus,
    wPrice: p.churnPrice * econ * priceGap,
    wRival: p.churnCompetitor * ctx.market.competitorAttractiveness,
    wNeglect: p.churnNeglect,
    wAtt: p.churnAttitude,
    wBar: p.churnBarrier,
    wDeal: p.churnDealSeeker,
    wBad: p.churnBadComplaint,
    paid: ctx.paidPrice,
    careWeight: w.segments.careWeight,
    baseChurn: w.segments.baseChurn,
    fixed: log(ctx.churnMultiplier),
    // 8. revenue and cost
    rewardRate: ctx.lev.loyaltyProgramme,
    cap: p.tenureCap,
    crossSell: ctx.crmInUse ? 1 + p.crmCrossSell : 1,
    serveCost: p.serveCostPerPeriod,
    serveSaving: p.tenureServeSaving,
    growth: p.tenureRevenueGrowth,
    goodsCost: p.unitCostOfGoods,
  };
}

/**
 * After customer i's defection draw (hazard h), where a story or a leaver needs more: the
 * risk terms in a tracked customer's story and, for a leaver, their status, the counts and
 * the reason. Shared by the JavaScript pass and the WebAssembly one (kernel.ts).
 */
export function finishDefection(
  w: World,
  ctx: PeriodContext,
  i: number,
  h: number,
  leaves: boolean,
  rec: PersonaPeriod | null,
  terms: Float64Array,
): void {
  const c = w.pop.cols;
  const acc = ctx.acc;
  riskTerms(w, ctx, i, terms);
  if (rec) {
    rec.risk = h;
    for (let k = 0; k < terms.length; k++) pushFactor(rec.riskFactors, RISK_FACTORS[k], terms[k]);
  }
  if (!leaves) return;
  const s = c.satisfaction[i];
  c.status[i] = STATUS_LOST;
  c.lostAt[i] = ctx.t;
  acc.lost++;
  if (satisfactionScore(s) >= 4) acc.lostSatisfied++;
  if (c.source[i] === SOURCE_PROMOTION) acc.lostDealSeekers++;
  // Unhappy leavers tell others (about 25 people each).
  if (s < 0.4) acc.negativeReach += w.params.negativeReach;
  let best = 0;
  let reason = 'baseline';
  for (let k = 0; k < terms.length; k++) {
    if (terms[k] > best) {
      best = terms[k];
      reason = RISK_FACTORS[k];
    }
  }
  ctx.lostReasons[reason] = (ctx.lostReasons[reason] ?? 0) + 1;
  if (rec) rec.left = true;
}

/** Word of mouth once the pass has weighed the satisfied: referrals and bad word's reach. */
function finishWordOfMouth(w: World, ctx: PeriodContext, weight: number): void {
  const p = w.params;
  const acc = ctx.acc;
  const perPeriod = p.referralsPerSatisfiedPerYear / PERIODS_PER_YEAR[w.config.periodUnit];
  const market = p.marketSize * w.initialCustomers;
  w.stocks.negativePressure += acc.negativeReach / market;
  const conv = conversion(w, ctx);
  acc.referrals = w.rng.poisson(weight * perPeriod * Math.min(1, conv));
}

/** Something that runs the pass of stages 7-9 exactly as sevenToNineLoop does (kernel.ts). */
export interface PeriodEndRunner {
  /** Runs the pass; returns the word-of-mouth weight. */
  run(w: World, ctx: PeriodContext, parts: number): number;
}

// An accelerator, not state of a run: with or without it every run gives the same bits.
let periodEndRunner: PeriodEndRunner | null = null;

/** Installs (or with null, removes) the runner stagesSevenToNine uses instead of its loop. */
export function usePeriodEndRunner(runner: PeriodEndRunner | null): void {
  periodEndRunner = runner;
}

/**
 * Stages 7, 8 and 9 (defection, revenue and cost, word of mouth; `parts` says which) in one
 * pass over the base. A customer's revenue and referrals depend only on whether they stayed
 * and on their own columns, revenue and word of mouth draw no random numbers inside the pass,
 * and every sum adds customers in the same order, so one pass gives exactly what three
 * passes in turn give, reading the columns they share once (a period runs all three).
 * With a WebAssembly kernel installed (kernel.ts), the kernel runs the pass instead: the
 * same arithmetic in the same order, so the same bits, about twice as fast.
 */
export function stagesSevenToNine(
  w: World,
  ctx: PeriodContext,
  parts = DEFECTION | REVENUE | WORD_OF_MOUTH,
): void {
  const runner = periodEndRunner;
  const weight = runner ? runner.run(w, ctx, parts) : sevenToNineLoop(w, ctx, parts);
  if ((parts & WORD_OF_MOUTH) !== 0) finishWordOfMouth(w, ctx, weight);
}

/** The JavaScript pass of stages 7-9; returns the word-of-mouth weight. */
function sevenToNineLoop(w: World, ctx: PeriodContext, parts: number): number {
  const { pop, rng } = w;
  const c = pop.cols;
  const {
    status,
    flags,
    satisfaction,
    attitude,
    segment,
    priceSensitivity,
    lastContact,
    barrier,
    referencePrice,
    source,
    cumulativeProfit,
    cumulativeRevenue,
    joined,
    lostAt,
    hazard,
    persona,
    spend,
  } = c;
  const doDefection = (parts & DEFECTION) !== 0;
  const doRevenue = (parts & REVENUE) !== 0;
  const doWordOfMouth = (parts & WORD_OF_MOUTH) !== 0;
  const acc = ctx.acc;
  const count = pop.count;
  const {
    t,
    letGo,
    complete,
    repTerm,
    invNeglect,
    wDis,
    wComplete,
    wPrice,
    wRival,
    wNeglect,
    wAtt,
    wBar,
    wDeal,
    wBad,
    paid,
    careWeight,
    baseChurn,
    fixed,
    rewardRate,
    cap,
    crossSell,
    serveCost,
    serveSaving,
    growth,
    goodsCost,
  } = periodEndParams(w, ctx);
  const terms = new Float64Array(RISK_FACTORS.length);
  const fastBelow = 0.05 * (1 - EXP_FAST_ERROR);
  const fastLow = 1 - 4 * EXP_FAST_ERROR;
  const fastHigh = 1 + 4 * EXP_FAST_ERROR;
  const fround = Math.fround;
  let weight = 0;

  for (let i = 0; i < count; i++) {
    const st = status[i];
    if (st !== STATUS_ACTIVE && !(doRevenue && st === STATUS_LOST && lostAt[i] === t)) continue;

    defection: if (doDefection && st === STATUS_ACTIVE && !(flags[i] & FLAG_INBOX)) {
      const s = satisfaction[i];
      const a = attitude[i];
      const sg = segment[i];
      const sinceContact = (t - lastContact[i]) * invNeglect;
      const dealSeeker = source[i] === SOURCE_PROMOTION;
      // The log of the defection intensity: a sum of named terms (listed in RISK_FACTORS).
      const z =
        wDis * (0.75 - s) -
        (s >= complete ? wComplete : 0) +
        wPrice * priceSensitivity[i] +
        wRival * (1 - a) +
        wNeglect * careWeight[sg] * (sinceContact > 1 ? 1 : sinceContact) -
        wAtt * a -
        wBar * barrier[i] +
        (dealSeeker ? wDeal * (paid > referencePrice[i] + 1e-6 ? 1 : 0.35) : 0) +
        (flags[i] & FLAG_BAD_HANDLING ? wBad : 0) +
        (letGo && cumulativeProfit[i] < 0 && t - joined[i] >= 4 ? 1.5 : 0) +
        repTerm * (1 - a) +
        fixed;
      const pi = persona[i];
      const rec = pi ? ctx.story[pi - 1] : null;
      // Most customers: decide with the faster exp, and keep the result only where its error
      // bound cannot change anything this run keeps (the branch below, the float32 hazard,
      // the leave decision). Everyone else, tracked customers included, takes the exact
      // path, so every run is the same, bit for bit, as with exp alone.
      let h = -1;
      let u = -1;
      if (!rec) {
        const la = baseChurn[sg] * expFast(z);
        if (la < fastBelow) {
          const ha = la * (1 - la * (0.5 - la * (1 / 6 - la / 24)));
          const lo = ha * fastLow;
          const hi = ha * fastHigh;
          const f = fround(lo);
          u = rng.next();
          if (f === fround(hi) && (u < lo || u >= hi)) {
            hazard[i] = f;
            if (u >= hi) break defection;
            h = ha;
          }
        }
      }
      if (h < 0) {
        const lambda = baseChurn[sg] * exp(z);
        // 1 - e^-λ: for the small λ of most customers a short series (error below λ^5/120)
        // saves an exp; both branches are exact arithmetic, so the same on every platform.
        h =
          lambda < 0.05
            ? lambda * (1 - lambda * (0.5 - lambda * (1 / 6 - lambda / 24)))
            : 1 - exp(-lambda);
        hazard[i] = h;
        if (u < 0) u = rng.next();
      }
      const leaves = u < h;
      if (rec || leaves) finishDefection(w, ctx, i, h, leaves, rec ?? null, terms);
    }

    // Whether the customer is still here, after this period's defection.
    const stays = status[i] === STATUS_ACTIVE;

    // Those who left this period still bought and were served before they went.
    if (doRevenue && (stays || lostAt[i] === t)) {
      const tenure = t - joined[i];
      const frac = tenure >= cap ? 1 : tenure <= 0 ? 0 : tenure / cap;
      let serve = serveCost * (1 - serveSaving * frac);
      if (tenure <= 0) serve *= 1.5;
      let profit = -serve;
      acc.serve += serve;
      if (flags[i] & FLAG_PURCHASED) {
        const volume = spend[i] * (1 + growth * frac) * crossSell;
        const revenue = volume * paid;
        const goods = volume * goodsCost;
        const excluded = letGo && cumulativeProfit[i] < 0 && tenure >= 4;
        const reward = excluded ? 0 : rewardRate * revenue;
        acc.revenue += revenue;
        acc.goods += goods;
        acc.rewards += reward;
        cumulativeRevenue[i] += revenue;
        profit += revenue - goods - reward;
      }
      cumulativeProfit[i] += profit;
    }

    if (doWordOfMouth && stays) {
      const s = satisfaction[i];
      // Calibrated so that the satisfied (score 4 or 5) together refer about 25 per 100 a
      // year; within them, the completely satisfied and attached do most of it.
      if (s >= complete) weight += 0.95 + 0.7 * attitude[i];
      else if (s >= 0.6) weight += 1.1;
    }
  }
  return weight;
}

/** How readily prospects become customers: reputation and brand help, bad word of mouth hurts. */
export function conversion(w: World, ctx: PeriodContext): number {
  const raw =
    ((0.6 + 0.7 * w.stocks.reputation) * (1 + 0.25 * ctx.brandEff) * ctx.acquisitionMultiplier) /
    (1 + 3 * w.stocks.negativePressure);
  return raw < 0.1 ? 0.1 : raw > 1.6 ? 1.6 : raw;
}

// ---------------------------------------------------------------- 10. acquisition

/**
 * New customers from acquisition spend, from price promotions (deal-seekers) and from
 * referrals. What attracted them decides their segment and how easily they leave.
 */
export function stageAcquisition(w: World, ctx: PeriodContext): void {
  const { params: p, rng, segments: seg } = w;
  const conv = conversion(w, ctx);
  const acqLever = w.levers.find((l) => l.id === 'acquisitionSpend');
  const money = acqLever ? ctx.lev.acquisitionSpend * acqLever.cost.unitCost : 0;
  const paid = rng.poisson((money / p.acquisitionCostPerCustomer) * conv);
  const promo = ctx.lev.promotion;
  const promoNew =
    promo > 0
      ? rng.poisson(p.promotionReach * (promo / 0.1) * w.initialCustomers * (0.5 + 0.5 * conv))
      : 0;
  const referred = ctx.acc.referrals;
  ctx.acc.newPaid = paid;
  ctx.acc.newPromotion = promoNew;
  ctx.acc.newReferral = referred;
  // Prospects reached by campaigns this period (about 1 in 8 reached becomes a customer).
  ctx.acc.reached = Math.round((paid + promoNew) * 8);

  const n = seg.ids.length;
  let dealSeg = 0;
  for (let k = 1; k < n; k++)
    if (seg.priceSensitivity[k] > seg.priceSensitivity[dealSeg]) dealSeg = k;
  const paidMix = Array.from(seg.share);
  const refMix = paidMix.map((s, k) => s * (1.2 - seg.priceSensitivity[k]));
  addCustomers(w, ctx, paid, SOURCE_PAID, paidMix);
  addCustomers(
    w,
    ctx,
    promoNew,
    SOURCE_PROMOTION,
    paidMix.map((_, k) => (k === dealSeg ? 1 : 0)),
  );
  addCustomers(w, ctx, referred, SOURCE_REFERRAL, refMix);
}

function pickSegment(rng: World['rng'], mix: number[]): number {
  let total = 0;
  for (const m of mix) total += m;
  let u = rng.next() * total;
  for (let k = 0; k < mix.length; k++) {
    if (u < mix[k]) return k;
    u -= mix[k];
  }
  return mix.length - 1;
}

/** Initialises new customer slots; also used to create the starting base. */
export function addCustomers(
  w: World,
  ctx: PeriodContext | null,
  n: number,
  source: number,
  mix: number[],
): void {
  if (n <= 0) return;
  const { pop, rng, segments: seg } = w;
  const first = pop.add(n);
  const c = pop.cols;
  const t = ctx ? ctx.t + 1 : 0;
  const init = w.config.initial;
  for (let i = first; i < first + n; i++) {
    const s = pickSegment(rng, mix);
    c.segment[i] = s;
    c.status[i] = STATUS_ACTIVE;
    c.source[i] = source;
    c.flags[i] = 0;
    c.persona[i] = 0;
    const spend =
      seg.spendMedian[s] *
      exp(seg.spendSigma[s] * rng.normal()) *
      (source === SOURCE_PROMOTION ? 0.7 : 1);
    c.spend[i] = spend;
    c.tier[i] =
      spend >= w.tierThresholds[0] ? TIER_A : spend >= w.tierThresholds[1] ? TIER_B : TIER_C;
    const ps = seg.priceSensitivity[s] + 0.08 * rng.normal();
    c.priceSensitivity[i] = clamp01(source === SOURCE_PROMOTION ? Math.max(ps, 0.85) : ps);
    c.hazard[i] = 0;
    c.cumulativeRevenue[i] = 0;
    c.cumulativeProfit[i] = 0;
    c.lostAt[i] = -1;
    if (ctx) {
      c.satisfaction[i] = clamp01(0.66 + 0.07 * rng.normal());
      c.attitude[i] = clamp01(
        (source === SOURCE_REFERRAL ? 0.25 : source === SOURCE_PAID ? 0.1 : 0.02) +
          0.04 * rng.normal(),
      );
      c.barrier[i] = 0;
      c.recent[i] = 0;
      c.purchases[i] = 0;
      c.joined[i] = t;
      c.lastPurchase[i] = -1;
      c.lastContact[i] = t - 1;
      c.referencePrice[i] = source === SOURCE_PROMOTION ? ctx.paidPrice : 0;
    } else {
      c.satisfaction[i] = clamp01(init.satisfaction.mean + init.satisfaction.sd * rng.normal());
      c.attitude[i] = clamp01(init.attitude.mean + init.attitude.sd * rng.normal());
      c.barrier[i] = clamp01(init.barrier.mean + init.barrier.sd * rng.normal());
      const tenure = rng.int(init.maxTenure + 1);
      c.joined[i] = -tenure;
      const bought = Math.min(8, tenure);
      let recent = 0;
      let purchases = 0;
      for (let b = 0; b < bought; b++) {
        if (rng.next() < seg.buyProbability[s]) {
          recent |= 1 << b;
          purchases++;
        }
      }
      c.recent[i] = recent;
      c.purchases[i] = purchases + Math.round(Math.max(0, tenure - 8) * seg.buyProbability[s]);
      c.lastPurchase[i] = purchases > 0 ? -1 : -tenure - 1;
      c.lastContact[i] = -1 - rng.int(w.params.neglectPeriods + 1);
      c.referencePrice[i] = 0;
      // The history before the run is not simulated; give long-standing customers a rough
      // lifetime so far, so lifetime value and Pareto views are meaningful from period 1.
      const perPeriod = spend * seg.buyProbability[s];
      c.cumulativeRevenue[i] = perPeriod * tenure;
      c.cumulativeProfit[i] =
        perPeriod * tenure * (1 - w.params.unitCostOfGoods) - w.params.serveCostPerPeriod * tenure;
    }
  }
}

export { TIER_B, TIER_C };
