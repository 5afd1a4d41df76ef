// The engine's public face: create a run from a scenario's EngineConfig and a seed, ask
// which events and complaints await the learner, check and apply a period's decisions,
// read metrics, tracked customers' stories, and save or restore the run.
//
// Save and resume use a compact snapshot of the whole state (typed-array columns, the
// generator's state, stocks, timeline), not a replay of seed + decisions: replaying 20
// periods of a 1,000,000-customer base takes seconds, restoring a snapshot takes
// milliseconds. The decisions are kept too (decisionLog) so a run can be branched by
// replaying its first rounds on the same seed.

import { Rng, type RngState } from './rng.ts';
import {
  COLUMN_NAMES,
  Population,
  STATUS_ACTIVE as STATUS_ACTIVE_,
  TIER_A as TIER_A_,
  type Columns,
} from './population.ts';
import {
  checkLeverValues,
  effectiveLevers,
  leverCostBreakdown,
  resolveLevers,
  totalLeverCost,
  type CostBasisCounts,
  type ResolvedLever,
} from './levers.ts';
import { resolveParams } from './params.ts';
import {
  LOST_REASONS,
  inboxActionCosts,
  addCustomers,
  stageAcquisition,
  stageComplaints,
  stageExperience,
  stageMarket,
  stagesFourToSix,
  stagesSevenToNine,
} from './stages.ts';
import { computeMetrics } from './metrics.ts';
import {
  newAccumulators,
  saturate,
  type Modifier,
  type PeriodContext,
  type SegmentTable,
  type Stocks,
  type World,
} from './world.ts';
import type {
  ComplaintRecord,
  EngineConfig,
  EventSpec,
  LeverId,
  LeverValues,
  MarketState,
  PeriodDecisions,
  PeriodMetrics,
  PersonaPeriod,
  PersonaStory,
} from './types.ts';

// Local copies: imported bindings are read through getters in some loaders (tsx), which
// costs a call per customer in the hot loops below.
const STATUS_ACTIVE = STATUS_ACTIVE_;
const TIER_A = TIER_A_;

export interface DecisionProblem {
  code:
    | 'leverUnknown'
    | 'leverRange'
    | 'leverStep'
    | 'leverLocked'
    | 'leverNotNumber'
    | 'overBudget'
    | 'eventUnknown'
    | 'choiceUnknown'
    | 'complaintUnknown'
    | 'responseInvalid'
    | 'finished';
  /** Where in the decisions, e.g. "levers.priceLevel" or "eventChoices.price-war". */
  path: string;
  detail?: number | string;
}

export class DecisionError extends Error {
  constructor(readonly problems: DecisionProblem[]) {
    super(
      problems
        .map((p) => `${p.path}: ${p.code}${p.detail !== undefined ? ` (${p.detail})` : ''}`)
        .join('; '),
    );
    this.name = 'DecisionError';
  }
}

export interface SimulationOptions {
  /** Refuse decisions that spend more than the budget (default true). Research runs may lift it. */
  enforceBudget?: boolean;
}

export interface SimulationSnapshot {
  formatVersion: 1;
  seed: number;
  period: number;
  rng: RngState;
  count: number;
  columns: Columns;
  baseMarket: MarketState;
  stocks: Stocks;
  modifiers: Modifier[];
  firedEvents: string[];
  inbox: ComplaintRecord[];
  nextComplaintId: number;
  tierThresholds: [number, number];
  initialCustomers: number;
  history: PeriodMetrics[];
  personas: PersonaStory[];
  cumulativeProfit: number;
  decisionLog: PeriodDecisions[];
}

const COMPLAINT_ACTIONS = new Set([
  'apologise',
  'compensate',
  'fixRootCause',
  'escalate',
  'ignore',
]);

function segmentTable(config: EngineConfig): SegmentTable {
  const segs = config.segments;
  const col = (f: (s: EngineConfig['segments'][number]) => number) =>
    Float64Array.from(segs.map(f));
  const total = segs.reduce((a, s) => a + s.share, 0) || 1;
  return {
    ids: segs.map((s) => s.id),
    share: col((s) => s.share / total),
    priceSensitivity: col((s) => s.priceSensitivity),
    buyProbability: col((s) => s.buyProbability),
    spendMedian: col((s) => s.spendMedian),
    spendSigma: col((s) => s.spendSigma),
    voice: col((s) => s.voice),
    baseChurn: col((s) => s.baseChurn),
    expectation: col((s) => s.expectation),
    careWeight: col((s) => s.careWeight),
  };
}

