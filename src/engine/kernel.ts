// The WebAssembly passes (assembly/periodEnd.ts) of stages 4-6, of stages 7-9 and of the
// metrics' count of the base: the columns a pass reads are copied into the module's memory a chunk at a time,
// the kernel runs the chunk, JavaScript finishes the few customers it flags (stories,
// leavers), and the columns it wrote are copied back.

import { EXP_TABLE } from './detmath.ts';
import { CLASSIFY, useBaseCounter, type BaseCount, type BaseCounter } from './metrics.ts';
import { COLUMN_SPECS, type ColumnName, type Columns } from './population.ts';
import {
  RISK_FACTORS,
  finishDefection,
  periodEndParams,
  usePeriodEndRunner,
  fourToSixParams,
  storyFourToSix,
  useFourToSixRunner,
  type FourToSixRunner,
  type PeriodEndRunner,
} from './stages.ts';
import type { PeriodContext, World } from './world.ts';

/** The kernel's columns, in the order of its table (periodEnd.ts STATUS ... LAST_CONTACT). */
const KERNEL_COLUMNS = [
  'status',
  'flags',
  'segment',
  'source',
  'persona',
  'satisfaction',
  'attitude',
  'barrier',
  'priceSensitivity',
  'spend',
  'referencePrice',
  'hazard',
  'cumulativeRevenue',
  'cumulativeProfit',
  'joined',
  'lostAt',
  'lastContact',
  'recent',
  'purchases',
  'lastPurchase',
  'tier',
] as const satisfies readonly ColumnName[];
type KernelColumn = (typeof KERNEL_COLUMNS)[number];

/** What each pass reads and writes. */
const FOUR_TO_SIX_READS: KernelColumn[] = [
  'status',
  'flags',
  'segment',
  'persona',
  'satisfaction',
  'attitude',
  'barrier',
  'priceSensitivity',
  'referencePrice',
  'cumulativeProfit',
  'joined',
  'lastContact',
  'tier',
];
const FOUR_TO_SIX_WRITES = ['satisfaction', 'attitude', 'barrier'] as const;
/** periodEnd.ts F_* order; care weights from slot 32, each segment's expectation after. */
const FOUR_TO_SIX_PARAMS = [
  'rate',
  'quality',
  'brand',
  'promise',
  'drift',
  'lockIn',
  'paid',
  'priceWeight',
  'complete',
  'attitudeLockIn',
  'kaCare',
  'brandCare',
  'growth',
  'decayRate',
  'invNeglect',
  'reward',
  'tiers',
  'contracts',
  'letGo',
  'barrierDecay',
  'habit',
  'points',
] as const;
const PERIOD_END_READS: KernelColumn[] = KERNEL_COLUMNS.slice(0, 17);
const TALLY_READS: KernelColumn[] = [
  'status',
  'lostAt',
  'satisfaction',
  'attitude',
  'barrier',
  'recent',
  'purchases',
  'joined',
  'hazard',
  'lastPurchase',
  'tier',
];

/** What the kernel writes and JavaScript copies back (status and lostAt: finishDefection). */
const WRITTEN = ['hazard', 'cumulativeRevenue', 'cumulativeProfit'] as const;

/** periodEnd.ts P_* order; care weights from slot 32, base churn from slot 32 + SEGMENTS,
 * then detmath's EXP_TABLE (for its expFast). */
const PARAM_ORDER = [
  'invNeglect',
  'wDis',
  'complete',
  'wComplete',
  'wPrice',
  'wRival',
  'wNeglect',
  'wAtt',
  'wBar',
  'wDeal',
  'wBad',
  'letGo',
  'repTerm',
  'fixed',
  'paid',
  'rewardRate',
  'cap',
  'crossSell',
  'serveCost',
  'serveSaving',
  'growth',
  'goodsCost',
] as const;
const SEGMENT_SLOT = 32;
const SEGMENTS = 64;

// Customers per chunk: enough that the calls and copies cost little, small enough that the
// kernel's memory (about 1.3 MiB) adds nothing to the bytes a customer costs.
const CHUNK = 16384;

// Memory layout (bytes).
const RNG = 0;
const SUMS = 64;
const TABLE = 128;
const PARAMS = 256;
const EXP_TABLE_SLOT = SEGMENT_SLOT + 2 * SEGMENTS;
const PARAM_SLOTS = EXP_TABLE_SLOT + EXP_TABLE.length;
const FOUR_PARAMS = PARAMS + 8 * PARAM_SLOTS;
const TALLY_PARAMS = FOUR_PARAMS + 8 * (SEGMENT_SLOT + 2 * SEGMENTS);
const TALLY_COUNTS = TALLY_PARAMS + 8 * 8;
const TALLY_SUMS = TALLY_COUNTS + 4 * 24;
const TALLY_CODES = TALLY_SUMS + 8 * 4;
const EVENTS = TALLY_CODES + 4 * 960; // periodEnd.ts CODES
const COLUMNS_AT = EVENTS + 16 * CHUNK;

