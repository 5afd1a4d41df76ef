// AssemblyScript: the engine's hot loops over a chunk of customers copied into this module's
// memory: stages 7-9 (defection, revenue and cost, word of mouth), stages 4-6 (satisfaction,
// attitude, barrier) and the metrics' count of the base, with the same arithmetic in the same
// order as stages.ts and metrics.ts, so the same bits (kernel.test.ts, determinism.spec.ts
// hold them together). Compiled by scripts/kernel-wasm.ts; driven by src/engine/kernel.ts.

// Where the chunk's columns are: byte offsets in memory, in this order (kernel.ts COLUMNS).
const STATUS = 0;
const FLAGS = 1;
const SEGMENT = 2;
const SOURCE = 3;
const PERSONA = 4;
const SATISFACTION = 5;
const ATTITUDE = 6;
const BARRIER = 7;
const PRICE_SENSITIVITY = 8;
const SPEND = 9;
const REFERENCE_PRICE = 10;
const HAZARD = 11;
const CUMULATIVE_REVENUE = 12;
const CUMULATIVE_PROFIT = 13;
const JOINED = 14;
const LOST_AT = 15;
const LAST_CONTACT = 16;
const RECENT = 17;
const PURCHASES = 18;
const LAST_PURCHASE = 19;
const TIER = 20;

// Parameters (f64, kernel.ts PARAMS), accumulators (f64, kernel.ts SUMS).
const P_INV_NEGLECT = 0;
const P_DIS = 1;
const P_COMPLETE = 2;
const P_COMPLETE_BONUS = 3;
const P_PRICE = 4;
const P_RIVAL = 5;
const P_NEGLECT = 6;
const P_ATTITUDE = 7;
const P_BARRIER = 8;
const P_DEAL = 9;
const P_BAD = 10;
const P_LET_GO = 11;
const P_REPUTATION = 12;
const P_FIXED = 13;
const P_PAID = 14;
const P_REWARD_RATE = 15;
const P_CAP = 16;
const P_CROSS_SELL = 17;
const P_SERVE_COST = 18;
const P_SERVE_SAVING = 19;
const P_GROWTH = 20;
const P_GOODS_COST = 21;
const P_CARE_WEIGHT = 32; // one per segment, then the base churn of each segment
const SEGMENTS = 64; // the loader allows at most 50
const P_EXP_TABLE = P_CARE_WEIGHT + 2 * SEGMENTS; // detmath.ts EXP_TABLE

const S_SERVE = 0;
const S_REVENUE = 1;
const S_GOODS = 2;
const S_REWARDS = 3;
const S_WEIGHT = 4;

const STATUS_ACTIVE: u8 = 0;
const STATUS_LOST: u8 = 1;
const SOURCE_PROMOTION: u8 = 2;
const FLAG_PURCHASED: u8 = 1;
const FLAG_BAD_HANDLING: u8 = 8;
const FLAG_INBOX: u8 = 32;

const DO_DEFECTION = 1;
const DO_REVENUE = 2;
const DO_WORD_OF_MOUTH = 4;

// detmath.ts exp, operation for operation.
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;

// Math.round as JavaScript defines it (halves toward +infinity).
@inline
function jsRound(x: f64): f64 {
  const r = Math.ceil(x);
  return r - x > 0.5 ? r - 1 : r;
}

@inline
function pow2(k: i32): f64 {
  return reinterpret<f64>(<i64>(k + 1023) << 52);
}

