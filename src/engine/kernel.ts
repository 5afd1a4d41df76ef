// The WebAssembly pass of stages 7-9 (assembly/periodEnd.ts): the columns it reads are copied
// into the module's memory a chunk at a time, the kernel runs the chunk, JavaScript finishes
// the few customers it flags (stories, leavers), and the columns it wrote are copied back.

import { EXP_TABLE } from './detmath.ts';
import { COLUMN_SPECS, type ColumnName, type Columns } from './population.ts';
import {
  RISK_FACTORS,
  finishDefection,
  periodEndParams,
  usePeriodEndRunner,
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
] as const satisfies readonly ColumnName[];

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
// staging memory (about 0.8 MiB) adds nothing to the bytes a customer costs.
const CHUNK = 16384;

// Memory layout (bytes).
const RNG = 0;
const SUMS = 64;
const TABLE = 128;
const PARAMS = 256;
const EXP_TABLE_SLOT = SEGMENT_SLOT + 2 * SEGMENTS;
const PARAM_SLOTS = EXP_TABLE_SLOT + EXP_TABLE.length;
const EVENTS = PARAMS + 8 * PARAM_SLOTS;
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

type View = Columns[ColumnName];

export class PeriodEndKernel implements PeriodEndRunner {
  private readonly fn: KernelFn;
  private readonly staged: Record<(typeof KERNEL_COLUMNS)[number], View>;
  private readonly params: Float64Array;
  private readonly sums: Float64Array;
  private readonly rng: Int32Array;
  private readonly events: Int32Array;
  private readonly eventHazards: Float64Array;

  private constructor(instance: WebAssembly.Instance, memory: WebAssembly.Memory) {
    this.fn = instance.exports.sevenToNine as KernelFn;
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
    this.staged = staged as Record<(typeof KERNEL_COLUMNS)[number], View>;
    this.params = new Float64Array(buffer, PARAMS, PARAM_SLOTS);
    this.params.set(EXP_TABLE, EXP_TABLE_SLOT);
    this.sums = new Float64Array(buffer, SUMS, 5);
    this.rng = new Int32Array(buffer, RNG, 4);
    this.events = new Int32Array(buffer, EVENTS, 4 * CHUNK);
    this.eventHazards = new Float64Array(buffer, EVENTS, 2 * CHUNK);
  }

  /** Compiles the module synchronously (it is about 2 KiB, under browsers' 4 KiB limit). */
  static fromBytes(bytes: BufferSource): PeriodEndKernel {
    const pages = Math.ceil((COLUMNS_AT + 53 * CHUNK) / 65536);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      env: { memory },
    });
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
    const state = w.rng.getState();
    const rng = this.rng;
    rng[0] = state.a;
    rng[1] = state.b;
    rng[2] = state.c;
    rng[3] = state.d;
    const terms = new Float64Array(RISK_FACTORS.length);
    const { events, eventHazards, staged, fn } = this;
    for (let from = 0; from < count; from += CHUNK) {
      const n = Math.min(CHUNK, count - from);
      for (const name of KERNEL_COLUMNS) staged[name].set(cols[name].subarray(from, from + n));
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
    w.rng.setState({ a: rng[0], b: rng[1], c: rng[2], d: rng[3] });
    return sums[4];
  }
}

/** Compiles the kernel from the module's bytes and has stagesSevenToNine use it. */
export function installPeriodEndKernel(bytes: BufferSource): PeriodEndKernel {
  const kernel = PeriodEndKernel.fromBytes(bytes);
  usePeriodEndRunner(kernel);
  return kernel;
}
