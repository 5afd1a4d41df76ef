// The whole session, headless: a scenario played through the machine from briefing to
// finished, once with the recommended policy and once with a naive one, on several seeds.
// The recommended policy must score higher on every seed tried.
// - the sandbox, small, with test-only reference policies;
// - every shipped taught scenario (scenarios/*.json, read when the tests run), with its own
//   recommended policy and its first naive one, on its own customer count: events answered
//   and complaints handled as the policy says, the quiz answered, and the score the session
//   records equal to runScenario's for the same seed and policy.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { isTaught } from './audit.ts';
import { runScenario, type RunResult } from './headless.ts';
import { policyOf } from './policy.ts';
import { startSession } from './session.ts';
import { referencePolicies, type ReferenceRunner } from './sessionReference.ts';
import {
  fixture,
  planOf,
  playQuiz,
  playToDebrief,
  smallSandbox,
  TEST_NAIVE,
  TEST_RECOMMENDED,
} from './fixtures.ts';
import type { ReferencePolicy, Scenario } from './types.ts';
import { loadScenario } from './validate.ts';

// A shipped scenario's session is a dozen periods of a few thousand customers, twice per seed.
vi.setConfig({ testTimeout: 240_000 });

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

// ---------------------------------------------------------------- shipped scenarios

const dir = new URL('../../scenarios/', import.meta.url);
const shipped = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, loaded: loadScenario(readFileSync(new URL(file, dir), 'utf8')) }))
  // The sandbox has no story to play; a file that does not load fails in shipped.test.ts.
  .filter(({ file }) => isTaught({ id: file.replace(/\.json$/, '') }));

/** runScenario once per policy and seed: the expected score, and the debrief's reference run. */
function runs(scenario: Scenario) {
  const cache = new Map<string, RunResult>();
  const run = (policy: ReferencePolicy, seed: number) => {
    const key = `${policy.id}@${seed}`;
    let r = cache.get(key);
    if (!r) cache.set(key, (r = runScenario(scenario, { seed, policy: policyOf(policy) })));
    return r;
  };
  const runner: ReferenceRunner = (policy, seed) => run(policy, seed).periods;
  return { run, runner };
}

async function playShipped(
  scenario: Scenario,
  policy: ReferencePolicy,
  seed: number,
  runner: ReferenceRunner,
) {
  const f = { ...fixture(scenario, seed), runReference: runner };
  const actor = startSession(f, seed);
  const visited = new Set<string>();
  const sub = actor.subscribe((s) =>
    visited.add(typeof s.value === 'string' ? s.value : Object.keys(s.value)[0]),
  );
  visited.add(actor.getSnapshot().value as string);
  await playToDebrief(actor, planOf(policyOf(policy)));
  // The quiz answered: right on even questions, wrong (the next option) on odd ones.
  const key = scenario.quiz;
  playQuiz(actor, (i) =>
    i % 2 === 0 ? key[i].answer : (key[i].answer + 1) % key[i].options.length,
  );
  const s = actor.getSnapshot();
  sub.unsubscribe();
  actor.stop();
  expect(s.value).toBe('finished');
  expect(s.context.error).toBeNull();
  expect(s.context.rounds).toHaveLength(scenario.meta.periods);
  expect(s.context.quiz.answers).toHaveLength(key.length);
  expect(s.context.quiz.correct).toBe(Math.ceil(key.length / 2));
  const states = ['briefing', 'round', 'simulating', 'roundReport', 'debrief', 'finished'];
  if (key.length) states.push('quiz');
  expect([...visited]).toEqual(expect.arrayContaining(states));
  return { debrief: s.context.debrief!, history: [...f.engine.history()] };
}

for (const { file, loaded } of shipped) {
  describe(`scenarios/${file}, briefing to finished`, () => {
    if (!loaded.ok) {
      it('loads', () => expect(loaded.problems.map((p) => p.message.en)).toEqual([]));
      return;
    }
    const scenario = loaded.scenario;
    const { recommended, naive } = referencePolicies(scenario);
    const { run, runner } = runs(scenario);
    for (const seed of [1, 2, 3]) {
      it(`recommended beats ${naive?.id ?? 'the naive policy'} on seed ${seed}; scores as runScenario's`, async () => {
        expect(recommended, 'a recommended policy').toBeDefined();
        expect(naive, 'a naive policy').toBeDefined();
        const rec = await playShipped(scenario, recommended!, seed, runner);
        const nai = await playShipped(scenario, naive!, seed, runner);
        // The session records the score runScenario gives the same seed and policy.
        expect(rec.debrief.learner.score.total).toBe(run(recommended!, seed).final.score);
        expect(nai.debrief.learner.score.total).toBe(run(naive!, seed).final.score);
        expect(rec.history).toEqual(run(recommended!, seed).periods);
        expect(nai.history).toEqual(run(naive!, seed).periods);
        expect(
          rec.debrief.learner.score.total,
          `recommended ${rec.debrief.learner.score.total.toFixed(1)} vs ${naive!.id} ${nai.debrief.learner.score.total.toFixed(1)}`,
        ).toBeGreaterThan(nai.debrief.learner.score.total);
        expect(rec.debrief.vsRecommended!.score).toBe(0);
        expect(nai.debrief.vsNaive!.score).toBe(0);
        expect(rec.debrief.vsNaive!.score).toBeGreaterThan(0);
      });
    }
  });
}
