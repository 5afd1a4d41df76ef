// What lives here: the one IndexedDB database of Loyalty Lab (Dexie 4), its record types,
// every schema version with its upgrade, the storage keys, and openDatabase().
//
// What is saved where (database "loyalty-lab"; one row per record):
//
// | table             | key            | holds                                                  |
// | ----------------- | -------------- | ------------------------------------------------------ |
// | profile           | id = "me"      | the learner: name, optional class/team label, language |
// | settings          | key            | one setting per row (JSON value)                       |
// | sessions          | id             | a session in progress, light: scenario, seed, round,   |
// |                   |                | phase, branch origin, times, the tab lease             |
// | sessionMachines   | id             | its XState persisted snapshot (JSON-safe)              |
// | sessionEngines    | id             | its engine snapshot: typed-array columns stored as-is  |
// | runs              | id             | a finished run, light: score, seed, rounds, label,     |
// |                   |                | player, branch origin (parentRunId, branchRound), date |
// | runDetails        | id (= run id)  | its decisions, per-period metrics, personas, score     |
// |                   |                | parts: what the dashboards and replays need            |
// | quizResults       | id             | one quiz taken at the end of a session                 |
// | conceptViews      | conceptId      | glossary cards viewed: first/last time, count          |
//
// Why split light rows from heavy ones: the history page and the "running sessions" list
// are live queries re-run after every change in any tab; they must not deserialize a
// 100,000-customer engine (5 MB) or every period of every run to show a score and a date.
// The machine and the engine are apart because within a round only the machine changes
// (a lever moved): autosave then rewrites the small machine row and skips the engine.
//
// Why typed arrays are stored as-is: IndexedDB uses structured clone, which copies each
// ArrayBuffer in one piece; JSON of the same columns is about 3x larger and 30x slower to
// make (scripts/bench-storage.ts, 100,000 customers).
//
// Interface preferences (locale, theme) stay in localStorage (src/ui/preferences.ts): they
// must be read synchronously before the first paint. Progress lives only here.
//
// Versions: every version(n) stays declared forever (Dexie needs the chain to upgrade a
// database left by any older app). To change a shape: add version(n + 1) with the new
// stores and an .upgrade() that moves the data, a record type for the old shape, and a
// test that opens a database written by version n with data in it (migration.test.ts).
//
// - Version 1: runs held everything in one row (RunRecordV1).
// - Version 2: runs are split into a light `runs` row and `runDetails`, runs gain `label`
//   (the learner's name for a run), `rounds` and `importedAt`, and the compound index
//   [scenarioId+finishedAt] lists one scenario's runs newest first without a sort. Reason:
//   a trainer who imported 200 students' files had a history page that read every period
//   of every run on each refresh. The upgrade moves the heavy fields into runDetails.

import { Dexie, type DexieOptions, type EntityTable, type Transaction } from 'dexie';
import type { SimulationSnapshot } from '../engine/simulation.ts';
import type { PeriodDecisions, PeriodMetrics, PersonaStory } from '../engine/types.ts';
import type { ScorePart } from '../scenario/metrics.ts';
import type { QuizAnswer } from '../scenario/session.machine.ts';
import type { SavedSession } from '../scenario/session.ts';
import { storageProblem, type StorageProblem } from './problems.ts';

// ---------------------------------------------------------------- storage keys (one place)

/** Every name this module uses in the browser's storage, in one place. */
export const STORAGE_KEYS = {
  /** The IndexedDB database. */
  database: 'loyalty-lab',
  /** BroadcastChannel telling other tabs a session was taken over. */
  channel: 'loyalty-lab.sessions',
  /** Web Lock held by the tab playing a session: prefix + session id. */
  sessionLockPrefix: 'loyalty-lab.session.',
  /** The one profile row. */
  profileId: 'me',
} as const;

/** Setting keys in use (settings table). Add new ones here, not inline. */
export const SETTING_KEYS = {
  /** When the learner last exported all progress (ms since epoch): drives the backup nudge. */
  lastExportAt: 'export.lastAt',
  /** The scenario id last played, for "continue" on the home page. */
  lastScenarioId: 'play.lastScenarioId',
} as const;

// ---------------------------------------------------------------- record types

