/**
 * Turns a `ChartSpec` into a Chart.js configuration for the current theme, locale and motion
 * preference. Pure apart from the `pattern` callback the caller passes (it paints fill
 * patterns on a canvas); only Chart.js *types* are imported, so this stays out of the
 * first-screen bundle's runtime and runs in Node tests.
 *
 * Colour is never the only cue: lines differ in dash and point shape, bars in fill pattern,
 * and every series is named in the legend, the tooltip and the table.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import { formatValue, type AxisSpec, type ChartSpec, type DatasetSpec } from './chartSpec';

/**
 * The Okabe–Ito palette, safe for the common colour-vision deficiencies: blue, vermillion,
 * bluish green, reddish purple, orange, sky blue, yellow, black (light grey on dark).
 * Lines use the first four and the last (enough contrast on both backgrounds); yellow,
 * orange and sky blue fill bars, which also get a pattern and an outline. A ninth, neutral
 * grey (no hue, so safe too) marks "everything else" and guides.
 */
export const OKABE_ITO = {
  light: [
    '#0072B2',
    '#D55E00',
    '#009E73',
    '#CC79A7',
    '#E69F00',
    '#56B4E9',
    '#F0E442',
    '#000000',
    '#8C8C8C',
  ],
  dark: [
    '#3D9BE9',
    '#E8702A',
    '#19B38A',
    '#D98CB8',
    '#E69F00',
    '#56B4E9',
    '#F0E442',
    '#D0D0D0',
    '#7D8791',
  ],
} as const;

/** Line dashes by style index: solid, dashed, dotted, dash-dot, long dash, short-long. */
export const DASHES: number[][] = [[], [7, 4], [2, 3], [10, 3, 2, 3], [14, 6], [4, 2, 10, 2]];
/** Point shapes by style index (the legend shows them too). */
export const POINT_STYLES = [
  'circle',
  'rect',
  'triangle',
  'rectRot',
  'star',
  'crossRot',
  'rectRounded',
  'cross',
] as const;
/** Fill patterns by style index; painted by the caller's `pattern` callback. */
export const PATTERNS = [
  'solid',
  'diagonal',
  'dots',
  'horizontal',
  'cross',
  'reverseDiagonal',
  'vertical',
  'grid',
] as const;
export type PatternKind = (typeof PATTERNS)[number];

export interface ChartEnv {
  locale: string;
  theme: 'light' | 'dark';
  /** Theme colours read from the page's CSS custom properties. */
  colours: { text: string; muted: string; grid: string; surface: string };
  reducedMotion: boolean;
  fontFamily: string;
  /** Base font size in px (follows the large-type setting). */
  fontSize: number;
  /** Paints a fill pattern; returns the plain colour where there is no canvas. */
  pattern?: (colour: string, kind: PatternKind) => CanvasPattern | string;
}

type AnyDataset = ChartDataset<'line' | 'bar', unknown>;

function colourOf(env: ChartEnv, index: number): string {
  const palette = OKABE_ITO[env.theme];
  return palette[((index % palette.length) + palette.length) % palette.length];
}

function fillOf(env: ChartEnv, colour: string, style: number): CanvasPattern | string {
  const kind = PATTERNS[style % PATTERNS.length];
  return env.pattern && kind !== 'solid' ? env.pattern(colour, kind) : colour;
}

function dataset(spec: ChartSpec, d: DatasetSpec, env: ChartEnv): AnyDataset {
  const kind = d.kind ?? spec.kind;
  const colour = colourOf(env, d.colour);
  const yAxisID = spec.horizontal ? undefined : d.axis === 'y2' ? 'y2' : 'y';
  if (kind === 'bar') {
    const colours = d.barColours?.map((c) => colourOf(env, c));
    const fills = colours?.map((c, k) => fillOf(env, c, d.barStyles?.[k] ?? d.style));
    return {
      type: 'bar',
      label: d.label,
      data: d.data as never,
      backgroundColor: fills ?? fillOf(env, colour, d.style),
      borderColor: spec.stacked ? env.colours.surface : (colours ?? colour),
      borderWidth: spec.stacked ? 1 : 1.5,
      ...(spec.horizontal ? { xAxisID: 'x' } : { yAxisID }),
      maxBarThickness: 56,
    } as AnyDataset;
  }
  const shape = POINT_STYLES[d.style % POINT_STYLES.length];
  return {
    type: 'line',
    label: d.label,
    data: d.data as never,
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: d.muted ? 2 : 3,
    borderDash: d.pointsOnly ? [] : DASHES[d.style % DASHES.length],
    showLine: !d.pointsOnly,
    pointStyle: shape,
    pointRadius: d.pointsOnly ? 7 : 4,
    pointHoverRadius: d.pointsOnly ? 9 : 6,
    pointBackgroundColor: d.muted ? env.colours.surface : colour,
    pointBorderColor: colour,
    pointBorderWidth: 2,
    spanGaps: false,
    tension: 0,
    yAxisID,
  } as AnyDataset;
}

