// The metric namespace scenarios speak in (report rules, debrief rules, objectives) and the
// score: round metrics (one PeriodMetrics value, or its change), run aggregates, scoreRun.

import { LEVER_IDS } from '../engine/levers.ts';
import { LOST_REASONS } from '../engine/stages.ts';
import {
  LADDER_STAGES,
  LOYALTY_TYPES,
  PYRAMID_LEVELS,
  type CostLines,
  type LadderStage,
  type LoyaltyType,
  type MarketState,
  type PeriodMetrics,
  type PyramidLevel,
} from '../engine/types.ts';
import type { Objective } from './types.ts';

// ---------------------------------------------------------------- the key lists

/** Keys of T whose values are numbers. */
type NumberKeys<T> = { [K in keyof T]-?: T[K] extends number ? K : never }[keyof T];

/** Compile-time proof that a key list names every key of a union (no key forgotten). */
type Exhaustive<All extends string, Listed extends string> = [Exclude<All, Listed>] extends [never]
  ? true
  : { missing: Exclude<All, Listed> };

/** The scalar (top-level numeric) PeriodMetrics keys. */
export const SCALAR_METRIC_KEYS = [
  'period',
  'active',
  'newCustomers',
  'newFromAcquisition',
  'newFromPromotion',
  'newFromReferral',
  'lost',
  'retentionRate',
  'satisfactionMean',
  'attitudeMean',
  'barrierMean',
  'failures',
  'complaints',
  'complaintsResolved',
  'complaintsRecovered',
  'recoveryRate',
  'responseHours',
  'referrals',
  'negativeReach',
  'revenue',
  'totalCost',
  'leverSpend',
  'profit',
  'cumulativeProfit',
  'lostSatisfied',
  'lostDealSeekers',
  'staffCapability',
  'reputation',
] as const satisfies readonly NumberKeys<PeriodMetrics>[];
// If PeriodMetrics gains a numeric field, this line stops compiling until it is listed above.
const scalarsComplete: Exhaustive<
  NumberKeys<PeriodMetrics>,
  (typeof SCALAR_METRIC_KEYS)[number]
> = true;

export const COST_LINE_KEYS = [
  'goods',
  'service',
  'serviceQuality',
  'training',
  'rewards',
  'keyAccount',
  'complaints',
  'compensation',
  'rootCause',
  'feedback',
  'care',
  'barriers',
  'advertising',
  'acquisition',
  'crm',
  'events',
] as const satisfies readonly (keyof CostLines)[];
const costsComplete: Exhaustive<keyof CostLines, (typeof COST_LINE_KEYS)[number]> = true;

export const MARKET_KEYS = [
  'competitorAttractiveness',
  'competitorPrice',
  'economy',
] as const satisfies readonly (keyof MarketState)[];
const marketComplete: Exhaustive<keyof MarketState, (typeof MARKET_KEYS)[number]> = true;

/**
 * Reasons a lost customer is counted under in `lostReasons`: the engine's risk factors, plus
 * 'baseline' (stageDefection's name for "no factor pushed risk up"). The record is sparse:
 * a reason nobody left for this round is absent, which reads as 0 here.
 */
export const LOST_REASON_KEYS: readonly string[] = LOST_REASONS;

/** PeriodMetrics fields holding a record of numbers, with their known sub-keys. */
const NESTED: Readonly<Record<string, readonly string[]>> = {
  satisfactionScores: ['0', '1', '2', '3', '4'],
  ladder: LADDER_STAGES satisfies readonly LadderStage[],
  pyramid: PYRAMID_LEVELS satisfies readonly PyramidLevel[],
  matrix: LOYALTY_TYPES satisfies readonly LoyaltyType[],
  costs: COST_LINE_KEYS,
  market: MARKET_KEYS,
  levers: LEVER_IDS,
  lostReasons: LOST_REASON_KEYS,
};

/** Non-numeric PeriodMetrics fields; listed so the completeness test can tell them apart. */
export const NON_NUMERIC_METRIC_KEYS = ['eventsFired'] as const;

void scalarsComplete;
void costsComplete;
void marketComplete;

