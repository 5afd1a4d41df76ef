// What lives here: reading and writing each kind of record (profile, settings, concept
// views, quiz results, sessions in progress, finished runs) and deleting them. Every
// function takes the database first and returns a Stored<T> (problems.ts): it never throws.
// A session's three rows and a run's two rows are always written in one transaction, so a
// reader never sees half of a save.

import type { SimulationSnapshot } from '../engine/simulation.ts';
import type { RunScore } from '../scenario/metrics.ts';
import type { SessionContext } from '../scenario/session.machine.ts';
import type { SavedSession } from '../scenario/session.ts';
import {
  STORAGE_KEYS,
  TABLE_NAMES,
  type ConceptViewRecord,
  type JsonValue,
  type Language,
  type LoyaltyDb,
  type PersistedMachine,
  type ProfileRecord,
  type QuizResultRecord,
  type Run,
  type RunDetails,
  type RunSummary,
  type SessionRecord,
} from './db.ts';
import { attempt, type Stored } from './problems.ts';
import { randomId } from './portable.ts';

/** A fresh random id for sessions, runs and quiz results (not part of any simulation). */
export function newId(): string {
  return randomId();
}

// ---------------------------------------------------------------- profile and settings

export function getProfile(db: LoyaltyDb): Promise<Stored<ProfileRecord | undefined>> {
  return attempt(db, 'read', () => db.profile.get(STORAGE_KEYS.profileId));
}

export interface ProfileInput {
  name: string;
  team?: string | null;
  language: Language;
}

/** Saves the learner's profile. Names are kept as typed (trimmed): plain text, never HTML. */
export function saveProfile(db: LoyaltyDb, input: ProfileInput): Promise<Stored<ProfileRecord>> {
  return attempt(db, 'write', async () => {
    const team = input.team?.trim() ? input.team.trim() : null;
    const rec: ProfileRecord = {
      id: STORAGE_KEYS.profileId,
      name: input.name.trim(),
      team,
      language: input.language,
      updatedAt: db.now(),
    };
    await db.profile.put(rec);
    return rec;
  });
}

export function getSetting<T extends JsonValue = JsonValue>(
  db: LoyaltyDb,
  key: string,
): Promise<Stored<T | undefined>> {
  return attempt(db, 'read', async () => (await db.settings.get(key))?.value as T | undefined);
}

/** One setting per row: two tabs changing different settings never overwrite each other. */
export function setSetting(db: LoyaltyDb, key: string, value: JsonValue): Promise<Stored<void>> {
  return attempt(db, 'write', async () => {
    await db.settings.put({ key, value: structuredClone(value), updatedAt: db.now() });
  });
}

// ---------------------------------------------------------------- concepts and quiz

/** Records that a glossary card was opened (first time, last time, how often). */
export function markConceptViewed(
  db: LoyaltyDb,
  conceptId: string,
): Promise<Stored<ConceptViewRecord>> {
  return attempt(db, 'write', () =>
    db.transaction('rw', db.conceptViews, async () => {
      const now = db.now();
      const old = await db.conceptViews.get(conceptId);
      const rec: ConceptViewRecord = old
        ? { ...old, lastViewedAt: now, count: old.count + 1 }
        : { conceptId, firstViewedAt: now, lastViewedAt: now, count: 1 };
      await db.conceptViews.put(rec);
      return rec;
    }),
  );
}

export function listConceptViews(db: LoyaltyDb): Promise<Stored<ConceptViewRecord[]>> {
  return attempt(db, 'read', () => db.conceptViews.toArray());
}

export type QuizResultInput = Omit<QuizResultRecord, 'id' | 'takenAt'> &
  Partial<Pick<QuizResultRecord, 'id' | 'takenAt'>>;

export function saveQuizResult(
  db: LoyaltyDb,
  input: QuizResultInput,
): Promise<Stored<QuizResultRecord>> {
  return attempt(db, 'write', async () => {
    const rec: QuizResultRecord = {
      ...structuredClone(input),
      id: input.id ?? newId(),
      takenAt: input.takenAt ?? db.now(),
    };
    await db.quizResults.put(rec);
    return rec;
  });
}

