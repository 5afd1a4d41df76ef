// Invariants that must hold for any scenario parameters and any decisions: customers are
// conserved, nothing becomes NaN or leaves its bounds, and a run is a pure function of its
// seed and decisions (also across a save and a restore).
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { LEVER_CATALOGUE } from './levers.ts';
import { STATUS_ACTIVE, STATUS_LOST } from './population.ts';
import { Simulation } from './simulation.ts';
import { mixedConfig, RECOMMENDED } from './testkit.ts';
import type { EngineConfig, LeverValues, PeriodMetrics } from './types.ts';

vi.setConfig({ testTimeout: 120_000 });

const leverValues: fc.Arbitrary<LeverValues> = fc.record(
  Object.fromEntries(
    LEVER_CATALOGUE.map((l) => {
      const steps = Math.round((l.max - l.min) / l.step);
      return [
        l.id,
        fc.integer({ min: 0, max: steps }).map((k) => Math.min(l.max, l.min + k * l.step)),
      ];
    }),
  ),
  { requiredKeys: [] },
) as fc.Arbitrary<LeverValues>;

const configArb: fc.Arbitrary<EngineConfig> = fc
  .record({
    customers: fc.integer({ min: 50, max: 600 }),
    rival: fc.double({ min: 0, max: 1, noNaN: true }),
    rivalPrice: fc.double({ min: 0.6, max: 1.3, noNaN: true }),
    economy: fc.double({ min: 0.7, max: 1.6, noNaN: true }),
    churnScale: fc.double({ min: 0.1, max: 4, noNaN: true }),
    inbox: fc.integer({ min: 0, max: 8 }),
  })
  .map((r) => {
    const base = mixedConfig();
    return {
      ...base,
      customers: r.customers,
      inboxSize: r.inbox,
      market: {
        competitorAttractiveness: r.rival,
        competitorPrice: r.rivalPrice,
        economy: r.economy,
      },
      segments: base.segments.map((s) => ({
        ...s,
        baseChurn: Math.min(2, s.baseChurn * r.churnScale),
      })),
      events: [
        {
          id: 'shock',
          kind: 'qualityCrisis' as const,
          trigger: { atPeriod: 2 },
          effects: [
            { target: 'failureRate' as const, op: 'mul' as const, value: 3, duration: 2 },
            { target: 'satisfaction' as const, op: 'add' as const, value: -0.3 },
            { target: 'reputation' as const, op: 'add' as const, value: -0.5, delay: 1 },
          ],
          choices: [
            {
              id: 'recall',
              effects: [{ target: 'cash' as const, op: 'add' as const, value: -50000 }],
            },
            {
              id: 'deny',
              effects: [
                { target: 'churn' as const, op: 'mul' as const, value: 2, delay: 1, duration: 3 },
              ],
            },
          ],
        },
      ],
    };
  });

function checkBounds(sim: Simulation, m: PeriodMetrics): void {
  const { cols: c, count } = sim.population;
  let active = 0;
  for (let i = 0; i < count; i++) {
    expect(c.status[i] === STATUS_ACTIVE || c.status[i] === STATUS_LOST).toBe(true);
    if (c.status[i] === STATUS_ACTIVE) active++;
    for (const col of [c.satisfaction, c.attitude, c.barrier, c.hazard, c.priceSensitivity]) {
      const v = col[i];
      if (!(v >= 0 && v <= 1)) throw new Error(`customer ${i}: value ${v} out of [0, 1]`);
    }
    if (!Number.isFinite(c.cumulativeProfit[i]) || !Number.isFinite(c.cumulativeRevenue[i]))
      throw new Error(`customer ${i}: money not finite`);
  }
  expect(m.active).toBe(active);
  const walk = (x: unknown, path: string): void => {
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new Error(`${path} is ${x}`);
    } else if (x && typeof x === 'object')
      for (const [k, v] of Object.entries(x)) walk(v, `${path}.${k}`);
  };
  walk(m, 'metrics');
  expect(m.retentionRate).toBeGreaterThanOrEqual(0);
  expect(m.retentionRate).toBeLessThanOrEqual(1);
  expect(m.satisfactionScores.reduce((a, b) => a + b, 0)).toBe(active);
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  expect(sum(m.matrix)).toBe(active);
  expect(sum(m.pyramid) - m.pyramid.lost - m.pyramid.onlookers).toBe(active);
  expect(sum(m.ladder) - m.ladder.prospect - m.ladder.target).toBe(active);
}

