// A chart spec becomes a Chart.js configuration that follows the theme, the language and the
// motion preference, and never tells series apart by colour alone.
import { describe, expect, it } from 'vitest';
import { chartConfig, DASHES, OKABE_ITO, POINT_STYLES, type ChartEnv } from './chartConfig';
import type { ChartSpec } from './chartSpec';

const env = (over: Partial<ChartEnv> = {}): ChartEnv => ({
  locale: 'en',
  theme: 'light',
  colours: { text: '#111111', muted: '#555555', grid: '#dddddd', surface: '#ffffff' },
  reducedMotion: false,
  fontFamily: 'sans-serif',
  fontSize: 13,
  pattern: (colour, kind) => `${colour}/${kind}`,
  ...over,
});

const lines: ChartSpec = {
  kind: 'line',
  labels: ['1', '2'],
  datasets: [
    { label: 'You', data: [0.9, 0.92], colour: 0, style: 0 },
    { label: 'Textbook', data: [0.95, 0.96], colour: 3, style: 1, muted: true },
  ],
  x: { title: 'Round', format: { kind: 'count' } },
  y: { format: { kind: 'money', currency: 'CNY' } },
};

const bars: ChartSpec = {
  kind: 'bar',
  stacked: true,
  labels: ['1'],
  datasets: [
    { label: 'Lost', data: [3], colour: 1, style: 5 },
    { label: 'Core', data: [9], colour: 2, style: 0 },
  ],
  x: { format: { kind: 'count' } },
  y: { format: { kind: 'count' } },
};

describe('chartConfig', () => {
  it('gives lines Okabe–Ito colours plus their own dash and point shape', () => {
    const c = chartConfig(lines, env());
    const [a, b] = c.data.datasets as unknown as Record<string, unknown>[];
    expect(a.borderColor).toBe(OKABE_ITO.light[0]);
    expect(b.borderColor).toBe(OKABE_ITO.light[3]);
    expect(a.borderDash).toEqual(DASHES[0]);
    expect(b.borderDash).toEqual(DASHES[1]);
    expect([a.pointStyle, b.pointStyle]).toEqual([POINT_STYLES[0], POINT_STYLES[1]]);
    expect(c.options?.plugins?.legend?.labels?.usePointStyle).toBe(true);
  });

  it('puts a line of one round mid-plot, not on the value axis; longer lines span the plot', () => {
    const xOf = (spec: ChartSpec) =>
      chartConfig(spec, env()).options?.scales?.x as {
        offset?: boolean;
      };
    const oneRound = { ...lines, labels: ['1'], datasets: [{ ...lines.datasets[0], data: [0.9] }] };
    expect(xOf(oneRound).offset).toBe(true);
    expect(xOf(lines).offset).toBeUndefined();
  });

  it('fills bars with patterns, solid only where the style says so, and lists stacks top first', () => {
    const c = chartConfig(bars, env());
    const [lost, core] = c.data.datasets as unknown as Record<string, unknown>[];
    expect(lost.backgroundColor).toBe(`${OKABE_ITO.light[1]}/reverseDiagonal`);
    expect(core.backgroundColor).toBe(OKABE_ITO.light[2]);
    expect(c.options?.plugins?.legend?.reverse).toBe(true);
    expect((c.options?.scales?.y as { stacked?: boolean }).stacked).toBe(true);
  });

  it('follows the dark theme, the locale and reduced motion', () => {
    const c = chartConfig(lines, env({ theme: 'dark', locale: 'zh-CN', reducedMotion: true }));
    expect((c.data.datasets[0] as { borderColor?: string }).borderColor).toBe(OKABE_ITO.dark[0]);
    expect(c.options?.locale).toBe('zh-CN');
    expect(c.options?.animation).toBe(false);
    expect(chartConfig(lines, env()).options?.animation).toEqual({ duration: 450 });
  });

  it('writes axis ticks and tooltips in the locale’s number format', () => {
    const en = chartConfig(lines, env());
    const zh = chartConfig(lines, env({ locale: 'zh-CN' }));
    const tick = (c: typeof en) =>
      (c.options?.scales?.y as { ticks: { callback: (v: number) => string } }).ticks.callback(
        2_000_000,
      );
    expect(tick(en)).toBe('CN¥2M');
    expect(tick(zh)).toBe('¥200万');
    const label = en.options?.plugins?.tooltip?.callbacks?.label as unknown as (
      item: unknown,
    ) => string;
    expect(label({ datasetIndex: 0, raw: 1234.4, dataset: { label: 'You' } })).toBe(
      'You: CN¥1,234',
    );
  });
});
