/**
 * What a chart shows, as plain data: the dashboard's components describe each chart with a
 * `ChartSpec` (labels and numbers already translated and mapped), and the chart wrapper turns
 * it into a Chart.js configuration for the current theme, locale and motion preference
 * (`chartConfig.ts`). Also: number formats for axes, tooltips, tables and summaries.
 * Pure: no DOM, no Chart.js runtime.
 */

/** How a number is written. Percent values are already 0..100. */
export type ValueFormat =
  | { kind: 'count' }
  | { kind: 'percent'; digits?: number }
  | { kind: 'score' }
  | { kind: 'index' }
  | { kind: 'money'; currency: string };

export interface AxisSpec {
  title?: string;
  format: ValueFormat;
  min?: number;
  max?: number;
}

export interface DatasetSpec {
  label: string;
  /** One value per label (category charts) or x/y points (linear x). */
  data: (number | null)[] | { x: number; y: number }[];
  /** Index into the colour-blind-safe palette. */
  colour: number;
  /** Index into the dash / point-shape / fill-pattern lists: a second cue besides colour. */
  style: number;
  /** Drawn as line or bar; defaults to the chart's kind. */
  kind?: 'line' | 'bar';
  /** Right-hand axis (`y2`) instead of the left one. */
  axis?: 'y' | 'y2';
  /** Reference runs and guides are drawn thinner and dashed. */
  muted?: boolean;
  /** Bars: one colour / pattern per bar instead of per dataset. */
  barColours?: number[];
  barStyles?: number[];
  /** Lines: draw points only (a marker, e.g. the Pareto 20% mark). */
  pointsOnly?: boolean;
  /** Leave out of the legend (guides that another entry already names). @default true */
  legend?: boolean;
}

export interface ChartSpec {
  kind: 'line' | 'bar';
  /** Category labels (x), or empty for a linear x axis with point data. */
  labels: string[];
  datasets: DatasetSpec[];
  x: AxisSpec & { linear?: boolean };
  y: AxisSpec;
  y2?: AxisSpec;
  stacked?: boolean;
  /** Bars run sideways (long category names, e.g. complaint types). */
  horizontal?: boolean;
  /** Hide the legend when one dataset says it all (the caption names it). */
  legend?: boolean;
}

/**
 * A number written for the locale.
 * @example formatValue(0.5, { kind: 'percent' }, 'en') // '0.5%' (percent values are 0..100)
 * @example formatValue(1234, { kind: 'money', currency: 'CNY' }, 'zh-CN') // '¥1,234'
 */
export function formatValue(
  value: number | null | undefined,
  format: ValueFormat,
  locale: string,
  options: { signed?: boolean; compact?: boolean } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const base: Intl.NumberFormatOptions = options.signed ? { signDisplay: 'exceptZero' } : {};
  // Compact: "CN¥1.05M" / "¥105万", three significant digits.
  if (options.compact) Object.assign(base, { notation: 'compact', maximumSignificantDigits: 3 });
  switch (format.kind) {
    case 'count':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, ...base }).format(value);
    case 'percent':
      return new Intl.NumberFormat(locale, {
        style: 'percent',
        maximumFractionDigits: format.digits ?? 1,
        ...base,
      }).format(value / 100);
    case 'score':
      return new Intl.NumberFormat(locale, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        ...base,
      }).format(value);
    case 'index':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, ...base }).format(value);
    case 'money':
      return new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: format.currency,
        maximumFractionDigits: 0,
        ...base,
      }).format(value);
  }
}

/** A list of phrases joined for the locale ("a, b and c" / "a、b和c"). */
export function joinList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}
