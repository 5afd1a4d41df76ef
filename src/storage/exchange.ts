// What lives here: export and import of progress files (format in progressFile.ts).
//
// - exportRun(db, runId) / exportAll(db): a ProgressFile object; progressFileText() makes
//   the JSON text and progressFileName() a file name, for the UI to download.
// - parseImport(db, text): checks one file completely and changes nothing; returns every
//   problem, or a preview: the runs and sessions in the file, the ids already present
//   (duplicates) and warnings (unknown scenarios, markup-like names).
// - applyImport(db, preview, { onDuplicate }): writes one previewed file in ONE
//   transaction: a failing write leaves the database as it was. A trainer imports many
//   students' files by calling parseImport and applyImport once per file.
//
// What an import writes: runs, sessions (without a lease: any tab may claim them), quiz
// results, and concept views (merged: earliest first view, latest last view, highest
// count). The profile and settings only fill what is missing here: importing a student's
// file never renames the trainer. Runs without a player get the file's profile as player.
// Duplicates (same run or session id) are never overwritten silently: the caller chooses
// 'skip', 'replace' or 'keepBoth' (the imported copy gets a new id, and branches or quiz
// results in the same file follow it). A session that has since finished here (a run has
// its id) is never replaced: it is skipped, or kept as a copy with 'keepBoth'.

import { version as APP_VERSION } from '../../package.json';
import type { Problem } from '../scenario/validate.ts';
import {
  STORAGE_KEYS,
  TABLE_NAMES,
  type ConceptViewRecord,
  type LoyaltyDb,
  type QuizResultRecord,
  type Run,
  type RunSummary,
  type SessionRecord,
} from './db.ts';
import { attempt, type Stored } from './problems.ts';
import {
  PROGRESS_FORMAT,
  PROGRESS_FORMAT_VERSION,
  checkProgressText,
  checksumOf,
  decodeEngine,
  encodeEngine,
  problemFromText,
  type CheckOptions,
  type DecodedSession,
  type ExportedSession,
  type ProfileData,
  type ProgressData,
  type ProgressFile,
} from './progressFile.ts';
import { engineFingerprint, joinRun, newId, splitRun } from './records.ts';

export const APP_NAME = 'loyalty-lab';

// ---------------------------------------------------------------- export

async function wrap(db: LoyaltyDb, data: ProgressData): Promise<ProgressFile> {
  return {
    format: PROGRESS_FORMAT,
    formatVersion: PROGRESS_FORMAT_VERSION,
    exportedAt: new Date(db.now()).toISOString(),
    app: { name: APP_NAME, version: APP_VERSION },
    checksum: await checksumOf(data),
    data,
  };
}

function profileData(
  p: { name: string; team: string | null; language: ProfileData['language'] } | undefined,
) {
  return p ? { name: p.name, team: p.team, language: p.language } : null;
}

/** One run (with its quiz result and the player's profile) as a file; undefined if no such run. */
export async function exportRun(
  db: LoyaltyDb,
  runId: string,
): Promise<Stored<ProgressFile | undefined>> {
  const read = await attempt(db, 'read', () =>
    db.transaction('r', [db.profile, db.runs, db.runDetails, db.quizResults], async () => {
      const [profile, summary, details, quizResults] = await Promise.all([
        db.profile.get(STORAGE_KEYS.profileId),
        db.runs.get(runId),
        db.runDetails.get(runId),
        db.quizResults.where('runId').equals(runId).toArray(),
      ]);
      return {
        profile,
        run: summary && details ? joinRun(summary, details) : undefined,
        quizResults,
      };
    }),
  );
  if (!read.ok) return read;
  const { profile, run, quizResults } = read.value;
  if (!run) return { ok: true, value: undefined };
  const data: ProgressData = {
    scope: 'run',
    profile: profileData(profile),
    runs: [run],
    sessions: [],
    quizResults,
    conceptViews: [],
    settings: [],
  };
  return { ok: true, value: await wrap(db, data) };
}

/** Everything: profile, runs, sessions in progress, quiz results, concept views, settings. */
export async function exportAll(db: LoyaltyDb): Promise<Stored<ProgressFile>> {
  const read = await attempt(db, 'read', () =>
    db.transaction(
      'r',
      TABLE_NAMES.map((n) => db.table(n)),
      async () => ({
        profile: await db.profile.get(STORAGE_KEYS.profileId),
        runs: await db.runs.orderBy('finishedAt').toArray(),
        details: await db.runDetails.toArray(),
        sessions: await db.sessions.orderBy('updatedAt').toArray(),
        machines: await db.sessionMachines.toArray(),
        engines: await db.sessionEngines.toArray(),
        quizResults: await db.quizResults.orderBy('takenAt').toArray(),
        conceptViews: await db.conceptViews.toArray(),
        settings: await db.settings.toArray(),
      }),
    ),
  );
  if (!read.ok) return read;
  const r = read.value;
  const details = new Map(r.details.map((d) => [d.id, d]));
  const machines = new Map(r.machines.map((m) => [m.id, m.machine]));
  const engines = new Map(r.engines.map((e) => [e.id, e.engine]));
  const sessions: ExportedSession[] = [];
  for (const s of r.sessions) {
    const machine = machines.get(s.id);
    const engine = engines.get(s.id);
    if (!machine || !engine) continue;
    const { lease: _lease, engineFingerprint: _fp, ...row } = s;
    sessions.push({ ...row, machine, engine: encodeEngine(engine) });
  }
  const data: ProgressData = {
    scope: 'all',
    profile: profileData(r.profile),
    runs: r.runs.flatMap((s) => {
      const d = details.get(s.id);
      return d ? [joinRun(s, d)] : [];
    }),
    sessions,
    quizResults: r.quizResults,
    conceptViews: r.conceptViews,
    settings: r.settings.map(({ key, value }) => ({ key, value })),
  };
  return { ok: true, value: await wrap(db, data) };
}

