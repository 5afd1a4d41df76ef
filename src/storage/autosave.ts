// What lives here: persistence as a subscriber. The play page creates one autosave per
// session and calls schedule() after every meaningful transition (a lever moved, an event
// answered, a complaint handled); saves are debounced, and flush() saves at once (after a
// round is submitted, and on pagehide / visibilitychange to hidden). Saves never overlap
// and never throw; a failed save leaves the change pending, so the next schedule() or
// flush() tries again, while the session in memory goes on.
//
// A save writes the machine's persisted snapshot every time and the engine snapshot only
// when the engine changed (a round was simulated or the run reset): within a round the
// 100,000-customer columns are not rewritten for each slider move.

import type { LoyaltyDb } from './db.ts';
import type { StorageProblem, Stored } from './problems.ts';
import { toStorageProblem } from './problems.ts';
import { saveSessionState, type SessionState } from './records.ts';

export type SaveOutcome = 'saved' | 'clean' | 'elsewhere';

export type AutosaveStatus =
  /** Everything is saved. */
  | 'saved'
  /** A change waits for the debounce. */
  | 'pending'
  | 'saving'
  /** The last save failed (see lastProblem); the change is still pending. */
  | 'failed'
  /** Another tab took the session over: this one no longer saves. */
  | 'elsewhere'
  | 'disposed';

export interface AutosaveOptions {
  db: LoyaltyDb;
  sessionId: string;
  /** This tab's id (newTabId()); saves take and check the session's lease with it. */
  tabId: string;
  /**
   * The state to save, read when the save happens (not when scheduled), so the newest
   * state is written. May be async (the engine adapter's snapshot() is).
   * @example async () => sessionState(await saveSession(actor, engine), scenario)
   */
  getState: () => SessionState | Promise<SessionState>;
  /**
   * Quiet time after the last schedule() before saving, in ms.
   * @default 400
   */
  delayMs?: number;
  /** Called after every save attempt with its result. */
  onSaved?: (result: Stored<SaveOutcome>) => void;
  /** Called when a save fails (show the storage banner with the export offer). */
  onProblem?: (problem: StorageProblem) => void;
  /** Called once when a save finds another tab holding the session. */
  onElsewhere?: () => void;
}

export interface Autosave {
  /** Marks the session changed; saves after `delayMs` of quiet. */
  schedule(): void;
  /** Saves now if anything changed (waiting for a save in progress first). */
  flush(): Promise<Stored<SaveOutcome>>;
  /** Flushes what is pending, then stops; later schedule() calls do nothing. */
  dispose(): Promise<Stored<SaveOutcome>>;
  readonly status: AutosaveStatus;
  readonly lastProblem: StorageProblem | null;
}

/**
 * @example
 * const autosave = createAutosave({ db, sessionId, tabId, getState });
 * actor.subscribe(() => autosave.schedule());
 * // after round.submit's simulation lands, and on pagehide:
 * await autosave.flush();
 */
export function createAutosave(options: AutosaveOptions): Autosave {
  const { db, sessionId, tabId, getState } = options;
  const delayMs = options.delayMs ?? 400;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  let saving = false;
  let ended: 'elsewhere' | 'disposed' | null = null;
  let lastProblem: StorageProblem | null = null;
  // Saves run one after another on this chain; each link never rejects.
  let chain: Promise<unknown> = Promise.resolve();

  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  async function saveIfDirty(): Promise<Stored<SaveOutcome>> {
    if (ended === 'elsewhere') return { ok: true, value: 'elsewhere' };
    if (!dirty) return { ok: true, value: 'clean' };
    dirty = false;
    saving = true;
    let result: Stored<SaveOutcome>;
    try {
      const state = await getState();
      result = await saveSessionState(db, sessionId, state, tabId);
    } catch (e) {
      // getState itself failed (e.g. the engine could not make a snapshot).
      const problem = toStorageProblem(e, 'write');
      db.reportProblem(problem);
      result = { ok: false, problem };
    }
    saving = false;
    if (!result.ok) {
      dirty = true;
      lastProblem = result.problem;
      options.onProblem?.(result.problem);
    } else {
      lastProblem = null;
      if (result.value === 'elsewhere') {
        ended = 'elsewhere';
        clearTimer();
        options.onElsewhere?.();
      }
    }
    options.onSaved?.(result);
    return result;
  }

  function run(): Promise<Stored<SaveOutcome>> {
    const p = chain.then(saveIfDirty);
    chain = p.catch(() => undefined);
    return p;
  }

  return {
    schedule() {
      if (ended) return;
      dirty = true;
      clearTimer();
      timer = setTimeout(() => {
        timer = undefined;
        void run();
      }, delayMs);
    },
    flush() {
      clearTimer();
      return run();
    },
    async dispose() {
      clearTimer();
      if (ended) return { ok: true, value: ended === 'elsewhere' ? 'elsewhere' : 'clean' };
      // Ended first, so a schedule() during this last save is ignored; the save still runs.
      ended = 'disposed';
      return run();
    },
    get status(): AutosaveStatus {
      if (ended) return ended;
      if (saving) return 'saving';
      if (lastProblem) return 'failed';
      return dirty ? 'pending' : 'saved';
    },
    get lastProblem() {
      return lastProblem;
    },
  };
}
