// Live lists under runes (happy-dom, fake IndexedDB): an effect reading `.current`
// re-runs when any tab writes; the query stops when the last reader goes; a failing query
// becomes `.problem`; a stored name with script text renders as text.

// Dexie's liveQuery runs nothing without a global indexedDB (Dexie.dependencies, read when
// dexie loads), even when the database itself was opened on another factory.
import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { LiveProfile, LiveQuery, LiveRuns, LiveSessions } from './live.svelte.ts';
import { deleteRun, saveProfile, saveRun, saveSessionState } from './records.ts';
import { makeRun, sessionAfter, testBrowser } from './testkit.ts';

/** Runs `read` in an effect; returns what it saw each time, and the cleanup. */
function watch<T>(read: () => T) {
  const seen: T[] = [];
  const stop = $effect.root(() => {
    $effect(() => {
      seen.push(read());
    });
  });
  flushSync();
  return { seen, stop };
}

async function settle(check: () => void) {
  await vi.waitFor(
    () => {
      flushSync();
      check();
    },
    { timeout: 3000, interval: 10 },
  );
}

describe('live lists', () => {
  it('follow writes made by another tab', async () => {
    const browser = testBrowser();
    const tabA = await browser.open();
    const tabB = await browser.open();
    const runs = new LiveRuns(tabA, 'sandbox');
    const w = watch(() => runs.current.map((r) => r.id));
    await settle(() => expect(runs.loaded).toBe(true));
    expect(w.seen.at(-1)).toEqual([]);

    await saveRun(tabB, makeRun('r1', { seed: 1 }));
    await settle(() => expect(w.seen.at(-1)).toEqual(['r1']));
    await saveRun(tabB, makeRun('r2', { seed: 2 }));
    await settle(() => expect(w.seen.at(-1)).toEqual(['r2', 'r1']));
    await deleteRun(tabB, 'r1');
    await settle(() => expect(w.seen.at(-1)).toEqual(['r2']));
    expect(runs.problem).toBeNull();
    w.stop();
  });

  it('sessions in progress appear and update their round', async () => {
    const db = await testBrowser().open();
    const sessions = new LiveSessions(db);
    const w = watch(() => sessions.current.map((s) => `${s.id}@${s.round}`));
    await saveSessionState(db, 's', sessionAfter(1).state, 'tab');
    await settle(() => expect(w.seen.at(-1)).toEqual(['s@1']));
    await saveSessionState(db, 's', sessionAfter(2).state, 'tab');
    await settle(() => expect(w.seen.at(-1)).toEqual(['s@2']));
    w.stop();
  });

  it('a failing query becomes a problem, reported to the database listeners too', async () => {
    const db = await testBrowser().open();
    const heard: string[] = [];
    db.onProblem((p) => heard.push(p.code));
    const broken = new LiveQuery(db, () => db.table('noSuchTable').toArray(), [] as unknown[]);
    const w = watch(() => broken.problem?.code ?? null);
    await settle(() => expect(w.seen.at(-1)).toBe('readFailed'));
    expect(heard).toEqual(['readFailed']);
    expect(broken.current).toEqual([]);
    w.stop();
  });

  it('outside an effect, current is the last value and nothing subscribes', async () => {
    const db = await testBrowser().open();
    const runs = new LiveRuns(db);
    expect(runs.current).toEqual([]);
    expect(runs.loaded).toBe(false);
  });

  it('a name with script text renders as text and runs nothing', async () => {
    const evil = '<img src=x onerror="globalThis.pwned=1"><script>globalThis.pwned=2</script>';
    const db = await testBrowser().open();
    await saveProfile(db, { name: evil, language: 'en' });
    const profile = new LiveProfile(db);
    const el = document.createElement('p');
    document.body.append(el);
    // What a Svelte `{profile.current?.name}` does: it sets a text node, never innerHTML.
    const w = watch(() => (el.textContent = profile.current?.name ?? ''));
    await settle(() => expect(el.textContent).toBe(evil));
    expect(el.children).toHaveLength(0);
    expect(document.querySelectorAll('img, script')).toHaveLength(0);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
    w.stop();
    el.remove();
  });
});