type KernelFn = (
  n: number,
  table: number,
  params: number,
  sums: number,
  rng: number,
  events: number,
  t: number,
  parts: number,
) => number;

type FourToSixFn = (
  n: number,
  table: number,
  params: number,
  rng: number,
  events: number,
  t: number,
  parts: number,
) => number;

type TallyFn = (
  n: number,
  table: number,
  params: number,
  counts: number,
  sums: number,
  codes: number,
  t: number,
) => void;

type View = Columns[ColumnName];

export class PeriodEndKernel implements PeriodEndRunner, FourToSixRunner, BaseCounter {
  private readonly fn: KernelFn;
  private readonly tallyFn: TallyFn;
  private readonly fourFn: FourToSixFn;
  private readonly fourParams: Float64Array;
  private readonly tallyParams: Float64Array;
  private readonly tallyCounts: Int32Array;
  private readonly tallySums: Float64Array;
  private readonly staged: Record<KernelColumn, View>;
  private readonly params: Float64Array;
  private readonly sums: Float64Array;
  private readonly rng: Int32Array;
  private readonly events: Int32Array;
  private readonly eventHazards: Float64Array;

  private constructor(instance: WebAssembly.Instance, memory: WebAssembly.Memory) {
    this.fn = instance.exports.sevenToNine as KernelFn;
    this.tallyFn = instance.exports.tally as TallyFn;
    this.fourFn = instance.exports.fourToSix as FourToSixFn;
    const buffer = memory.buffer;
    const table = new Uint32Array(buffer, TABLE, KERNEL_COLUMNS.length);
    let at = COLUMNS_AT;
    const staged: Partial<Record<ColumnName, View>> = {};
    KERNEL_COLUMNS.forEach((name, k) => {
      const Ctor = COLUMN_SPECS[name];
      staged[name] = new Ctor(buffer, at, CHUNK) as View;
      table[k] = at;
      at += Ctor.BYTES_PER_ELEMENT * CHUNK;
    });
    this.staged = staged as Record<KernelColumn, View>;
    this.params = new Float64Array(buffer, PARAMS, PARAM_SLOTS);
    this.params.set(EXP_TABLE, EXP_TABLE_SLOT);
    this.sums = new Float64Array(buffer, SUMS, 5);
    this.rng = new Int32Array(buffer, RNG, 4);
    this.fourParams = new Float64Array(buffer, FOUR_PARAMS, SEGMENT_SLOT + 2 * SEGMENTS);
    this.tallyParams = new Float64Array(buffer, TALLY_PARAMS, 8);
    this.tallyCounts = new Int32Array(buffer, TALLY_COUNTS, 24);
    this.tallySums = new Float64Array(buffer, TALLY_SUMS, 3);
    this.events = new Int32Array(buffer, EVENTS, 4 * CHUNK);
    this.eventHazards = new Float64Array(buffer, EVENTS, 2 * CHUNK);
  }

