// The Dashboard in happy-dom, fed with a real engine run: the charts' figures (through the
// "show as table" toggle) match the engine's metrics, the CRM level locks what it does not
// reveal, reference runs add a column, and round 1 shows an empty state. happy-dom has no
// canvas, so the charts themselves are not drawn here (Playwright draws them).
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyticsBundle, type RfmSegment } from '../../engine/analytics';
import { mixedConfig, RECOMMENDED, runPolicy } from '../../engine/testkit';
import { LEVER_CATALOGUE } from '../../engine/levers';
import { i18n } from '../i18n/i18n.svelte';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import Dashboard from './Dashboard.svelte';

const config = mixedConfig({ customers: 300 });
const sim = runPolicy(config, 5, RECOMMENDED, 6);
const history = [...sim.history];
const analytics = analyticsBundle(sim);
const noCrm = runPolicy(config, 5, { ...RECOMMENDED, crmAnalytics: 0 }, 3);
const reference = runPolicy(config, 5, { priceLevel: 0.9, promotion: 0.15 }, 6).history;
const segments = config.segments.map((s) => ({ id: s.id, label: s.label }));
const complaintTypes = [
  { id: 'late-delivery', label: { 'zh-CN': '送货延误', en: 'Late delivery' } },
  { id: 'rude-staff', label: { 'zh-CN': '店员态度差', en: 'Rude staff' } },
  { id: 'defect', label: { 'zh-CN': '商品质量问题', en: 'Faulty product' } },
];

let app: ReturnType<typeof mount> | undefined;

function render(props: Partial<Parameters<typeof Dashboard>[1]> = {}) {
  app = mount(Dashboard, {
    target: document.body,
    props: { history, analytics, currency: 'CNY', segments, complaintTypes, ...props },
  });
  flushSync();
}

