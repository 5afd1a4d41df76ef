// The dashboard's data mapping, checked against a real engine run (300 customers, the
// textbook's policy with a CRM in use, and a price-cutting reference run).
import { describe, expect, it } from 'vitest';
import { analyticsBundle, visibleAnalytics, type AnalyticsView } from '../../engine/analytics';
import { mixedConfig, RECOMMENDED, runPolicy } from '../../engine/testkit';
import { LADDER_STAGES, PYRAMID_LEVELS } from '../../engine/types';
import {
  alignRuns,
  cohortLines,
  CRM_LEVEL_FOR,
  keyFigures,
  ladderSeries,
  lifetimeValueRows,
  matrixCells,
  meanScore,
  paretoData,
  pyramidSeries,
  rfmRows,
  rootCauseRows,
  roundShares,
  satisfactionDistribution,
} from './chartData';

const config = mixedConfig({ customers: 300 });
const sim = runPolicy(config, 7, RECOMMENDED, 8);
const history = sim.history;
const bundle = analyticsBundle(sim);
const cheap = runPolicy(config, 7, { priceLevel: 0.9, promotion: 0.15, serviceQuality: 0.1 }, 5);

describe('pyramid', () => {
  const p = pyramidSeries(history);
  it('has the eight levels, bottom (lost) first, and one value per round', () => {
    expect(p.series.map((s) => s.id)).toEqual(PYRAMID_LEVELS);
    expect(p.rounds).toEqual(history.map((m) => m.period + 1));
    for (const s of p.series) expect(s.values).toHaveLength(history.length);
  });
  it('stacks up to active + lost + onlookers in every round', () => {
    history.forEach((m, k) => {
      expect(p.totals[k]).toBe(m.active + m.pyramid.lost + m.pyramid.onlookers);
      const activeLevels = p.series
        .filter((s) => s.id !== 'lost' && s.id !== 'onlookers')
        .reduce((sum, s) => sum + s.values[k], 0);
      expect(activeLevels).toBe(m.active);
    });
  });
});

describe('development ladder', () => {
  const l = ladderSeries(history);
  it('keeps every stage for the table and draws all but the prospect pool', () => {
    expect(l.all.series.map((s) => s.id)).toEqual(LADDER_STAGES);
    expect(l.drawn.series.map((s) => s.id)).not.toContain('prospect');
    history.forEach((m, k) => {
      expect(l.prospects[k]).toBe(m.ladder.prospect);
      expect(l.all.totals[k]).toBe(l.drawn.totals[k] + m.ladder.prospect);
      // The won stages are the active customers.
      const won = ['firstTime', 'repeat', 'core', 'advocate'] as const;
      expect(won.reduce((s, id) => s + m.ladder[id], 0)).toBe(m.active);
    });
  });
});