export function listQuizResults(
  db: LoyaltyDb,
  filter: { scenarioId?: string; runId?: string } = {},
): Promise<Stored<QuizResultRecord[]>> {
  return attempt(db, 'read', async () => {
    const rows = filter.runId
      ? await db.quizResults.where('runId').equals(filter.runId).toArray()
      : filter.scenarioId
        ? await db.quizResults.where('scenarioId').equals(filter.scenarioId).toArray()
        : await db.quizResults.toArray();
    return rows
      .filter((r) => !filter.scenarioId || r.scenarioId === filter.scenarioId)
      .sort((a, b) => a.takenAt - b.takenAt);
  });
}

// ---------------------------------------------------------------- sessions in progress

/**
 * What a save of a session holds; autosave's getState returns it (see sessionState()).
 * Each save is the whole truth about the session: a field left out is its default, never
 * the value an earlier save wrote.
 */
export interface SessionState {
  scenarioId: string;
  scenarioVersion: string;
  seed: number;
  round: number;
  /** @default derived from machine.value, e.g. "round.decide" */
  phase?: string;
  /** The run this session branches from. @default null (not a branch) */
  parentRunId?: string | null;
  /** @default null (not a branch) */
  branchRound?: number | null;
  machine: PersistedMachine;
  engine: SimulationSnapshot;
}

/**
 * The state to save from a session's save (saveSession in src/scenario/session.ts) and its
 * scenario: scenario id, seed, round and the branch (which run, from which round) are read
 * from the machine's context, so a branch stays one after a reload and stops being one
 * when it is restarted (the machine drops its branch then).
 * @example
 * getState: async () => sessionState(await saveSession(actor, engine), scenario)
 */
export function sessionState(
  saved: SavedSession,
  scenario: { id: string; version: string },
): SessionState {
  const context = (saved.machine as { context?: Partial<SessionContext> }).context ?? {};
  const from = context.branch;
  const branch =
    from && typeof from.fromRunId === 'string' && Number.isInteger(from.fromRound)
      ? { parentRunId: from.fromRunId, branchRound: from.fromRound }
      : { parentRunId: null, branchRound: null };
  return {
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    seed: typeof context.seed === 'number' ? context.seed : saved.engine.seed,
    round: typeof context.round === 'number' ? context.round : saved.engine.period,
    ...branch,
    machine: saved.machine,
    engine: saved.engine,
  };
}

/** What a session's row says about it, from a save, with SessionState's defaults applied. */
export function sessionSummary(
  state: SessionState,
): Pick<
  SessionRecord,
  'scenarioId' | 'scenarioVersion' | 'seed' | 'round' | 'phase' | 'parentRunId' | 'branchRound'
> {
  return {
    scenarioId: state.scenarioId,
    scenarioVersion: state.scenarioVersion,
    seed: state.seed,
    round: state.round,
    phase: state.phase ?? phaseOf(state.machine),
    parentRunId: state.parentRunId ?? null,
    branchRound: state.branchRound ?? null,
  };
}

/** "round.decide" from { round: 'decide' }; "" when the snapshot has no value. */
export function phaseOf(machine: PersistedMachine): string {
  let v: unknown = (machine as { value?: unknown }).value;
  const parts: string[] = [];
  for (let depth = 0; depth < 8 && v !== undefined; depth++) {
    if (typeof v === 'string') {
      parts.push(v);
      break;
    }
    if (typeof v !== 'object' || v === null) break;
    const keys = Object.keys(v);
    // A parallel state (simulating: engine + clock) is named by its own key.
    if (keys.length !== 1) break;
    parts.push(keys[0]);
    v = (v as Record<string, unknown>)[keys[0]];
  }
  return parts.join('.');
}

/**
 * Identifies an engine snapshot: the engine changes only when a period is simulated or
 * the run is reset, and either moves the generator or the period. Equal fingerprints mean
 * the stored snapshot is the same, so a save skips rewriting it.
 */
export function engineFingerprint(e: SimulationSnapshot): string {
  const r = e.rng;
  return `${e.seed}:${e.period}:${e.count}:${r.a}.${r.b}.${r.c}.${r.d}:${e.decisionLog.length}`;
}