function dexp(x: f64): f64 {
  if (x != x) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const kf = jsRound(x * INV_LN2);
  const r = x - kf * LN2_HI - kf * LN2_LO;
  let p = 1 + r * (1.0 / 14);
  p = 1 + r * (1.0 / 13) * p;
  p = 1 + r * (1.0 / 12) * p;
  p = 1 + r * (1.0 / 11) * p;
  p = 1 + r * (1.0 / 10) * p;
  p = 1 + r * (1.0 / 9) * p;
  p = 1 + r * (1.0 / 8) * p;
  p = 1 + r * (1.0 / 7) * p;
  p = 1 + r * (1.0 / 6) * p;
  p = 1 + r * (1.0 / 5) * p;
  p = 1 + r * (1.0 / 4) * p;
  p = 1 + r * (1.0 / 3) * p;
  p = 1 + r * 0.5 * p;
  p = 1 + r * p;
  const k = <i32>kf;
  if (k > 1023) return p * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return p * pow2(-1022) * pow2(k + 1022);
  return p * pow2(k);
}

// detmath.ts expFast, operation for operation.
const LN2_HI_64 = LN2_HI / 64;
const LN2_LO_64 = LN2_LO / 64;
const INV_LN2_64 = 64 * INV_LN2;
const C6 = 1.0 / 6;
const C4C6 = (1.0 / 4) * C6;
const C5C4C6 = (1.0 / 5) * (1.0 / 4) * C6;
const EXP_FAST_ERROR = 1e-12;

@inline
function expFast(x: f64, table: usize): f64 {
  if (!(x > -700 && x < 700)) return dexp(x);
  const kf = jsRound(x * INV_LN2_64);
  const r = x - kf * LN2_HI_64 - kf * LN2_LO_64;
  const k = <i32>kf;
  const j = k & 63;
  const m = (k - j) >> 6;
  const r2 = r * r;
  const p = 1 + r + r2 * (0.5 + r * C6) + r2 * r2 * (C4C6 + r * C5C4C6);
  return p * load<f64>(table + ((<usize>j) << 3)) * pow2(m);
}

// sfc32 as rng.ts. A pass reads the generator's four words from memory into these at its
// start (takeRng) and writes them back at its end (putRng), not on every draw.
let ra: i32 = 0;
let rb: i32 = 0;
let rc: i32 = 0;
let rd: i32 = 0;

@inline
function takeRng(rng: usize): void {
  ra = load<i32>(rng, 0);
  rb = load<i32>(rng, 4);
  rc = load<i32>(rng, 8);
  rd = load<i32>(rng, 12);
}

@inline
function putRng(rng: usize): void {
  store<i32>(rng, ra, 0);
  store<i32>(rng, rb, 4);
  store<i32>(rng, rc, 8);
  store<i32>(rng, rd, 12);
}

@inline
function next(): f64 {
  const a = ra;
  const b = rb;
  const c = rc;
  const d = rd;
  const t = a + b + d;
  rd = d + 1;
  ra = b ^ (b >>> 9);
  rb = c + (c << 3);
  rc = ((c << 21) | (c >>> 11)) + t;
  return <f64>(<u32>t) / 4294967296.0;
}

@inline
function col(tbl: usize, k: i32): usize {
  return <usize>load<u32>(tbl + ((<usize>k) << 2));
}

/**
 * Runs customers 0..n-1 of the chunk. Writes one record (i32 index, i32 leaves, f64 hazard)
 * to `ev` for each customer the caller must finish in JavaScript (a tracked customer, or one
 * who leaves: their story, reason and counts); leaves their status to the caller. Returns
 * the number of records. The generator's four words are at `rng`.
 */
