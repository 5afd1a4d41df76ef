// The simulation's whole mutable state (World) and the per-period scratch (PeriodContext)
// that the ten stages of a period read and write. Everything here is plain data: a
// snapshot of a World restores a run exactly.

import { exp } from './detmath.ts';
import type { Rng } from './rng.ts';
import type { Population } from './population.ts';
import type { ResolvedLever } from './levers.ts';
import type {
  ComplaintRecord,
  EffectTarget,
  EngineConfig,
  LeverId,
  MarketState,
  ModelParams,
  PeriodMetrics,
  PersonaPeriod,
  PersonaStory,
} from './types.ts';

/** Slow-moving firm-level stocks. */
export interface Stocks {
  /** 0..1: how capable and settled the staff are (training builds it, turnover erodes it). */
  staffCapability: number;
  /** 0..1: public standing; crises hit it, it recovers slowly. */
  reputation: number;
  /** 0..1: customers' belief that complaining helps; unanswered feedback kills it. */
  voiceTrust: number;
  /** Negative word of mouth still circulating, as a share of the market. */
  negativePressure: number;
  /** How far expectations have risen since the start. */
  expectationShift: number;
  /** Failure-rate multiplier per complaint type (root-cause fixes lower it). */
  typeMultipliers: number[];
}

/** An event effect placed on the timeline. */
export interface Modifier {
  target: EffectTarget;
  op: 'add' | 'mul';
  value: number;
  start: number;
  end: number;
  /** Segment index, or -1 for all. */
  segment: number;
  topTierOnly: boolean;
  event: string;
}

/** Segment parameters as parallel arrays, indexed by segment number (hot loops). */
export interface SegmentTable {
  ids: string[];
  share: Float64Array;
  priceSensitivity: Float64Array;
  buyProbability: Float64Array;
  spendMedian: Float64Array;
  spendSigma: Float64Array;
  voice: Float64Array;
  baseChurn: Float64Array;
  expectation: Float64Array;
  careWeight: Float64Array;
}

export interface World {
  config: EngineConfig;
  params: ModelParams;
  levers: ResolvedLever[];
  segments: SegmentTable;
  seed: number;
  rng: Rng;
  pop: Population;
  /** Next period to simulate (0-based). */
  period: number;
  baseMarket: MarketState;
  stocks: Stocks;
  modifiers: Modifier[];
  firedEvents: string[];
  /** Voiced complaints of the last period waiting for the learner's answer. */
  inbox: ComplaintRecord[];
  nextComplaintId: number;
  /** Spend of the 90th and 70th percentile at the start: tier A and B thresholds. */
  tierThresholds: [number, number];
  initialCustomers: number;
  history: PeriodMetrics[];
  personas: PersonaStory[];
  cumulativeProfit: number;
}

/** Money and counts gathered while a period runs. */
export interface Accumulators {
  startActive: number;
  revenue: number;
  goods: number;
  serve: number;
  rewards: number;
  compensation: number;
  complaintHandling: number;
  rootCause: number;
  events: number;
  failures: number;
  complaints: number;
  resolved: number;
  recovered: number;
  responseHoursSum: number;
  referrals: number;
  negativeReach: number;
  lost: number;
  lostSatisfied: number;
  lostDealSeekers: number;
  newPaid: number;
  newPromotion: number;
  newReferral: number;
  reached: number;
  /** Active customers in the top tier at the period's end (counted by computeMetrics). */
  topActive: number;
}

export interface PeriodContext {
  t: number;
  lev: Record<LeverId, number>;
  leverCosts: Partial<Record<LeverId, number>>;
  /** Intensities after diminishing returns, 0..1. */
  serviceEff: number;
  trainingEff: number;
  careEff: number;
  keyAccountEff: number;
  brandEff: number;
  rootCauseEff: number;
  crmInUse: boolean;
  listPrice: number;
  /** Price actually paid this period (list price less promotion). */
  paidPrice: number;
  market: MarketState;
  failureMultiplier: number;
  churnMultiplier: number;
  acquisitionMultiplier: number;
  expectationAdd: number;
  /** Share of the base that is core or advocate last period (staff pride, D17). */
  loyalShare: number;
  /** Money the default complaint policy gives each complaining customer. */
  compensationPerComplaint: number;
  /** What each individual inbox answer costs (inboxActionCosts). */
  inboxCosts: Record<'apologise' | 'compensate' | 'fixRootCause' | 'escalate' | 'ignore', number>;
  acc: Accumulators;
  lostReasons: Record<string, number>;
  complaintTypeCounts: number[];
  /** Record being filled for each tracked customer this period (by persona slot). */
  story: (PersonaPeriod | null)[];
  eventsFired: string[];
}

export function newAccumulators(): Accumulators {
  return {
    startActive: 0,
    revenue: 0,
    goods: 0,
    serve: 0,
    rewards: 0,
    compensation: 0,
    complaintHandling: 0,
    rootCause: 0,
    events: 0,
    failures: 0,
    complaints: 0,
    resolved: 0,
    recovered: 0,
    responseHoursSum: 0,
    referrals: 0,
    negativeReach: 0,
    lost: 0,
    lostSatisfied: 0,
    lostDealSeekers: 0,
    newPaid: 0,
    newPromotion: 0,
    newReferral: 0,
    reached: 0,
    topActive: 0,
  };
}

/** Diminishing returns: the first spend on a lever buys the most. */
export function saturate(x: number, k = 2.5): number {
  return (1 - exp(-k * x)) / (1 - exp(-k));
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Satisfaction 0..1 as the 1–5 score customers would give. */
export function satisfactionScore(s: number): number {
  const k = 1 + Math.floor(s * 5);
  return k > 5 ? 5 : k < 1 ? 1 : k;
}

export function popcount8(x: number): number {
  x = x - ((x >> 1) & 0x55);
  x = (x & 0x33) + ((x >> 2) & 0x33);
  return (x + (x >> 4)) & 0x0f;
}

export function pushFactor(
  list: { factor: string; value: number }[],
  factor: string,
  value: number,
): void {
  if (value === 0) return;
  const hit = list.find((f) => f.factor === factor);
  if (hit) hit.value += value;
  else list.push({ factor, value });
}