  /** Compiles the module synchronously: in Node and in workers (a browser's page allows
   * that only for modules under 4 KiB, and this one is about 5 KiB: there, use `load`). */
  static fromBytes(bytes: BufferSource): PeriodEndKernel {
    const memory = kernelMemory();
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      env: { memory },
    });
    return new PeriodEndKernel(instance, memory);
  }

  /** Compiles the module asynchronously (anywhere). */
  static async load(bytes: BufferSource): Promise<PeriodEndKernel> {
    const memory = kernelMemory();
    const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
    return new PeriodEndKernel(instance, memory);
  }

  run(w: World, ctx: PeriodContext, parts: number): number {
    const cols = w.pop.cols;
    const count = w.pop.count;
    const p = periodEndParams(w, ctx);
    const params = this.params;
    PARAM_ORDER.forEach((key, k) => (params[k] = Number(p[key])));
    params.fill(0, SEGMENT_SLOT, EXP_TABLE_SLOT);
    params.set(p.careWeight, SEGMENT_SLOT);
    params.set(p.baseChurn, SEGMENT_SLOT + SEGMENTS);
    const acc = ctx.acc;
    const sums = this.sums;
    sums[0] = acc.serve;
    sums[1] = acc.revenue;
    sums[2] = acc.goods;
    sums[3] = acc.rewards;
    sums[4] = 0;
    this.putRng(w);
    const terms = new Float64Array(RISK_FACTORS.length);
    const { events, eventHazards, staged, fn } = this;
    for (let from = 0; from < count; from += CHUNK) {
      const n = Math.min(CHUNK, count - from);
      for (const name of PERIOD_END_READS) staged[name].set(cols[name].subarray(from, from + n));
      const flagged = fn(n, TABLE, PARAMS, SUMS, RNG, EVENTS, p.t, parts);
      // In customer order, before the kernel's columns come back: finishDefection reads the
      // lifetime profit as it was before this period's revenue, as the JavaScript pass does.
      for (let e = 0; e < flagged; e++) {
        const i = from + events[4 * e];
        const pi = cols.persona[i];
        const rec = pi ? (ctx.story[pi - 1] ?? null) : null;
        const leaves = events[4 * e + 1] === 1;
        if (rec || leaves) finishDefection(w, ctx, i, eventHazards[2 * e + 1], leaves, rec, terms);
      }
      for (const name of WRITTEN) cols[name].set(staged[name].subarray(0, n), from);
    }
    acc.serve = sums[0];
    acc.revenue = sums[1];
    acc.goods = sums[2];
    acc.rewards = sums[3];
    this.takeRng(w);
    return sums[4];
  }

  runFourToSix(w: World, ctx: PeriodContext, parts: number): void {
    const cols = w.pop.cols;
    const count = w.pop.count;
    const e = fourToSixParams(w, ctx);
    const params = this.fourParams;
    FOUR_TO_SIX_PARAMS.forEach((key, k) => (params[k] = Number(e[key])));
    params.fill(0, SEGMENT_SLOT);
    params.set(e.careWeight, SEGMENT_SLOT);
    params.set(e.segExpectation, SEGMENT_SLOT + SEGMENTS);
    this.putRng(w);
    const { staged, fourFn, eventHazards } = this;
    const events = this.events;
    for (let from = 0; from < count; from += CHUNK) {
      const n = Math.min(CHUNK, count - from);
      for (const name of FOUR_TO_SIX_READS) staged[name].set(cols[name].subarray(from, from + n));
      const tracked = fourFn(n, TABLE, FOUR_PARAMS, RNG, EVENTS, e.t, parts);
      for (const name of FOUR_TO_SIX_WRITES) cols[name].set(staged[name].subarray(0, n), from);
      // 48-byte records: the index, then four doubles from byte 8.
      for (let k = 0; k < tracked; k++) {
        const i = from + events[12 * k];
        const pi = cols.persona[i];
        const rec = pi ? ctx.story[pi - 1] : null;
        const d = 6 * k;
        if (rec)
          storyFourToSix(
            w,
            e,
            i,
            rec,
            parts,
            eventHazards[d + 1],
            eventHazards[d + 2],
            eventHazards[d + 3],
            eventHazards[d + 4],
          );
      }
    }
    this.takeRng(w);
  }

  /** The run's generator into the kernel's memory, and back after a pass. */
  private putRng(w: World): void {
    const state = w.rng.getState();
    const rng = this.rng;
    rng[0] = state.a;
    rng[1] = state.b;
    rng[2] = state.c;
    rng[3] = state.d;
  }

  private takeRng(w: World): void {
    const rng = this.rng;
    w.rng.setState({ a: rng[0], b: rng[1], c: rng[2], d: rng[3] });
  }

  count(w: World, t: number): BaseCount {
    const cols = w.pop.cols;
    const total = w.pop.count;
    const p = this.tallyParams;
    p[0] = w.params.completeSatisfaction;
    p[1] = w.params.atRiskHazard;
    p[2] = CLASSIFY.lostWindow;
    p[3] = CLASSIFY.highAttitude;
    p[4] = CLASSIFY.highRepeat;
    p[5] = CLASSIFY.advocateAttitude;
    p[6] = CLASSIFY.inactivePeriods;
    const counts = this.tallyCounts;
    const sums = this.tallySums;
    counts.fill(0);
    sums.fill(0);
    const { staged, tallyFn } = this;
    for (let from = 0; from < total; from += CHUNK) {
      const n = Math.min(CHUNK, total - from);
      for (const name of TALLY_READS) staged[name].set(cols[name].subarray(from, from + n));
      tallyFn(n, TABLE, TALLY_PARAMS, TALLY_COUNTS, TALLY_SUMS, TALLY_CODES, t);
    }
    // periodEnd.ts C_* order
    return {
      lost: counts[0],
      firstTime: counts[1],
      repeat: counts[2],
      core: counts[3],
      advocate: counts[4],
      atRisk: counts[5],
      fresh: counts[6],
      inactive: counts[7],
      activeRegulars: counts[8],
      pyramidCore: counts[9],
      advocates: counts[10],
      noLoyalty: counts[11],
      inertia: counts[12],
      latent: counts[13],
      trueLoyalty: counts[14],
      active: counts[15],
      top: counts[16],
      scores: [counts[17], counts[18], counts[19], counts[20], counts[21]],
      sSum: sums[0],
      aSum: sums[1],
      bSum: sums[2],
    };
  }
}

function kernelMemory(): WebAssembly.Memory {
  const pages = Math.ceil((COLUMNS_AT + 64 * CHUNK) / 65536);
  return new WebAssembly.Memory({ initial: pages, maximum: pages });
}

/** Compiles the kernel from the module's bytes; stages 4-9 and the metrics then use it. */
export function installPeriodEndKernel(bytes: BufferSource): PeriodEndKernel {
  const kernel = PeriodEndKernel.fromBytes(bytes);
  useKernel(kernel);
  return kernel;
}

/** Has the engine use this kernel, or with null its JavaScript passes (the same bits). */
export function useKernel(kernel: PeriodEndKernel | null): void {
  usePeriodEndRunner(kernel);
  useFourToSixRunner(kernel);
  useBaseCounter(kernel);
}
