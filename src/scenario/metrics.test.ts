// Tests for the metric namespace and the score, on real engine runs of the sandbox scenario.
import { beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation.ts';
import type { EngineConfig, PeriodMetrics } from '../engine/types.ts';
import sandbox from '../../scenarios/sandbox.json' with { type: 'json' };
import {
  isKnownRoundMetric,
  isKnownRunMetric,
  LOST_REASON_KEYS,
  NON_NUMERIC_METRIC_KEYS,
  roundMetric,
  roundMetricKeys,
  RUN_AGGREGATE_KEYS,
  runMetric,
  scoreRun,
} from './metrics.ts';
import type { Objective } from './types.ts';

const config: EngineConfig = {
  periods: 12,
  periodUnit: 'quarter',
  customers: 300,
  budgetPerPeriod: sandbox.setting.budgetPerPeriod,
  segments: sandbox.segments,
  initial: sandbox.setting.initial,
  market: sandbox.setting.market,
  levers: sandbox.levers as EngineConfig['levers'],
  events: [],
  complaintTypes: sandbox.complaintTypes,
  inboxSize: 0,
  personas: [],
};
const complaintTypes = sandbox.complaintTypes.map((c) => c.id);

let history: readonly PeriodMetrics[] = [];
beforeAll(() => {
  const sim = Simulation.create(config, 7);
  for (let p = 0; p < config.periods; p++) sim.step({ levers: {} });
  history = sim.history;
});

/** Every numeric leaf of a real metrics object, as dotted keys. */
function numericLeaves(value: unknown, prefix = ''): string[] {
  if (typeof value === 'number') return [prefix];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => numericLeaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('round metric keys match the real PeriodMetrics shape', () => {
  it('knows every numeric leaf a real run produces', () => {
    const leaves = new Set(history.flatMap((m) => numericLeaves(m)));
    expect(leaves.size).toBeGreaterThan(60);
    for (const key of leaves) expect(isKnownRoundMetric(key, { complaintTypes }), key).toBe(true);
  });

  it('lists only keys a real metrics object has (lostReasons is sparse)', () => {
    const m = history[history.length - 1];
    const leaves = new Set(numericLeaves(m));
    for (const key of roundMetricKeys({ complaintTypes })) {
      if (key.startsWith('lostReasons.')) continue;
      expect(leaves.has(key), key).toBe(true);
    }
    const top = Object.keys(m).filter(
      (k) => !(NON_NUMERIC_METRIC_KEYS as readonly string[]).includes(k),
    );
    for (const k of top)
      expect(
        roundMetricKeys({ complaintTypes }).some((key) => key === k || key.startsWith(`${k}.`)),
        k,
      ).toBe(true);
  });

  it('refuses names that are not metrics', () => {
    for (const bad of [
      '',
      'activ',
      'pyramid',
      'pyramid.nobody',
      'satisfactionScores.5',
      'costs.total',
      'eventsFired',
      'delta.',
      'delta.delta.active',
      '__proto__',
      'constructor',
      'levers.notALever',
      'complaintTypes.unknown',
    ])
      expect(isKnownRoundMetric(bad, { complaintTypes }), bad).toBe(false);
    expect(isKnownRoundMetric('complaintTypes.anything')).toBe(true);
    expect(isKnownRoundMetric('complaintTypes.a.b')).toBe(false);
  });
});

describe('roundMetric', () => {
  it('reads scalars, dotted keys and score buckets', () => {
    const m = history[3];
    expect(roundMetric(history, 3, 'active')).toBe(m.active);
    expect(roundMetric(history, 3, 'pyramid.atRisk')).toBe(m.pyramid.atRisk);
    expect(roundMetric(history, 3, 'costs.acquisition')).toBe(m.costs.acquisition);
    expect(roundMetric(history, 3, 'satisfactionScores.4')).toBe(m.satisfactionScores[4]);
    expect(roundMetric(history, 3, 'levers.serviceQuality')).toBe(0.3);
    expect(roundMetric(history, 3, 'complaintTypes.defect')).toBe(m.complaintTypes.defect);
  });

  it('reads every lost reason (0 when nobody left for it) and an unknown one as undefined', () => {
    for (const m of history)
      expect(Object.keys(m.lostReasons).sort()).toEqual([...LOST_REASON_KEYS].sort());
    const unused = LOST_REASON_KEYS.find((r) => history.every((m) => m.lostReasons[r] === 0));
    expect(unused).toBeDefined();
    expect(roundMetric(history, 5, `lostReasons.${unused}`)).toBe(0);
    expect(roundMetric(history, 5, 'lostReasons.bogus')).toBeUndefined();
  });

  it('computes deltas from the round before, none in round 0', () => {
    expect(roundMetric(history, 4, 'delta.active')).toBe(history[4].active - history[3].active);
    expect(roundMetric(history, 4, 'delta.pyramid.core')).toBe(
      history[4].pyramid.core - history[3].pyramid.core,
    );
    expect(roundMetric(history, 0, 'delta.active')).toBeUndefined();
  });

  it('is undefined outside the history or for unknown keys', () => {
    expect(roundMetric(history, 99, 'active')).toBeUndefined();
    expect(roundMetric(history, -1, 'active')).toBeUndefined();
    expect(roundMetric(history, 1, 'nope')).toBeUndefined();
    expect(roundMetric(history, 1, 'constructor')).toBeUndefined();
  });
});

describe('run metrics', () => {
  it('aggregates over the whole run', () => {
    const last = history[history.length - 1];
    const total = (f: (m: PeriodMetrics) => number) => history.reduce((a, m) => a + f(m), 0);
    expect(runMetric(history, 'cumulativeProfit')).toBeCloseTo(
      total((m) => m.profit),
      3,
    );
    expect(runMetric(history, 'meanRetentionRate')).toBeCloseTo(
      total((m) => m.retentionRate) / history.length,
      12,
    );
    expect(runMetric(history, 'finalActive')).toBe(last.active);
    expect(runMetric(history, 'finalSatisfaction')).toBe(last.satisfactionMean);
    expect(runMetric(history, 'meanSatisfaction')).toBeCloseTo(
      total((m) => m.satisfactionMean) / history.length,
      12,
    );
    expect(runMetric(history, 'totalLost')).toBe(total((m) => m.lost));
    expect(runMetric(history, 'totalLostSatisfied')).toBe(total((m) => m.lostSatisfied));
    expect(runMetric(history, 'totalComplaints')).toBe(total((m) => m.complaints));
    expect(runMetric(history, 'totalReferrals')).toBe(total((m) => m.referrals));
    expect(runMetric(history, 'totalNewCustomers')).toBe(total((m) => m.newCustomers));
    const resolved = total((m) => m.complaintsResolved);
    expect(runMetric(history, 'meanRecoveryRate')).toBeCloseTo(
      resolved ? total((m) => m.complaintsRecovered) / resolved : 0,
      12,
    );
    expect(runMetric(history, 'final.pyramid.core')).toBe(last.pyramid.core);
    expect(runMetric(history, 'pyramid.core')).toBe(last.pyramid.core);
    for (const k of RUN_AGGREGATE_KEYS)
      expect(Number.isFinite(runMetric(history, k)), k).toBe(true);
  });

  it('knows aggregates and final.<round key>, not deltas or junk', () => {
    for (const k of RUN_AGGREGATE_KEYS) expect(isKnownRunMetric(k)).toBe(true);
    expect(isKnownRunMetric('final.costs.crm')).toBe(true);
    expect(isKnownRunMetric('active')).toBe(true);
    expect(isKnownRunMetric('delta.active')).toBe(false);
    expect(isKnownRunMetric('final.delta.active')).toBe(false);
    expect(isKnownRunMetric('totalProfit')).toBe(false);
    expect(isKnownRunMetric('toString')).toBe(false);
    expect(runMetric([], 'totalLost')).toBeUndefined();
  });
});

describe('scoreRun', () => {
  const obj = (
    metric: string,
    target: number,
    floor: number,
    weight = 1,
    id = metric,
  ): Objective => ({
    id,
    label: { 'zh-CN': metric, en: metric },
    metric,
    target,
    floor,
    weight,
  });

  it('gives 100 when every target is met exactly and caps at 120', () => {
    const last = history[history.length - 1];
    expect(scoreRun([obj('finalActive', last.active, 0)], history).total).toBeCloseTo(100, 9);
    expect(scoreRun([obj('finalActive', last.active / 2, 0)], history).total).toBeCloseTo(120, 9);
    expect(scoreRun([obj('finalActive', last.active * 4, 0)], history).total).toBeCloseTo(25, 9);
  });

  it('weights the parts and handles lower-is-better objectives', () => {
    const lost = runMetric(history, 'totalLost') ?? 0;
    const s = scoreRun(
      [obj('totalLost', lost / 2, lost * 1.5, 3, 'few-lost'), obj('nonsense', 1, 0, 1)],
      history,
    );
    // (lost - 1.5 lost) / (0.5 lost - 1.5 lost) = 0.5, weight 3 of 4.
    expect(s.parts[0].fraction).toBeCloseTo(0.5, 9);
    expect(s.parts[0].points).toBeCloseTo(37.5, 9);
    expect(s.parts[1]).toMatchObject({ value: null, fraction: 0, points: 0 });
    expect(s.total).toBeCloseTo(37.5, 9);
  });

  it('scores the sandbox objectives on a real run between 0 and 120', () => {
    const s = scoreRun(sandbox.objectives, history);
    expect(s.parts.map((p) => p.id)).toEqual(['profit', 'retention']);
    expect(s.total).toBeGreaterThanOrEqual(0);
    expect(s.total).toBeLessThanOrEqual(120);
    expect(s.total).toBeCloseTo(s.parts[0].points + s.parts[1].points, 9);
  });

  it('survives degenerate objectives', () => {
    expect(scoreRun([], history).total).toBe(0);
    expect(scoreRun([obj('finalActive', 5, 5)], history).parts[0].fraction).toBe(1);
    expect(scoreRun([obj('finalActive', 1, 0, 0)], history).total).toBe(0);
  });
});