export function sevenToNine(
  n: i32,
  tbl: usize,
  prm: usize,
  sums: usize,
  rng: usize,
  ev: usize,
  t: i32,
  parts: i32,
): i32 {
  const status = col(tbl, STATUS);
  const flags = col(tbl, FLAGS);
  const segment = col(tbl, SEGMENT);
  const source = col(tbl, SOURCE);
  const persona = col(tbl, PERSONA);
  const satisfaction = col(tbl, SATISFACTION);
  const attitude = col(tbl, ATTITUDE);
  const barrier = col(tbl, BARRIER);
  const priceSensitivity = col(tbl, PRICE_SENSITIVITY);
  const spend = col(tbl, SPEND);
  const referencePrice = col(tbl, REFERENCE_PRICE);
  const hazard = col(tbl, HAZARD);
  const cumulativeRevenue = col(tbl, CUMULATIVE_REVENUE);
  const cumulativeProfit = col(tbl, CUMULATIVE_PROFIT);
  const joined = col(tbl, JOINED);
  const lostAt = col(tbl, LOST_AT);
  const lastContact = col(tbl, LAST_CONTACT);

  const doDefection = (parts & DO_DEFECTION) != 0;
  const doRevenue = (parts & DO_REVENUE) != 0;
  const doWordOfMouth = (parts & DO_WORD_OF_MOUTH) != 0;

  const invNeglect = load<f64>(prm, P_INV_NEGLECT << 3);
  const wDis = load<f64>(prm, P_DIS << 3);
  const complete = load<f64>(prm, P_COMPLETE << 3);
  const wComplete = load<f64>(prm, P_COMPLETE_BONUS << 3);
  const wPrice = load<f64>(prm, P_PRICE << 3);
  const wRival = load<f64>(prm, P_RIVAL << 3);
  const wNeglect = load<f64>(prm, P_NEGLECT << 3);
  const wAtt = load<f64>(prm, P_ATTITUDE << 3);
  const wBar = load<f64>(prm, P_BARRIER << 3);
  const wDeal = load<f64>(prm, P_DEAL << 3);
  const wBad = load<f64>(prm, P_BAD << 3);
  const letGo = load<f64>(prm, P_LET_GO << 3) != 0;
  const repTerm = load<f64>(prm, P_REPUTATION << 3);
  const fixed = load<f64>(prm, P_FIXED << 3);
  const paid = load<f64>(prm, P_PAID << 3);
  const rewardRate = load<f64>(prm, P_REWARD_RATE << 3);
  const cap = load<f64>(prm, P_CAP << 3);
  const crossSell = load<f64>(prm, P_CROSS_SELL << 3);
  const serveCost = load<f64>(prm, P_SERVE_COST << 3);
  const serveSaving = load<f64>(prm, P_SERVE_SAVING << 3);
  const growth = load<f64>(prm, P_GROWTH << 3);
  const goodsCost = load<f64>(prm, P_GOODS_COST << 3);
  const careWeight = prm + (P_CARE_WEIGHT << 3);
  const baseChurn = careWeight + (SEGMENTS << 3);
  const expTable = prm + (P_EXP_TABLE << 3);
  const fastBelow = 0.05 * (1 - EXP_FAST_ERROR);
  const fastLow = 1 - 4 * EXP_FAST_ERROR;
  const fastHigh = 1 + 4 * EXP_FAST_ERROR;

  let serveSum = load<f64>(sums, S_SERVE << 3);
  let revenueSum = load<f64>(sums, S_REVENUE << 3);
  let goodsSum = load<f64>(sums, S_GOODS << 3);
  let rewardsSum = load<f64>(sums, S_REWARDS << 3);
  let weight = load<f64>(sums, S_WEIGHT << 3);

  let events = 0;
  takeRng(rng);

  for (let i = 0; i < n; i++) {
    const ii = <usize>i;
    const st = load<u8>(status + ii);
    const lostNow = st == STATUS_LOST && <i32>load<i16>(lostAt + (ii << 1)) == t;
    if (st != STATUS_ACTIVE && !(doRevenue && lostNow)) continue;
    const fl = load<u8>(flags + ii);
    let stays = st == STATUS_ACTIVE;

    if (doDefection && st == STATUS_ACTIVE && (fl & FLAG_INBOX) == 0) {
      const s = <f64>load<f32>(satisfaction + (ii << 2));
      const at = <f64>load<f32>(attitude + (ii << 2));
      const sg = <usize>load<u8>(segment + ii);
      const sinceContact = <f64>(t - <i32>load<i16>(lastContact + (ii << 1))) * invNeglect;
      const dealSeeker = load<u8>(source + ii) == SOURCE_PROMOTION;
      const z =
        wDis * (0.75 - s) -
        (s >= complete ? wComplete : 0) +
        wPrice * <f64>load<f32>(priceSensitivity + (ii << 2)) +
        wRival * (1 - at) +
        wNeglect * load<f64>(careWeight + (sg << 3)) * (sinceContact > 1 ? 1 : sinceContact) -
        wAtt * at -
        wBar * <f64>load<f32>(barrier + (ii << 2)) +
        (dealSeeker
          ? wDeal * (paid > <f64>load<f32>(referencePrice + (ii << 2)) + 1e-6 ? 1 : 0.35)
          : 0) +
        ((fl & FLAG_BAD_HANDLING) != 0 ? wBad : 0) +
        (letGo &&
        load<f32>(cumulativeProfit + (ii << 2)) < 0 &&
        t - <i32>load<i16>(joined + (ii << 1)) >= 4
          ? 1.5
          : 0) +
        repTerm * (1 - at) +
        fixed;
      // As the JavaScript pass: the faster exp decides where its error bound cannot change
      // the branch, the float32 hazard or the leave decision; the exact one everywhere else
      // (tracked customers always), so every result is the exact exp's.
      const tracked = load<u8>(persona + ii) != 0;
      const churn = load<f64>(baseChurn + (sg << 3));
      let h: f64 = -1;
      let u: f64 = -1;
      let decided = false;
      let leaves = false;
      if (!tracked) {
        const la = churn * expFast(z, expTable);
        if (la < fastBelow) {
          const ha = la * (1 - la * (0.5 - la * (1.0 / 6 - la / 24)));
          const lo = ha * fastLow;
          const hi = ha * fastHigh;
          const f = <f32>lo;
          u = next();
          if (f == <f32>hi && (u < lo || u >= hi)) {
            store<f32>(hazard + (ii << 2), f);
            decided = true;
            leaves = u < lo;
            h = ha;
          }
        }
      }
      if (!decided) {
        const lambda = churn * dexp(z);
        h =
          lambda < 0.05
            ? lambda * (1 - lambda * (0.5 - lambda * (1.0 / 6 - lambda / 24)))
            : 1 - dexp(-lambda);
        store<f32>(hazard + (ii << 2), <f32>h);
        if (u < 0) u = next();
        leaves = u < h;
      }
      if (leaves || tracked) {
        const e = ev + ((<usize>events) << 4);
        store<i32>(e, i);
        store<i32>(e, leaves ? 1 : 0, 4);
        store<f64>(e, h, 8);
        events++;
      }
      if (leaves) stays = false;
    }

    // Those who left this period still bought and were served before they went.
    if (doRevenue) {
      const tenure = <f64>(t - <i32>load<i16>(joined + (ii << 1)));
      const frac: f64 = tenure >= cap ? 1 : tenure <= 0 ? 0 : tenure / cap;
      let serve = serveCost * (1 - serveSaving * frac);
      if (tenure <= 0) serve *= 1.5;
      let profit = -serve;
      serveSum += serve;
      const cp = cumulativeProfit + (ii << 2);
      if ((fl & FLAG_PURCHASED) != 0) {
        const volume = <f64>load<f32>(spend + (ii << 2)) * (1 + growth * frac) * crossSell;
        const revenue = volume * paid;
        const goods = volume * goodsCost;
        const excluded = letGo && load<f32>(cp) < 0 && tenure >= 4;
        const reward = excluded ? 0 : rewardRate * revenue;
        revenueSum += revenue;
        goodsSum += goods;
        rewardsSum += reward;
        const cr = cumulativeRevenue + (ii << 2);
        store<f32>(cr, <f32>(<f64>load<f32>(cr) + revenue));
        profit += revenue - goods - reward;
      }
      store<f32>(cp, <f32>(<f64>load<f32>(cp) + profit));
    }

    if (doWordOfMouth && stays) {
      const s = <f64>load<f32>(satisfaction + (ii << 2));
      if (s >= complete) weight += 0.95 + 0.7 * <f64>load<f32>(attitude + (ii << 2));
      else if (s >= 0.6) weight += 1.1;
    }
  }

  store<f64>(sums, serveSum, S_SERVE << 3);
  store<f64>(sums, revenueSum, S_REVENUE << 3);
  store<f64>(sums, goodsSum, S_GOODS << 3);
  store<f64>(sums, rewardsSum, S_REWARDS << 3);
  store<f64>(sums, weight, S_WEIGHT << 3);
  putRng(rng);
  return events;
}