function scale(
  axis: AxisSpec,
  env: ChartEnv,
  opts: { stacked?: boolean; category?: boolean; offset?: boolean },
) {
  const tickFormat = (value: number | string) =>
    typeof value === 'number'
      ? formatValue(value, axis.format, env.locale, { compact: axis.format.kind === 'money' })
      : value;
  return {
    ...(opts.category ? { type: 'category' as const } : { type: 'linear' as const }),
    stacked: opts.stacked,
    ...(opts.offset ? { offset: true } : {}),
    min: axis.min,
    max: axis.max,
    beginAtZero: !opts.category && axis.min === undefined,
    grid: { color: env.colours.grid },
    border: { color: env.colours.grid },
    title: axis.title
      ? { display: true, text: axis.title, color: env.colours.muted }
      : { display: false },
    ticks: {
      color: env.colours.muted,
      ...(opts.category ? {} : { callback: tickFormat }),
    },
  };
}

/** The Chart.js configuration for a spec, in the given environment. */
export function chartConfig(spec: ChartSpec, env: ChartEnv): ChartConfiguration<'line' | 'bar'> {
  const valueAxis = spec.horizontal ? 'x' : 'y';
  const categoryAxis = spec.horizontal ? 'y' : 'x';
  const formatFor = (item: TooltipItem<'line' | 'bar'>) => {
    const ds = spec.datasets[item.datasetIndex];
    const axis = ds?.axis === 'y2' && spec.y2 ? spec.y2 : spec.y;
    const raw = item.raw as number | { x: number; y: number } | null;
    const v = raw !== null && typeof raw === 'object' ? raw.y : raw;
    return `${item.dataset.label ?? ''}: ${formatValue(v, axis.format, env.locale)}`;
  };
  const scales: Record<string, unknown> = {
    // A line over one round only (the first dashboard) is one point: with half a slot on each
    // side it sits mid-plot instead of on the value axis, where it reads as part of the axis.
    [categoryAxis]: spec.x.linear
      ? scale(spec.x, env, {})
      : scale(spec.x, env, {
          category: true,
          stacked: spec.stacked,
          offset: spec.kind === 'line' && spec.labels.length < 2,
        }),
    [valueAxis]: scale(spec.y, env, { stacked: spec.stacked }),
  };
  if (spec.y2) {
    scales.y2 = { ...scale(spec.y2, env, {}), position: 'right', grid: { drawOnChartArea: false } };
  }
  const lineChart = spec.kind === 'line';
  return {
    type: spec.kind,
    data: {
      labels: spec.x.linear ? undefined : spec.labels,
      datasets: spec.datasets.map((d) => dataset(spec, d, env)) as never,
    },
    options: {
      locale: env.locale,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      animation: env.reducedMotion ? false : { duration: 450 },
      color: env.colours.text,
      font: { family: env.fontFamily, size: env.fontSize },
      interaction: { mode: spec.x.linear ? 'nearest' : 'index', intersect: false },
      scales: scales as never,
      plugins: {
        legend: {
          display: spec.legend ?? true,
          position: 'bottom',
          // Stacked bars: list the levels top first, as the stack reads.
          reverse: !!spec.stacked,
          labels: {
            color: env.colours.text,
            filter: (item) => spec.datasets[item.datasetIndex ?? -1]?.legend !== false,
            usePointStyle: lineChart,
            boxWidth: lineChart ? 10 : 18,
            boxHeight: lineChart ? 10 : 14,
            padding: 12,
          },
        },
        tooltip: {
          callbacks: {
            label: formatFor,
            title: (items) =>
              spec.x.linear && items[0]
                ? formatValue((items[0].raw as { x: number }).x, spec.x.format, env.locale)
                : (items[0]?.label ?? ''),
          },
        },
      },
    },
  };
}
