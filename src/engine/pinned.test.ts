// Saved games are replayed from their seed and decisions (History, Compare, branches), so the
// engine must give the very same runs as when they were played. These digests pin three runs
// (customers, events, the complaint inbox, tracked customers' stories): a change that moves any
// bit of any run fails here. Change them only with a change to what saved runs promise.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runFingerprint } from './fingerprint.ts';

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

describe('runs stay the same, bit for bit, across engine changes', () => {
  it.each([
    [1, 3000, 12, '5c2f6bcfd8121a07'],
    [2, 20000, 8, '611bdbfd67a5a013'],
    [3, 500, 20, '051e639f670db38f'],
  ])('seed %i, %i customers, %i periods', (seed, customers, periods, expected) => {
    expect(digest(runFingerprint(seed, customers, periods))).toBe(expected);
  });
});
