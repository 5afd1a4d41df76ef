// What lives here: the words after the numbers. A round report turns one period's metrics
// into at most three findings, each tied to a glossary concept, by evaluating the scenario's
// reportRules (never text written per outcome); beside them, the round's biggest movements
// read straight from the metrics, for the UI to word from its i18n dictionaries. The debrief
// scores the run, sets it beside the recommended and a naive policy played on the same
// seed, evaluates the scenario's debriefRules on run metrics and on the gaps, and lists the
// concepts to revisit.
//
// Everything here is pure and JSON in, JSON out: reports live in the session's context and
// in saved runs. Numbers are returned next to every filled text so the UI can format them
// per locale (fillText takes a formatter for that).

import type { PeriodMetrics, Text } from '../engine/types.ts';
import {
  RUN_AGGREGATE_KEYS,
  roundMetric,
  runMetric,
  scoreRun,
  type RunAggregate,
  type RunScore,
} from './metrics.ts';
import type { ReportRule, Scenario } from './types.ts';

// ---------------------------------------------------------------- rules and texts

/** Looks a metric up by key; undefined when the run has no such value. */
export type MetricLookup = (key: string) => number | undefined;

/** A matched rule: its concept, its text with numbers filled in, and the numbers themselves. */
export interface ReportItem {
  ruleId: string;
  concept: string;
  /** The rule's text with {placeholders} filled by formatNumber (the UI may refill it). */
  text: Text;
  /** Every placeholder's number, by key, unformatted. */
  values: Record<string, number>;
}

/** True when every condition of the rule holds; a condition on a missing metric fails. */
export function ruleMatches(rule: Pick<ReportRule, 'when'>, lookup: MetricLookup): boolean {
  return rule.when.every(({ metric, op, value }) => {
    const v = lookup(metric);
    if (v === undefined || !Number.isFinite(v)) return false;
    switch (op) {
      case '<':
        return v < value;
      case '<=':
        return v <= value;
      case '>':
        return v > value;
      case '>=':
        return v >= value;
      case '==':
        // Metrics are floats; "==" means equal to within rounding noise.
        return Math.abs(v - value) <= 1e-9 * Math.max(1, Math.abs(value));
    }
    return false;
  });
}

const PLACEHOLDER = /\{([A-Za-z0-9_.-]+)\}/g;

/** Placeholder keys used by a text, in either language, without duplicates. */
export function placeholders(text: Text): string[] {
  const keys = new Set<string>();
  for (const s of [text['zh-CN'], text.en]) for (const m of s.matchAll(PLACEHOLDER)) keys.add(m[1]);
  return [...keys];
}

/**
 * A locale-neutral number for filled texts: integers as they are, other numbers to two
 * decimals. The UI refills with its own formatter (percent, currency, grouping).
 */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 100) / 100);
}

/**
 * Fills {placeholders} of both languages from `lookup`. An unknown key stays as written (the
 * validator should have refused it) and is absent from `values`.
 * @example fillText({ en: 'Lost {lost}', 'zh-CN': '流失 {lost}' }, (k) => (k === 'lost' ? 40 : undefined))
 * // { text: { en: 'Lost 40', 'zh-CN': '流失 40' }, values: { lost: 40 } }
 */
export function fillText(
  text: Text,
  lookup: MetricLookup,
  format: (value: number, key: string, locale: keyof Text) => string = (v) => formatNumber(v),
): { text: Text; values: Record<string, number> } {
  const values: Record<string, number> = {};
  for (const key of placeholders(text)) {
    const v = lookup(key);
    if (v !== undefined && Number.isFinite(v)) values[key] = v;
  }
  const fill = (s: string, locale: keyof Text) =>
    s.replace(PLACEHOLDER, (whole, key: string) =>
      key in values ? format(values[key], key, locale) : whole,
    );
  return { text: { 'zh-CN': fill(text['zh-CN'], 'zh-CN'), en: fill(text.en, 'en') }, values };
}

/**
 * The rules that match, highest priority first (file order breaks ties), at most `max`,
 * with their texts filled.
 */
export function evaluateRules(
  rules: readonly ReportRule[],
  lookup: MetricLookup,
  max = Infinity,
): ReportItem[] {
  return rules
    .map((rule, order) => ({ rule, order }))
    .filter(({ rule }) => ruleMatches(rule, lookup))
    .sort((a, b) => b.rule.priority - a.rule.priority || a.order - b.order)
    .slice(0, max)
    .map(({ rule }) => ({
      ruleId: rule.id,
      concept: rule.concept,
      ...fillText(rule.text, lookup),
    }));
}

// ---------------------------------------------------------------- the round report