/** What the key check needs to know about the scenario (its complaint type ids). */
export interface MetricContext {
  /**
   * Complaint type ids of the scenario: `complaintTypes.<id>` is known only for these.
   * Left out: any non-empty id is accepted (the check cannot know the scenario).
   */
  complaintTypes?: readonly string[];
}

/** Every round metric key (without the `delta.` prefix) for a scenario's complaint types. */
export function roundMetricKeys(context: MetricContext = {}): string[] {
  const out: string[] = [...SCALAR_METRIC_KEYS];
  for (const [field, subs] of Object.entries(NESTED))
    for (const s of subs) out.push(`${field}.${s}`);
  for (const id of context.complaintTypes ?? []) out.push(`complaintTypes.${id}`);
  return out;
}

const SCALARS = new Set<string>(SCALAR_METRIC_KEYS);
const NESTED_SETS = new Map(Object.entries(NESTED).map(([k, v]) => [k, new Set(v)]));

function isPlainRoundKey(key: string, context: MetricContext): boolean {
  if (SCALARS.has(key)) return true;
  const dot = key.indexOf('.');
  if (dot < 0) return false;
  const field = key.slice(0, dot);
  const sub = key.slice(dot + 1);
  if (field === 'complaintTypes') {
    return context.complaintTypes
      ? context.complaintTypes.includes(sub)
      : sub.length > 0 && !sub.includes('.');
  }
  return NESTED_SETS.get(field)?.has(sub) ?? false;
}

/**
 * Is `key` a round metric: a numeric PeriodMetrics key (dotted for nested ones, e.g.
 * "pyramid.atRisk", "satisfactionScores.4") or "delta.<that key>"?
 * @example isKnownRoundMetric('delta.lostReasons.priceGap') // true
 */
export function isKnownRoundMetric(key: string, context: MetricContext = {}): boolean {
  return isPlainRoundKey(key.startsWith('delta.') ? key.slice(6) : key, context);
}

// ---------------------------------------------------------------- round metrics

function plainValue(m: PeriodMetrics, key: string): number | undefined {
  if (SCALARS.has(key)) {
    const v = (m as unknown as Record<string, unknown>)[key];
    return typeof v === 'number' ? v : undefined;
  }
  const dot = key.indexOf('.');
  if (dot < 0) return undefined;
  const field = key.slice(0, dot);
  const sub = key.slice(dot + 1);
  const rec = (m as unknown as Record<string, unknown>)[field];
  if (field !== 'complaintTypes' && !NESTED_SETS.get(field)?.has(sub)) return undefined;
  if (rec === null || typeof rec !== 'object') return undefined;
  const v = Object.prototype.hasOwnProperty.call(rec, sub)
    ? (rec as Record<string, unknown>)[sub]
    : undefined;
  if (typeof v === 'number') return v;
  // lostReasons only holds reasons someone left for; any other known reason counts 0.
  if (field === 'lostReasons' && v === undefined) return 0;
  return undefined;
}

/**
 * One round's value of a round metric. `delta.<key>` is the change from the round before;
 * round 0 has no round before, so its deltas are undefined (rules on deltas cannot fire then).
 * Undefined also for an unknown key or a round outside the history.
 */
export function roundMetric(
  history: readonly PeriodMetrics[],
  periodIndex: number,
  key: string,
): number | undefined {
  const m = history[periodIndex];
  if (!m) return undefined;
  if (key.startsWith('delta.')) {
    const prev = history[periodIndex - 1];
    if (!prev) return undefined;
    const inner = key.slice(6);
    const a = plainValue(m, inner);
    const b = plainValue(prev, inner);
    return a === undefined || b === undefined ? undefined : a - b;
  }
  return plainValue(m, key);
}

// ---------------------------------------------------------------- run aggregates

const sum = (h: readonly PeriodMetrics[], f: (m: PeriodMetrics) => number) =>
  h.reduce((a, m) => a + f(m), 0);
const mean = (h: readonly PeriodMetrics[], f: (m: PeriodMetrics) => number) => sum(h, f) / h.length;