// The metrics' count of the base (metrics.ts computeMetrics): parameters (f64, kernel.ts
// TALLY_PARAMS) and counters (i32, kernel.ts TALLY_COUNTS), sums after them (f64).
const T_COMPLETE = 0;
const T_AT_RISK_HAZARD = 1;
const T_LOST_WINDOW = 2;
const T_HIGH_ATTITUDE = 3;
const T_HIGH_REPEAT = 4;
const T_ADVOCATE_ATTITUDE = 5;
const T_INACTIVE_PERIODS = 6;

const C_LOST = 0;
const C_FIRST_TIME = 1;
const C_REPEAT = 2;
const C_CORE = 3;
const C_ADVOCATE = 4;
const C_AT_RISK = 5;
const C_FRESH = 6;
const C_INACTIVE = 7;
const C_ACTIVE_REGULARS = 8;
const C_PYRAMID_CORE = 9;
const C_ADVOCATES = 10;
const C_NO_LOYALTY = 11;
const C_INERTIA = 12;
const C_LATENT = 13;
const C_TRUE_LOYALTY = 14;
const C_ACTIVE = 15;
const C_TOP = 16;
const C_SCORES = 17; // five

/**
 * Counts customers 0..n-1 of the chunk into the counters and sums at `counts` / `sums`
 * (continued from chunk to chunk, the sums in customer order), as computeMetrics does.
 * Active customers are counted by class code (the 1-5 score, the matrix quadrant, the ladder
 * stage, the pyramid level, top tier or not: 5 x 4 x 4 x 6 x 2 codes) with one increment
 * each, and the codes are added up into the counters after the loop.
 */