/** Spend thresholds of the top 10% and top 30% of the starting base (value tiers A and B). */
function tierThresholds(pop: Population): [number, number] {
  const n = pop.count;
  const stride = Math.max(1, Math.floor(n / 20000));
  const sample: number[] = [];
  for (let i = 0; i < n; i += stride) sample.push(pop.cols.spend[i]);
  sample.sort((a, b) => a - b);
  const q = (p: number) => sample[Math.min(sample.length - 1, Math.floor(p * sample.length))] ?? 0;
  return [q(0.9), q(0.7)];
}

function initialStocks(config: EngineConfig): Stocks {
  return {
    staffCapability: 0.3,
    reputation: 0.6,
    voiceTrust: 0.7,
    negativePressure: 0,
    expectationShift: 0,
    typeMultipliers: config.complaintTypes.map(() => 1),
  };
}

export class Simulation {
  private readonly w: World;
  private readonly listeners = new Set<(m: PeriodMetrics) => void>();
  private readonly enforceBudget: boolean;
  readonly decisionLog: PeriodDecisions[] = [];
  // The counts lever costs use change only when a period runs; a decision check and the
  // period itself both need them, and each costs a pass over the whole base.
  private basisCache: { period: number; basis: CostBasisCounts } | null = null;

  private constructor(w: World, options: SimulationOptions) {
    this.w = w;
    this.enforceBudget = options.enforceBudget ?? true;
  }

  /** A new run: the starting base is drawn from the seed. */
  static create(config: EngineConfig, seed: number, options: SimulationOptions = {}): Simulation {
    const rng = new Rng(seed);
    const pop = new Population(Math.ceil(config.customers * 1.15) + 64);
    const w: World = {
      config,
      params: resolveParams(config.model),
      levers: resolveLevers(config.levers),
      segments: segmentTable(config),
      seed,
      rng,
      pop,
      period: 0,
      baseMarket: { ...config.market },
      stocks: initialStocks(config),
      modifiers: [],
      firedEvents: [],
      inbox: [],
      nextComplaintId: 1,
      tierThresholds: [Infinity, Infinity],
      initialCustomers: config.customers,
      history: [],
      personas: [],
      cumulativeProfit: 0,
    };
    addCustomers(w, null, config.customers, 0, Array.from(w.segments.share));
    w.tierThresholds = tierThresholds(pop);
    const c = pop.cols;
    for (let i = 0; i < pop.count; i++) {
      const sp = c.spend[i];
      c.tier[i] = sp >= w.tierThresholds[0] ? 0 : sp >= w.tierThresholds[1] ? 1 : 2;
    }
    // Tracked customers: the first customer of the asked segment and tier.
    const tierIndex = { A: 0, B: 1, C: 2 } as const;
    config.personas.slice(0, 250).forEach((spec, k) => {
      const segIdx = w.segments.ids.indexOf(spec.segment);
      for (let i = 0; i < pop.count; i++) {
        if (c.persona[i] || c.segment[i] !== segIdx) continue;
        if (spec.tier && c.tier[i] !== tierIndex[spec.tier]) continue;
        c.persona[i] = k + 1;
        w.personas.push({
          id: spec.id,
          customer: i,
          segment: spec.segment,
          tier: (['A', 'B', 'C'] as const)[c.tier[i]],
          history: [],
        });
        return;
      }
      // No customer fits: track none, but keep the slot numbering aligned.
      w.personas.push({
        id: spec.id,
        customer: -1,
        segment: spec.segment,
        tier: spec.tier ?? 'C',
        history: [],
      });
    });
    return new Simulation(w, options);
  }

  /** Restores a run saved with snapshot(); it continues exactly as the original would. */
  static restore(
    config: EngineConfig,
    snap: SimulationSnapshot,
    options: SimulationOptions = {},
  ): Simulation {
    if (snap.formatVersion !== 1)
      throw new Error(`unsupported snapshot version ${String(snap.formatVersion)}`);
    const rng = new Rng(snap.seed);
    rng.setState(snap.rng);
    const pop = Population.fromColumns(
      snap.columns,
      snap.count,
      Math.ceil(config.customers * 0.15) + 64,
    );
    const w: World = {
      config,
      params: resolveParams(config.model),
      levers: resolveLevers(config.levers),
      segments: segmentTable(config),
      seed: snap.seed,
      rng,
      pop,
      period: snap.period,
      baseMarket: { ...snap.baseMarket },
      stocks: structuredClone(snap.stocks),
      modifiers: structuredClone(snap.modifiers),
      firedEvents: [...snap.firedEvents],
      inbox: structuredClone(snap.inbox),
      nextComplaintId: snap.nextComplaintId,
      tierThresholds: [...snap.tierThresholds],
      initialCustomers: snap.initialCustomers,
      history: structuredClone(snap.history),
      personas: structuredClone(snap.personas),
      cumulativeProfit: snap.cumulativeProfit,
    };
    const sim = new Simulation(w, options);
    sim.decisionLog.push(...structuredClone(snap.decisionLog));
    return sim;
  }

