/**
 * Each dashboard chart as a `ChartView`: the chart spec (translated labels, mapped data), the
 * same figures as a table, and a one-sentence text alternative. Built from chartData.ts's
 * series with a translator, so the component only places them; tested in happy-dom
 * (Dashboard.svelte.test.ts) and through chartData.test.ts's mappings.
 */
import type { Cohort, LifetimeValueSummary, ParetoCurve, RfmSummary } from '../../engine/analytics';
import type { PeriodMetrics, Text } from '../../engine/types';
import type { MessageKey, Params } from '../i18n/i18n.svelte';
import {
  alignRuns,
  cohortLines,
  cohortRound,
  ladderSeries,
  lifetimeValueRows,
  matrixCells,
  paretoData,
  pyramidSeries,
  rfmRows,
  rootCauseRows,
  roundShares,
  satisfactionDistribution,
  type Run,
  type StackedSeries,
  type TrendMetric,
} from './chartData';
import {
  formatValue,
  joinList,
  type ChartSpec,
  type DatasetSpec,
  type ValueFormat,
} from './chartSpec';
import type { TableSpec } from './table';

/** What the builders need from the i18n state (passing it in keeps them easy to test). */
export interface Translator {
  t: (key: MessageKey, params?: Params) => string;
  text: (value: Text) => string;
  locale: string;
}

export interface ChartView {
  spec: ChartSpec;
  table: TableSpec;
  /** One sentence: what the chart says, for the canvas's text alternative. */
  summary: string;
}

/** A labelled id (segments, complaint types) from the scenario. */
export interface Labelled {
  id: string;
  label: Text;
}

const fmt = (tr: Translator, v: number | null, f: ValueFormat) => formatValue(v, f, tr.locale);

function labelOf(tr: Translator, list: readonly Labelled[], id: string): string {
  const hit = list.find((x) => x.id === id);
  return hit ? tr.text(hit.label) : id;
}

// ------------------------------------------------------------------ trends

const TREND: Record<
  TrendMetric,
  { title: MessageKey; axis?: MessageKey; format: (currency: string) => ValueFormat }
> = {
  satisfaction: {
    title: 'chart.satisfaction.title',
    axis: 'chart.satisfaction.axis',
    format: () => ({ kind: 'score' }),
  },
  retentionRate: { title: 'chart.retention.title', format: () => ({ kind: 'percent' }) },
  profit: { title: 'chart.profit.title', format: (currency) => ({ kind: 'money', currency }) },
};

/** Colours and styles of reference runs: purple, black/grey, orange; dashed. */
const REFERENCE_COLOURS = [3, 7, 4];

/**
 * A metric over time for the learner's run and any reference runs (after the debrief),
 * aligned by round. Retention and satisfaction are plotted in the units the table shows.
 */
export function trendView(
  tr: Translator,
  metric: TrendMetric,
  history: readonly PeriodMetrics[],
  reference: readonly { id: string; label: string; history: readonly PeriodMetrics[] }[],
  currency: string,
): ChartView {
  const def = TREND[metric];
  const format = def.format(currency);
  const runs: Run[] = [{ id: 'you', history }, ...reference];
  const aligned = alignRuns(runs, metric);
  const names = [tr.t('dashboard.you'), ...reference.map((r) => r.label)];
  const scale = metric === 'retentionRate' ? 100 : 1;
  const plotted = aligned.series.map((s) => s.values.map((v) => (v === null ? null : v * scale)));
  const datasets: DatasetSpec[] = plotted.map((data, k) => ({
    label: names[k],
    data,
    colour: k === 0 ? 0 : REFERENCE_COLOURS[(k - 1) % REFERENCE_COLOURS.length],
    style: k,
    muted: k > 0,
  }));
  const title = tr.t(def.title);
  const yRange =
    metric === 'satisfaction'
      ? { min: 1, max: 5 }
      : metric === 'retentionRate'
        ? { max: 100, min: floorTo10(nonNull(plotted.flat())) }
        : {};
  const spec: ChartSpec = {
    kind: 'line',
    labels: aligned.rounds.map(String),
    datasets,
    x: { title: tr.t('chart.round'), format: { kind: 'count' } },
    y: { title: def.axis ? tr.t(def.axis) : undefined, format, ...yRange },
    legend: reference.length > 0,
  };
  const table: TableSpec = {
    caption: title,
    columns: [tr.t('chart.round'), ...names],
    rows: aligned.rounds.map((round, r) => ({
      head: tr.t('chart.roundN', { n: round }),
      cells: plotted.map((values) => fmt(tr, values[r], format)),
    })),
  };
  const mine = plotted[0]
    .map((v, r) => ({ v, round: aligned.rounds[r] }))
    .filter((p) => p.v !== null);
  const first = mine[0];
  const last = mine[mine.length - 1];
  const summary = first
    ? tr.t('chart.summary.trend', {
        series: `${title} · ${names[0]}`,
        first: fmt(tr, first.v, format),
        firstRound: first.round,
        last: fmt(tr, last.v, format),
        lastRound: last.round,
      })
    : title;
  return { spec, table, summary };
}