export function tally(
  n: i32,
  tbl: usize,
  prm: usize,
  counts: usize,
  sums: usize,
  codes: usize,
  t: i32,
): void {
  const status = col(tbl, STATUS);
  const lostAt = col(tbl, LOST_AT);
  const satisfaction = col(tbl, SATISFACTION);
  const attitude = col(tbl, ATTITUDE);
  const barrier = col(tbl, BARRIER);
  const recent = col(tbl, RECENT);
  const purchases = col(tbl, PURCHASES);
  const joined = col(tbl, JOINED);
  const hazard = col(tbl, HAZARD);
  const lastPurchase = col(tbl, LAST_PURCHASE);
  const tier = col(tbl, TIER);
  const complete = load<f64>(prm, T_COMPLETE << 3);
  const atRiskHazard = load<f64>(prm, T_AT_RISK_HAZARD << 3);
  const lostWindow = <i32>load<f64>(prm, T_LOST_WINDOW << 3);
  const highAttitude = load<f64>(prm, T_HIGH_ATTITUDE << 3);
  const highRepeat = <i32>load<f64>(prm, T_HIGH_REPEAT << 3);
  const advocateAttitude = load<f64>(prm, T_ADVOCATE_ATTITUDE << 3);
  const inactivePeriods = <i32>load<f64>(prm, T_INACTIVE_PERIODS << 3);
  let sSum = load<f64>(sums, 0);
  let aSum = load<f64>(sums, 8);
  let bSum = load<f64>(sums, 16);
  let lost = 0;
  memory.fill(codes, 0, CODES << 2);
  for (let i = 0; i < n; i++) {
    const ii = <usize>i;
    const st = load<u8>(status + ii);
    if (st != STATUS_ACTIVE) {
      if (st == STATUS_LOST && t - <i32>load<i16>(lostAt + (ii << 1)) < lostWindow) lost++;
      continue;
    }
    const s = <f64>load<f32>(satisfaction + (ii << 2));
    const a = <f64>load<f32>(attitude + (ii << 2));
    sSum += s;
    aSum += a;
    bSum += <f64>load<f32>(barrier + (ii << 2));
    // satisfactionScore (world.ts)
    let score = 1 + <i32>Math.floor(s * 5);
    score = score > 5 ? 5 : score < 1 ? 1 : score;
    const repeat4 = popcnt<i32>(<i32>load<u8>(recent + ii) & 0x0f);
    const highA = a >= highAttitude;
    const highR = repeat4 >= highRepeat;
    const quadrant = highA ? (highR ? 3 : 2) : highR ? 1 : 0;
    const isCore = highA && highR;
    const isAdvocate = isCore && s >= complete && a >= advocateAttitude;
    const stage =
      <i32>load<u16>(purchases + (ii << 1)) <= 1 ? 0 : isAdvocate ? 3 : isCore ? 2 : 1;
    const tenure = t + 1 - <i32>load<i16>(joined + (ii << 1));
    const level =
      tenure <= 1
        ? 0
        : <f64>load<f32>(hazard + (ii << 2)) >= atRiskHazard
          ? 1
          : t - <i32>load<i16>(lastPurchase + (ii << 1)) >= inactivePeriods
            ? 2
            : isAdvocate
              ? 3
              : isCore
                ? 4
                : 5;
    const top = load<u8>(tier + ii) == 0 ? 1 : 0; // TIER_A
    const code = ((((score - 1) * 4 + quadrant) * 4 + stage) * 6 + level) * 2 + top;
    const at = codes + ((<usize>code) << 2);
    store<i32>(at, load<i32>(at) + 1);
  }
  store<f64>(sums, sSum, 0);
  store<f64>(sums, aSum, 8);
  store<f64>(sums, bSum, 16);
  store<i32>(counts + (C_LOST << 2), load<i32>(counts + (C_LOST << 2)) + lost);
  for (let code = 0; code < CODES; code++) {
    const k = load<i32>(codes + ((<usize>code) << 2));
    if (k == 0) continue;
    const top = code % 2;
    const level = (code / 2) % 6;
    const stage = (code / 12) % 4;
    const quadrant = (code / 48) % 4;
    const score = code / 192;
    add(counts, C_ACTIVE, k);
    if (top) add(counts, C_TOP, k);
    add(counts, C_SCORES + score, k);
    add(counts, quadrant == 3 ? C_TRUE_LOYALTY : quadrant == 2 ? C_LATENT : quadrant == 1 ? C_INERTIA : C_NO_LOYALTY, k);
    add(counts, stage == 0 ? C_FIRST_TIME : stage == 3 ? C_ADVOCATE : stage == 2 ? C_CORE : C_REPEAT, k);
    add(
      counts,
      level == 0
        ? C_FRESH
        : level == 1
          ? C_AT_RISK
          : level == 2
            ? C_INACTIVE
            : level == 3
              ? C_ADVOCATES
              : level == 4
                ? C_PYRAMID_CORE
                : C_ACTIVE_REGULARS,
      k,
    );
  }
}

