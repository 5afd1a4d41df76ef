// CRM analytics over the customer base: RFM scores and segments, lifetime value, the Pareto
// curve, cohort retention, the at-risk list and complaint root causes. A learner sees them
// only as far as the scenario's CRM lever allows (visibleAnalytics): a CRM pays only when used.

import { SOURCE_PAID, STATUS_ACTIVE, STATUS_LOST } from './population.ts';
import { popcount8 } from './world.ts';
import type { Simulation } from './simulation.ts';

export type AnalyticsView =
  'rfm' | 'lifetimeValue' | 'pareto' | 'cohorts' | 'atRisk' | 'rootCauses';

/**
 * Which analytics a CRM level reveals. Without a CRM: aggregates only. A customer database
 * shows who the customers are (RFM, lifetime value); only analytics in use shows who is about
 * to leave, where profit comes from, how cohorts hold and why complaints happen.
 */
export function visibleAnalytics(crmLevel: number): AnalyticsView[] {
  if (crmLevel >= 2) return ['rfm', 'lifetimeValue', 'pareto', 'cohorts', 'atRisk', 'rootCauses'];
  if (crmLevel >= 1) return ['rfm', 'lifetimeValue'];
  return [];
}

export type RfmSegment =
  'champions' | 'loyal' | 'potential' | 'needAttention' | 'atRisk' | 'hibernating';

export interface RfmSummary {
  /** Customers per segment. */
  counts: Record<RfmSegment, number>;
  /** Mean cumulative revenue per segment. */
  meanRevenue: Record<RfmSegment, number>;
}

function quintileCuts(values: Float64Array): number[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return [0.2, 0.4, 0.6, 0.8].map((q) => (n ? sorted[Math.min(n - 1, Math.floor(q * n))] : 0));
}

function quintile(v: number, cuts: number[]): number {
  let s = 1;
  for (const c of cuts) if (v > c) s++;
  return s;
}

/** Recency score: bought last period 5, two periods ago 4, three 3, four or five 2, longer 1. */
export function recencyScore(periodsSince: number): number {
  return periodsSince <= 0
    ? 5
    : periodsSince === 1
      ? 4
      : periodsSince === 2
        ? 3
        : periodsSince <= 4
          ? 2
          : 1;
}

/** Frequency score from purchases in the last 8 periods: 7–8 → 5, 5–6 → 4, 3–4 → 3, 1–2 → 2, 0 → 1. */
export function frequencyScore(purchases8: number): number {
  return purchases8 >= 7 ? 5 : purchases8 >= 5 ? 4 : purchases8 >= 3 ? 3 : purchases8 >= 1 ? 2 : 1;
}

/**
 * Recency (periods since the last purchase) and frequency (purchases in the last 8 periods)
 * are scored 1–5 in fixed bands — they are small whole numbers with many ties, so quintiles
 * would be meaningless — and monetary value (cumulative revenue) by quintile; then grouped.
 */
export function rfm(sim: Simulation): RfmSummary {
  const { cols: c, count } = sim.population;
  const t = sim.period - 1;
  const idx: number[] = [];
  for (let i = 0; i < count; i++) if (c.status[i] === STATUS_ACTIVE) idx.push(i);
  const m = new Float64Array(idx.length);
  idx.forEach((i, k) => (m[k] = c.cumulativeRevenue[i]));
  const mc = quintileCuts(m);
  const segs: RfmSegment[] = [
    'champions',
    'loyal',
    'potential',
    'needAttention',
    'atRisk',
    'hibernating',
  ];
  const counts = Object.fromEntries(segs.map((s) => [s, 0])) as Record<RfmSegment, number>;
  const sums = Object.fromEntries(segs.map((s) => [s, 0])) as Record<RfmSegment, number>;
  idx.forEach((i, k) => {
    const R = recencyScore(t - c.lastPurchase[i]);
    const F = frequencyScore(popcount8(c.recent[i]));
    const M = quintile(m[k], mc);
    let seg: RfmSegment;
    if (R >= 4 && F >= 4 && M >= 4) seg = 'champions';
    else if (F >= 4 && R >= 3) seg = 'loyal';
    else if (R >= 4) seg = 'potential';
    else if (R === 3) seg = 'needAttention';
    else if (F >= 3 || M >= 4) seg = 'atRisk';
    else seg = 'hibernating';
    counts[seg]++;
    sums[seg] += m[k];
  });
  const meanRevenue = Object.fromEntries(
    segs.map((s) => [s, counts[s] ? sums[s] / counts[s] : 0]),
  ) as Record<RfmSegment, number>;
  return { counts, meanRevenue };
}

