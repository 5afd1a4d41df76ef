// What lives here: the queries of the history page and of replay-and-branch. Runs per
// scenario (score, date, seed), sessions still running, a run's lineage (which run it
// branched from, at which round, and its own branches), the plan of a new branch, and the
// per-round difference of two runs' decisions for the side-by-side comparison.
//
// The query* functions throw like Dexie does: they are the queriers of the live lists
// (live.svelte.ts), where liveQuery reports errors. The list*/get* functions wrap them
// and never throw.

import type { PeriodDecisions } from '../engine/types.ts';
import type { LoyaltyDb, RunSummary, SessionRecord } from './db.ts';
import { attempt, type Stored } from './problems.ts';

// ---------------------------------------------------------------- queriers (may throw)

/** Finished runs, newest first; one scenario's through the [scenarioId+finishedAt] index. */
export async function queryRuns(db: LoyaltyDb, scenarioId?: string): Promise<RunSummary[]> {
  if (scenarioId === undefined) return db.runs.orderBy('finishedAt').reverse().toArray();
  return db.runs
    .where('[scenarioId+finishedAt]')
    .between([scenarioId, -Infinity], [scenarioId, Infinity])
    .reverse()
    .toArray();
}

/** Sessions in progress, most recently saved first. */
export async function querySessions(db: LoyaltyDb, scenarioId?: string): Promise<SessionRecord[]> {
  const rows = await db.sessions.orderBy('updatedAt').reverse().toArray();
  return scenarioId === undefined ? rows : rows.filter((s) => s.scenarioId === scenarioId);
}

export interface ScenarioHistory {
  scenarioId: string;
  runs: RunSummary[];
  sessions: SessionRecord[];
  /** Best score of the scenario's runs; null when none finished. */
  best: number | null;
}

/** The history page: per scenario, its finished runs and running sessions, newest first. */
export async function queryHistory(db: LoyaltyDb): Promise<ScenarioHistory[]> {
  const [runs, sessions] = await Promise.all([queryRuns(db), querySessions(db)]);
  const byId = new Map<string, ScenarioHistory>();
  const entry = (scenarioId: string) => {
    let e = byId.get(scenarioId);
    if (!e) byId.set(scenarioId, (e = { scenarioId, runs: [], sessions: [], best: null }));
    return e;
  };
  for (const r of runs) {
    const e = entry(r.scenarioId);
    e.runs.push(r);
    e.best = e.best === null ? r.score : Math.max(e.best, r.score);
  }
  for (const s of sessions) entry(s.scenarioId).sessions.push(s);
  // Scenarios touched most recently first.
  const latest = (e: ScenarioHistory) =>
    Math.max(e.runs[0]?.finishedAt ?? -Infinity, e.sessions[0]?.updatedAt ?? -Infinity);
  return [...byId.values()].sort((a, b) => latest(b) - latest(a));
}

// ---------------------------------------------------------------- never throw

export function listRuns(db: LoyaltyDb, scenarioId?: string): Promise<Stored<RunSummary[]>> {
  return attempt(db, 'read', () => queryRuns(db, scenarioId));
}

export function listSessions(db: LoyaltyDb, scenarioId?: string): Promise<Stored<SessionRecord[]>> {
  return attempt(db, 'read', () => querySessions(db, scenarioId));
}

export function history(db: LoyaltyDb): Promise<Stored<ScenarioHistory[]>> {
  return attempt(db, 'read', () => queryHistory(db));
}

export interface Lineage {
  /** From the root down to the run's parent; each with the round its child branched at. */
  ancestors: { run: RunSummary; childBranchRound: number | null }[];
  /** The first missing ancestor's id, when the chain is broken (a deleted parent). */
  missingParentId: string | null;
  /** Runs branched from this run, oldest first. */
  branches: RunSummary[];
}