const CODES = 5 * 4 * 4 * 6 * 2;

@inline
function add(counts: usize, k: i32, v: i32): void {
  const at = counts + ((<usize>k) << 2);
  store<i32>(at, load<i32>(at) + v);
}

// Stages 4-6 (satisfaction, attitude, barrier): parameters (f64, kernel.ts FOUR_PARAMS).
const F_RATE = 0;
const F_QUALITY = 1;
const F_BRAND = 2;
const F_PROMISE = 3;
const F_DRIFT = 4;
const F_LOCK_IN = 5;
const F_PAID = 6;
const F_PRICE_WEIGHT = 7;
const F_COMPLETE = 8;
const F_ATTITUDE_LOCK_IN = 9;
const F_KA_CARE = 10;
const F_BRAND_CARE = 11;
const F_GROWTH = 12;
const F_DECAY_RATE = 13;
const F_INV_NEGLECT = 14;
const F_REWARD = 15;
const F_TIERS = 16;
const F_CONTRACTS = 17;
const F_LET_GO = 18;
const F_BARRIER_DECAY = 19;
const F_HABIT = 20;
const F_POINTS = 21;
const F_CARE_WEIGHT = 32; // one per segment, then each segment's expectation

const DO_SATISFACTION = 1;
const DO_ATTITUDE = 2;
const DO_BARRIER = 4;
const FLAG_CONTACTED: u8 = 64;

