/**
 * Pure data mapping for the dashboard: engine results (PeriodMetrics, AnalyticsBundle) in,
 * plain series and rows out. No DOM, no runes, no text: the components translate the ids
 * and format the numbers. Unit-tested in Node against a real engine run (chartData.test.ts).
 *
 * Conventions:
 * - A "round" is a finished period, numbered from 1 (`period + 1`).
 * - Shares are fractions 0..1 unless a name says `percent`.
 * - Missing values are `null`, so a chart leaves a gap instead of drawing a zero.
 */
import {
  LADDER_STAGES,
  LOYALTY_TYPES,
  PYRAMID_LEVELS,
  type LadderStage,
  type LoyaltyType,
  type PeriodMetrics,
  type PyramidLevel,
} from '../../engine/types';
import type {
  AnalyticsView,
  AtRiskCustomer,
  Cohort,
  LifetimeValueSummary,
  ParetoCurve,
  RfmSegment,
  RfmSummary,
} from '../../engine/analytics';

/** The round a period's metrics belong to, counted from 1. */
export const roundOf = (m: Pick<PeriodMetrics, 'period'>): number => m.period + 1;

/** Customers scoring 1..5, in total. */
export function scoredCustomers(m: Pick<PeriodMetrics, 'satisfactionScores'>): number {
  return m.satisfactionScores.reduce((a, b) => a + b, 0);
}

/**
 * Mean satisfaction on the 1–5 scale the learner sees in the distribution chart
 * (the mean of the customers' scores). `null` when nobody is active.
 */
export function meanScore(m: Pick<PeriodMetrics, 'satisfactionScores'>): number | null {
  const n = scoredCustomers(m);
  if (n === 0) return null;
  return m.satisfactionScores.reduce((sum, count, k) => sum + (k + 1) * count, 0) / n;
}

// ------------------------------------------------------------------ key figures

export const KEY_FIGURES = [
  'customers',
  'retentionRate',
  'satisfaction',
  'profit',
  'cumulativeProfit',
  'complaints',
] as const;
export type KeyFigureId = (typeof KEY_FIGURES)[number];

/** How a figure is written: a count, a share (as %), a 1–5 score, or money. */
export type FigureFormat = 'count' | 'percent' | 'score' | 'money';

export interface KeyFigure {
  id: KeyFigureId;
  format: FigureFormat;
  value: number;
  /** Last round's value; null in round 1. */
  previous: number | null;
  /** value − previous (for shares: in share units, shown as percentage points). */
  change: number | null;
  /** Which way it moved, after rounding to what the screen shows; null in round 1. */
  direction: 'up' | 'down' | 'flat' | null;
  /** Whether the move is good news: complaints going up is bad, the rest going up is good. */
  tone: 'good' | 'bad' | 'neutral';
}

const FIGURE_FORMAT: Record<KeyFigureId, FigureFormat> = {
  customers: 'count',
  retentionRate: 'percent',
  satisfaction: 'score',
  profit: 'money',
  cumulativeProfit: 'money',
  complaints: 'count',
};

/** Changes smaller than this show as "no change" (half the last digit shown). */
const FLAT: Record<FigureFormat, number> = {
  count: 0.5,
  percent: 0.0005,
  score: 0.005,
  money: 0.5,
};

function figureValue(m: PeriodMetrics, id: KeyFigureId): number {
  switch (id) {
    case 'customers':
      return m.active;
    case 'retentionRate':
      return m.retentionRate;
    case 'satisfaction':
      return meanScore(m) ?? 0;
    case 'profit':
      return m.profit;
    case 'cumulativeProfit':
      return m.cumulativeProfit;
    case 'complaints':
      return m.complaints;
  }
}

