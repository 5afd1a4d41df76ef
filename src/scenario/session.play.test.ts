// The whole session, headless: the sandbox (small base, test-only reference policies until
// the sandbox has its own) played through the machine from briefing to finished, once with
// the recommended policy and once with the naive one, on several seeds. The recommended
// policy must score higher on every seed tried.

import { describe, expect, it } from 'vitest';
import { startSession } from './session.ts';
import {
  fixture,
  planOf,
  playQuiz,
  playToDebrief,
  smallSandbox,
  TEST_NAIVE,
  TEST_RECOMMENDED,
} from './sessionFixtures.ts';
import type { ReferencePolicy } from './types.ts';

async function play(policy: ReferencePolicy, seed: number) {
  const f = fixture(smallSandbox(400), seed);
  const actor = startSession(f, seed);
  expect(actor.getSnapshot().value).toBe('briefing');
  await playToDebrief(actor, planOf(policy));
  playQuiz(actor, () => 0);
  const s = actor.getSnapshot();
  expect(s.value).toBe('finished');
  expect(s.context.rounds).toHaveLength(f.scenario.meta.periods);
  actor.stop();
  return s.context.debrief!;
}

describe('the sandbox, briefing to finished', () => {
  for (const seed of [1, 2, 3]) {
    it(`recommended beats naive on seed ${seed}`, async () => {
      const rec = await play(TEST_RECOMMENDED, seed);
      const naive = await play(TEST_NAIVE, seed);
      expect(rec.learner.score.total).toBeGreaterThan(naive.learner.score.total);
      // The debrief's headless references agree with the runs played through the machine.
      expect(rec.recommended!.score.total).toBe(rec.learner.score.total);
      expect(naive.naive!.score.total).toBe(naive.learner.score.total);
      expect(rec.vsNaive!.score).toBeGreaterThan(0);
      expect(naive.vsRecommended!.score).toBeLessThan(0);
      // Below the textbook policy, the scenario's concepts come up for revision.
      expect(naive.concepts).toEqual(expect.arrayContaining(smallSandbox().meta.concepts));
    });
  }
});