  /** Replays decisions from the start on the same seed (branching a run from a round). */
  static replay(
    config: EngineConfig,
    seed: number,
    decisions: readonly PeriodDecisions[],
    options: SimulationOptions = {},
  ): Simulation {
    const sim = Simulation.create(config, seed, options);
    for (const d of decisions) sim.step(d);
    return sim;
  }

  snapshot(): SimulationSnapshot {
    const w = this.w;
    return {
      formatVersion: 1,
      seed: w.seed,
      period: w.period,
      rng: w.rng.getState(),
      count: w.pop.count,
      columns: w.pop.exportColumns(),
      baseMarket: { ...w.baseMarket },
      stocks: structuredClone(w.stocks),
      modifiers: structuredClone(w.modifiers),
      firedEvents: [...w.firedEvents],
      inbox: structuredClone(w.inbox),
      nextComplaintId: w.nextComplaintId,
      tierThresholds: [...w.tierThresholds],
      initialCustomers: w.initialCustomers,
      history: structuredClone(w.history),
      personas: structuredClone(w.personas),
      cumulativeProfit: w.cumulativeProfit,
      decisionLog: structuredClone(this.decisionLog),
    };
  }

  get config(): EngineConfig {
    return this.w.config;
  }
  get seed(): number {
    return this.w.seed;
  }
  /** The next period to simulate (0-based); equals the number of periods done. */
  get period(): number {
    return this.w.period;
  }
  get finished(): boolean {
    return this.w.period >= this.w.config.periods;
  }
  get levers(): readonly ResolvedLever[] {
    return this.w.levers;
  }
  get history(): readonly PeriodMetrics[] {
    return this.w.history;
  }
  get cumulativeProfit(): number {
    return this.w.cumulativeProfit;
  }
  /** Read-only access for analytics (RFM, lifetime value, Pareto, cohorts). */
  get population(): Population {
    return this.w.pop;
  }
  get world(): Readonly<World> {
    return this.w;
  }

  /** Lever values the scenario starts a learner with. */
  defaultLevers(): Record<string, number> {
    return Object.fromEntries(this.w.levers.map((l) => [l.id, l.default]));
  }

  /** Events that fire before the next period and need a choice. */
  pendingEvents(): EventSpec[] {
    const w = this.w;
    if (this.finished) return [];
    const last = w.history[w.history.length - 1];
    return w.config.events.filter((e) => {
      const tr = e.trigger;
      if (tr.atPeriod !== undefined)
        return tr.atPeriod === w.period && !w.firedEvents.includes(`${e.id}@${w.period}`);
      if (!tr.when || !last) return false;
      if (!tr.repeatable && w.firedEvents.some((f) => f.startsWith(`${e.id}@`))) return false;
      const v = metricValue(last, tr.when.metric);
      if (v === undefined) return false;
      switch (tr.when.op) {
        case '<':
          return v < tr.when.value;
        case '<=':
          return v <= tr.when.value;
        case '>':
          return v > tr.when.value;
        case '>=':
          return v >= tr.when.value;
      }
      return false;
    });
  }

  /** Last period's voiced complaints waiting in the learner's inbox. */
  pendingComplaints(): readonly ComplaintRecord[] {
    return this.w.inbox;
  }

  /** The counts lever costs are computed on, taken from the state now. */
  costBasis(): CostBasisCounts {
    const w = this.w;
    if (this.basisCache?.period === w.period) return { ...this.basisCache.basis };
    const c = w.pop.cols;
    let active = 0;
    let top = 0;
    let expectedRevenue = 0;
    for (let i = 0; i < w.pop.count; i++) {
      if (c.status[i] !== STATUS_ACTIVE) continue;
      active++;
      if (c.tier[i] === TIER_A) top++;
      expectedRevenue += c.spend[i] * w.segments.buyProbability[c.segment[i]];
    }
    const last = w.history[w.history.length - 1];
    const basis = {
      activeCustomers: active,
      topCustomers: top,
      complaints: last ? last.complaints : Math.round(active * 0.02),
      revenue: last ? last.revenue : expectedRevenue,
    };
    this.basisCache = { period: w.period, basis };
    return { ...basis };
  }

