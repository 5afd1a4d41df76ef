// The one seeded random generator of the engine (sfc32, seeded through splitmix32).
// Seed policy: a run uses the scenario seed the learner picked; run N of a batch
// experiment uses seed base + N. The generator is passed in, never a module global.

import { cos, exp, log } from './detmath.ts';
export interface RngState {
  a: number;
  b: number;
  c: number;
  d: number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Small, fast, seedable PRNG. Same seed gives the same stream in Node and in browsers. */
export class Rng {
  // The state lives in an Int32Array, not in four number fields: V8 keeps 32-bit words there
  // unboxed, which makes a draw about five times faster (the stream is bit-for-bit the same).
  private readonly s = new Int32Array(4);

  constructor(seed: number) {
    const sm = splitmix32(seed);
    this.s[0] = sm();
    this.s[1] = sm();
    this.s[2] = sm();
    this.s[3] = sm();
    // Discard the first outputs: sfc32 mixes poorly for a few rounds after seeding.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const s = this.s;
    const a = s[0];
    const b = s[1];
    const c = s[2];
    const d = s[3];
    const t = (a + b + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Standard normal (Box–Muller; one value per call keeps the stream simple to replay). */
  normal(): number {
    let u = this.next();
    if (u < 1e-12) u = 1e-12;
    const v = this.next();
    return Math.sqrt(-2 * log(u)) * cos(2 * Math.PI * v);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Poisson draw; Knuth for small means, a rounded normal for large ones. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  getState(): RngState {
    const s = this.s;
    return { a: s[0] >>> 0, b: s[1] >>> 0, c: s[2] >>> 0, d: s[3] >>> 0 };
  }

  setState(state: RngState): void {
    this.s[0] = state.a;
    this.s[1] = state.b;
    this.s[2] = state.c;
    this.s[3] = state.d;
  }
}