/**
 * A movement the metrics show by themselves, without a rule. The UI words it from i18n
 * (metric names are shared with the dashboards), so no sentence is made here.
 * - change: a headline metric moved from the round before (relative = delta / |previous|).
 * - lostReason: the reason most of the round's lost customers left for (share of `lost`).
 */
export type Movement =
  | {
      kind: 'change';
      metric: string;
      value: number;
      previous: number;
      delta: number;
      relative: number;
      concept: string;
    }
  | {
      kind: 'lostReason';
      metric: string;
      reason: string;
      value: number;
      share: number;
      concept: string;
    };

export interface RoundReport {
  /** 0-based round (period) the report is about. */
  round: number;
  /** Matched report rules, by priority, at most three. */
  items: ReportItem[];
  /** The biggest movements, at most three; shown after the rules. */
  movements: Movement[];
}

/** The glossary concept that explains each defection reason of the engine (RISK_FACTORS). */
export const LOST_REASON_CONCEPTS: Readonly<Record<string, string>> = {
  dissatisfaction: 'satisfaction',
  completeSatisfaction: 'complete-satisfaction',
  priceGap: 'price-sensitivity',
  rivalAttraction: 'attitudinal-loyalty',
  neglect: 'customer-care',
  attitude: 'attitudinal-loyalty',
  barrier: 'switching-barriers',
  dealSeeker: 'deal-seekers',
  badComplaint: 'complaint-handling',
  letGo: 'let-unprofitable-go',
  reputation: 'negative-word-of-mouth',
  event: 'crisis-management',
  baseline: 'churn',
};

/** Headline metrics watched for movements, with the concept that explains each. */
export const MOVEMENT_METRICS: Readonly<Record<string, string>> = {
  active: 'leaky-bucket',
  retentionRate: 'retention-rate',
  satisfactionMean: 'satisfaction',
  attitudeMean: 'attitudinal-loyalty',
  profit: 'retention-profit-link',
  complaints: 'complaint-handling',
  referrals: 'word-of-mouth',
  'pyramid.atRisk': 'at-risk-customers',
};

/** Changes smaller than this share of the previous value are noise, not movements. */
const MIN_RELATIVE_CHANGE = 0.02;

/**
 * The round's biggest movements: the main reason customers left (when anyone left), then
 * the headline metrics that moved most relative to the round before. Relative change is
 * the only scale shared by counts, money and rates, and it is what the text will say
 * ("profit fell 12%"); round 0 has no round before, so it only gets the lost reason.
 */
export function roundMovements(
  history: readonly PeriodMetrics[],
  round: number,
  max = 3,
): Movement[] {
  const m = history[round];
  if (!m) return [];
  const out: Movement[] = [];
  if (m.lost > 0) {
    const [reason, count] = Object.entries(m.lostReasons).reduce<[string, number]>(
      (best, e) => (e[1] > best[1] ? e : best),
      ['', 0],
    );
    if (count > 0)
      out.push({
        kind: 'lostReason',
        metric: `lostReasons.${reason}`,
        reason,
        value: count,
        share: count / m.lost,
        concept: LOST_REASON_CONCEPTS[reason] ?? 'churn',
      });
  }
  if (round > 0) {
    const changes: Extract<Movement, { kind: 'change' }>[] = [];
    for (const [metric, concept] of Object.entries(MOVEMENT_METRICS)) {
      const value = roundMetric(history, round, metric);
      const previous = roundMetric(history, round - 1, metric);
      if (value === undefined || previous === undefined || previous === 0) continue;
      const delta = value - previous;
      const relative = delta / Math.abs(previous);
      if (Math.abs(relative) < MIN_RELATIVE_CHANGE) continue;
      changes.push({ kind: 'change', metric, value, previous, delta, relative, concept });
    }
    changes.sort((a, b) => Math.abs(b.relative) - Math.abs(a.relative));
    out.push(...changes);
  }
  return out.slice(0, max);
}

/**
 * The report of one round: the scenario's reportRules evaluated on that round (deltas
 * against the round before), at most three by priority, and the biggest movements.
 */
export function roundReport(
  scenario: Pick<Scenario, 'reportRules'>,
  history: readonly PeriodMetrics[],
  round: number,
): RoundReport {
  const lookup: MetricLookup = (key) => roundMetric(history, round, key);
  return {
    round,
    items: evaluateRules(scenario.reportRules, lookup, 3),
    movements: roundMovements(history, round),
  };
}

// ---------------------------------------------------------------- the debrief

/** Per-round series the debrief charts draw, one number per period. */
export const SERIES_KEYS = [
  'profit',
  'cumulativeProfit',
  'retentionRate',
  'satisfactionMean',
  'attitudeMean',
  'active',
] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];

/** One run, summarised for the debrief. */
export interface RunSummary {
  score: RunScore;
  aggregates: Record<RunAggregate, number>;
  series: Record<SeriesKey, number[]>;
}

