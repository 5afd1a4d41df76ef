// The history list under runes (happy-dom, fake IndexedDB): runs per scenario with player,
// team, score, seed, rounds and branch lineage; games in progress with a resume link;
// sortable columns with aria-sort; two ticked runs give the comparison link; it follows
// the live list when another tab writes.
import 'fake-indexeddb/auto';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveRun, saveSessionState } from '../../storage/index';
import { LiveHistory } from '../../storage/live.svelte';
import { makeRun, sessionAfter, testBrowser } from '../../storage/testkit';
import { i18n } from '../i18n/i18n.svelte';
import HistoryList from './HistoryList.svelte';

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;

beforeEach(() => {
  i18n.locale = 'en';
  target = document.createElement('div');
  document.body.append(target);
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  target.remove();
});

async function settle(check: () => void) {
  await vi.waitFor(
    () => {
      flushSync();
      check();
    },
    { timeout: 4000, interval: 10 },
  );
}

const rows = () =>
  [...target.querySelectorAll('table.runs tbody tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
  );

describe('the history list', () => {
  it('lists runs and games in progress, live, sortable, with lineage', async () => {
    const browser = testBrowser();
    const db = await browser.open();
    const otherTab = await browser.open();
    await saveRun(
      db,
      makeRun('a', {
        seed: 5,
        score: 61.25,
        label: 'First try',
        player: { name: 'Wang', team: 'G1' },
      }),
    );
    await saveRun(
      db,
      makeRun('b', {
        seed: 5,
        score: 88,
        label: null,
        parentRunId: 'a',
        branchRound: 2,
        player: { name: '<script>x</script>', team: null },
      }),
    );
    await saveSessionState(db, 's1', sessionAfter(2, 7).state, 'tab');

    const live = new LiveHistory(db);
    component = mount(HistoryList, {
      target,
      props: {
        get groups() {
          return live.current;
        },
      },
    });
    await settle(() => expect(rows()).toHaveLength(2));

    const byRun = Object.fromEntries(rows().map((r) => [r[1], r]));
    expect(byRun['First try']).toEqual([
      '',
      'First try',
      'Wang G1',
      '61.3',
      expect.any(String),
      '5',
      '4',
      '',
    ]);
    const branch = rows().find((r) => r[1] !== 'First try');
    expect(branch?.[2]).toBe('<script>x</script>');
    expect(branch?.[7]).toBe('Branch of “First try” from round 3');
    expect(target.querySelector('script')).toBeNull();
    expect(target.querySelector('a[href="#/history/a"]')?.textContent).toBe('First try');

    // The game in progress, with a resume link.
    expect(target.querySelector('.sessions')?.textContent).toContain('Round 3');
    expect(target.querySelector('.sessions a')?.getAttribute('href')).toBe('#/play/sandbox');

    // Sort by score: highest first, then lowest first.
    const scoreHeader = [...target.querySelectorAll('thead th')].find((th) =>
      th.textContent?.includes('Score'),
    ) as HTMLElement;
    scoreHeader.querySelector('button')?.click();
    flushSync();
    expect(scoreHeader.getAttribute('aria-sort')).toBe('descending');
    expect(rows().map((r) => r[3])).toEqual(['88.0', '61.3']);
    scoreHeader.querySelector('button')?.click();
    flushSync();
    expect(scoreHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(rows().map((r) => r[3])).toEqual(['61.3', '88.0']);

    // Two ticked runs give the comparison link.
    expect(target.querySelector('a[href^="#/compare/"]')).toBeNull();
    for (const box of target.querySelectorAll<HTMLInputElement>('tbody input[type="checkbox"]'))
      box.click();
    flushSync();
    expect(target.querySelector('a[href^="#/compare/"]')?.getAttribute('href')).toBe(
      '#/compare/a/b',
    );

    // Another tab finishes a run: it appears.
    await saveRun(otherTab, makeRun('c', { seed: 9, score: 70, label: 'From the other tab' }));
    await settle(() => expect(rows()).toHaveLength(3));
    expect(target.textContent).toContain('From the other tab');
  });

  it('filters by a search text', async () => {
    const db = await testBrowser().open();
    await saveRun(db, makeRun('a', { seed: 1, player: { name: 'Zhang San', team: 'Blue' } }));
    await saveRun(db, makeRun('b', { seed: 2, player: { name: 'Li Si', team: 'Red' } }));
    const live = new LiveHistory(db);
    let query = $state('');
    component = mount(HistoryList, {
      target,
      props: {
        get groups() {
          return live.current;
        },
        get query() {
          return query;
        },
      },
    });
    await settle(() => expect(rows()).toHaveLength(2));
    query = 'red';
    flushSync();
    expect(rows().map((r) => r[2])).toEqual(['Li Si Red']);
  });
});