  /** What each lever would cost this period, and the total against the budget. */
  costOf(levers: LeverValues): {
    byLever: Partial<Record<LeverId, number>>;
    total: number;
    budget: number;
  } {
    const byLever = leverCostBreakdown(this.w.levers, levers, this.costBasis());
    let total = 0;
    for (const v of Object.values(byLever)) total += v ?? 0;
    return { byLever, total, budget: this.w.config.budgetPerPeriod };
  }

  /**
   * Everything needed to check a period's decisions, as plain data: a Web Worker sends it to
   * the page after each step so the page can check every slider move without asking.
   */
  decisionView(): DecisionView {
    return {
      finished: this.finished,
      enforceBudget: this.enforceBudget,
      budget: this.w.config.budgetPerPeriod,
      levers: this.w.levers,
      basis: this.costBasis(),
      pendingEvents: this.pendingEvents(),
      inbox: this.w.inbox,
    };
  }

  /** Every problem with a period's decisions; empty when step() would accept them. */
  checkDecisions(d: PeriodDecisions): DecisionProblem[] {
    return checkDecisionsFor(this.decisionView(), d);
  }

  /** Simulates one period with these decisions and returns its metrics. */
  step(d: PeriodDecisions): PeriodMetrics {
    const problems = this.checkDecisions(d);
    if (problems.length) throw new DecisionError(problems);
    const w = this.w;
    const t = w.period;
    const c = w.pop.cols;
    const ctx = openPeriod(w, d, this.pendingEvents(), this.costBasis());

    stageMarket(w, ctx);
    stageExperience(w, ctx);
    stageComplaints(w, ctx, d.complaintResponses ?? {});
    stagesFourToSix(w, ctx);
    stagesSevenToNine(w, ctx);
    stageAcquisition(w, ctx);

    w.personas.forEach((p, k) => {
      const rec = ctx.story[k];
      if (!rec) return;
      const i = p.customer;
      rec.purchased = (c.flags[i] & 1) !== 0;
      rec.satisfaction = c.satisfaction[i];
      rec.attitude = c.attitude[i];
      rec.barrier = c.barrier[i];
      rec.active = c.status[i] === STATUS_ACTIVE;
      p.history.push(rec);
    });

    const metrics = computeMetrics(w, ctx);
    w.cumulativeProfit = metrics.cumulativeProfit;
    w.history.push(metrics);
    w.period = t + 1;
    // The counts costBasis() would take now, from the metrics pass: active customers, the
    // top tier among them, and this period's complaints and revenue.
    this.basisCache = {
      period: w.period,
      basis: {
        activeCustomers: metrics.active,
        topCustomers: ctx.acc.topActive,
        complaints: metrics.complaints,
        revenue: metrics.revenue,
      },
    };
    this.decisionLog.push(structuredClone(d));
    for (const fn of this.listeners) fn(metrics);
    return metrics;
  }