/** The six key figures of the last round, each with its change since the round before. */
export function keyFigures(history: readonly PeriodMetrics[]): KeyFigure[] {
  const last = history.at(-1);
  if (!last) return [];
  const before = history.length > 1 ? history[history.length - 2] : null;
  return KEY_FIGURES.map((id) => {
    const format = FIGURE_FORMAT[id];
    const value = figureValue(last, id);
    const previous = before ? figureValue(before, id) : null;
    const change = previous === null ? null : value - previous;
    const direction =
      change === null
        ? null
        : Math.abs(change) < FLAT[format]
          ? 'flat'
          : change > 0
            ? 'up'
            : 'down';
    const upIsGood = id !== 'complaints';
    const tone =
      direction === 'up'
        ? upIsGood
          ? 'good'
          : 'bad'
        : direction === 'down'
          ? upIsGood
            ? 'bad'
            : 'good'
          : 'neutral';
    return { id, format, value, previous, change, direction, tone };
  });
}

// ------------------------------------------------------------------ trends over time

export type TrendMetric = 'satisfaction' | 'retentionRate' | 'profit';

/** One round's value of a trend: satisfaction on 1–5, retention as a share, profit in money. */
export function trendValue(m: PeriodMetrics, metric: TrendMetric): number | null {
  if (metric === 'satisfaction') return meanScore(m);
  if (metric === 'retentionRate') return m.retentionRate;
  return m.profit;
}

export interface Run {
  id: string;
  history: readonly PeriodMetrics[];
}

export interface AlignedSeries {
  /** Every round any run has reached, ascending. */
  rounds: number[];
  /** One series per run, in the order given; `values[k]` belongs to `rounds[k]`. */
  series: { id: string; values: (number | null)[] }[];
}

/**
 * Several runs of the same scenario side by side, aligned by round: a run that has not
 * reached a round (the learner's, mid-game) gets `null` there.
 */
export function alignRuns(runs: readonly Run[], metric: TrendMetric): AlignedSeries {
  const rounds = [...new Set(runs.flatMap((r) => r.history.map(roundOf)))].sort((a, b) => a - b);
  const series = runs.map((run) => {
    const byRound = new Map(run.history.map((m) => [roundOf(m), trendValue(m, metric)]));
    return { id: run.id, values: rounds.map((r) => byRound.get(r) ?? null) };
  });
  return { rounds, series };
}

// ------------------------------------------------------------------ stacked bars

export interface StackedSeries<K extends string> {
  rounds: number[];
  /** One series per key, bottom of the stack first. */
  series: { id: K; values: number[] }[];
  /** The height of each round's stack. */
  totals: number[];
}

function stacked<K extends string>(
  history: readonly PeriodMetrics[],
  keys: readonly K[],
  pick: (m: PeriodMetrics) => Record<K, number>,
): StackedSeries<K> {
  const series = keys.map((id) => ({ id, values: history.map((m) => pick(m)[id] ?? 0) }));
  const totals = history.map((_, k) => series.reduce((sum, s) => sum + s.values[k], 0));
  return { rounds: history.map(roundOf), series, totals };
}

/**
 * The loyalty pyramid's eight levels per round, from the bottom (lost) to the top (advocates).
 * Each active customer is in exactly one active level, so a stack adds up to
 * active + recently lost + onlookers.
 */
export function pyramidSeries(history: readonly PeriodMetrics[]): StackedSeries<PyramidLevel> {
  return stacked(history, PYRAMID_LEVELS, (m) => m.pyramid);
}

/** The development ladder's stages the bars draw: every stage but the prospect pool. */
export const LADDER_DRAWN: readonly LadderStage[] = LADDER_STAGES.filter((s) => s !== 'prospect');

/**
 * The development ladder per round, first rung first. The prospect pool (the market not yet
 * reached) is many times larger than the rest, so `drawn` leaves it out of the bars and
 * `prospects` carries it for the caption and the table; `all` has every stage.
 */
export function ladderSeries(history: readonly PeriodMetrics[]): {
  all: StackedSeries<LadderStage>;
  drawn: StackedSeries<LadderStage>;
  prospects: number[];
} {
  return {
    all: stacked(history, LADDER_STAGES, (m) => m.ladder),
    drawn: stacked(history, LADDER_DRAWN, (m) => m.ladder),
    prospects: history.map((m) => m.ladder.prospect),
  };
}