export interface LifetimeValueSummary {
  /** Mean lifetime value (profit so far, less acquisition cost, plus expected future profit). */
  mean: number;
  bySegment: Record<
    string,
    { customers: number; meanValue: number; meanHistoric: number; meanFuture: number }
  >;
  byTier: Record<'A' | 'B' | 'C', { customers: number; meanValue: number }>;
}

/**
 * Lifetime value per active customer: operating profit so far, less what winning them cost,
 * plus the profit they will bring if their current margin and risk of leaving hold
 * (margin x survival, discounted 2% a period, over at most 40 periods).
 */
export function lifetimeValues(sim: Simulation): Float64Array {
  const { cols: c, count } = sim.population;
  const acq = sim.world.params.acquisitionCostPerCustomer;
  const t = sim.period;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const tenure = Math.max(1, t - c.joined[i]);
    const historic = c.cumulativeProfit[i] - (c.source[i] === SOURCE_PAID ? acq : 0);
    if (c.status[i] !== STATUS_ACTIVE) {
      out[i] = historic;
      continue;
    }
    const margin = c.cumulativeProfit[i] / tenure;
    const keep = (1 - Math.max(0.01, c.hazard[i])) / 1.02;
    // Sum of margin x keep^k for k = 1..40.
    const future = margin * ((keep * (1 - Math.pow(keep, 40))) / (1 - keep));
    out[i] = historic + future;
  }
  return out;
}

export function lifetimeValueSummary(sim: Simulation): LifetimeValueSummary {
  const { cols: c, count } = sim.population;
  const ltv = lifetimeValues(sim);
  const acq = sim.world.params.acquisitionCostPerCustomer;
  const ids = sim.world.segments.ids;
  const bySegment: LifetimeValueSummary['bySegment'] = {};
  for (const id of ids)
    bySegment[id] = { customers: 0, meanValue: 0, meanHistoric: 0, meanFuture: 0 };
  const byTier: LifetimeValueSummary['byTier'] = {
    A: { customers: 0, meanValue: 0 },
    B: { customers: 0, meanValue: 0 },
    C: { customers: 0, meanValue: 0 },
  };
  let sum = 0;
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (c.status[i] !== STATUS_ACTIVE) continue;
    const s = bySegment[ids[c.segment[i]]];
    const historic = c.cumulativeProfit[i] - (c.source[i] === SOURCE_PAID ? acq : 0);
    s.customers++;
    s.meanValue += ltv[i];
    s.meanHistoric += historic;
    s.meanFuture += ltv[i] - historic;
    const tier = byTier[(['A', 'B', 'C'] as const)[c.tier[i]]];
    tier.customers++;
    tier.meanValue += ltv[i];
    sum += ltv[i];
    n++;
  }
  for (const s of Object.values(bySegment)) {
    if (!s.customers) continue;
    s.meanValue /= s.customers;
    s.meanHistoric /= s.customers;
    s.meanFuture /= s.customers;
  }
  for (const tr of Object.values(byTier)) if (tr.customers) tr.meanValue /= tr.customers;
  return { mean: n ? sum / n : 0, bySegment, byTier };
}

export interface ParetoCurve {
  /** Share of customers (0.05, 0.1, ... 1) against the share of profit they bring. */
  points: { customers: number; profit: number }[];
  /** Share of profit from the top 20% of customers. */
  top20: number;
}

/**
 * Active customers ranked by the profit they bring per period (their average so far); the
 * curve's value at 20% is the textbook's 80/20 check. Loss-making customers count negative,
 * so the top can bring more than 100% of profit.
 */
export function paretoCurve(sim: Simulation): ParetoCurve {
  const { cols: c, count } = sim.population;
  const t = sim.period;
  const vals: number[] = [];
  for (let i = 0; i < count; i++) {
    if (c.status[i] !== STATUS_ACTIVE) continue;
    vals.push(c.cumulativeProfit[i] / Math.max(1, t - c.joined[i]));
  }
  vals.sort((a, b) => b - a);
  const total = vals.reduce((a, b) => a + b, 0);
  const points: { customers: number; profit: number }[] = [{ customers: 0, profit: 0 }];
  let acc = 0;
  let next = 1;
  for (let k = 0; k < vals.length; k++) {
    acc += vals[k];
    while (next <= 20 && k + 1 >= Math.round((next / 20) * vals.length)) {
      points.push({ customers: next / 20, profit: total > 0 ? acc / total : 0 });
      next++;
    }
  }
  const top20 = points.find((p) => Math.abs(p.customers - 0.2) < 1e-9)?.profit ?? 0;
  return { points, top20 };
}

export interface Cohort {
  /** Period the cohort joined in (0 = joined during the first period; -1 = the starting base). */
  joined: number;
  size: number;
  /** Share still active after 1, 2, ... periods. */
  retention: number[];
}