/** A lower axis bound for percentages: ten below the lowest value, in tens, at least 0. */
function floorTo10(values: number[]): number {
  return values.length ? Math.max(0, Math.floor(Math.min(100, ...values) / 10) * 10 - 10) : 0;
}

function nonNull(values: (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null);
}

// ------------------------------------------------------------------ stacked bars

/** Colour and pattern per stack level, bottom first; the legend and table name each. */
const PYRAMID_LOOK: Record<string, [number, number]> = {
  lost: [1, 5],
  onlookers: [8, 2],
  atRisk: [4, 4],
  newCustomers: [6, 1],
  inactive: [5, 3],
  activeRegulars: [0, 0],
  core: [2, 6],
  advocates: [3, 7],
};
const LADDER_LOOK: Record<string, [number, number]> = {
  prospect: [8, 0],
  target: [5, 1],
  firstTime: [6, 2],
  repeat: [0, 0],
  core: [2, 3],
  advocate: [3, 4],
};

function stackView<K extends string>(
  tr: Translator,
  title: string,
  drawn: StackedSeries<K>,
  tabled: StackedSeries<K>,
  labelKey: (id: K) => MessageKey,
  look: Record<string, [number, number]>,
): ChartView {
  const count: ValueFormat = { kind: 'count' };
  const spec: ChartSpec = {
    kind: 'bar',
    stacked: true,
    labels: drawn.rounds.map(String),
    datasets: drawn.series.map((s) => ({
      label: tr.t(labelKey(s.id)),
      data: s.values,
      colour: look[s.id]?.[0] ?? 8,
      style: look[s.id]?.[1] ?? 0,
    })),
    x: { title: tr.t('chart.round'), format: count },
    y: { title: tr.t('chart.customers'), format: count },
  };
  const table: TableSpec = {
    caption: title,
    columns: [
      tr.t('chart.round'),
      ...tabled.series.map((s) => tr.t(labelKey(s.id))),
      tr.t('chart.total'),
    ],
    rows: tabled.rounds.map((round, r) => ({
      head: tr.t('chart.roundN', { n: round }),
      cells: [
        ...tabled.series.map((s) => fmt(tr, s.values[r], count)),
        fmt(tr, tabled.totals[r], count),
      ],
    })),
  };
  const r = tabled.rounds.length - 1;
  const summary =
    r >= 0
      ? tr.t('chart.summary.parts', {
          title,
          round: tabled.rounds[r],
          parts: joinList(
            [...tabled.series].reverse().map((s) =>
              tr.t('chart.summary.part', {
                label: tr.t(labelKey(s.id)),
                value: fmt(tr, s.values[r], count),
              }),
            ),
            tr.locale,
          ),
        })
      : title;
  return { spec, table, summary };
}

/** The loyalty pyramid's eight levels as stacked bars per round. */
export function pyramidView(tr: Translator, history: readonly PeriodMetrics[]): ChartView {
  const p = pyramidSeries(history);
  return stackView(tr, tr.t('chart.pyramid.title'), p, p, (id) => `pyramid.${id}`, PYRAMID_LOOK);
}

/** The development ladder as stacked bars (without the prospect pool); the table has all six. */
export function ladderView(
  tr: Translator,
  history: readonly PeriodMetrics[],
): ChartView & { note: string } {
  const l = ladderSeries(history);
  const view = stackView(
    tr,
    tr.t('chart.ladder.title'),
    l.drawn,
    l.all,
    (id) => `ladder.${id}`,
    LADDER_LOOK,
  );
  const last = history.length - 1;
  const note =
    last >= 0
      ? tr.t('chart.ladder.prospects', {
          count: fmt(tr, l.prospects[last], { kind: 'count' }),
          round: history[last].period + 1,
        })
      : '';
  return { ...view, note };
}

// ------------------------------------------------------------------ distribution and matrix