export type Language = 'zh-CN' | 'en';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export interface ProfileRecord {
  id: typeof STORAGE_KEYS.profileId;
  /** As typed by the learner; plain text (the UI never renders it as HTML). */
  name: string;
  /** Optional class or team label, e.g. "MBA 2025 · group 3". */
  team: string | null;
  language: Language;
  updatedAt: number;
}

export interface SettingRecord {
  key: string;
  value: JsonValue;
  updatedAt: number;
}

/** Which tab is playing a session; see lease.ts. */
export interface Lease {
  tabId: string;
  /** Last sign of life of that tab (ms since epoch). */
  heartbeat: number;
}

/** The machine half of a save: actor.getPersistedSnapshot(), JSON-safe. */
export type PersistedMachine = SavedSession['machine'];

export interface SessionRecord {
  id: string;
  scenarioId: string;
  /** The scenario file's version when the session started. */
  scenarioVersion: string;
  seed: number;
  /** 0-based round being played. */
  round: number;
  /** The machine's state as a dotted path, e.g. "round.decide", "quiz.asking". */
  phase: string;
  /** Set when the session branches a finished run: that run, and the round it left at. */
  parentRunId: string | null;
  branchRound: number | null;
  createdAt: number;
  updatedAt: number;
  /** Identifies the engine snapshot saved in sessionEngines (skip rewriting it unchanged). */
  engineFingerprint: string;
  lease: Lease | null;
}

export interface SessionMachineRecord {
  id: string;
  machine: PersistedMachine;
}

export interface SessionEngineRecord {
  id: string;
  engine: SimulationSnapshot;
}

/** Who played a run (copied from the profile when it finished, or from an imported file). */
export interface Player {
  name: string;
  team: string | null;
}

/** A finished run as listed (version 2 `runs` row). */
export interface RunSummary {
  id: string;
  scenarioId: string;
  scenarioVersion: string;
  seed: number;
  /** Scenario score, 0..120 (scoreRun). */
  score: number;
  /** Rounds played (= periods simulated). */
  rounds: number;
  /** The learner's name for the run; null = none given. Plain text. */
  label: string | null;
  player: Player | null;
  parentRunId: string | null;
  /** The branch replayed the parent's first `branchRound` rounds, then played on. */
  branchRound: number | null;
  finishedAt: number;
  /** When it came in through an import; null when played here. */
  importedAt: number | null;
}

/** What the dashboards, the comparison and a replay need (version 2 `runDetails` row). */
export interface RunDetails {
  id: string;
  /** The decisions of each round, in order: Simulation.replay(config, seed, decisions). */
  decisions: PeriodDecisions[];
  metrics: PeriodMetrics[];
  personas: PersonaStory[];
  scoreParts: ScorePart[];
}

/** A whole finished run: the summary and the details together. */
export type Run = RunSummary & Omit<RunDetails, 'id'>;

/** A run as version 1 stored it: one row with everything, no label. */
export interface RunRecordV1 {
  id: string;
  scenarioId: string;
  scenarioVersion: string;
  seed: number;
  score: number;
  player: Player | null;
  parentRunId: string | null;
  branchRound: number | null;
  finishedAt: number;
  decisions: PeriodDecisions[];
  metrics: PeriodMetrics[];
  personas: PersonaStory[];
  scoreParts: ScorePart[];
}

export interface QuizResultRecord {
  id: string;
  scenarioId: string;
  /** The run the quiz closed (null when taken outside a run). */
  runId: string | null;
  answers: QuizAnswer[];
  correct: number;
  total: number;
  takenAt: number;
}

export interface ConceptViewRecord {
  conceptId: string;
  firstViewedAt: number;
  lastViewedAt: number;
  count: number;
}

// ---------------------------------------------------------------- schema versions

/** Version 1 stores. Exported so the migration test can create a version-1 database. */
export const STORES_V1 = {
  profile: 'id',
  settings: 'key',
  sessions: 'id, scenarioId, updatedAt',
  sessionMachines: 'id',
  sessionEngines: 'id',
  runs: 'id, scenarioId, finishedAt, parentRunId',
  quizResults: 'id, scenarioId, runId, takenAt',
  conceptViews: 'conceptId, lastViewedAt',
} as const;