/**
 * Saves a session's state in one transaction, and takes (or renews) this tab's lease.
 * Refuses with 'elsewhere' when another tab holds the lease: that tab took the session
 * over, and writing now would overwrite its newer state.
 * The engine row is rewritten only when the engine changed (see engineFingerprint).
 */
export function saveSessionState(
  db: LoyaltyDb,
  id: string,
  state: SessionState,
  tabId: string,
): Promise<Stored<'saved' | 'elsewhere'>> {
  return attempt(db, 'write', () =>
    db.transaction('rw', [db.sessions, db.sessionMachines, db.sessionEngines], async () => {
      const now = db.now();
      const old = await db.sessions.get(id);
      if (old?.lease && old.lease.tabId !== tabId) return 'elsewhere' as const;
      const fingerprint = engineFingerprint(state.engine);
      const row: SessionRecord = {
        id,
        // Nothing kept from `old`: a branch restarted as a fresh game is no longer a branch.
        ...sessionSummary(state),
        createdAt: old?.createdAt ?? now,
        updatedAt: now,
        engineFingerprint: fingerprint,
        lease: { tabId, heartbeat: now },
      };
      await db.sessions.put(row);
      await db.sessionMachines.put({ id, machine: state.machine });
      // Typed arrays go in as they are: structured clone copies each buffer in one piece.
      if (old?.engineFingerprint !== fingerprint)
        await db.sessionEngines.put({ id, engine: state.engine });
      return 'saved' as const;
    }),
  );
}

export interface LoadedSession {
  session: SessionRecord;
  /** Both halves, ready for restoreSession(saved, { scenario }). */
  saved: SavedSession;
}

/** A session's rows, read in one transaction; undefined when there is no such session. */
export function loadSession(db: LoyaltyDb, id: string): Promise<Stored<LoadedSession | undefined>> {
  return attempt(db, 'read', () =>
    db.transaction('r', [db.sessions, db.sessionMachines, db.sessionEngines], async () => {
      const [session, m, e] = await Promise.all([
        db.sessions.get(id),
        db.sessionMachines.get(id),
        db.sessionEngines.get(id),
      ]);
      if (!session || !m || !e) return undefined;
      return { session, saved: { machine: m.machine, engine: e.engine } };
    }),
  );
}

export function deleteSession(db: LoyaltyDb, id: string): Promise<Stored<void>> {
  return attempt(db, 'write', () =>
    db.transaction('rw', [db.sessions, db.sessionMachines, db.sessionEngines], async () => {
      await db.sessions.delete(id);
      await db.sessionMachines.delete(id);
      await db.sessionEngines.delete(id);
    }),
  );
}

// ---------------------------------------------------------------- finished runs

/** Splits a run into its two rows. */
export function splitRun(run: Run): { summary: RunSummary; details: RunDetails } {
  const { decisions, metrics, personas, scoreParts, ...summary } = run;
  return { summary, details: { id: run.id, decisions, metrics, personas, scoreParts } };
}

export function joinRun(summary: RunSummary, details: RunDetails): Run {
  const { id: _id, ...rest } = details;
  return { ...summary, ...rest };
}

/** Writes a whole run (both rows) in one transaction; replaces a run with the same id. */
export function saveRun(db: LoyaltyDb, run: Run): Promise<Stored<Run>> {
  return attempt(db, 'write', () =>
    db.transaction('rw', [db.runs, db.runDetails], async () => {
      const { summary, details } = splitRun(structuredClone(run));
      await db.runs.put(summary);
      await db.runDetails.put(details);
      return run;
    }),
  );
}

/** A run with everything the dashboards need; undefined when there is none. */
export function getRun(db: LoyaltyDb, id: string): Promise<Stored<Run | undefined>> {
  return attempt(db, 'read', () =>
    db.transaction('r', [db.runs, db.runDetails], async () => {
      const [summary, details] = await Promise.all([db.runs.get(id), db.runDetails.get(id)]);
      return summary && details ? joinRun(summary, details) : undefined;
    }),
  );
}

