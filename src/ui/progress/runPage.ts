// What lives here: the queries of the run and compare pages, written for liveQuery (they
// throw like Dexie does; LiveQuery turns a failure into a problem): a run with its lineage,
// and two runs together. Re-run when the runs change in any tab (renamed, deleted).

import type { LoyaltyDb, Run } from '../../storage/db';
import { runLineage, type Lineage } from '../../storage/history';
import { getRun } from '../../storage/records';

export interface RunView {
  run: Run;
  lineage: Lineage;
}

async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; problem: unknown }>) {
  const r = await p;
  if (!r.ok) throw r.problem;
  return r.value;
}

/** A run and its lineage; null when there is no such run (never was, or deleted). */
export async function queryRunView(db: LoyaltyDb, runId: string): Promise<RunView | null> {
  const run = await must(getRun(db, runId));
  if (!run) return null;
  const lineage = await must(runLineage(db, runId));
  return lineage ? { run, lineage } : null;
}

/** Two runs; each null when missing. */
export async function queryRunPair(
  db: LoyaltyDb,
  a: string,
  b: string,
): Promise<{ a: Run | null; b: Run | null }> {
  const [ra, rb] = await Promise.all([must(getRun(db, a)), must(getRun(db, b))]);
  return { a: ra ?? null, b: rb ?? null };
}
