// What lives here: the play page's persistence, as a subscriber of the session (architecture:
// "after each meaningful transition the session is saved, so a reload resumes exactly
// there"). It uses the storage room (src/storage) through a StorageHandle:
// - resumable(scenarioId): the learner's session in progress of that scenario, claimed for
//   this tab and loaded, ready for PlaySession.start({ saved });
// - persist(session, handle, id): autosave (debounced; flushed after each simulated period,
//   on pagehide and when the tab is hidden), the tab's hold on the session, and, when the
//   quiz is finished, the session turned into a finished run (finishSession).
// Storage is optional: without it (private browsing, storage off) the session plays in memory
// (the banner then offers to export it: see offerUnsavedExport in the progress state).
// Nothing here throws to the page; failures reach the handle's onProblem listeners.

import type { LoyaltyDb } from '../../storage/db.ts';
import type { SavedSession } from '../../scenario/session.ts';
import { scoreRun } from '../../scenario/metrics.ts';
import type { PlaySession } from './session.svelte.ts';
import { phaseOf } from './phase.ts';
import { progress } from '../progress/storage.svelte.ts';

/** The parts of the storage room the play page uses (not the progress-file checker). */
type StorageApi = typeof import('../../storage/records.ts') &
  typeof import('../../storage/autosave.ts') &
  typeof import('../../storage/lease.ts') &
  typeof import('../../storage/history.ts');

let api: Promise<StorageApi> | null = null;
function loadApi(): Promise<StorageApi> {
  api ??= Promise.all([
    import('../../storage/records.ts'),
    import('../../storage/autosave.ts'),
    import('../../storage/lease.ts'),
    import('../../storage/history.ts'),
  ]).then((modules) => Object.assign({}, ...modules) as StorageApi);
  return api;
}

/** An open database and the storage room's functions. */
export interface StorageHandle {
  db: LoyaltyDb;
  api: StorageApi;
}

/**
 * How the play page reaches storage: the app's one shared connection (progress.open(); its
 * banner reports storage problems). Replaceable for tests.
 */
let provider: () => Promise<StorageHandle | null> = async () => {
  const db = await progress.open();
  if (!db) return null;
  try {
    return { db, api: await loadApi() };
  } catch {
    return null;
  }
};

/** Replaces how storage is reached. */
export function provideStorage(fn: () => Promise<StorageHandle | null>): void {
  provider = fn;
}

export function storageHandle(): Promise<StorageHandle | null> {
  return provider();
}

/** This tab's id for session leases (one per page load). */
let tabId: string | null = null;
function thisTab(api: StorageApi): string {
  tabId ??= api.newTabId();
  return tabId;
}

export type Resumable =
  | { kind: 'none' }
  | { kind: 'saved'; id: string; saved: SavedSession }
  /** Another tab is playing it: offer to take it over. */
  | { kind: 'elsewhere'; id: string };

/**
 * The newest session in progress of the scenario (on `seed`, when the URL names one; a
 * branch of a finished run only when nothing else is there), claimed for this tab and
 * loaded. A session another live tab holds is 'elsewhere'.
 */
export async function resumable(
  h: StorageHandle,
  scenarioId: string,
  seed?: number,
): Promise<Resumable> {
  const { db, api } = h;
  const list = await api.listSessions(db, scenarioId);
  if (!list.ok) return { kind: 'none' };
  const candidates = list.value.filter((s) => seed === undefined || s.seed === seed);
  const record = candidates.find((s) => s.parentRunId === null) ?? candidates[0];
  if (!record) return { kind: 'none' };
  const claimed = await api.claimSession(db, record.id, thisTab(api));
  if (!claimed.ok || claimed.value === 'missing') return { kind: 'none' };
  if (claimed.value === 'elsewhere') return { kind: 'elsewhere', id: record.id };
  const loaded = await api.loadSession(db, record.id);
  if (!loaded.ok || !loaded.value) return { kind: 'none' };
  return { kind: 'saved', id: record.id, saved: loaded.value.saved };
}

