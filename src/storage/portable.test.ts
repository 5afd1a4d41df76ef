import { describe, expect, it } from 'vitest';
import { randomId, sha256, sha256Js } from './portable.ts';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('ids and checksums without a secure context (plain-http intranet)', () => {
  it('the JS SHA-256 gives the standard digests and matches crypto.subtle', async () => {
    expect(hex(sha256Js(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(sha256Js(new Uint8Array(0)))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    for (const text of [
      '客户忠诚实验室 Loyalty Lab',
      'x'.repeat(55),
      'y'.repeat(56),
      'z'.repeat(64),
      '{"a":1}'.repeat(999),
    ]) {
      const bytes = new TextEncoder().encode(text);
      expect(hex(sha256Js(bytes))).toBe(
        hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))),
      );
    }
  });

  it('falls back to the JS digest and to getRandomValues ids when the page lacks them', async () => {
    const real = globalThis.crypto;
    const insecure = { getRandomValues: real.getRandomValues.bind(real) } as Crypto;
    Object.defineProperty(globalThis, 'crypto', { value: insecure, configurable: true });
    try {
      const id = randomId();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(randomId()).not.toBe(id);
      expect(hex(await sha256(new TextEncoder().encode('abc')))).toBe(
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      );
    } finally {
      Object.defineProperty(globalThis, 'crypto', { value: real, configurable: true });
    }
  });
});
