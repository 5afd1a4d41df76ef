// The bank-downturn scenario (scenarios/bank-downturn.json) teaches the window-closing bank
// of the textbook (C9): in a recession, cutting service costs more than it saves, and churn is
// diagnosed before it is treated. Checked on seeds 1-3, changing one answer at a time.

import { describe, expect, it } from 'vitest';
import type { PeriodMetrics } from '../engine/types.ts';
import { last, shippedScenario } from './shippedKit.ts';

const { scenario, reference, play: run } = shippedScenario('bank-downturn');
const recommended = reference('recommended');

/** The recommended policy with one event answered differently. */
function play(seed: number, event?: string, answer?: string): PeriodMetrics[] {
  const eventChoices = {
    ...recommended.eventChoices,
    ...(event && answer ? { [event]: answer } : {}),
  };
  return run({ ...recommended, eventChoices }, seed);
}
const lost = (h: PeriodMetrics[]) => h.reduce((a, m) => a + m.lost, 0);

describe.each([1, 2, 3])('bank-downturn, seed %i', (seed) => {
  const textbook = play(seed);

  it('closing windows saves every quarter, yet ends with less profit and more customers lost than cutting elsewhere', () => {
    const closed = play(seed, 'cost-target', 'close-windows');
    const backOffice = play(seed, 'cost-target', 'cut-back-office');
    expect(last(closed).cumulativeProfit).toBeLessThan(last(backOffice).cumulativeProfit);
    expect(lost(closed)).toBeGreaterThan(lost(backOffice) + 100);
  });

  it('diagnosing why customers leave keeps more of them than assuming it is price', () => {
    const feeCut = play(seed, 'why-leaving', 'cut-fees');
    expect(lost(feeCut)).toBeGreaterThan(lost(textbook) + 20);
    expect(last(feeCut).cumulativeProfit).toBeLessThan(last(textbook).cumulativeProfit);
  });

  it('cutting counters and care loses over a third of the base, most of it to neglect', () => {
    const cut = run(reference('naive-cut-counters'), seed);
    expect(last(cut).active).toBeLessThan((2 / 3) * scenario.setting.customers);
    const neglect = cut.reduce((a, m) => a + (m.lostReasons.neglect ?? 0), 0);
    expect(neglect).toBeGreaterThan(0.4 * lost(cut));
  });
});