// ------------------------------------------------------------------ satisfaction distribution

export interface SatisfactionDistribution {
  /** Customers scoring 1..5 (index 0 = score 1). */
  counts: number[];
  /** The same as percentages of all scored customers; they add up to 100 (or all 0). */
  percent: number[];
  total: number;
  /** Score 4: satisfied, but the textbook warns they still leave. */
  merelySatisfied: { count: number; percent: number };
  /** Score 5: the completely satisfied, who stay and recommend. */
  completelySatisfied: { count: number; percent: number };
}

export function satisfactionDistribution(
  m: Pick<PeriodMetrics, 'satisfactionScores'>,
): SatisfactionDistribution {
  const counts = [...m.satisfactionScores];
  const total = counts.reduce((a, b) => a + b, 0);
  const percent = counts.map((c) => (total ? (100 * c) / total : 0));
  return {
    counts,
    percent,
    total,
    merelySatisfied: { count: counts[3], percent: percent[3] },
    completelySatisfied: { count: counts[4], percent: percent[4] },
  };
}

/**
 * Rounds percentages to `digits` decimals so that the rounded ones still add up to the
 * rounded total (largest remainder), e.g. [33.33, 33.33, 33.34] → [33.3, 33.3, 33.4].
 */
export function roundShares(percent: readonly number[], digits = 1): number[] {
  const scale = 10 ** digits;
  const scaled = percent.map((p) => p * scale);
  const floors = scaled.map(Math.floor);
  const target = Math.round(scaled.reduce((a, b) => a + b, 0));
  let missing = target - floors.reduce((a, b) => a + b, 0);
  const order = scaled
    .map((v, k) => ({ k, rest: v - floors[k] }))
    .sort((a, b) => b.rest - a.rest || a.k - b.k);
  for (const { k } of order) {
    if (missing <= 0) break;
    floors[k]++;
    missing--;
  }
  return floors.map((f) => f / scale);
}

// ------------------------------------------------------------------ loyalty types matrix

export interface MatrixCell {
  type: LoyaltyType;
  attitude: 'high' | 'low';
  repeat: 'high' | 'low';
  count: number;
  /** Share of active customers, 0..1. */
  share: number;
}

const MATRIX_PLACE: Record<LoyaltyType, Pick<MatrixCell, 'attitude' | 'repeat'>> = {
  latentLoyalty: { attitude: 'high', repeat: 'low' },
  trueLoyalty: { attitude: 'high', repeat: 'high' },
  noLoyalty: { attitude: 'low', repeat: 'low' },
  inertiaLoyalty: { attitude: 'low', repeat: 'high' },
};

/**
 * The attitude x repeat-purchase matrix in reading order: high attitude on top,
 * low repeat purchase on the left (latent, true / none, inertia).
 */
export function matrixCells(m: Pick<PeriodMetrics, 'matrix'>): MatrixCell[] {
  const total = LOYALTY_TYPES.reduce((sum, k) => sum + (m.matrix[k] ?? 0), 0);
  const order: LoyaltyType[] = ['latentLoyalty', 'trueLoyalty', 'noLoyalty', 'inertiaLoyalty'];
  return order.map((type) => {
    const count = m.matrix[type] ?? 0;
    return { type, ...MATRIX_PLACE[type], count, share: total ? count / total : 0 };
  });
}

// ------------------------------------------------------------------ analytics

/**
 * The CRM level that reveals each analytics view (the engine's visibleAnalytics, restated
 * here so the dashboard need not load the engine; a test holds the two together).
 */
export const CRM_LEVEL_FOR: Readonly<Record<AnalyticsView, number>> = {
  rfm: 1,
  lifetimeValue: 1,
  pareto: 2,
  cohorts: 2,
  atRisk: 2,
  rootCauses: 2,
};

export interface ParetoData {
  /** Share of customers (x) against share of profit (y), both in percent. */
  points: { x: number; y: number }[];
  /** The 80/20 check: the top 20% of customers bring this percent of profit. */
  mark: { x: number; y: number };
}