  /** Calls fn after every period; returns the unsubscribe function. */
  subscribe(fn: (m: PeriodMetrics) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  personas(): readonly PersonaStory[] {
    return this.w.personas;
  }
}

/** The plain data a decision check needs (see Simulation.decisionView). */
export interface DecisionView {
  finished: boolean;
  enforceBudget: boolean;
  budget: number;
  levers: readonly ResolvedLever[];
  basis: CostBasisCounts;
  pendingEvents: readonly EventSpec[];
  inbox: readonly ComplaintRecord[];
}

/** Every problem with a period's decisions against a view of the run; pure. */
export function checkDecisionsFor(view: DecisionView, d: PeriodDecisions): DecisionProblem[] {
  const out: DecisionProblem[] = [];
  if (view.finished) return [{ code: 'finished', path: '' }];
  const codes = {
    unknown: 'leverUnknown',
    range: 'leverRange',
    step: 'leverStep',
    locked: 'leverLocked',
    notNumber: 'leverNotNumber',
  } as const;
  for (const p of checkLeverValues(view.levers, d.levers ?? {}))
    out.push({ code: codes[p.problem], path: `levers.${p.lever}` });
  if (view.enforceBudget && out.length === 0) {
    const total = totalLeverCost(view.levers, d.levers ?? {}, view.basis);
    if (total > view.budget + 1e-6)
      out.push({ code: 'overBudget', path: 'levers', detail: Math.round(total - view.budget) });
  }
  const pending = new Map(view.pendingEvents.map((e) => [e.id, e]));
  for (const [eventId, choice] of Object.entries(d.eventChoices ?? {})) {
    const e = pending.get(eventId);
    if (!e) out.push({ code: 'eventUnknown', path: `eventChoices.${eventId}` });
    else if (!e.choices.some((c) => c.id === choice))
      out.push({ code: 'choiceUnknown', path: `eventChoices.${eventId}`, detail: String(choice) });
  }
  const inbox = new Set(view.inbox.map((c) => c.id));
  for (const [id, r] of Object.entries(d.complaintResponses ?? {})) {
    if (!inbox.has(id)) out.push({ code: 'complaintUnknown', path: `complaintResponses.${id}` });
    else if (
      !r ||
      !COMPLAINT_ACTIONS.has(r.action) ||
      typeof r.hours !== 'number' ||
      !(r.hours >= 1 && r.hours <= 720)
    )
      out.push({ code: 'responseInvalid', path: `complaintResponses.${id}` });
  }
  return out;
}

/**
 * Sets up a period: lever values in force, their costs, the answered events placed on the
 * timeline, and an empty story page for each tracked customer. The stages then run on it.
 * Exported so each stage can be tested on its own.
 */
export function openPeriod(
  w: World,
  d: PeriodDecisions,
  pending: readonly EventSpec[],
  basis: CostBasisCounts,
): PeriodContext {
  const t = w.period;
  const lev = effectiveLevers(w.levers, d.levers ?? {}) as Record<LeverId, number>;
  const leverCosts = leverCostBreakdown(w.levers, lev, basis);
  const last = w.history[w.history.length - 1];

  const ctx: PeriodContext = {
    t,
    lev,
    leverCosts,
    serviceEff: saturate(lev.serviceQuality),
    trainingEff: saturate(lev.staffTraining),
    careEff: saturate(lev.personalCare, 2),
    keyAccountEff: saturate(lev.keyAccountCare, 2),
    brandEff: saturate(lev.brandAdvertising),
    rootCauseEff: saturate(lev.rootCauseFixes),
    crmInUse: lev.crmAnalytics >= 2,
    listPrice: lev.priceLevel,
    paidPrice: lev.priceLevel * (1 - lev.promotion),
    market: { ...w.baseMarket },
    failureMultiplier: 1,
    churnMultiplier: 1,
    acquisitionMultiplier: 1,
    expectationAdd: 0,
    loyalShare:
      last && last.active > 0 ? (last.pyramid.core + last.pyramid.advocates) / last.active : 0.2,
    compensationPerComplaint:
      (w.levers.find((l) => l.id === 'complaintCompensation')?.cost.unitCost ?? 0) *
      lev.complaintCompensation,
    inboxCosts: inboxActionCosts(w.levers),
    acc: newAccumulators(),
    // Every reason present (zero when nobody left for it), so rules and triggers can read any.
    lostReasons: Object.fromEntries(LOST_REASONS.map((r) => [r, 0])),
    complaintTypeCounts: w.config.complaintTypes.map(() => 0),
    story: [],
    eventsFired: [],
  };

  // Events answered for this period go on the timeline before the market moves.
  for (const e of pending) {
    const choiceId = d.eventChoices?.[e.id] ?? e.defaultChoice ?? e.choices[0]?.id;
    const choice = e.choices.find((c) => c.id === choiceId);
    const effects = [...(e.effects ?? []), ...(choice?.effects ?? [])];
    for (const ef of effects) {
      const start = t + (ef.delay ?? 0);
      w.modifiers.push({
        target: ef.target,
        op: ef.op,
        value: ef.value,
        start,
        end: start + Math.max(1, ef.duration ?? 1) - 1,
        segment: ef.segment ? w.segments.ids.indexOf(ef.segment) : -1,
        topTierOnly: ef.topTierOnly ?? false,
        event: e.id,
      });
    }
    ctx.acc.events += choice?.cost ?? 0;
    w.firedEvents.push(`${e.id}@${t}`);
    ctx.eventsFired.push(choice ? `${e.id}:${choice.id}` : e.id);
  }

  // Open a story page for each tracked customer still active.
  const c = w.pop.cols;
  ctx.story = w.personas.map((p) => {
    if (p.customer < 0 || c.status[p.customer] !== STATUS_ACTIVE) return null;
    const rec: PersonaPeriod = {
      period: t,
      active: true,
      purchased: false,
      failed: false,
      complained: false,
      recovered: null,
      satisfaction: 0,
      attitude: 0,
      barrier: 0,
      risk: 0,
      left: false,
      satisfactionFactors: [],
      attitudeFactors: [],
      riskFactors: [],
    };
    return rec;
  });

  return ctx;
}

/** Reads a numeric metric by key, including dotted keys such as "pyramid.atRisk". */
export function metricValue(m: PeriodMetrics, key: string): number | undefined {
  let cur: unknown = m;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, part))
      return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'number' ? cur : undefined;
}

export { COLUMN_NAMES };
