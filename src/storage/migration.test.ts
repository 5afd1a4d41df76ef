// A database written by version 1 (created with the version-1 schema only, data in every
// table) opens with the current schema: nothing is lost and the version-2 upgrade ran.

import { Dexie } from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, STORES_V1, splitRunV1, type RunRecordV1 } from './db.ts';
import { getRun, loadSession } from './records.ts';
import { listRuns } from './history.ts';
import { makeRun, sessionAfter, testBrowser } from './testkit.ts';

function v1Run(id: string, seed: number, parentRunId: string | null = null): RunRecordV1 {
  const {
    label: _l,
    rounds: _r,
    importedAt: _i,
    ...rest
  } = makeRun(id, { seed, parentRunId, branchRound: parentRunId ? 2 : null });
  return rest;
}

describe('schema versions', () => {
  it('upgrades a version-1 database with data to the current version, losing nothing', async () => {
    const browser = testBrowser();
    const name = 'loyalty-lab-migration';
    // The app as it was at version 1: only the version-1 declaration.
    const old = new Dexie(name, { indexedDB: browser.factory, IDBKeyRange });
    old.version(1).stores(STORES_V1);
    await old.open();
    const runs = [v1Run('r1', 3), v1Run('r2', 4, 'r1'), v1Run('r3', 5)];
    const { state } = sessionAfter(2, 8);
    await old.table('runs').bulkPut(runs);
    await old
      .table('profile')
      .put({ id: 'me', name: 'Mei', team: null, language: 'zh-CN', updatedAt: 1 });
    await old.table('settings').put({ key: 'play.lastScenarioId', value: 'sandbox', updatedAt: 2 });
    await old.table('sessions').put({
      id: 's1',
      scenarioId: 'sandbox',
      scenarioVersion: '1.0.0',
      seed: 8,
      round: 2,
      phase: 'round.review',
      parentRunId: null,
      branchRound: null,
      createdAt: 3,
      updatedAt: 4,
      engineFingerprint: 'x',
      lease: null,
    });
    await old.table('sessionMachines').put({ id: 's1', machine: state.machine });
    await old.table('sessionEngines').put({ id: 's1', engine: state.engine });
    await old.table('quizResults').put({
      id: 'q',
      scenarioId: 'sandbox',
      runId: 'r1',
      answers: [],
      correct: 0,
      total: 2,
      takenAt: 5,
    });
    await old
      .table('conceptViews')
      .put({ conceptId: 'churn', firstViewedAt: 6, lastViewedAt: 7, count: 3 });
    const before = {
      profile: await old.table('profile').toArray(),
      settings: await old.table('settings').toArray(),
      sessions: await old.table('sessions').toArray(),
      quizResults: await old.table('quizResults').toArray(),
      conceptViews: await old.table('conceptViews').toArray(),
    };
    expect(old.verno).toBe(1);
    old.close();

    const db = await browser.open({ name });
    expect(db.verno).toBe(CURRENT_VERSION);
    // The upgrade ran: runs are split into light rows and details, with the new fields.
    for (const r of runs) {
      const summary = await db.runs.get(r.id);
      expect(summary).toEqual(splitRunV1(r).summary);
      expect(summary).toMatchObject({ label: null, rounds: r.metrics.length, importedAt: null });
      expect(summary).not.toHaveProperty('metrics');
      expect(await db.runDetails.get(r.id)).toEqual(splitRunV1(r).details);
      // Nothing lost: the whole run reads back with every version-1 field unchanged.
      const whole = await getRun(db, r.id);
      expect(whole.ok && whole.value).toMatchObject(r);
    }
    // The new compound index works.
    const listed = await listRuns(db, 'sandbox');
    expect(listed.ok && listed.value.map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    // The other tables are untouched.
    expect(await db.profile.toArray()).toEqual(before.profile);
    expect(await db.settings.toArray()).toEqual(before.settings);
    expect(await db.sessions.toArray()).toEqual(before.sessions);
    expect(await db.quizResults.toArray()).toEqual(before.quizResults);
    expect(await db.conceptViews.toArray()).toEqual(before.conceptViews);
    const session = await loadSession(db, 's1');
    expect(session.ok && session.value?.saved.engine).toEqual(state.engine);
    db.close();

    // Opening again does not run the upgrade twice.
    const again = await browser.open({ name });
    expect(await again.runs.get('r2')).toEqual(splitRunV1(runs[1]).summary);
  });

  it('a fresh database starts at the current version with every table', async () => {
    const db = await testBrowser().open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'conceptViews',
      'profile',
      'quizResults',
      'runDetails',
      'runs',
      'sessionEngines',
      'sessionMachines',
      'sessions',
      'settings',
    ]);
  });
});
