// The play page's autosave through storage (fake IndexedDB): a branch of a finished run is
// saved as a branch (History labels it "branch from round k"), also after a reload; once it
// is restarted it is a fresh game of the scenario from round 0, and is saved as one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { branchSession, sessionInput } from '../../scenario/session';
import { smallSandbox } from '../../scenario/fixtures';
import * as history from '../../storage/history';
import * as lease from '../../storage/lease';
import * as records from '../../storage/records';
import * as autosave from '../../storage/autosave';
import { testBrowser } from '../../storage/testkit';
import type { LoyaltyDb } from '../../storage/db';
import { persist, type Persistence, type StorageHandle } from './persistence';
import { PlaySession } from './session.svelte';

const api = { ...records, ...autosave, ...lease, ...history };
const open: { session: PlaySession; saving: Persistence }[] = [];

afterEach(async () => {
  for (const { session, saving } of open.splice(0)) {
    await saving.dispose();
    session.dispose();
  }
});

/** A branch of run "parent" from round 2, as the play page starts it. */
async function startBranch(h: StorageHandle) {
  const scenario = smallSandbox(300);
  const seed = 4;
  const { startLevers } = sessionInput(scenario, seed);
  const decisions = [0, 1].map(() => ({ levers: { ...startLevers } }));
  const branch = branchSession(scenario, { runId: 'parent', seed, decisions }, 2);
  const session = await PlaySession.start({ scenario, seed, branch, minSimulatingMs: 0 });
  const saving = persist(session, h, null);
  open.push({ session, saving });
  return { session, saving };
}

async function onlySession(db: LoyaltyDb) {
  const list = await history.listSessions(db);
  if (!list.ok) throw new Error('list failed');
  expect(list.value).toHaveLength(1);
  return list.value[0];
}

describe('persist (autosave of the play page)', () => {
  it('saves a branch as a branch, and a restarted branch as a fresh game', async () => {
    const db = await testBrowser().open();
    const { session, saving } = await startBranch({ db, api });
    session.send({ type: 'session.start' });
    await saving.flush();
    expect(await onlySession(db)).toMatchObject({
      round: 2,
      parentRunId: 'parent',
      branchRound: 2,
    });

    session.send({ type: 'session.restart' });
    await vi.waitFor(() => expect(session.current.matches('briefing')).toBe(true));
    await saving.flush();
    expect(await onlySession(db)).toMatchObject({ round: 0, parentRunId: null, branchRound: null });
  });

  it('a branch resumed after a reload is still saved as a branch', async () => {
    const browser = testBrowser();
    const db = await browser.open();
    const first = await startBranch({ db, api });
    first.session.send({ type: 'session.start' });
    await first.saving.flush();
    const { id } = await onlySession(db);
    await first.saving.dispose();

    // The reload: the saved game comes back without the page knowing it is a branch.
    const again = await browser.open();
    const loaded = await records.loadSession(again, id);
    if (!loaded.ok || !loaded.value) throw new Error('not saved');
    const scenario = smallSandbox(300);
    const session = await PlaySession.start({
      scenario,
      seed: 4,
      saved: loaded.value.saved,
      minSimulatingMs: 0,
    });
    const saving = persist(session, { db: again, api }, id);
    open.push({ session, saving });
    session.send({ type: 'round.begin' });
    await saving.flush();
    expect(await onlySession(again)).toMatchObject({ parentRunId: 'parent', branchRound: 2 });
  });
});