/** The branch of `runId` from round `round` in progress, claimed and loaded, if there is one. */
export async function resumableBranch(
  h: StorageHandle,
  scenarioId: string,
  runId: string,
  round: number,
): Promise<Resumable> {
  const { db, api } = h;
  const list = await api.listSessions(db, scenarioId);
  if (!list.ok) return { kind: 'none' };
  const record = list.value.find((s) => s.parentRunId === runId && s.branchRound === round);
  if (!record) return { kind: 'none' };
  const claimed = await api.claimSession(db, record.id, thisTab(api));
  if (!claimed.ok || claimed.value === 'missing') return { kind: 'none' };
  if (claimed.value === 'elsewhere') return { kind: 'elsewhere', id: record.id };
  const loaded = await api.loadSession(db, record.id);
  if (!loaded.ok || !loaded.value) return { kind: 'none' };
  return { kind: 'saved', id: record.id, saved: loaded.value.saved };
}

/** Takes a session over from the tab playing it, then loads it here. */
export async function takeOver(h: StorageHandle, id: string): Promise<Resumable> {
  const { db, api } = h;
  const taken = await api.takeOverSession(db, id, thisTab(api));
  if (!taken.ok || taken.value !== 'ok') return { kind: 'none' };
  const loaded = await api.loadSession(db, id);
  if (!loaded.ok || !loaded.value) return { kind: 'none' };
  return { kind: 'saved', id, saved: loaded.value.saved };
}

export interface Persistence {
  /** Saves what is pending now. */
  flush(): Promise<void>;
  /** Saves what is pending, stops saving and gives the session up. */
  dispose(): Promise<void>;
}

/**
 * Saves the session as it is played. A session still at its briefing is not saved (opening
 * a scenario to read it does not leave a game "in progress"); from the first round on,
 * every transition is. A finished quiz turns the session into a run; a restart after that
 * saves under a new id.
 * @param onLost called when another tab takes the session over (this one stops saving).
 */
export function persist(
  session: PlaySession,
  h: StorageHandle,
  firstId: string | null,
  onLost: () => void = () => {},
): Persistence {
  const { db, api } = h;
  const tab = thisTab(api);
  const scenario = session.scenario;
  let id = firstId ?? api.newId();
  let hold: ReturnType<StorageApi['holdSession']> | null = null;
  let finishedId: string | null = null;
  let stopped = false;

  const newAutosave = () =>
    api.createAutosave({
      db,
      sessionId: id,
      tabId: tab,
      // Whether the game is a branch is read from the machine: a restart drops the branch.
      getState: async () =>
        api.sessionState(await session.save(), { id: scenario.id, version: scenario.version }),
      onSaved: (r) => {
        // A new session has a row (and a lease) after its first save: hold it from then on.
        if (r.ok && r.value === 'saved' && !hold && !stopped) hold = holdFor(id);
      },
      onElsewhere: lost,
    });

  function holdFor(sessionId: string) {
    return api.holdSession(db, sessionId, tab, {
      onLost: (info) => {
        if (info.reason === 'takenOver') lost();
      },
    });
  }

  function lost() {
    if (stopped) return;
    stopped = true;
    void autosave.dispose();
    hold?.stop();
    onLost();
  }

  let autosave = newAutosave();
  if (firstId) hold = holdFor(id);

  async function finish() {
    if (finishedId === id) return;
    finishedId = id;
    await autosave.flush();
    const context = session.actor.getSnapshot().context;
    const score = context.debrief?.learner.score ?? scoreRun(scenario.objectives, session.history);
    await api.finishSession(db, id, { score });
    // The run keeps this id; a game played after it (restart) is a new session.
    hold?.stop();
    hold = null;
    await autosave.dispose();
    id = api.newId();
    autosave = newAutosave();
  }

  let last = phaseOf(session.actor.getSnapshot());
  const sub = session.actor.subscribe((snapshot) => {
    if (stopped) return;
    const phase = phaseOf(snapshot);
    const changed = phase !== last;
    last = phase;
    if (phase === 'finished') {
      if (changed) void finish();
      return;
    }
    if (phase === 'briefing' && finishedId === id) return;
    if (phase === 'briefing' && !hold && !firstId) return;
    autosave.schedule();
    if (changed && (phase === 'roundReport' || phase === 'debrief')) void autosave.flush();
  });

  const onHide = () => {
    if (document.visibilityState === 'hidden') void autosave.flush();
  };
  const onPageHide = () => void autosave.flush();
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onPageHide);

  return {
    flush: async () => {
      await autosave.flush();
    },
    dispose: async () => {
      if (stopped) return;
      stopped = true;
      sub.unsubscribe();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      await autosave.dispose();
      if (hold) await hold.release();
    },
  };
}