/** Version 2 changes only these stores (Dexie keeps the others from version 1). */
export const STORES_V2 = {
  runs: 'id, scenarioId, finishedAt, parentRunId, [scenarioId+finishedAt]',
  runDetails: 'id',
} as const;

export const CURRENT_VERSION = 2;

/** Every table of the current version (for dumps, clears and one-transaction imports). */
export const TABLE_NAMES = [
  'profile',
  'settings',
  'sessions',
  'sessionMachines',
  'sessionEngines',
  'runs',
  'runDetails',
  'quizResults',
  'conceptViews',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** Splits a version-1 run row into the version-2 summary and details. */
export function splitRunV1(old: RunRecordV1): { summary: RunSummary; details: RunDetails } {
  return {
    summary: {
      id: old.id,
      scenarioId: old.scenarioId,
      scenarioVersion: old.scenarioVersion,
      seed: old.seed,
      score: old.score,
      rounds: old.metrics.length,
      label: null,
      player: old.player,
      parentRunId: old.parentRunId,
      branchRound: old.branchRound,
      finishedAt: old.finishedAt,
      importedAt: null,
    },
    details: {
      id: old.id,
      decisions: old.decisions,
      metrics: old.metrics,
      personas: old.personas,
      scoreParts: old.scoreParts,
    },
  };
}

/** Version 1 -> 2: move each run's heavy fields into runDetails; add label, rounds, importedAt. */
async function upgradeToV2(tx: Transaction): Promise<void> {
  const runs = tx.table<RunRecordV1 | RunSummary, string>('runs');
  const details = tx.table<RunDetails, string>('runDetails');
  const old = (await runs.toArray()) as RunRecordV1[];
  const split = old.map(splitRunV1);
  await details.bulkPut(split.map((s) => s.details));
  // put, not modify: the version-1 fields must go, not just gain neighbours.
  await runs.bulkPut(split.map((s) => s.summary));
}

/** Declares every version on a Dexie instance, oldest first. Never remove one. */
export function declareVersions(db: Dexie): void {
  db.version(1).stores(STORES_V1);
  db.version(2).stores(STORES_V2).upgrade(upgradeToV2);
}

// ---------------------------------------------------------------- the database

export interface LoyaltyDbOptions extends DexieOptions {
  /**
   * Clock for stored timestamps (updatedAt, finishedAt, lease heartbeats). Never used for
   * anything that shapes a run. Tests pin it.
   * @default () => Date.now()
   */
  now?: () => number;
}

export class LoyaltyDb extends Dexie {
  declare profile: EntityTable<ProfileRecord, 'id'>;
  declare settings: EntityTable<SettingRecord, 'key'>;
  declare sessions: EntityTable<SessionRecord, 'id'>;
  declare sessionMachines: EntityTable<SessionMachineRecord, 'id'>;
  declare sessionEngines: EntityTable<SessionEngineRecord, 'id'>;
  declare runs: EntityTable<RunSummary, 'id'>;
  declare runDetails: EntityTable<RunDetails, 'id'>;
  declare quizResults: EntityTable<QuizResultRecord, 'id'>;
  declare conceptViews: EntityTable<ConceptViewRecord, 'conceptId'>;

  readonly now: () => number;
  readonly #problemListeners = new Set<(p: StorageProblem) => void>();

  constructor(name: string = STORAGE_KEYS.database, options: LoyaltyDbOptions = {}) {
    const { now, ...dexieOptions } = options;
    super(name, dexieOptions);
    declareVersions(this);
    this.now = now ?? (() => Date.now());
  }

  /**
   * Calls `fn` with every problem any storage call on this database meets (a write refused
   * for quota, the database closed...). The UI shows one banner from here, with the offer
   * to export. Returns the unsubscribe function.
   */
  onProblem(fn: (p: StorageProblem) => void): () => void {
    this.#problemListeners.add(fn);
    return () => this.#problemListeners.delete(fn);
  }

  /** Tells the onProblem listeners. A listener that throws is ignored: this must not fail. */
  reportProblem(p: StorageProblem): void {
    for (const fn of this.#problemListeners) {
      try {
        fn(p);
      } catch {
        // A broken listener must not turn a storage problem into a crash.
      }
    }
  }
}

// ---------------------------------------------------------------- opening

export interface OpenOptions {
  /** @default STORAGE_KEYS.database */
  name?: string;
  /** IndexedDB to use (fake-indexeddb in Node). @default globalThis.indexedDB */
  indexedDB?: IDBFactory;
  /** @default globalThis.IDBKeyRange */
  IDBKeyRange?: typeof IDBKeyRange;
  /** @default () => Date.now() */
  now?: () => number;
  /**
   * How long to wait when another tab with an older version keeps the database open
   * before giving up with the 'blocked' problem, in ms.
   * @default 3000
   */
  blockedTimeoutMs?: number;
}

export type OpenResult = { ok: true; db: LoyaltyDb } | { ok: false; problem: StorageProblem };

/**
 * Opens (creating or upgrading) the database. Never throws: private mode, storage turned
 * off, a missing IndexedDB or a database made by a newer app give 'unavailable'; another
 * tab holding an old version open past `blockedTimeoutMs` gives 'blocked'. The app keeps
 * working without storage then (nothing saved, export offered).
 * @example
 * const opened = await openDatabase();
 * if (!opened.ok) showStorageBanner(opened.problem); else db = opened.db;
 */
export async function openDatabase(options: OpenOptions = {}): Promise<OpenResult> {
  const idb: IDBFactory | undefined =
    options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  const keyRange =
    options.IDBKeyRange ?? (globalThis as { IDBKeyRange?: typeof IDBKeyRange }).IDBKeyRange;
  if (!idb || !keyRange)
    return { ok: false, problem: storageProblem('unavailable', 'no indexedDB') };
  let db: LoyaltyDb;
  try {
    db = new LoyaltyDb(options.name ?? STORAGE_KEYS.database, {
      indexedDB: idb,
      IDBKeyRange: keyRange,
      ...(options.now ? { now: options.now } : {}),
    });
  } catch (e) {
    return { ok: false, problem: storageProblem('unavailable', errorText(e)) };
  }
  const timeoutMs = options.blockedTimeoutMs ?? 3000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const blocked = new Promise<'blocked'>((resolve) => {
    db.on('blocked', () => {
      if (timer === undefined) timer = setTimeout(() => resolve('blocked'), timeoutMs);
    });
  });
  const opened = db.open().then(
    () => 'open' as const,
    (e: unknown) => e,
  );
  const outcome = await Promise.race([opened, blocked]);
  if (timer !== undefined) clearTimeout(timer);
  if (outcome === 'open') {
    // Dexie 4 opens a database of a higher version than declared, then fails on the first
    // table it does not know. A newer app wrote it: refuse now, with the right message.
    const native = db.backendDB();
    const missing = TABLE_NAMES.filter((n) => !native.objectStoreNames.contains(n));
    if (native.version <= CURRENT_VERSION * 10 && missing.length === 0) {
      // A newer app opened in another tab wants to upgrade. Close for good: Dexie's own
      // handler closes too but reopens on the next call, and this old code would then write
      // into the new shape. Returning false skips that handler (later listeners run first).
      // Later calls fail ('unavailable'); the listeners hear of it at once.
      db.on('versionchange', () => {
        db.close({ disableAutoOpen: true });
        db.reportProblem(
          storageProblem(
            'unavailable',
            'VersionError: a newer version opened the database in another tab',
          ),
        );
        return false;
      });
      return { ok: true, db };
    }
    db.close();
    return {
      ok: false,
      problem: storageProblem(
        'unavailable',
        `VersionError: the database is at IndexedDB version ${native.version}, this app knows ${CURRENT_VERSION * 10}${missing.length ? `; missing stores: ${missing.join(', ')}` : ''}`,
      ),
    };
  }
  db.close();
  if (outcome === 'blocked')
    return { ok: false, problem: storageProblem('blocked', 'upgrade blocked by another tab') };
  return { ok: false, problem: storageProblem('unavailable', errorText(outcome)) };
}

export function errorText(e: unknown): string {
  if (e instanceof Error || (typeof e === 'object' && e !== null && 'name' in e)) {
    const err = e as { name?: unknown; message?: unknown; inner?: unknown };
    const inner = err.inner ? ` (${errorText(err.inner)})` : '';
    return `${String(err.name)}: ${String(err.message ?? '')}${inner}`;
  }
  return String(e);
}
