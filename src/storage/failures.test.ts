// Storage failures become typed problems, never throws: a full disk ('quota') keeps the
// previous data intact; a missing, refused, newer or blocked database is reported by
// openDatabase; a closed database makes every call a problem.

import { IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from './db.ts';
import { classify, storageProblem, toStorageProblem } from './problems.ts';
import { getRun, loadSession, saveProfile, saveRun, saveSessionState } from './records.ts';
import { listRuns } from './history.ts';
import { dumpBytes, makeRun, sessionAfter, testBrowser } from './testkit.ts';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a full disk', () => {
  it('a quota error on a session save yields the quota problem and leaves the last save intact', async () => {
    const db = await testBrowser().open();
    const { state: first } = sessionAfter(1);
    await saveSessionState(db, 's', first, 'tab');
    const before = await dumpBytes(db);
    const seen: string[] = [];
    db.onProblem((p) => seen.push(p.code));
    vi.spyOn(db.sessionEngines, 'put').mockImplementation(() => {
      throw quota();
    });
    const { state: second } = sessionAfter(2);
    const r = await saveSessionState(db, 's', second, 'tab');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.code).toBe('quota');
    expect(r.problem.message.en).toMatch(/full/);
    expect(r.problem.message.en).toMatch(/[Ee]xport/);
    expect(r.problem.message['zh-CN']).toMatch(/导出/);
    expect(seen).toEqual(['quota']);
    // The session row and machine were written in the same transaction: rolled back too.
    expect((await dumpBytes(db)).equals(before)).toBe(true);
    const loaded = await loadSession(db, 's');
    expect(loaded.ok && loaded.value?.saved.engine.period).toBe(1);
  });

  it('a quota error on a run save keeps the previous version of the run', async () => {
    const db = await testBrowser().open();
    const run = makeRun('r');
    await saveRun(db, run);
    vi.spyOn(db.runDetails, 'put').mockRejectedValue(quota());
    const r = await saveRun(db, { ...run, label: 'renamed', score: 1 });
    expect(!r.ok && r.problem.code).toBe('quota');
    const back = await getRun(db, 'r');
    expect(back.ok && back.value).toEqual(run);
  });

  it('recognises a full disk however the browser wraps it', () => {
    expect(classify(quota(), 'write')).toBe('quota');
    expect(classify({ name: 'AbortError', inner: { name: 'QuotaExceededError' } }, 'write')).toBe(
      'quota',
    );
    expect(
      classify({ name: 'AbortError', inner: { name: 'AbortError', inner: quota() } }, 'write'),
    ).toBe('quota');
    expect(classify({ name: 'Error', code: 22 }, 'write')).toBe('quota');
    expect(classify({ name: 'DatabaseClosedError' }, 'write')).toBe('unavailable');
    expect(
      classify({ name: 'OpenFailedError', inner: { name: 'InvalidStateError' } }, 'read'),
    ).toBe('unavailable');
    expect(classify(new Error('boom'), 'write')).toBe('writeFailed');
    expect(classify('weird', 'read')).toBe('readFailed');
    expect(toStorageProblem({ name: 'AbortError', inner: quota() }, 'write').detail).toMatch(
      /AbortError.*QuotaExceededError/,
    );
  });
});

describe('no database', () => {
  it('no IndexedDB at all (Node without a fake, old or locked-down browsers): unavailable', async () => {
    expect('indexedDB' in globalThis).toBe(false);
    const r = await openDatabase();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem.code).toBe('unavailable');
    expect(!r.ok && r.problem.message['zh-CN']).toMatch(/导出/);
  });

  it('IndexedDB refusing to open (private mode): unavailable, not a throw', async () => {
    const refusing = {
      open() {
        throw new DOMException(
          'A mutation operation was attempted on a database that did not allow mutations.',
          'InvalidStateError',
        );
      },
      deleteDatabase() {
        throw new DOMException('no', 'InvalidStateError');
      },
      cmp: () => 0,
      databases: async () => [],
    } as unknown as IDBFactory;
    const r = await openDatabase({ name: 'private', indexedDB: refusing, IDBKeyRange });
    expect(!r.ok && r.problem.code).toBe('unavailable');
  });

  it('a database written by a newer app: unavailable, with the "newer version" message', async () => {
    const browser = testBrowser();
    await new Promise<void>((resolve, reject) => {
      const req = browser.factory.open('newer', 990);
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    const r = await openDatabase({ name: 'newer', indexedDB: browser.factory, IDBKeyRange });
    expect(!r.ok && r.problem.code).toBe('unavailable');
    expect(!r.ok && r.problem.message.en).toMatch(/newer version/);
    expect(!r.ok && r.problem.detail).toMatch(/VersionError/);
  });

  it('an old tab keeping the database open blocks the upgrade: blocked', async () => {
    const browser = testBrowser();
    // Dexie says so on the console too; the test checks the result instead.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // A tab of an older app (version 1 = IndexedDB version 10) that ignores versionchange.
    const oldTab = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = browser.factory.open('held', 10);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const r = await openDatabase({
      name: 'held',
      indexedDB: browser.factory,
      IDBKeyRange,
      blockedTimeoutMs: 50,
    });
    expect(!r.ok && r.problem.code).toBe('blocked');
    expect(!r.ok && r.problem.message.en).toMatch(/Close the other/);
    oldTab.close();
  });

  it('a newer app opening the database in another tab: this tab hears of it and stops writing', async () => {
    const browser = testBrowser();
    const db = await browser.open({ name: 'upgraded' });
    const heard: string[] = [];
    db.onProblem((p) => heard.push(p.message.en));
    await new Promise<void>((resolve, reject) => {
      const req = browser.factory.open('upgraded', 990);
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    expect(heard).toEqual([expect.stringMatching(/newer version/)]);
    const w = await saveProfile(db, { name: 'x', language: 'en' });
    expect(!w.ok && w.problem.code).toBe('unavailable');
  });

  it('a closed database: every call returns a problem, none throws', async () => {
    const db = await testBrowser().open();
    db.onProblem(() => {
      throw new Error('a broken listener must not matter');
    });
    db.close();
    const w = await saveProfile(db, { name: 'x', language: 'en' });
    expect(!w.ok && w.problem.code).toBe('unavailable');
    const r = await listRuns(db);
    expect(!r.ok && r.problem.code).toBe('unavailable');
  });

  it('problems carry both languages for every code', () => {
    for (const code of ['quota', 'unavailable', 'blocked', 'writeFailed', 'readFailed'] as const) {
      const p = storageProblem(code);
      expect(p.message.en.length).toBeGreaterThan(20);
      expect(p.message['zh-CN'].length).toBeGreaterThan(10);
    }
  });
});