/** Where a run comes from and what branched from it. */
export function runLineage(db: LoyaltyDb, runId: string): Promise<Stored<Lineage | undefined>> {
  return attempt(db, 'read', async () => {
    const run = await db.runs.get(runId);
    if (!run) return undefined;
    const ancestors: Lineage['ancestors'] = [];
    const seen = new Set([run.id]);
    let child: RunSummary = run;
    let missingParentId: string | null = null;
    // Imported files could hold a cycle; `seen` ends it.
    while (child.parentRunId && !seen.has(child.parentRunId)) {
      const parent = await db.runs.get(child.parentRunId);
      if (!parent) {
        missingParentId = child.parentRunId;
        break;
      }
      seen.add(parent.id);
      ancestors.unshift({ run: parent, childBranchRound: child.branchRound });
      child = parent;
    }
    const branches = (await db.runs.where('parentRunId').equals(runId).toArray()).sort(
      (a, b) => a.finishedAt - b.finishedAt,
    );
    return { ancestors, missingParentId, branches };
  });
}

/** What a new branch of a run needs: replay `decisions` on `seed`, then play on. */
export interface BranchPlan {
  scenarioId: string;
  scenarioVersion: string;
  seed: number;
  /** The parent's first `branchRound` rounds of decisions. */
  decisions: PeriodDecisions[];
  parentRunId: string;
  branchRound: number;
}

/**
 * The plan for going back to the start of round `round` (0-based) of a finished run and
 * playing on as a new run on the same seed; the old run stays. The UI replays with
 * Simulation.replay(toEngineConfig(scenario), plan.seed, plan.decisions).
 * Undefined when the run does not exist or `round` is outside 0..rounds-1.
 */
export function branchPlan(
  db: LoyaltyDb,
  runId: string,
  round: number,
): Promise<Stored<BranchPlan | undefined>> {
  return attempt(db, 'read', () =>
    db.transaction('r', [db.runs, db.runDetails], async () => {
      const [run, details] = await Promise.all([db.runs.get(runId), db.runDetails.get(runId)]);
      if (!run || !details) return undefined;
      if (!Number.isInteger(round) || round < 0 || round >= details.decisions.length)
        return undefined;
      return {
        scenarioId: run.scenarioId,
        scenarioVersion: run.scenarioVersion,
        seed: run.seed,
        decisions: structuredClone(details.decisions.slice(0, round)),
        parentRunId: run.id,
        branchRound: round,
      };
    }),
  );
}

// ---------------------------------------------------------------- comparing decisions

export interface DecisionDifference {
  round: number;
  /** "levers.promotion", "eventChoices.price-war", "complaintResponses.c12.action"... */
  path: string;
  a: number | string | null;
  b: number | string | null;
}

/** Where two runs decided differently, round by round (for "decisions diffed"). */
export function diffDecisions(
  a: readonly PeriodDecisions[],
  b: readonly PeriodDecisions[],
): DecisionDifference[] {
  const out: DecisionDifference[] = [];
  const rounds = Math.max(a.length, b.length);
  for (let round = 0; round < rounds; round++) {
    const da = a[round];
    const db = b[round];
    const flat = (d: PeriodDecisions | undefined) => {
      const m = new Map<string, number | string>();
      if (!d) return m;
      for (const [k, v] of Object.entries(d.levers ?? {}))
        if (v !== undefined) m.set(`levers.${k}`, v);
      for (const [k, v] of Object.entries(d.eventChoices ?? {})) m.set(`eventChoices.${k}`, v);
      for (const [k, v] of Object.entries(d.complaintResponses ?? {})) {
        m.set(`complaintResponses.${k}.action`, v.action);
        m.set(`complaintResponses.${k}.hours`, v.hours);
      }
      return m;
    };
    const fa = flat(da);
    const fb = flat(db);
    const paths = [...new Set([...fa.keys(), ...fb.keys()])].sort();
    for (const path of paths) {
      const va = fa.get(path) ?? null;
      const vb = fb.get(path) ?? null;
      if (va !== vb) out.push({ round, path, a: va, b: vb });
    }
  }
  return out;
}
