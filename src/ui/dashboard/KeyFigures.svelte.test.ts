// KeyFigures in happy-dom: the six figures of the last round with their change since the
// round before (arrow, sign, tone, words for screen readers), in both languages.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { mixedConfig, RECOMMENDED, runPolicy } from '../../engine/testkit';
import type { PeriodMetrics } from '../../engine/types';
import { i18n } from '../i18n/i18n.svelte';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import KeyFigures from './KeyFigures.svelte';

const history = runPolicy(mixedConfig({ customers: 300 }), 3, RECOMMENDED, 4).history;
let app: ReturnType<typeof mount> | undefined;

function render(h: readonly PeriodMetrics[], currency = 'CNY') {
  app = mount(KeyFigures, { target: document.body, props: { history: h, currency } });
  flushSync();
}

function figure(id: string) {
  const el = document.querySelector<HTMLElement>(`[data-figure="${id}"]`);
  if (!el) throw new Error(`no figure ${id}`);
  const change = el.querySelector<HTMLElement>('.change')!;
  return {
    label: el.querySelector('dt')!.textContent!.trim(),
    value: el.querySelector('.value')!.textContent!.trim(),
    delta: change.querySelector('.delta')?.textContent?.trim() ?? '',
    arrow: change.querySelector('.arrow')?.textContent?.trim() ?? '',
    direction: change.dataset.direction,
    tone: ['good', 'bad', 'neutral'].find((c) => change.classList.contains(c)),
    text: change.textContent!.replace(/\s+/g, ' ').trim(),
  };
}

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  i18n.locale = 'en';
});

describe('KeyFigures', () => {
  it('shows the last round with signed changes, arrows and tones (English)', () => {
    i18n.locale = 'en';
    const [a, b] = [history[2], history[3]];
    // Pin the changes so signs are known: more customers, more complaints, less profit.
    const before = { ...a, active: 1000, complaints: 10, profit: 50_000, retentionRate: 0.9 };
    const after = { ...b, active: 1012, complaints: 13, profit: 41_000, retentionRate: 0.925 };
    render([before, after]);
    const customers = figure('customers');
    expect(customers.label).toBe(en['keyFigures.customers']);
    expect(customers.value).toBe('1,012');
    expect(customers.delta).toBe('+12');
    expect(customers).toMatchObject({ arrow: '▲', direction: 'up', tone: 'good' });
    expect(customers.text).toContain(en['keyFigures.up']);
    expect(customers.text).toContain(en['keyFigures.since']);

    const complaints = figure('complaints');
    expect(complaints).toMatchObject({ delta: '+3', arrow: '▲', direction: 'up', tone: 'bad' });
    expect(complaints.text).toContain(en['keyFigures.worse']);

    const profit = figure('profit');
    expect(profit.value).toBe('CN¥41,000');
    expect(profit).toMatchObject({
      delta: '-CN¥9,000',
      arrow: '▼',
      direction: 'down',
      tone: 'bad',
    });

    expect(figure('retentionRate')).toMatchObject({
      value: '92.5%',
      delta: '+2.5 pts',
      tone: 'good',
    });
  });

  it('writes the same figures the Chinese way', () => {
    i18n.locale = 'zh-CN';
    const before = { ...history[2], active: 1000, profit: 50_000, cumulativeProfit: 900_000 };
    const after = { ...history[3], active: 988, profit: 2_050_000, cumulativeProfit: 2_950_000 };
    render([before, after]);
    expect(figure('customers')).toMatchObject({
      label: zhCN['keyFigures.customers'],
      value: '988',
      delta: '-12',
      arrow: '▼',
      tone: 'bad',
    });
    expect(figure('customers').text).toContain(zhCN['keyFigures.down']);
    // Millions are written compactly so a card never wraps: ¥205万.
    expect(figure('profit').value).toBe('¥205万');
    expect(figure('profit').delta).toBe('+¥200万');
    expect(figure('cumulativeProfit').value).toBe('¥295万');
    expect(figure('satisfaction').value).toMatch(/^\d\.\d\d \/ 5$/);
  });

  it('says "no change" for a figure that did not move, and nothing to compare in round 1', () => {
    i18n.locale = 'en';
    render([history[0], { ...history[0], period: 1 }]);
    expect(figure('profit')).toMatchObject({ direction: 'flat', tone: 'neutral', arrow: '▶' });
    expect(figure('profit').text).toContain(en['keyFigures.flat']);
    unmount(app!);
    document.body.innerHTML = '';
    render([history[0]]);
    expect(figure('customers').direction).toBe('none');
    expect(figure('customers').text).toBe(en['keyFigures.first']);
  });

  it('matches the engine run it is given', () => {
    i18n.locale = 'en';
    render(history);
    const last = history.at(-1)!;
    const prev = history.at(-2)!;
    expect(figure('customers').value).toBe(new Intl.NumberFormat('en').format(last.active));
    const d = last.active - prev.active;
    if (d !== 0) expect(figure('customers').delta).toBe(`${d > 0 ? '+' : '-'}${Math.abs(d)}`);
    expect(figure('complaints').value).toBe(String(last.complaints));
  });
});