/** Score bars: 1–3 grey, 4 (merely satisfied) sky blue hatched, 5 (completely) blue solid. */
export function distributionView(
  tr: Translator,
  m: PeriodMetrics,
): ChartView & {
  merely: string;
  complete: string;
} {
  const d = satisfactionDistribution(m);
  const shares = roundShares(d.percent);
  const labels = [1, 2, 3, 4, 5].map((score) => tr.t('chart.distribution.score', { score }));
  const pct: ValueFormat = { kind: 'percent' };
  const spec: ChartSpec = {
    kind: 'bar',
    labels,
    datasets: [
      {
        label: tr.t('chart.customers'),
        data: d.counts,
        colour: 8,
        style: 0,
        barColours: [8, 8, 8, 5, 0],
        barStyles: [0, 0, 0, 1, 0],
      },
    ],
    x: { format: { kind: 'count' } },
    y: { title: tr.t('chart.customers'), format: { kind: 'count' } },
    legend: false,
  };
  const table: TableSpec = {
    caption: tr.t('chart.distribution.title'),
    columns: [tr.t('chart.distribution.title'), tr.t('chart.customers'), tr.t('chart.share')],
    rows: labels.map((label, k) => ({
      head: label,
      cells: [fmt(tr, d.counts[k], { kind: 'count' }), fmt(tr, shares[k], pct)],
    })),
  };
  const figure = (count: number, share: number) =>
    tr.t('chart.distribution.figure', {
      count: fmt(tr, count, { kind: 'count' }),
      share: fmt(tr, share, pct),
    });
  const merely = figure(d.merelySatisfied.count, shares[3]);
  const complete = figure(d.completelySatisfied.count, shares[4]);
  const summary = tr.t('chart.summary.list', {
    title: tr.t('chart.distribution.title'),
    parts: joinList(
      labels.map((label, k) =>
        tr.t('chart.summary.part', { label, value: figure(d.counts[k], shares[k]) }),
      ),
      tr.locale,
    ),
  });
  return { spec, table, summary, merely, complete };
}

/** The matrix as a table: attitude in rows (high first), repeat purchase in columns (low first). */
export function matrixTable(tr: Translator, m: PeriodMetrics): TableSpec {
  const cells = matrixCells(m);
  const shares = roundShares(cells.map((c) => c.share * 100));
  const cell = (k: number) =>
    `${tr.t(`loyaltyType.${cells[k].type}`)}: ${tr.t('chart.distribution.figure', {
      count: fmt(tr, cells[k].count, { kind: 'count' }),
      share: fmt(tr, shares[k], { kind: 'percent' }),
    })}`;
  const high = tr.t('chart.matrix.high');
  const low = tr.t('chart.matrix.low');
  return {
    caption: tr.t('chart.matrix.title'),
    columns: [
      `${tr.t('chart.matrix.attitude')} \\ ${tr.t('chart.matrix.repeat')}`,
      `${tr.t('chart.matrix.repeat')}: ${low}`,
      `${tr.t('chart.matrix.repeat')}: ${high}`,
    ],
    rows: [
      { head: `${tr.t('chart.matrix.attitude')}: ${high}`, cells: [cell(0), cell(1)] },
      { head: `${tr.t('chart.matrix.attitude')}: ${low}`, cells: [cell(2), cell(3)] },
    ],
  };
}

// ------------------------------------------------------------------ analytics

export function paretoView(tr: Translator, p: ParetoCurve): ChartView {
  const data = paretoData(p);
  const pct: ValueFormat = { kind: 'percent', digits: 0 };
  const markText = tr.t('chart.pareto.mark', { value: fmt(tr, data.mark.y, pct) });
  const spec: ChartSpec = {
    kind: 'line',
    labels: [],
    datasets: [
      { label: tr.t('chart.pareto.curve'), data: data.points, colour: 0, style: 0 },
      {
        label: tr.t('chart.pareto.equal'),
        data: [
          { x: 0, y: 0 },
          { x: 100, y: 100 },
        ],
        colour: 8,
        style: 1,
        muted: true,
      },
      {
        label: markText,
        data: [
          { x: 20, y: 0 },
          { x: 20, y: data.mark.y },
        ],
        colour: 1,
        style: 2,
        muted: true,
        legend: false,
      },
      { label: markText, data: [data.mark], colour: 1, style: 2, pointsOnly: true },
    ],
    x: { title: tr.t('chart.pareto.x'), format: pct, linear: true, min: 0, max: 100 },
    y: { title: tr.t('chart.pareto.y'), format: pct, min: 0 },
  };
  const table: TableSpec = {
    caption: tr.t('chart.pareto.title'),
    columns: [tr.t('chart.pareto.x'), tr.t('chart.pareto.y')],
    rows: data.points
      .filter((q) => q.x > 0)
      .map((q) => ({ head: fmt(tr, q.x, pct), cells: [fmt(tr, q.y, { kind: 'percent' })] })),
  };
  return { spec, table, summary: `${tr.t('chart.pareto.title')}: ${markText}` };
}