export function paretoData(p: ParetoCurve): ParetoData {
  return {
    points: p.points.map((q) => ({ x: q.customers * 100, y: q.profit * 100 })),
    mark: { x: 20, y: p.top20 * 100 },
  };
}

export const RFM_SEGMENTS: readonly RfmSegment[] = [
  'champions',
  'loyal',
  'potential',
  'needAttention',
  'atRisk',
  'hibernating',
];

export function rfmRows(
  rfm: RfmSummary,
): { id: RfmSegment; customers: number; meanRevenue: number }[] {
  return RFM_SEGMENTS.map((id) => ({
    id,
    customers: rfm.counts[id] ?? 0,
    meanRevenue: rfm.meanRevenue[id] ?? 0,
  }));
}

export interface ValueRow {
  id: string;
  customers: number;
  meanValue: number;
}

/**
 * Mean customer lifetime value per segment (in the scenario's segment order; unknown ones
 * after) and per value tier A, B, C.
 */
export function lifetimeValueRows(
  ltv: LifetimeValueSummary,
  segmentOrder: readonly string[],
): { bySegment: ValueRow[]; byTier: ValueRow[] } {
  const ids = [
    ...segmentOrder.filter((id) => id in ltv.bySegment),
    ...Object.keys(ltv.bySegment).filter((id) => !segmentOrder.includes(id)),
  ];
  return {
    bySegment: ids.map((id) => ({
      id,
      customers: ltv.bySegment[id].customers,
      meanValue: ltv.bySegment[id].meanValue,
    })),
    byTier: (['A', 'B', 'C'] as const).map((id) => ({
      id,
      customers: ltv.byTier[id]?.customers ?? 0,
      meanValue: ltv.byTier[id]?.meanValue ?? 0,
    })),
  };
}

export interface CohortLines {
  /** Periods since joining: 1, 2, ... up to the longest curve. */
  ages: number[];
  /** One line per cohort (retention in percent), starting base first, then by joining round. */
  lines: { joined: number; size: number; values: (number | null)[] }[];
}

/**
 * Cohort retention curves. A chart cannot tell more than a handful of lines apart, so
 * `limit` keeps the starting base and the most recent cohorts that have a curve yet;
 * the table shows every cohort (limit = Infinity).
 */
export function cohortLines(cohorts: readonly Cohort[], limit = Infinity): CohortLines {
  const withCurve = cohorts.filter((c) => c.retention.length > 0 && c.size > 0);
  const base = withCurve.filter((c) => c.joined < 0);
  const later = withCurve.filter((c) => c.joined >= 0).sort((a, b) => a.joined - b.joined);
  const kept = [...base, ...later.slice(Math.max(0, later.length - (limit - base.length)))];
  const longest = Math.max(0, ...kept.map((c) => c.retention.length));
  const ages = Array.from({ length: longest }, (_, k) => k + 1);
  return {
    ages,
    lines: kept.map((c) => ({
      joined: c.joined,
      size: c.size,
      values: ages.map((_, k) => (k < c.retention.length ? c.retention[k] * 100 : null)),
    })),
  };
}

/** The round a cohort joined in (1-based), or null for the starting base. */
export const cohortRound = (joined: number): number | null => (joined < 0 ? null : joined + 1);

export function rootCauseRows(
  rootCauses: readonly { type: string; complaints: number; share: number }[],
): { id: string; complaints: number; percent: number }[] {
  return rootCauses.map((r) => ({ id: r.type, complaints: r.complaints, percent: r.share * 100 }));
}

/** The at-risk list as the table shows it: risk in percent, most urgent first (as given). */
export function atRiskRows(
  list: readonly AtRiskCustomer[],
): (AtRiskCustomer & { riskPercent: number })[] {
  return list.map((c) => ({ ...c, riskPercent: c.risk * 100 }));
}

export { LADDER_STAGES, PYRAMID_LEVELS, LOYALTY_TYPES };