function card(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-chart="${id}"]`);
  if (!el) throw new Error(`no chart ${id}`);
  return el;
}

/** Opens a chart's table and returns its rows as text cells (header cell first). */
function tableOf(id: string): string[][] {
  const c = card(id);
  const toggle = c.querySelector<HTMLButtonElement>('button.toggle');
  if (!toggle) throw new Error(`${id} has no table toggle`);
  toggle.click();
  flushSync();
  const table = c.querySelector('table');
  if (!table) throw new Error(`${id} shows no table`);
  return [...table.querySelectorAll('tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim()),
  );
}

const n = (v: number) => new Intl.NumberFormat('en').format(v);

beforeEach(() => {
  i18n.locale = 'en';
});

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
});

describe('Dashboard', () => {
  it('shows an empty state before the first round', () => {
    render({ history: [], analytics: null });
    expect(document.body.textContent).toContain(en['dashboard.empty.title']);
    expect(document.querySelector('[data-chart]')).toBeNull();
  });

  it('gives every chart a caption, a glossary link and a text alternative or table', () => {
    render();
    const cards = [...document.querySelectorAll<HTMLElement>('[data-chart]')];
    expect(cards.length).toBeGreaterThanOrEqual(14);
    for (const c of cards) {
      expect(c.querySelector('figcaption .what')?.textContent?.trim()).toBeTruthy();
      expect(c.querySelector('a.concept')?.getAttribute('href')).toMatch(
        /^#\/glossary\/[a-z0-9-]+$/,
      );
      const img = c.querySelector('[role="img"]');
      if (img) expect(img.getAttribute('aria-label')?.length).toBeGreaterThan(10);
    }
  });

  it('tables the pyramid as the engine counted it, each stack adding up to active + lost + onlookers', () => {
    render();
    const rows = tableOf('chart-pyramid');
    expect(rows[0]).toEqual([
      en['chart.round'],
      en['pyramid.lost'],
      en['pyramid.onlookers'],
      en['pyramid.atRisk'],
      en['pyramid.newCustomers'],
      en['pyramid.inactive'],
      en['pyramid.activeRegulars'],
      en['pyramid.core'],
      en['pyramid.advocates'],
      en['chart.total'],
    ]);
    history.forEach((m, k) => {
      const row = rows[k + 1];
      expect(row[0]).toBe(`Round ${m.period + 1}`);
      expect(row[1]).toBe(n(m.pyramid.lost));
      expect(row[6]).toBe(n(m.pyramid.activeRegulars));
      expect(row[9]).toBe(n(m.active + m.pyramid.lost + m.pyramid.onlookers));
    });
    // The toggle comes back to the chart.
    card('chart-pyramid').querySelector<HTMLButtonElement>('button.toggle')!.click();
    flushSync();
    expect(card('chart-pyramid').querySelector('table')).toBeNull();
    expect(card('chart-pyramid').querySelector('[role="img"]')).not.toBeNull();
  });

  it('tables the satisfaction scores with shares adding up to 100%', () => {
    render();
    const rows = tableOf('chart-distribution').slice(1);
    const last = history.at(-1)!;
    expect(rows.map((r) => r[1])).toEqual(last.satisfactionScores.map(n));
    const shares = rows.map((r) => Number(r[2].replace('%', '')));
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
    // The callout names merely (4) and completely (5) satisfied with their counts.
    const callout = card('chart-distribution').querySelector('.callout')!.textContent!;
    expect(callout).toContain(en['chart.distribution.merely']);
    expect(callout).toContain(n(last.satisfactionScores[3]));
    expect(callout).toContain(n(last.satisfactionScores[4]));
  });

  it('shows the matrix quadrants with the engine counts', () => {
    render();
    const last = history.at(-1)!;
    const cells = [...card('chart-matrix').querySelectorAll<HTMLElement>('.cell')];
    expect(cells.map((c) => c.querySelector('.count')!.textContent)).toEqual(
      [
        last.matrix.latentLoyalty,
        last.matrix.trueLoyalty,
        last.matrix.noLoyalty,
        last.matrix.inertiaLoyalty,
      ].map(n),
    );
    const rows = tableOf('chart-matrix');
    expect(rows[1][2]).toContain(en['loyaltyType.trueLoyalty']);
    expect(rows[2][2]).toContain(n(last.matrix.inertiaLoyalty));
  });

  it('adds a column per reference run, aligned by round', () => {
    render({
      history: history.slice(0, 3),
      reference: [{ id: 'cheap', label: 'Price cuts', history: reference }],
    });
    const rows = tableOf('chart-retention');
    expect(rows[0]).toEqual([en['chart.round'], en['dashboard.you'], 'Price cuts']);
    expect(rows).toHaveLength(1 + reference.length);
    expect(rows[5][1]).toBe('–'); // the learner has not played round 5 yet
    expect(rows[5][2]).toBe(
      new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(
        reference[4].retentionRate,
      ),
    );
  });

  it('tables the analytics the CRM reveals: Pareto 20% mark, RFM, cohorts, root causes', () => {
    render();
    const pareto = tableOf('chart-pareto');
    const at20 = pareto.find((r) => r[0] === '20%')!;
    expect(at20[1]).toBe(
      new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(
        analytics.pareto!.top20,
      ),
    );
    const rfm = tableOf('chart-rfm').slice(1);
    expect(rfm.map((r) => r[1])).toEqual(
      ['champions', 'loyal', 'potential', 'needAttention', 'atRisk', 'hibernating'].map((s) =>
        n(analytics.rfm!.counts[s as RfmSegment]),
      ),
    );
    const roots = tableOf('chart-root-causes').slice(1);
    expect(roots.map((r) => r[0])).toEqual(
      analytics.rootCauses!.map((r) => complaintTypes.find((c) => c.id === r.type)!.label.en),
    );
    const cohorts = tableOf('chart-cohorts').slice(1);
    expect(cohorts[0][0]).toBe(en['chart.cohorts.base']);
    expect(cohorts).toHaveLength(analytics.cohorts!.filter((c) => c.retention.length > 0).length);
  });

  it('locks the analytics a CRM level does not reveal, naming the level that does', () => {
    const crm = LEVER_CATALOGUE.find((l) => l.id === 'crmAnalytics')!;
    render({ history: [...noCrm.history], analytics: analyticsBundle(noCrm) });
    const locked = card('chart-rfm').textContent!;
    expect(locked).toContain(en['chart.locked.title']);
    expect(locked).toContain(crm.options![1].en);
    expect(card('chart-pareto').textContent).toContain(crm.options![2].en);
    expect(card('chart-pareto').querySelector('a[href="#/glossary/crm-analytics"]')).not.toBeNull();
    expect(card('chart-pareto').querySelector('button.toggle')).toBeNull();
  });

  it('speaks Chinese when the interface does', () => {
    i18n.locale = 'zh-CN';
    render();
    expect(document.querySelector('#dashboard-title')!.textContent).toBe(zhCN['dashboard.title']);
    const rows = tableOf('chart-ladder');
    expect(rows[0][1]).toBe(zhCN['ladder.prospect']);
    expect(rows[1][0]).toBe('第 1 轮');
    expect(card('chart-ladder').querySelector('.note')?.textContent).toContain('潜在客户');
  });
});