/** The file's text (compact JSON: files with sessions of 100,000 customers are megabytes). */
export function progressFileText(file: ProgressFile): string {
  return JSON.stringify(file);
}

/** e.g. "loyalty-lab-run-sandbox-2025-03-01.json", "loyalty-lab-progress-2025-03-01.json". */
export function progressFileName(file: ProgressFile): string {
  const day = file.exportedAt.slice(0, 10);
  const run = file.data.scope === 'run' ? file.data.runs[0] : undefined;
  return run ? `loyalty-lab-run-${run.scenarioId}-${day}.json` : `loyalty-lab-progress-${day}.json`;
}

// ---------------------------------------------------------------- import: parse and preview

export interface RunPreview extends RunSummary {
  /** A run with this id is already stored here. */
  duplicate: boolean;
}

export interface SessionPreview {
  id: string;
  scenarioId: string;
  seed: number;
  round: number;
  phase: string;
  updatedAt: number;
  duplicate: boolean;
}

/** What applyImport writes (decoded and checked). */
export interface ImportContent {
  profile: ProfileData | null;
  runs: Run[];
  sessions: DecodedSession[];
  quizResults: QuizResultRecord[];
  conceptViews: ConceptViewRecord[];
  settings: { key: string; value: ProgressData['settings'][number]['value'] }[];
}

export interface ImportPreview {
  scope: 'run' | 'all';
  exportedAt: string;
  app: { name: string; version: string };
  /** Who made the file (the student, for a trainer). */
  profile: ProfileData | null;
  runs: RunPreview[];
  sessions: SessionPreview[];
  /** Ids of runs and sessions in the file that are already stored here. */
  duplicates: string[];
  /** Kept anyway, shown to the user: unknown scenarios, markup-like names. */
  warnings: Problem[];
  /** Not for display: what applyImport writes. */
  readonly content: ImportContent;
}

export type ImportParse = { ok: true; preview: ImportPreview } | { ok: false; problems: Problem[] };

/**
 * Checks one progress file completely and previews it. Changes nothing in the database;
 * never throws. Problems name their path and come in both languages.
 * @param options.knownScenarios the app's scenario ids: runs of others get a warning
 */
export async function parseImport(
  db: LoyaltyDb,
  text: string,
  options: CheckOptions = {},
): Promise<ImportParse> {
  const checked = await checkProgressText(text, options);
  if (!checked.ok) return checked;
  const { file } = checked;
  const data = file.data;
  const content: ImportContent = {
    profile: data.profile,
    runs: data.runs,
    sessions: data.sessions.map((s) => {
      const { machine, engine, ...row } = s;
      return { row, machine, engine: decodeEngine(engine) };
    }),
    quizResults: data.quizResults,
    conceptViews: data.conceptViews,
    settings: data.settings,
  };
  const present = await attempt(db, 'read', async () => {
    const runIds = content.runs.map((r) => r.id);
    const sessionIds = content.sessions.map((s) => s.row.id);
    const [runs, sessions, finished] = await Promise.all([
      db.runs.bulkGet(runIds),
      db.sessions.bulkGet(sessionIds),
      db.runs.bulkGet(sessionIds),
    ]);
    return {
      runs: new Set(runs.flatMap((r) => (r ? [r.id] : []))),
      // A session already finished here (a run with its id) is a duplicate too.
      sessions: new Set(sessionIds.filter((_, i) => sessions[i] || finished[i])),
    };
  });
  if (!present.ok) return { ok: false, problems: [problemFromText('', present.problem.message)] };
  const { runs: dupRuns, sessions: dupSessions } = present.value;
  return {
    ok: true,
    preview: {
      scope: data.scope,
      exportedAt: file.exportedAt,
      app: file.app,
      profile: data.profile,
      runs: content.runs.map((r) => ({ ...splitRun(r).summary, duplicate: dupRuns.has(r.id) })),
      sessions: content.sessions.map(({ row }) => ({
        id: row.id,
        scenarioId: row.scenarioId,
        seed: row.seed,
        round: row.round,
        phase: row.phase,
        updatedAt: row.updatedAt,
        duplicate: dupSessions.has(row.id),
      })),
      duplicates: [...dupRuns, ...dupSessions],
      warnings: checked.warnings,
      content,
    },
  };
}