export interface FinishOptions {
  /** scoreRun(scenario.objectives, history) of the finished run. */
  score: RunScore;
  /** @default null */
  label?: string | null;
}

/**
 * Turns a finished session into a run, in one transaction: the run (id = the session's
 * id, so finishing twice writes one run), its quiz result from the machine's context, the
 * player from the profile; then the session's rows are deleted. Decisions, metrics and
 * personas come from the saved engine snapshot, so flush autosave first.
 * Returns undefined when there is neither such a session nor such a run.
 */
export function finishSession(
  db: LoyaltyDb,
  sessionId: string,
  options: FinishOptions,
): Promise<Stored<Run | undefined>> {
  const tables = [
    db.sessions,
    db.sessionMachines,
    db.sessionEngines,
    db.runs,
    db.runDetails,
    db.quizResults,
    db.profile,
  ];
  return attempt(db, 'write', () =>
    db.transaction('rw', tables, async () => {
      const [session, m, e] = await Promise.all([
        db.sessions.get(sessionId),
        db.sessionMachines.get(sessionId),
        db.sessionEngines.get(sessionId),
      ]);
      if (!session || !m || !e) {
        const [summary, details] = await Promise.all([
          db.runs.get(sessionId),
          db.runDetails.get(sessionId),
        ]);
        return summary && details ? joinRun(summary, details) : undefined;
      }
      const profile = await db.profile.get(STORAGE_KEYS.profileId);
      const now = db.now();
      const engine = e.engine;
      const run: Run = {
        id: sessionId,
        scenarioId: session.scenarioId,
        scenarioVersion: session.scenarioVersion,
        seed: session.seed,
        score: options.score.total,
        rounds: engine.history.length,
        label: options.label ?? null,
        player: profile?.name ? { name: profile.name, team: profile.team } : null,
        parentRunId: session.parentRunId,
        branchRound: session.branchRound,
        finishedAt: now,
        importedAt: null,
        decisions: engine.decisionLog,
        metrics: engine.history,
        personas: engine.personas,
        scoreParts: options.score.parts,
      };
      const { summary, details } = splitRun(run);
      await db.runs.put(summary);
      await db.runDetails.put(details);
      const context = (m.machine as { context?: Partial<SessionContext> }).context;
      if (context?.quiz && Array.isArray(context.quizKey) && context.quizKey.length > 0)
        await db.quizResults.put({
          id: sessionId,
          scenarioId: session.scenarioId,
          runId: sessionId,
          answers: context.quiz.answers,
          correct: context.quiz.correct,
          total: context.quizKey.length,
          takenAt: now,
        });
      await db.sessions.delete(sessionId);
      await db.sessionMachines.delete(sessionId);
      await db.sessionEngines.delete(sessionId);
      return run;
    }),
  );
}

/** Renames a run (its label); null removes the label. */
export function labelRun(
  db: LoyaltyDb,
  id: string,
  label: string | null,
): Promise<Stored<boolean>> {
  return attempt(db, 'write', async () => {
    const n = await db.runs.update(id, { label: label?.trim() ? label.trim() : null });
    return n > 0;
  });
}

/**
 * Deletes a run, its details and its quiz results. Branches of it stay (their lineage then
 * shows a missing parent); the UI confirms first.
 */
export function deleteRun(db: LoyaltyDb, id: string): Promise<Stored<void>> {
  return attempt(db, 'write', () =>
    db.transaction('rw', [db.runs, db.runDetails, db.quizResults], async () => {
      await db.runs.delete(id);
      await db.runDetails.delete(id);
      await db.quizResults.where('runId').equals(id).delete();
    }),
  );
}

/**
 * Deletes every record of every table, in one transaction (the profile and settings too).
 * The database itself stays, so other open tabs keep a working connection and see their
 * lists empty. The UI confirms first and may offer an export before.
 */
export function deleteAllData(db: LoyaltyDb): Promise<Stored<void>> {
  return attempt(db, 'write', () =>
    db.transaction(
      'rw',
      TABLE_NAMES.map((n) => db.table(n)),
      async () => {
        for (const name of TABLE_NAMES) await db.table(name).clear();
      },
    ),
  );
}