describe('invariants under any parameters and decisions', () => {
  it('customers are conserved, no NaN or Infinity anywhere, every bounded quantity stays in bounds', () => {
    fc.assert(
      fc.property(
        configArb,
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(leverValues, { minLength: 6, maxLength: 6 }),
        (config, seed, plan) => {
          const sim = Simulation.create(config, seed, { enforceBudget: false });
          let won = config.customers;
          let lost = 0;
          for (const levers of plan) {
            const inbox = sim.pendingComplaints();
            const responses = Object.fromEntries(
              inbox.map((r, k) => [
                r.id,
                {
                  action: (
                    ['apologise', 'compensate', 'fixRootCause', 'escalate', 'ignore'] as const
                  )[k % 5],
                  hours: 1 + ((k * 37) % 200),
                },
              ]),
            );
            const m = sim.step({
              levers,
              complaintResponses: responses,
              eventChoices: sim.pendingEvents().length
                ? { shock: seed % 2 ? 'recall' : 'deny' }
                : {},
            });
            won += m.newCustomers;
            lost += m.lost;
            // Every customer ever won is either active or lost.
            expect(sim.population.count).toBe(won);
            expect(m.active + lost).toBe(won);
            checkBounds(sim, m);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('same scenario, seed and decisions give the same run, bit for bit; a restored snapshot continues identically', () => {
    fc.assert(
      fc.property(
        configArb,
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(leverValues, { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        (config, seed, plan, cut) => {
          const run = () => {
            const sim = Simulation.create(config, seed, { enforceBudget: false });
            for (const levers of plan) sim.step({ levers });
            return sim;
          };
          const a = run();
          const b = run();
          expect(JSON.stringify(b.history)).toBe(JSON.stringify(a.history));
          expect(JSON.stringify(b.personas())).toBe(JSON.stringify(a.personas()));

          const first = Simulation.create(config, seed, { enforceBudget: false });
          for (const levers of plan.slice(0, cut)) first.step({ levers });
          const snap = structuredClone(first.snapshot());
          const resumed = Simulation.restore(config, snap, { enforceBudget: false });
          for (const levers of plan.slice(cut)) resumed.step({ levers });
          expect(JSON.stringify(resumed.history)).toBe(JSON.stringify(a.history));
          expect(
            Array.from(resumed.population.cols.satisfaction.slice(0, resumed.population.count)),
          ).toEqual(Array.from(a.population.cols.satisfaction.slice(0, a.population.count)));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('replaying the decision log from the start reproduces a run (branching a run from a round)', () => {
    const config = mixedConfig({ customers: 500 });
    const sim = Simulation.create(config, 9);
    for (let p = 0; p < 5; p++) sim.step({ levers: p % 2 ? RECOMMENDED : {} });
    const replayed = Simulation.replay(config, 9, sim.decisionLog.slice(0, 3));
    expect(JSON.stringify(replayed.history)).toBe(JSON.stringify(sim.history.slice(0, 3)));
    // Branch: a different decision in round 4 gives a different future from the same past.
    replayed.step({ levers: { ...RECOMMENDED, acquisitionSpend: 1 } });
    expect(replayed.history[3].newFromAcquisition).toBeGreaterThan(
      sim.history[3].newFromAcquisition,
    );
  });
});

describe('decisions are checked, never silently clamped', () => {
  it('over-budget, out-of-range, unknown levers and unknown event choices are refused with their path', () => {
    const config = mixedConfig({ customers: 300, budgetPerPeriod: 50000 });
    const sim = Simulation.create(config, 1);
    const problems = sim.checkDecisions({
      levers: { serviceQuality: 1.5, nonsense: 1 } as LeverValues,
      eventChoices: { nope: 'x' },
    });
    expect(problems.map((p) => `${p.code}@${p.path}`).sort()).toEqual([
      'eventUnknown@eventChoices.nope',
      'leverRange@levers.serviceQuality',
      'leverUnknown@levers.nonsense',
    ]);
    const over = sim.checkDecisions({ levers: { acquisitionSpend: 1 } });
    // The overspend is reported in money, counting every lever the scenario sets by default too.
    const { total } = sim.costOf({ acquisitionSpend: 1 });
    expect(total).toBeGreaterThan(200000);
    expect(over).toEqual([
      { code: 'overBudget', path: 'levers', detail: Math.round(total - 50000) },
    ]);
    expect(() => sim.step({ levers: { acquisitionSpend: 1 } })).toThrow(/overBudget/);
    expect(sim.period).toBe(0);
  });
});

describe('the plain decision view a Web Worker sends', () => {
  it('checks decisions exactly as the engine does, after a structured clone', async () => {
    const { checkDecisionsFor } = await import('./simulation.ts');
    const config = mixedConfig({ customers: 300, budgetPerPeriod: 120000, inboxSize: 4 });
    const sim = Simulation.create(config, 2);
    sim.step({ levers: { feedbackChannels: 3 } });
    expect(sim.pendingComplaints().length).toBeGreaterThan(0);
    const view = structuredClone(sim.decisionView());
    const inbox = sim.pendingComplaints();
    const samples = [
      { levers: {} },
      { levers: { acquisitionSpend: 1 } },
      { levers: { serviceQuality: 2 } },
      {
        levers: {},
        complaintResponses: { [inbox[0]?.id ?? 'x']: { action: 'ignore' as const, hours: 5 } },
      },
      { levers: {}, complaintResponses: { bogus: { action: 'apologise' as const, hours: 5 } } },
    ];
    for (const d of samples) expect(checkDecisionsFor(view, d)).toEqual(sim.checkDecisions(d));
    expect(checkDecisionsFor(view, { levers: { acquisitionSpend: 1 } })[0].code).toBe('overBudget');
  });
});
