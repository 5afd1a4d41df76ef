// The import flow under runes (happy-dom, fake IndexedDB): a bad file lists every problem
// (where and what) and changes nothing; a good file previews its runs and, when some are
// already here, asks skip / replace / keep both before anything is written; names from
// files render as text, never as HTML.
import 'fake-indexeddb/auto';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportRun, listRuns, progressFileText, saveProfile, saveRun } from '../../storage/index';
import { dumpBytes, makeRun, testBrowser } from '../../storage/testkit';
import type { LoyaltyDb } from '../../storage/db';
import { i18n } from '../i18n/i18n.svelte';
import { en } from '../i18n/en';
import ImportFlow from './ImportFlow.svelte';

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

/** A run file made by another browser's exporter. */
async function runFile(id: string, seed: number, name = 'Li Lei'): Promise<string> {
  const other = await testBrowser().open();
  await saveProfile(other, { name, team: 'Team 2', language: 'en' });
  await saveRun(other, makeRun(id, { seed, player: null }));
  const file = await exportRun(other, id);
  if (!file.ok || !file.value) throw new Error('export failed');
  return progressFileText(file.value);
}

function start(db: LoyaltyDb) {
  component = mount(ImportFlow, { target, props: { db, knownScenarios: ['sandbox'] } });
  flushSync();
  return component as unknown as { addFiles(files: File[]): Promise<void> };
}

const text = () => target.textContent ?? '';

describe('the import flow', () => {
  it('shows every problem of a tampered or truncated file, and changes nothing', async () => {
    const db = await testBrowser().open();
    await saveRun(db, makeRun('here', { seed: 3 }));
    const before = await dumpBytes(db);

    const good = await runFile('r1', 5);
    const tampered = good.replace(/"score":[0-9.]+/, '"score":119');
    const truncated = good.slice(0, Math.floor(good.length / 2));
    const future = good.replace('"formatVersion":1', '"formatVersion":9');
    const flow = start(db);
    await flow.addFiles([
      new File([tampered], 'tampered.json'),
      new File([truncated], 'truncated.json'),
      new File([future], 'future.json'),
    ]);
    await settle(() => expect(target.querySelectorAll('.verdict.bad')).toHaveLength(3));

    const cards = [...target.querySelectorAll('article.file')];
    expect(cards.map((c) => c.querySelector('h3 .name')?.textContent)).toEqual([
      'tampered.json',
      'truncated.json',
      'future.json',
    ]);
    for (const card of cards) {
      expect(card.textContent).toContain(en['import.rejected']);
      expect(card.querySelectorAll('ol.problems li').length).toBeGreaterThan(0);
      expect(card.querySelector('button.button')?.textContent?.trim()).toBe(en['import.dismiss']);
    }
    // The tampered file names the checksum, with its path shown as code.
    expect(cards[0].querySelector('ol.problems code')?.textContent).toBe('checksum');
    // The truncated one is about the whole file.
    expect(cards[1].querySelector('ol.problems strong')?.textContent).toBe(en['import.wholeFile']);
    expect(cards[2].textContent).toMatch(/newer|version/i);
    // No import button on a rejected file.
    expect(text()).not.toContain(en['import.apply'] + '\n');
    expect(target.querySelector('.choice')).toBeNull();
    expect(await dumpBytes(db)).toEqual(before);
  });

  it('previews a good file and lets the learner choose what happens to duplicates', async () => {
    const db = await testBrowser().open();
    await saveRun(db, makeRun('r1', { seed: 5, label: 'mine' }));
    const file = await runFile('r1', 5);
    const flow = start(db);
    await flow.addFiles([new File([file], 'student.json')]);
    await settle(() => expect(target.querySelector('fieldset.choice')).not.toBeNull());

    expect(text()).toContain('Li Lei');
    expect(text()).toContain('Team 2');
    expect(target.querySelector('.badge.dup')?.textContent).toBe(en['import.duplicate']);
    const radios = [...target.querySelectorAll<HTMLInputElement>('fieldset.choice input')];
    expect(radios.map((r) => r.value)).toEqual(['skip', 'replace', 'keepBoth']);
    expect(radios[0].checked).toBe(true);

    radios[2].click();
    flushSync();
    const apply = [...target.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === en['import.apply'],
    );
    apply?.click();
    await settle(() => expect(target.querySelector('.verdict.good')).not.toBeNull());
    expect(text()).toContain('1 added, 0 replaced, 0 skipped.');
    const runs = await listRuns(db);
    expect(runs.ok && runs.value.map((r) => r.label ?? r.player?.name).sort()).toEqual([
      'Li Lei',
      'mine',
    ]);
  });

  it('skips duplicates by default, and tells so', async () => {
    const db = await testBrowser().open();
    await saveRun(db, makeRun('r1', { seed: 5, label: 'mine' }));
    const flow = start(db);
    await flow.addFiles([new File([await runFile('r1', 5)], 'again.json')]);
    await settle(() => expect(target.querySelector('fieldset.choice')).not.toBeNull());
    const before = await listRuns(db);
    [...target.querySelectorAll('button')]
      .find((b) => b.textContent?.trim() === en['import.apply'])
      ?.click();
    await settle(() => expect(text()).toContain('0 added, 0 replaced, 1 skipped.'));
    // The run here is untouched (an import only fills in a missing profile).
    expect(await listRuns(db)).toEqual(before);
  });

  it('renders names with markup as text', async () => {
    const db = await testBrowser().open();
    const flow = start(db);
    const evil = '<img src=x onerror="window.hacked=1">';
    await flow.addFiles([new File([await runFile('r9', 9, evil)], '<b>file</b>.json')]);
    await settle(() => expect(text()).toContain(evil));
    expect(target.querySelector('img')).toBeNull();
    expect(target.querySelector('b')).toBeNull();
    expect(text()).toContain('<b>file</b>.json');
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();
  });
});