const RFM_LOOK: Record<string, [number, number]> = {
  champions: [2, 0],
  loyal: [0, 1],
  potential: [5, 2],
  needAttention: [4, 3],
  atRisk: [1, 4],
  hibernating: [8, 5],
};

export function rfmView(tr: Translator, rfm: RfmSummary, currency: string): ChartView {
  const rows = rfmRows(rfm);
  const total = rows.reduce((s, r) => s + r.customers, 0);
  const shares = roundShares(rows.map((r) => (total ? (100 * r.customers) / total : 0)));
  const labels = rows.map((r) => tr.t(`rfm.${r.id}`));
  const count: ValueFormat = { kind: 'count' };
  const spec: ChartSpec = {
    kind: 'bar',
    labels,
    datasets: [
      {
        label: tr.t('chart.customers'),
        data: rows.map((r) => r.customers),
        colour: 0,
        style: 0,
        barColours: rows.map((r) => RFM_LOOK[r.id][0]),
        barStyles: rows.map((r) => RFM_LOOK[r.id][1]),
      },
    ],
    x: { format: count },
    y: { title: tr.t('chart.customers'), format: count },
    legend: false,
  };
  const table: TableSpec = {
    caption: tr.t('chart.rfm.title'),
    columns: [
      tr.t('chart.rfm.segment'),
      tr.t('chart.customers'),
      tr.t('chart.share'),
      tr.t('chart.rfm.meanRevenue'),
    ],
    rows: rows.map((r, k) => ({
      head: labels[k],
      cells: [
        fmt(tr, r.customers, count),
        fmt(tr, shares[k], { kind: 'percent' }),
        fmt(tr, r.meanRevenue, { kind: 'money', currency }),
      ],
    })),
  };
  const summary = tr.t('chart.summary.list', {
    title: tr.t('chart.rfm.title'),
    parts: joinList(
      rows.map((r, k) =>
        tr.t('chart.summary.part', { label: labels[k], value: fmt(tr, r.customers, count) }),
      ),
      tr.locale,
    ),
  });
  return { spec, table, summary };
}

function valueBars(
  tr: Translator,
  title: string,
  rows: { label: string; customers: number; meanValue: number }[],
  currency: string,
  colours: number[],
): ChartView {
  const money: ValueFormat = { kind: 'money', currency };
  const spec: ChartSpec = {
    kind: 'bar',
    labels: rows.map((r) => r.label),
    datasets: [
      {
        label: tr.t('chart.ltv.value'),
        data: rows.map((r) => r.meanValue),
        colour: colours[0],
        style: 0,
        barColours: rows.map((_, k) => colours[k % colours.length]),
        barStyles: rows.map((_, k) => k),
      },
    ],
    x: { format: { kind: 'count' } },
    y: { title: tr.t('chart.ltv.value'), format: money },
    legend: false,
  };
  const table: TableSpec = {
    caption: title,
    columns: [tr.t('chart.ltv.group'), tr.t('chart.customers'), tr.t('chart.ltv.value')],
    rows: rows.map((r) => ({
      head: r.label,
      cells: [fmt(tr, r.customers, { kind: 'count' }), fmt(tr, r.meanValue, money)],
    })),
  };
  const summary = tr.t('chart.summary.list', {
    title,
    parts: joinList(
      rows.map((r) =>
        tr.t('chart.summary.part', { label: r.label, value: fmt(tr, r.meanValue, money) }),
      ),
      tr.locale,
    ),
  });
  return { spec, table, summary };
}