/** Retention curves of the starting base and of each period's newcomers. */
export function cohortRetention(sim: Simulation): Cohort[] {
  const { cols: c, count } = sim.population;
  const now = sim.period;
  const map = new Map<number, { size: number; lostAfter: number[] }>();
  for (let i = 0; i < count; i++) {
    const j = c.joined[i] <= 0 ? -1 : c.joined[i] - 1;
    let e = map.get(j);
    if (!e) {
      e = { size: 0, lostAfter: new Array(now + 2).fill(0) };
      map.set(j, e);
    }
    e.size++;
    if (c.status[i] === STATUS_LOST) {
      const start = j < 0 ? 0 : j + 1;
      const age = c.lostAt[i] - start + 1;
      if (age >= 0 && age < e.lostAfter.length) e.lostAfter[age]++;
    }
  }
  const out: Cohort[] = [];
  for (const [joined, e] of [...map].sort((a, b) => a[0] - b[0])) {
    const start = joined < 0 ? 0 : joined + 1;
    const ages = now - start;
    const retention: number[] = [];
    let lost = 0;
    for (let k = 1; k <= ages; k++) {
      lost += e.lostAfter[k];
      retention.push(e.size ? 1 - lost / e.size : 0);
    }
    out.push({ joined, size: e.size, retention });
  }
  return out;
}

export interface AtRiskCustomer {
  customer: number;
  segment: string;
  tier: 'A' | 'B' | 'C';
  risk: number;
  satisfaction: number;
  attitude: number;
  periodsSinceContact: number;
  cumulativeRevenue: number;
  lifetimeValue: number;
}

/** The active customers most likely to leave, most valuable first among equals. */
export function atRiskList(sim: Simulation, limit = 20): AtRiskCustomer[] {
  const { cols: c, count } = sim.population;
  const threshold = sim.world.params.atRiskHazard;
  const ltv = lifetimeValues(sim);
  const rows: AtRiskCustomer[] = [];
  for (let i = 0; i < count; i++) {
    if (c.status[i] !== STATUS_ACTIVE || c.hazard[i] < threshold) continue;
    rows.push({
      customer: i,
      segment: sim.world.segments.ids[c.segment[i]],
      tier: (['A', 'B', 'C'] as const)[c.tier[i]],
      risk: c.hazard[i],
      satisfaction: c.satisfaction[i],
      attitude: c.attitude[i],
      periodsSinceContact: sim.period - 1 - c.lastContact[i],
      cumulativeRevenue: c.cumulativeRevenue[i],
      lifetimeValue: ltv[i],
    });
  }
  rows.sort(
    (a, b) => b.risk * Math.max(1, b.lifetimeValue) - a.risk * Math.max(1, a.lifetimeValue),
  );
  return rows.slice(0, limit);
}

/** Voiced complaints by failure type over the whole run, most frequent first. */
export function complaintRootCauses(
  sim: Simulation,
): { type: string; complaints: number; share: number }[] {
  const totals = new Map<string, number>();
  for (const m of sim.history)
    for (const [k, v] of Object.entries(m.complaintTypes)) totals.set(k, (totals.get(k) ?? 0) + v);
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals]
    .map(([type, complaints]) => ({ type, complaints, share: all ? complaints / all : 0 }))
    .sort((a, b) => b.complaints - a.complaints);
}

/** Everything the learner's CRM level reveals after a period, as plain data for charts. */
export interface AnalyticsBundle {
  period: number;
  crmLevel: number;
  views: AnalyticsView[];
  rfm?: RfmSummary;
  lifetimeValue?: LifetimeValueSummary;
  pareto?: ParetoCurve;
  cohorts?: Cohort[];
  atRisk?: AtRiskCustomer[];
  rootCauses?: { type: string; complaints: number; share: number }[];
}

/**
 * The analytics the CRM lever in force last period allows (none before the first period).
 * Plain, structured-clone-friendly data, so a Web Worker can send it to the page.
 */
export function analyticsBundle(sim: Simulation, atRiskLimit = 20): AnalyticsBundle {
  const last = sim.history[sim.history.length - 1];
  const crmLevel = last ? (last.levers.crmAnalytics ?? 0) : 0;
  const views = last ? visibleAnalytics(crmLevel) : [];
  const out: AnalyticsBundle = { period: sim.period, crmLevel, views };
  if (views.includes('rfm')) out.rfm = rfm(sim);
  if (views.includes('lifetimeValue')) out.lifetimeValue = lifetimeValueSummary(sim);
  if (views.includes('pareto')) out.pareto = paretoCurve(sim);
  if (views.includes('cohorts')) out.cohorts = cohortRetention(sim);
  if (views.includes('atRisk')) out.atRisk = atRiskList(sim, atRiskLimit);
  if (views.includes('rootCauses')) out.rootCauses = complaintRootCauses(sim);
  return out;
}