/** Aggregates over a whole run; every one needs at least one period. */
export const RUN_AGGREGATES = {
  /** Profit summed over the run (the last period's cumulativeProfit). */
  cumulativeProfit: (h) => h[h.length - 1].cumulativeProfit,
  /** Mean of the periods' retention rates, each period counting once. */
  meanRetentionRate: (h) => mean(h, (m) => m.retentionRate),
  finalActive: (h) => h[h.length - 1].active,
  /** Mean of the periods' mean satisfaction (0..1). */
  meanSatisfaction: (h) => mean(h, (m) => m.satisfactionMean),
  finalSatisfaction: (h) => h[h.length - 1].satisfactionMean,
  totalLost: (h) => sum(h, (m) => m.lost),
  totalLostSatisfied: (h) => sum(h, (m) => m.lostSatisfied),
  totalComplaints: (h) => sum(h, (m) => m.complaints),
  totalReferrals: (h) => sum(h, (m) => m.referrals),
  totalNewCustomers: (h) => sum(h, (m) => m.newCustomers),
  /**
   * Recovered over resolved complaints across the run (pooled, so a quiet period with one
   * complaint does not weigh as much as a crisis); 0 when none was resolved.
   */
  meanRecoveryRate: (h) => {
    const resolved = sum(h, (m) => m.complaintsResolved);
    return resolved > 0 ? sum(h, (m) => m.complaintsRecovered) / resolved : 0;
  },
} as const satisfies Record<string, (h: readonly PeriodMetrics[]) => number>;

export type RunAggregate = keyof typeof RUN_AGGREGATES;
export const RUN_AGGREGATE_KEYS = Object.keys(RUN_AGGREGATES) as RunAggregate[];

function isAggregate(key: string): key is RunAggregate {
  return Object.prototype.hasOwnProperty.call(RUN_AGGREGATES, key);
}

/**
 * Is `key` a run metric: an aggregate (RUN_AGGREGATE_KEYS), "final.<round key>", or a bare
 * round key, which means its final-period value (as Objective.metric documents)?
 * Deltas are round-only.
 */
export function isKnownRunMetric(key: string, context: MetricContext = {}): boolean {
  if (isAggregate(key)) return true;
  return isPlainRoundKey(key.startsWith('final.') ? key.slice(6) : key, context);
}

/** A run metric's value over a history; undefined for an unknown key or an empty history. */
export function runMetric(history: readonly PeriodMetrics[], key: string): number | undefined {
  if (history.length === 0) return undefined;
  if (isAggregate(key)) return RUN_AGGREGATES[key](history);
  const inner = key.startsWith('final.') ? key.slice(6) : key;
  return plainValue(history[history.length - 1], inner);
}

// ---------------------------------------------------------------- the score

/** Best fraction of an objective: beating a target earns up to 20% extra, no more. */
export const MAX_FRACTION = 1.2;

export interface ScorePart {
  id: string;
  metric: string;
  /** The run's value of the metric (null when the run has none, e.g. no periods). */
  value: number | null;
  /** clamp((value - floor) / (target - floor), 0, 1.2). */
  fraction: number;
  /** This objective's share of the total: weight x fraction x 100 / total weight. */
  points: number;
}

export interface RunScore {
  /** 0..120; meeting every target exactly scores 100. */
  total: number;
  parts: ScorePart[];
}

/**
 * The scenario score (see Objective in types.ts): sum of weight x clamp((value - floor) /
 * (target - floor), 0, 1.2) x 100 / total weight. A floor above the target means lower is
 * better, and the same formula handles it. target = floor (the validator refuses it) scores
 * all or nothing. Negative weights count as 0.
 */
export function scoreRun(
  objectives: readonly Objective[],
  history: readonly PeriodMetrics[],
): RunScore {
  const totalWeight = objectives.reduce((a, o) => a + Math.max(0, o.weight), 0);
  const parts = objectives.map((o): ScorePart => {
    const v = runMetric(history, o.metric);
    const value = v !== undefined && Number.isFinite(v) ? v : null;
    let fraction = 0;
    if (value !== null) {
      const span = o.target - o.floor;
      const raw = span === 0 ? (value >= o.target ? 1 : 0) : (value - o.floor) / span;
      fraction = Math.min(MAX_FRACTION, Math.max(0, raw));
    }
    const points = totalWeight > 0 ? (Math.max(0, o.weight) * fraction * 100) / totalWeight : 0;
    return { id: o.id, metric: o.metric, value, fraction, points };
  });
  return { total: parts.reduce((a, p) => a + p.points, 0), parts };
}