export function lifetimeValueViews(
  tr: Translator,
  ltv: LifetimeValueSummary,
  segments: readonly Labelled[],
  currency: string,
): { bySegment: ChartView; byTier: ChartView } {
  const rows = lifetimeValueRows(
    ltv,
    segments.map((s) => s.id),
  );
  return {
    bySegment: valueBars(
      tr,
      tr.t('chart.ltv.segmentTitle'),
      rows.bySegment.map((r) => ({ ...r, label: labelOf(tr, segments, r.id) })),
      currency,
      [0, 2, 3, 4, 5, 1],
    ),
    byTier: valueBars(
      tr,
      tr.t('chart.ltv.tierTitle'),
      rows.byTier.map((r) => ({ ...r, label: tr.t(`tier.${r.id as 'A' | 'B' | 'C'}`) })),
      currency,
      [2, 0, 8],
    ),
  };
}

/** How many cohort lines the chart draws (base + latest); the table has all. */
export const COHORT_LINES = 6;

export function cohortView(tr: Translator, cohorts: readonly Cohort[]): ChartView {
  const drawn = cohortLines(cohorts, COHORT_LINES);
  const all = cohortLines(cohorts);
  const name = (joined: number) => {
    const round = cohortRound(joined);
    return round === null ? tr.t('chart.cohorts.base') : tr.t('chart.cohorts.joined', { round });
  };
  const pct: ValueFormat = { kind: 'percent', digits: 0 };
  const colours = [0, 1, 2, 3, 4, 5];
  const spec: ChartSpec = {
    kind: 'line',
    labels: drawn.ages.map(String),
    datasets: drawn.lines.map((line, k) => ({
      label: name(line.joined),
      data: line.values,
      colour: line.joined < 0 ? 7 : colours[(k - 1 + colours.length) % colours.length],
      style: k,
    })),
    x: { title: tr.t('chart.cohorts.age'), format: { kind: 'count' } },
    y: {
      title: tr.t('chart.cohorts.title'),
      format: pct,
      max: 100,
      min: floorTo10(drawn.lines.flatMap((l) => nonNull(l.values))),
    },
  };
  const table: TableSpec = {
    caption: tr.t('chart.cohorts.title'),
    columns: [
      tr.t('chart.cohorts.title'),
      tr.t('chart.cohorts.size'),
      ...all.ages.map((n) => tr.t('chart.cohorts.ageN', { n })),
    ],
    rows: all.lines.map((line) => ({
      head: name(line.joined),
      cells: [
        fmt(tr, line.size, { kind: 'count' }),
        ...line.values.map((v) => fmt(tr, v, { kind: 'percent' })),
      ],
    })),
  };
  const summary = tr.t('chart.summary.list', {
    title: tr.t('chart.cohorts.title'),
    parts: joinList(
      drawn.lines.map((line) => {
        const values = nonNull(line.values);
        return tr.t('chart.summary.part', {
          label: name(line.joined),
          value: fmt(tr, values[values.length - 1] ?? null, pct),
        });
      }),
      tr.locale,
    ),
  });
  return { spec, table, summary };
}

export function rootCauseView(
  tr: Translator,
  rootCauses: readonly { type: string; complaints: number; share: number }[],
  complaintTypes: readonly Labelled[],
): ChartView {
  const rows = rootCauseRows(rootCauses);
  const shares = roundShares(rows.map((r) => r.percent));
  const labels = rows.map((r) => labelOf(tr, complaintTypes, r.id));
  const count: ValueFormat = { kind: 'count' };
  const look = [1, 4, 5, 3, 0, 2, 8];
  const spec: ChartSpec = {
    kind: 'bar',
    horizontal: true,
    labels,
    datasets: [
      {
        label: tr.t('chart.rootCauses.complaints'),
        data: rows.map((r) => r.complaints),
        colour: 1,
        style: 0,
        barColours: rows.map((_, k) => look[k % look.length]),
        barStyles: rows.map((_, k) => k),
      },
    ],
    x: { format: count },
    y: { title: tr.t('chart.rootCauses.complaints'), format: count },
    legend: false,
  };
  const table: TableSpec = {
    caption: tr.t('chart.rootCauses.title'),
    columns: [
      tr.t('chart.rootCauses.type'),
      tr.t('chart.rootCauses.complaints'),
      tr.t('chart.share'),
    ],
    rows: rows.map((r, k) => ({
      head: labels[k],
      cells: [fmt(tr, r.complaints, count), fmt(tr, shares[k], { kind: 'percent' })],
    })),
  };
  const summary = tr.t('chart.summary.list', {
    title: tr.t('chart.rootCauses.title'),
    parts: joinList(
      rows.map((r, k) =>
        tr.t('chart.summary.part', { label: labels[k], value: fmt(tr, r.complaints, count) }),
      ),
      tr.locale,
    ),
  });
  return { spec, table, summary };
}