export interface ReferenceSummary extends RunSummary {
  /** The ReferencePolicy id ("recommended", "naive-…"). */
  policyId: string;
}

export interface Debrief {
  learner: RunSummary;
  recommended: ReferenceSummary | null;
  naive: ReferenceSummary | null;
  /** Learner minus recommended, for "score" and every aggregate; null without a reference. */
  vsRecommended: Record<string, number> | null;
  /** Learner minus naive, likewise. */
  vsNaive: Record<string, number> | null;
  /** Matched debrief rules, by priority, at most five. */
  findings: ReportItem[];
  /** Glossary concept ids to revisit, most pressing first. */
  concepts: string[];
}

/** Histories of the reference runs on the learner's seed (absent when the scenario has none). */
export interface ReferenceRuns {
  recommended?: { policyId: string; history: readonly PeriodMetrics[] };
  naive?: { policyId: string; history: readonly PeriodMetrics[] };
}

export function summariseRun(
  scenario: Pick<Scenario, 'objectives'>,
  history: readonly PeriodMetrics[],
): RunSummary {
  const aggregates = {} as Record<RunAggregate, number>;
  for (const k of RUN_AGGREGATE_KEYS)
    aggregates[k] = history.length ? (runMetric(history, k) ?? 0) : 0;
  const series = {} as Record<SeriesKey, number[]>;
  for (const k of SERIES_KEYS) series[k] = history.map((m) => m[k]);
  return { score: scoreRun(scenario.objectives, history), aggregates, series };
}

function gap(a: RunSummary, b: RunSummary): Record<string, number> {
  const out: Record<string, number> = { score: a.score.total - b.score.total };
  for (const k of RUN_AGGREGATE_KEYS) out[k] = a.aggregates[k] - b.aggregates[k];
  return out;
}

/**
 * Keys only a debrief knows, beyond the run metrics of metrics.ts: "score", and
 * "vsRecommended.<score|aggregate>" / "vsNaive.<score|aggregate>" (learner minus reference).
 * For the scenario validator, so debrief rules may use them.
 * @example isDebriefComparisonKey('vsRecommended.cumulativeProfit') // true
 */
export function isDebriefComparisonKey(key: string): boolean {
  if (key === 'score') return true;
  const dot = key.indexOf('.');
  const prefix = key.slice(0, dot);
  const rest = key.slice(dot + 1);
  return (
    dot > 0 &&
    (prefix === 'vsRecommended' || prefix === 'vsNaive') &&
    (rest === 'score' || (RUN_AGGREGATE_KEYS as readonly string[]).includes(rest))
  );
}

/**
 * The debrief of a finished run. Debrief rules may name:
 * - "score", any run metric of metrics.ts (aggregates, "final.<key>", a bare round key for
 *   its final value), "delta.<key>" for the last round's change,
 * - "vsRecommended.<score|aggregate>" and "vsNaive.<score|aggregate>": learner minus the
 *   reference (undefined, so the condition fails, when that reference was not run).
 * Concepts to revisit: those of the matched rules, then, if the learner scored below the
 * recommended policy, the scenario's concepts at stake not yet listed.
 */
export function buildDebrief(
  scenario: Pick<Scenario, 'objectives' | 'debriefRules'> & {
    meta: Pick<Scenario['meta'], 'concepts'>;
  },
  history: readonly PeriodMetrics[],
  references: ReferenceRuns = {},
): Debrief {
  const learner = summariseRun(scenario, history);
  const ref = (r: ReferenceRuns['recommended']): ReferenceSummary | null =>
    r ? { policyId: r.policyId, ...summariseRun(scenario, r.history) } : null;
  const recommended = ref(references.recommended);
  const naive = ref(references.naive);
  const vsRecommended = recommended ? gap(learner, recommended) : null;
  const vsNaive = naive ? gap(learner, naive) : null;

  const lookup: MetricLookup = (key) => {
    if (key === 'score') return learner.score.total;
    if (key.startsWith('vsRecommended.')) return vsRecommended?.[key.slice(14)];
    if (key.startsWith('vsNaive.')) return vsNaive?.[key.slice(8)];
    // A round delta in a debrief rule reads the last round's change.
    if (key.startsWith('delta.')) return roundMetric(history, history.length - 1, key);
    return runMetric(history, key);
  };
  const findings = evaluateRules(scenario.debriefRules, lookup, 5);
  const concepts: string[] = [];
  const add = (c: string) => {
    if (c && !concepts.includes(c)) concepts.push(c);
  };
  findings.forEach((f) => add(f.concept));
  if (vsRecommended && vsRecommended.score < 0) scenario.meta.concepts.forEach(add);
  return { learner, recommended, naive, vsRecommended, vsNaive, findings, concepts };
}
