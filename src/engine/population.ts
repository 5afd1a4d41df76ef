// The customer base stored column-wise in typed arrays: one slot per customer ever won,
// never removed (a lost customer keeps its slot), so a period over 1,000,000 costs milliseconds.

export const STATUS_ACTIVE = 0;
export const STATUS_LOST = 1;

export const SOURCE_INITIAL = 0;
export const SOURCE_PAID = 1;
export const SOURCE_PROMOTION = 2;
export const SOURCE_REFERRAL = 3;

/** Per-period flags (reset every period). */
export const FLAG_PURCHASED = 1;
export const FLAG_FAILED = 2;
export const FLAG_COMPLAINED = 4;
export const FLAG_BAD_HANDLING = 8;
export const FLAG_RECOVERED = 16;
/** Waiting for the learner's answer in the inbox: exempt from leaving this period. */
export const FLAG_INBOX = 32;
export const FLAG_CONTACTED = 64;

export const TIER_A = 0;
export const TIER_B = 1;
export const TIER_C = 2;

/** Each column's element type. */
export const COLUMN_SPECS = {
  segment: Uint8Array,
  status: Uint8Array,
  source: Uint8Array,
  flags: Uint8Array,
  /** Purchase history of the last 8 periods, newest in bit 0 (frequency, matrix). */
  recent: Uint8Array,
  tier: Uint8Array,
  /** 0 = not tracked; k = persona k-1. */
  persona: Uint8Array,
  satisfaction: Float32Array,
  attitude: Float32Array,
  barrier: Float32Array,
  priceSensitivity: Float32Array,
  spend: Float32Array,
  /** Price a deal-seeker came for; 0 for everyone else. */
  referencePrice: Float32Array,
  /** Probability of leaving computed last period (at-risk list). */
  hazard: Float32Array,
  cumulativeRevenue: Float32Array,
  cumulativeProfit: Float32Array,
  joined: Int16Array,
  lostAt: Int16Array,
  lastPurchase: Int16Array,
  lastContact: Int16Array,
  purchases: Uint16Array,
} as const;

export type ColumnName = keyof typeof COLUMN_SPECS;
export type Columns = { [K in ColumnName]: InstanceType<(typeof COLUMN_SPECS)[K]> };
export const COLUMN_NAMES = Object.keys(COLUMN_SPECS) as ColumnName[];

export const BYTES_PER_CUSTOMER = COLUMN_NAMES.reduce(
  (sum, name) => sum + COLUMN_SPECS[name].BYTES_PER_ELEMENT,
  0,
);

/**
 * A fixed-shape object literal, not one built key by key: V8 keeps it in fast mode, so the
 * hot loops can hoist each column out of the loop (built dynamically it was 70x slower).
 */
function allocate(n: number): Columns {
  return {
    segment: new Uint8Array(n),
    status: new Uint8Array(n),
    source: new Uint8Array(n),
    flags: new Uint8Array(n),
    recent: new Uint8Array(n),
    tier: new Uint8Array(n),
    persona: new Uint8Array(n),
    satisfaction: new Float32Array(n),
    attitude: new Float32Array(n),
    barrier: new Float32Array(n),
    priceSensitivity: new Float32Array(n),
    spend: new Float32Array(n),
    referencePrice: new Float32Array(n),
    hazard: new Float32Array(n),
    cumulativeRevenue: new Float32Array(n),
    cumulativeProfit: new Float32Array(n),
    joined: new Int16Array(n),
    lostAt: new Int16Array(n),
    lastPurchase: new Int16Array(n),
    lastContact: new Int16Array(n),
    purchases: new Uint16Array(n),
  };
}

function copyColumns(from: Columns, count: number, spare: number): Columns {
  const out = allocate(count + spare);
  for (const name of COLUMN_NAMES)
    (out[name] as Uint8Array).set((from[name] as Uint8Array).subarray(0, count));
  return out;
}

export class Population {
  /** Customers ever won; slots [0, count) are in use. */
  count = 0;
  cols: Columns;
  capacity: number;

  constructor(capacity: number) {
    this.capacity = Math.max(16, Math.ceil(capacity));
    this.cols = allocate(this.capacity);
  }

  get bytes(): number {
    return this.capacity * BYTES_PER_CUSTOMER;
  }

  /** Makes room for n more customers and returns the first new index. */
  add(n: number): number {
    const need = this.count + n;
    if (need > this.capacity) {
      // Grow by a quarter, not double: a million-customer base must stay under 64 bytes each.
      const cap = Math.max(need, Math.ceil(this.capacity * 1.25));
      this.cols = copyColumns(this.cols, this.count, cap - this.count);
      this.capacity = cap;
    }
    const first = this.count;
    this.count = need;
    return first;
  }

  /** Copies of the used part of every column (a snapshot). */
  exportColumns(): Columns {
    return copyColumns(this.cols, this.count, 0);
  }

  static fromColumns(cols: Columns, count: number, spare: number): Population {
    const pop = new Population(0);
    pop.cols = copyColumns(cols, count, spare);
    pop.capacity = count + spare;
    pop.count = count;
    return pop;
  }
}
