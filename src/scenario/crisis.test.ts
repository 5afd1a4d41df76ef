// The crisis scenario (scenarios/crisis-trust.json) teaches D8 of numbers.md: concealing or
// downplaying a crisis makes it worse, while fast, honest action keeps trust. Here only the
// first answer to the crisis differs; levers and the later answers are the recommended ones.

import { describe, expect, it } from 'vitest';
import type { PeriodMetrics } from '../engine/types.ts';
import { last, shippedScenario } from './shippedKit.ts';

const { reference, play: run } = shippedScenario('crisis-trust');
const recommended = reference('recommended');

function play(answer: string, seed: number): PeriodMetrics[] {
  return run(
    { ...recommended, eventChoices: { ...recommended.eventChoices, 'dye-found': answer } },
    seed,
  );
}

/** Profit over months `from`..`to` (0-based periods, inclusive). */
const profit = (h: PeriodMetrics[], from: number, to: number) =>
  h.slice(from, to + 1).reduce((sum, m) => sum + m.profit, 0);

describe.each([1, 2, 3])('crisis-trust, seed %i: the first answer to the dye', (seed) => {
  const recall = play('recall-now', seed);
  const quiet = play('quiet-fix', seed);
  const downplay = play('downplay', seed);

  it('downplaying looks cheaper for months, then costs more profit, customers and trust', () => {
    // The trap: no recall bill, so months 2-6 earn more than the recall's.
    expect(profit(downplay, 1, 5)).toBeGreaterThan(profit(recall, 1, 5));
    // Then the forced withdrawal: over the ten months it is behind on everything.
    expect(last(downplay).cumulativeProfit).toBeLessThan(last(recall).cumulativeProfit);
    expect(last(downplay).active).toBeLessThan(last(recall).active - 200);
    expect(last(downplay).reputation).toBeLessThan(last(recall).reputation - 0.1);
  });

  it('a quiet fix, once found out, leaves less trust and fewer customers than owning up', () => {
    expect(last(quiet).reputation).toBeLessThan(last(recall).reputation - 0.05);
    expect(last(quiet).active).toBeLessThan(last(recall).active - 200);
    // The recall is paid once; the customers it kept earn more every month at the end.
    expect(profit(quiet, 6, 9)).toBeLessThan(profit(recall, 6, 9));
  });

  it('owning up brings reputation back to where it was before the crisis', () => {
    const before = recall[0].reputation;
    expect(recall[1].reputation).toBeLessThan(before - 0.1); // the news hurts whatever you do
    expect(last(recall).reputation).toBeGreaterThanOrEqual(before - 0.02);
  });
});
