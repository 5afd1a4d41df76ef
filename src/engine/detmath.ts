// Deterministic exp, log and cos for the engine. Math.exp and friends are not required to be
// correctly rounded, and V8 versions differ in the last bit (Node 20 and Chromium 156 do), so
// a run would not be bit-identical across platforms. These use only +, -, *, / and exact bit
// manipulation, which IEEE 754 defines exactly, so every platform gives the same bits.
// Accuracy: within a few units in the last place of the true value.

// One 8-byte buffer seen as a double and as two 32-bit words (typed arrays are much faster
// than a DataView here); HI is the index of the word that holds the sign and exponent.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
F64[0] = 1;
const HI = U32[1] === 0x3ff00000 ? 1 : 0;

/** 2^k for integer k in [-1022, 1023], built once from exact halvings and doublings. */
const POW2 = (() => {
  const t = new Float64Array(2046);
  t[1022] = 1;
  for (let k = 1; k <= 1023; k++) t[1022 + k] = t[1022 + k - 1] * 2;
  for (let k = 1; k <= 1022; k++) t[1022 - k] = t[1022 - k + 1] / 2;
  return t;
})();

function pow2(k: number): number {
  return POW2[k + 1022];
}

// Cody–Waite split of ln 2 (fdlibm): k * LN2_HI is exact for |k| < 2^11.
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const C3 = 1 / 3;
const C4 = 1 / 4;
const C5 = 1 / 5;
const C6 = 1 / 6;
const C7 = 1 / 7;
const C8 = 1 / 8;
const C9 = 1 / 9;
const C10 = 1 / 10;
const C11 = 1 / 11;
const C12 = 1 / 12;
const C13 = 1 / 13;
const C14 = 1 / 14;

export function exp(x: number): number {
  if (x !== x) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  // Taylor series to r^14 / 14!: |r| <= 0.35 makes the remainder below 1e-17. The
  // reciprocals are constants, so every platform multiplies by the same numbers.
  let p = 1 + r * C14;
  p = 1 + r * C13 * p;
  p = 1 + r * C12 * p;
  p = 1 + r * C11 * p;
  p = 1 + r * C10 * p;
  p = 1 + r * C9 * p;
  p = 1 + r * C8 * p;
  p = 1 + r * C7 * p;
  p = 1 + r * C6 * p;
  p = 1 + r * C5 * p;
  p = 1 + r * C4 * p;
  p = 1 + r * C3 * p;
  p = 1 + r * 0.5 * p;
  p = 1 + r * p;
  if (k > 1023) return p * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return p * pow2(-1022) * pow2(k + 1022);
  return p * pow2(k);
}

const SQRT2 = 1.4142135623730951;
const R25 = 1 / 25;
const R23 = 1 / 23;
const R21 = 1 / 21;
const R19 = 1 / 19;
const R17 = 1 / 17;
const R15 = 1 / 15;
const R13 = 1 / 13;
const R11 = 1 / 11;
const R9 = 1 / 9;
const R7 = 1 / 7;
const R5 = 1 / 5;
const R3 = 1 / 3;

export function log(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    // Subnormal: scale into the normal range first (exact).
    x *= 18014398509481984; // 2^54
    e = -54;
  }
  F64[0] = x;
  const hi = U32[HI];
  e += ((hi >>> 20) & 0x7ff) - 1023;
  // Mantissa in [1, 2): same bits with the exponent of 1.
  U32[HI] = ((hi & 0x000fffff) | 0x3ff00000) >>> 0;
  let m = F64[0];
  if (m > SQRT2) {
    m /= 2;
    e += 1;
  }
  // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.172: the series to s^25 is enough.
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  // Unrolled with the reciprocals as constants: the same numbers 1 / n, without 12 divisions.
  let q = R25;
  q = R23 + s2 * q;
  q = R21 + s2 * q;
  q = R19 + s2 * q;
  q = R17 + s2 * q;
  q = R15 + s2 * q;
  q = R13 + s2 * q;
  q = R11 + s2 * q;
  q = R9 + s2 * q;
  q = R7 + s2 * q;
  q = R5 + s2 * q;
  q = R3 + s2 * q;
  q = 1 + s2 * q;
  const logm = 2 * s * q;
  return e * LN2_HI + (e * LN2_LO + logm);
}