describe('satisfaction distribution', () => {
  it('has shares that add up to 100% in every round, and counts that add up to the active', () => {
    for (const m of history) {
      const d = satisfactionDistribution(m);
      expect(d.total).toBe(m.active);
      expect(d.percent.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
      expect(roundShares(d.percent).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
      expect(d.merelySatisfied.count).toBe(m.satisfactionScores[3]);
      expect(d.completelySatisfied.count).toBe(m.satisfactionScores[4]);
    }
  });
  it('rounds shares so the rounded ones still add up', () => {
    expect(roundShares([100 / 3, 100 / 3, 100 / 3])).toEqual([33.4, 33.3, 33.3]);
    expect(roundShares([0, 0, 0])).toEqual([0, 0, 0]);
  });
  it('gives the mean score on the 1–5 scale, close to the engine mean mapped to it', () => {
    for (const m of history) {
      const mean = meanScore(m)!;
      expect(mean).toBeGreaterThanOrEqual(1);
      expect(mean).toBeLessThanOrEqual(5);
      // Scores are 1 + floor(5s): their mean lies within one point of 0.5 + 5 x mean(s).
      expect(Math.abs(mean - (0.5 + 5 * m.satisfactionMean))).toBeLessThan(1);
    }
    expect(meanScore({ satisfactionScores: [0, 0, 0, 0, 0] })).toBeNull();
  });
});

describe('loyalty types matrix', () => {
  it('places the four types in reading order with counts adding up to the active', () => {
    const m = history.at(-1)!;
    const cells = matrixCells(m);
    expect(cells.map((c) => c.type)).toEqual([
      'latentLoyalty',
      'trueLoyalty',
      'noLoyalty',
      'inertiaLoyalty',
    ]);
    expect(cells.map((c) => [c.attitude, c.repeat])).toEqual([
      ['high', 'low'],
      ['high', 'high'],
      ['low', 'low'],
      ['low', 'high'],
    ]);
    expect(cells.reduce((s, c) => s + c.count, 0)).toBe(m.active);
    expect(cells.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 9);
    for (const c of cells) expect(c.count).toBe(m.matrix[c.type]);
  });
});

describe('trends with reference runs', () => {
  it('align by round, leaving gaps where a run has not got that far', () => {
    const a = alignRuns(
      [
        { id: 'you', history: cheap.history },
        { id: 'recommended', history },
      ],
      'retentionRate',
    );
    expect(a.rounds).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const [you, rec] = a.series;
    expect(you.values.slice(0, 5)).toEqual(cheap.history.map((m) => m.retentionRate));
    expect(you.values.slice(5)).toEqual([null, null, null]);
    expect(rec.values).toEqual(history.map((m) => m.retentionRate));
  });
  it('give satisfaction on 1–5 and profit in money', () => {
    const s = alignRuns([{ id: 'you', history }], 'satisfaction').series[0].values;
    expect(s).toEqual(history.map((m) => meanScore(m)));
    const p = alignRuns([{ id: 'you', history }], 'profit').series[0].values;
    expect(p).toEqual(history.map((m) => m.profit));
  });
});

describe('key figures', () => {
  it('show the last round with the change since the one before', () => {
    const figs = keyFigures(history);
    const last = history.at(-1)!;
    const before = history.at(-2)!;
    const byId = Object.fromEntries(figs.map((f) => [f.id, f]));
    expect(byId.customers.value).toBe(last.active);
    expect(byId.customers.change).toBe(last.active - before.active);
    expect(byId.cumulativeProfit.value).toBe(last.cumulativeProfit);
    expect(byId.complaints.previous).toBe(before.complaints);
    expect(byId.retentionRate.change).toBeCloseTo(last.retentionRate - before.retentionRate, 12);
  });
  it('call complaints going up bad and customers going up good', () => {
    const [a, b] = [history[0], history[1]];
    const up = { ...b, complaints: a.complaints + 3, active: a.active + 10 };
    const figs = Object.fromEntries(keyFigures([a, up]).map((f) => [f.id, f]));
    expect(figs.complaints).toMatchObject({ direction: 'up', tone: 'bad', change: 3 });
    expect(figs.customers).toMatchObject({ direction: 'up', tone: 'good', change: 10 });
    const flat = Object.fromEntries(keyFigures([a, { ...a, period: 1 }]).map((f) => [f.id, f]));
    expect(flat.profit).toMatchObject({ direction: 'flat', tone: 'neutral', change: 0 });
  });
  it('have no change in round 1 and nothing before it', () => {
    expect(keyFigures([history[0]]).every((f) => f.change === null && f.direction === null)).toBe(
      true,
    );
    expect(keyFigures([])).toEqual([]);
  });
});

describe('analytics', () => {
  it('knows which CRM level reveals each view, as the engine does', () => {
    for (const level of [0, 1, 2]) {
      const views = Object.entries(CRM_LEVEL_FOR)
        .filter(([, need]) => need <= level)
        .map(([view]) => view as AnalyticsView);
      expect(views.sort()).toEqual([...visibleAnalytics(level)].sort());
    }
  });
  it('is all revealed by the textbook policy (CRM level 2)', () => {
    expect(bundle.views).toEqual([
      'rfm',
      'lifetimeValue',
      'pareto',
      'cohorts',
      'atRisk',
      'rootCauses',
    ]);
  });
  it('maps the Pareto curve to percent with the 20% mark on it', () => {
    const p = paretoData(bundle.pareto!);
    expect(p.points[0]).toEqual({ x: 0, y: 0 });
    expect(p.points.at(-1)).toEqual({ x: 100, y: 100 });
    expect(p.mark.x).toBe(20);
    expect(p.mark.y).toBeCloseTo(bundle.pareto!.top20 * 100, 9);
    expect(p.points.find((q) => Math.abs(q.x - 20) < 1e-9)!.y).toBeCloseTo(p.mark.y, 9);
  });
  it('lists every RFM segment, adding up to the active customers', () => {
    const rows = rfmRows(bundle.rfm!);
    expect(rows).toHaveLength(6);
    expect(rows.reduce((s, r) => s + r.customers, 0)).toBe(history.at(-1)!.active);
  });
  it('gives lifetime value per segment in the scenario order and per tier', () => {
    const rows = lifetimeValueRows(bundle.lifetimeValue!, ['relationship', 'price', 'convenience']);
    expect(rows.bySegment.map((r) => r.id)).toEqual(['relationship', 'price', 'convenience']);
    expect(rows.byTier.map((r) => r.id)).toEqual(['A', 'B', 'C']);
    expect(rows.bySegment[0].meanValue).toBe(
      bundle.lifetimeValue!.bySegment.relationship.meanValue,
    );
    // Top-tier customers are worth the most.
    expect(rows.byTier[0].meanValue).toBeGreaterThan(rows.byTier[2].meanValue);
  });
  it('draws the starting base and the latest cohorts, and tabulates them all', () => {
    const all = cohortLines(bundle.cohorts!);
    const drawn = cohortLines(bundle.cohorts!, 5);
    expect(all.lines[0].joined).toBe(-1);
    expect(drawn.lines).toHaveLength(5);
    expect(drawn.lines[0].joined).toBe(-1);
    expect(drawn.lines.at(-1)!.joined).toBe(all.lines.at(-1)!.joined);
    const base = bundle.cohorts!.find((c) => c.joined === -1)!;
    expect(all.ages).toHaveLength(base.retention.length);
    expect(all.lines[0].values).toEqual(base.retention.map((r) => r * 100));
    // A later cohort's curve is shorter: the rest is a gap, not a zero.
    expect(all.lines.at(-1)!.values.at(-1)).toBeNull();
  });
  it('gives complaint root causes with shares adding up to 100%', () => {
    const rows = rootCauseRows(bundle.rootCauses!);
    const total = history.reduce((s, m) => s + m.complaints, 0);
    expect(rows.reduce((s, r) => s + r.complaints, 0)).toBe(total);
    expect(rows.reduce((s, r) => s + r.percent, 0)).toBeCloseTo(100, 9);
  });
});