@inline
function clamp01(x: f64): f64 {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * Stages 4-6 over customers 0..n-1 of the chunk, as fourToSixLoop in stages.ts. Writes one
 * record (i32 index; f64 satisfaction before and after, attitude before and after, from byte
 * 8) to `ev` for each tracked customer, whose story JavaScript writes. Returns their number.
 */
export function fourToSix(
  n: i32,
  tbl: usize,
  prm: usize,
  rng: usize,
  ev: usize,
  t: i32,
  parts: i32,
): i32 {
  const status = col(tbl, STATUS);
  const flags = col(tbl, FLAGS);
  const segment = col(tbl, SEGMENT);
  const persona = col(tbl, PERSONA);
  const satisfaction = col(tbl, SATISFACTION);
  const attitude = col(tbl, ATTITUDE);
  const barrier = col(tbl, BARRIER);
  const priceSensitivity = col(tbl, PRICE_SENSITIVITY);
  const referencePrice = col(tbl, REFERENCE_PRICE);
  const cumulativeProfit = col(tbl, CUMULATIVE_PROFIT);
  const joined = col(tbl, JOINED);
  const lastContact = col(tbl, LAST_CONTACT);
  const tier = col(tbl, TIER);

  const doSatisfaction = (parts & DO_SATISFACTION) != 0;
  const doAttitude = (parts & DO_ATTITUDE) != 0;
  const doBarrier = (parts & DO_BARRIER) != 0;
  const rate = load<f64>(prm, F_RATE << 3);
  const quality = load<f64>(prm, F_QUALITY << 3);
  const brand = load<f64>(prm, F_BRAND << 3);
  const promise = load<f64>(prm, F_PROMISE << 3);
  const drift = load<f64>(prm, F_DRIFT << 3);
  const lockIn = load<f64>(prm, F_LOCK_IN << 3);
  const paid = load<f64>(prm, F_PAID << 3);
  const priceWeight = load<f64>(prm, F_PRICE_WEIGHT << 3);
  const complete = load<f64>(prm, F_COMPLETE << 3);
  const attitudeLockIn = load<f64>(prm, F_ATTITUDE_LOCK_IN << 3);
  const kaCare = load<f64>(prm, F_KA_CARE << 3);
  const brandCare = load<f64>(prm, F_BRAND_CARE << 3);
  const growth = load<f64>(prm, F_GROWTH << 3);
  const decayRate = load<f64>(prm, F_DECAY_RATE << 3);
  const invNeglect = load<f64>(prm, F_INV_NEGLECT << 3);
  const reward = load<f64>(prm, F_REWARD << 3);
  const tiers = load<f64>(prm, F_TIERS << 3) != 0;
  const contracts = load<f64>(prm, F_CONTRACTS << 3);
  const letGo = load<f64>(prm, F_LET_GO << 3) != 0;
  const barrierDecay = load<f64>(prm, F_BARRIER_DECAY << 3);
  const habit = load<f64>(prm, F_HABIT << 3);
  const points = load<f64>(prm, F_POINTS << 3);
  const careWeight = prm + (F_CARE_WEIGHT << 3);
  const segExpectation = careWeight + (SEGMENTS << 3);
  let events = 0;
  takeRng(rng);

  for (let i = 0; i < n; i++) {
    const ii = <usize>i;
    if (load<u8>(status + ii) != STATUS_ACTIVE) continue;
    const fl = load<u8>(flags + ii);
    const tierA = load<u8>(tier + ii) == 0; // TIER_A
    let satBefore: f64 = 0;
    let satAfter: f64 = 0;
    let attBefore: f64 = 0;
    let attAfter: f64 = 0;

    if (doSatisfaction) {
      const sg = <usize>load<u8>(segment + ii);
      const ps = <f64>load<f32>(priceSensitivity + (ii << 2));
      const care =
        ((fl & FLAG_CONTACTED) != 0 ? 0.1 : 0) * (0.5 + load<f64>(careWeight + (sg << 3)));
      let value = priceWeight * ps;
      const ref = <f64>load<f32>(referencePrice + (ii << 2));
      if (ref > 0 && paid > ref) value -= 1.5 * (paid - ref);
      const expect = load<f64>(segExpectation + (sg << 3)) - 0.6 + drift + promise;
      const targetRaw = 0.62 + 1.5 * (quality + care + value + brand + lockIn - expect);
      const target = targetRaw < 0.02 ? 0.02 : targetRaw > 0.99 ? 0.99 : targetRaw;
      satBefore = <f64>load<f32>(satisfaction + (ii << 2));
      const u1 = next();
      const u2 = next();
      const noise = 0.0735 * (u1 - u2);
      satAfter = clamp01(satBefore + rate * (target - satBefore) + noise);
      store<f32>(satisfaction + (ii << 2), <f32>satAfter);
    }

    if (doAttitude) {
      const s = <f64>load<f32>(satisfaction + (ii << 2));
      const contacted: f64 = (fl & FLAG_CONTACTED) != 0 ? 0.7 : 0;
      const cared = Math.min(1, contacted + (tierA ? kaCare : 0) + brandCare);
      const grow = s >= complete ? growth * (0.25 + 0.75 * cared) : 0;
      const neglect = Math.min(
        1,
        <f64>(t - <i32>load<i16>(lastContact + (ii << 1))) * invNeglect,
      );
      const decay = -decayRate * neglect;
      const unhappy = s < 0.4 ? -0.02 : 0;
      attBefore = <f64>load<f32>(attitude + (ii << 2));
      attAfter = clamp01(attBefore + grow * (1 - attBefore) + decay - attitudeLockIn + unhappy);
      store<f32>(attitude + (ii << 2), <f32>attAfter);
    }

    if (load<u8>(persona + ii) != 0) {
      const e = ev + <usize>events * 48;
      store<i32>(e, i);
      store<f64>(e, satBefore, 8);
      store<f64>(e, satAfter, 16);
      store<f64>(e, attBefore, 24);
      store<f64>(e, attAfter, 32);
      events++;
    }

    if (doBarrier) {
      let inflow = contracts;
      if ((fl & FLAG_PURCHASED) != 0) {
        inflow += habit;
        const excluded =
          letGo &&
          load<f32>(cumulativeProfit + (ii << 2)) < 0 &&
          t - <i32>load<i16>(joined + (ii << 1)) >= 4;
        if (!excluded) inflow += points * reward * (tiers && tierA ? 1.6 : 1);
      }
      const b = <f64>load<f32>(barrier + (ii << 2));
      store<f32>(barrier + (ii << 2), <f32>clamp01(b + inflow * (1 - b) - barrierDecay * b));
    }
  }
  putRng(rng);
  return events;
}