const HALF_PI = 1.5707963267948966;

/** cos(x) for |x| up to about 1e6; the engine only needs cos(2 pi v), v in [0, 1). */
export function cos(x: number): number {
  if (x !== x || x === Infinity || x === -Infinity) return NaN;
  const q = Math.round(x / HALF_PI);
  const r = x - q * HALF_PI;
  const r2 = r * r;
  // Taylor series of sin and cos on |r| <= pi/4, to r^18.
  let c = 1 - r2 / (17 * 18);
  c = 1 - (r2 / (15 * 16)) * c;
  c = 1 - (r2 / (13 * 14)) * c;
  c = 1 - (r2 / (11 * 12)) * c;
  c = 1 - (r2 / (9 * 10)) * c;
  c = 1 - (r2 / (7 * 8)) * c;
  c = 1 - (r2 / (5 * 6)) * c;
  c = 1 - (r2 / (3 * 4)) * c;
  c = 1 - (r2 / 2) * c;
  let sn = 1 - r2 / (18 * 19);
  sn = 1 - (r2 / (16 * 17)) * sn;
  sn = 1 - (r2 / (14 * 15)) * sn;
  sn = 1 - (r2 / (12 * 13)) * sn;
  sn = 1 - (r2 / (10 * 11)) * sn;
  sn = 1 - (r2 / (8 * 9)) * sn;
  sn = 1 - (r2 / (6 * 7)) * sn;
  sn = 1 - (r2 / (4 * 5)) * sn;
  sn = 1 - (r2 / (2 * 3)) * sn;
  sn = r * sn;
  switch (((q % 4) + 4) % 4) {
    case 0:
      return c;
    case 1:
      return -sn;
    case 2:
      return -c;
    default:
      return sn;
  }
}

// A faster exp for hot loops that only need to know which side of a threshold a result
// falls on. Table-driven: x = (64m + j) ln2/64 + r with |r| <= ln2/128, so
// e^x = 2^m * 2^(j/64) * e^r, and e^r needs five terms instead of fourteen. Its relative
// error is below EXP_FAST_ERROR on every platform (only +, -, *, / again), but its bits are
// not exp's: a caller uses it to decide, and falls back to exp whenever the decision is
// within EXP_FAST_ERROR of the threshold (see stageDefection), so results stay exp's.

/** A bound on |expFast(x) / exp(x) - 1|, with a wide margin (the measured error is ~1e-15). */
export const EXP_FAST_ERROR = 1e-12;

const LN2_HI_64 = LN2_HI / 64;
const LN2_LO_64 = LN2_LO / 64;
const INV_LN2_64 = 64 * INV_LN2;
/** 2^(j/64) for j = 0..63, built with exp so the table is the same everywhere. */
export const EXP_TABLE = (() => {
  const t = new Float64Array(64);
  for (let j = 0; j < 64; j++) t[j] = exp((j * LN2_HI + j * LN2_LO) / 64);
  return t;
})();

export function expFast(x: number): number {
  // Outside this range (and for NaN) the exact function answers.
  if (!(x > -700 && x < 700)) return exp(x);
  const k = Math.round(x * INV_LN2_64);
  // k * LN2_HI_64 is exact: LN2_HI has 21 trailing zero bits and |k| < 2^17.
  const r = x - k * LN2_HI_64 - k * LN2_LO_64;
  const j = k & 63;
  const m = (k - j) / 64;
  const r2 = r * r;
  const p = 1 + r + r2 * (0.5 + r * C6) + r2 * r2 * (C4 * C6 + r * (C5 * C4 * C6));
  return p * EXP_TABLE[j] * POW2[m + 1022];
}