// ---------------------------------------------------------------- import: apply

export type OnDuplicate = 'skip' | 'replace' | 'keepBoth';

export interface ImportReport {
  /** Ids (as stored) of runs and sessions written new. */
  added: string[];
  /** Ids replaced by the file's copy. */
  replaced: string[];
  /** Ids left as they were. */
  skipped: string[];
  /** keepBoth: the file's id -> the new id of its copy. */
  renamed: Record<string, string>;
}

/**
 * Writes a previewed file in one transaction (all or nothing). Duplicates are found again
 * inside the transaction (another tab may have written meanwhile).
 */
export function applyImport(
  db: LoyaltyDb,
  preview: ImportPreview,
  options: { onDuplicate: OnDuplicate },
): Promise<Stored<ImportReport>> {
  const { content } = preview;
  const policy = options.onDuplicate;
  return attempt(db, 'write', () =>
    db.transaction(
      'rw',
      TABLE_NAMES.map((n) => db.table(n)),
      async () => {
        const now = db.now();
        const report: ImportReport = { added: [], replaced: [], skipped: [], renamed: {} };
        const decide = (id: string, exists: boolean): string | null => {
          if (!exists) {
            report.added.push(id);
            return id;
          }
          if (policy === 'skip') {
            report.skipped.push(id);
            return null;
          }
          if (policy === 'replace') {
            report.replaced.push(id);
            return id;
          }
          const fresh = newId();
          report.renamed[id] = fresh;
          report.added.push(fresh);
          return fresh;
        };
        const rename = (id: string | null) => (id !== null ? (report.renamed[id] ?? id) : null);

        // Runs first: sessions and quiz results may point at them.
        const runsHere = await db.runs.bulkGet(content.runs.map((r) => r.id));
        const runTargets = content.runs.map((r, i) => decide(r.id, runsHere[i] !== undefined));
        const player = content.profile?.name
          ? { name: content.profile.name, team: content.profile.team }
          : null;
        const runs = content.runs.flatMap((r, i) => {
          const id = runTargets[i];
          if (id === null) return [];
          const run: Run = {
            ...structuredClone(r),
            id,
            parentRunId: rename(r.parentRunId),
            player: r.player ?? player,
            importedAt: r.importedAt ?? now,
          };
          return [splitRun(run)];
        });
        await db.runs.bulkPut(runs.map((r) => r.summary));
        await db.runDetails.bulkPut(runs.map((r) => r.details));

        const sessionIds = content.sessions.map((s) => s.row.id);
        const sessionsHere = await db.sessions.bulkGet(sessionIds);
        const finishedHere = await db.runs.bulkGet(sessionIds);
        for (const [i, s] of content.sessions.entries()) {
          let id: string | null;
          if (finishedHere[i] && policy !== 'keepBoth') {
            // Finished here since that export: the run is newer than the session; a replaced
            // session would overwrite the run when finished again.
            report.skipped.push(s.row.id);
            id = null;
          } else
            id = decide(s.row.id, sessionsHere[i] !== undefined || finishedHere[i] !== undefined);
          if (id === null) continue;
          const row: SessionRecord = {
            ...structuredClone(s.row),
            id,
            parentRunId: rename(s.row.parentRunId),
            engineFingerprint: engineFingerprint(s.engine),
            lease: null,
          };
          await db.sessions.put(row);
          await db.sessionMachines.put({ id, machine: s.machine });
          await db.sessionEngines.put({ id, engine: s.engine });
        }

        const quizHere = await db.quizResults.bulkGet(content.quizResults.map((q) => q.id));
        const quiz = content.quizResults.flatMap((q, i) => {
          const exists = quizHere[i] !== undefined;
          if (exists && policy === 'skip') return [];
          const id = exists && policy === 'keepBoth' ? newId() : q.id;
          return [{ ...structuredClone(q), id, runId: rename(q.runId) }];
        });
        await db.quizResults.bulkPut(quiz);

        for (const v of content.conceptViews) {
          const old = await db.conceptViews.get(v.conceptId);
          await db.conceptViews.put(
            old
              ? {
                  conceptId: v.conceptId,
                  firstViewedAt: Math.min(old.firstViewedAt, v.firstViewedAt),
                  lastViewedAt: Math.max(old.lastViewedAt, v.lastViewedAt),
                  count: Math.max(old.count, v.count),
                }
              : { ...v },
          );
        }
        for (const s of content.settings)
          if (!(await db.settings.get(s.key)))
            await db.settings.put({ key: s.key, value: structuredClone(s.value), updatedAt: now });
        if (content.profile && !(await db.profile.get(STORAGE_KEYS.profileId)))
          await db.profile.put({ id: STORAGE_KEYS.profileId, ...content.profile, updatedAt: now });
        return report;
      },
    ),
  );
}
