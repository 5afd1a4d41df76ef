// What lives here: lists that follow the database live, in this tab and in the others.
// Dexie's liveQuery re-runs a query when a table it read changes (also when another tab
// wrote it); createSubscriber bridges it to Svelte's runes, so a component just reads
// `.current` and re-renders. The query runs only while some effect reads it, and stops
// when the last such effect is gone.
//
// @example
// <script lang="ts">
//   const runs = new LiveRuns(db, scenarioId);
// </script>
// {#if runs.problem}<StorageBanner problem={runs.problem} />{/if}
// {#each runs.current as run (run.id)}<RunRow {run} />{/each}

import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';
import {
  STORAGE_KEYS,
  type ConceptViewRecord,
  type LoyaltyDb,
  type ProfileRecord,
  type RunSummary,
  type SessionRecord,
} from './db.ts';
import { queryHistory, queryRuns, querySessions, type ScenarioHistory } from './history.ts';
import { toStorageProblem, type StorageProblem } from './problems.ts';

/** A query's latest result as a reactive value (read `.current` inside effects/templates). */
export class LiveQuery<T> {
  #value: T;
  #loaded = false;
  #problem: StorageProblem | null = null;
  readonly #subscribe: () => void;

  /**
   * @param db reports read problems to its onProblem listeners too
   * @param query re-run by liveQuery whenever a table it read changes; may throw
   * @param initial `.current` until the first result arrives
   */
  constructor(db: LoyaltyDb, query: () => Promise<T>, initial: T) {
    this.#value = initial;
    this.#subscribe = createSubscriber((update) => {
      // A query that throws at once must reach `error`, not escape as an uncaught error.
      const safeQuery = () => {
        try {
          return query();
        } catch (e) {
          return Promise.reject(e);
        }
      };
      const subscription = liveQuery(safeQuery).subscribe({
        next: (value) => {
          this.#value = value;
          this.#loaded = true;
          this.#problem = null;
          update();
        },
        error: (e: unknown) => {
          this.#problem = toStorageProblem(e, 'read');
          db.reportProblem(this.#problem);
          update();
        },
      });
      return () => subscription.unsubscribe();
    });
  }

  /** The latest result (the initial value until the first one arrives). */
  get current(): T {
    this.#subscribe();
    return this.#value;
  }

  /** Whether a first result has arrived (show a placeholder until then). */
  get loaded(): boolean {
    this.#subscribe();
    return this.#loaded;
  }

  /** Why the query failed, if it did; cleared by the next result. */
  get problem(): StorageProblem | null {
    this.#subscribe();
    return this.#problem;
  }
}

/** Finished runs, newest first; of one scenario when `scenarioId` is given. */
export class LiveRuns extends LiveQuery<RunSummary[]> {
  constructor(db: LoyaltyDb, scenarioId?: string) {
    super(db, () => queryRuns(db, scenarioId), []);
  }
}

/** Sessions in progress, most recently saved first. */
export class LiveSessions extends LiveQuery<SessionRecord[]> {
  constructor(db: LoyaltyDb, scenarioId?: string) {
    super(db, () => querySessions(db, scenarioId), []);
  }
}

/** The history page: per scenario, runs and running sessions. */
export class LiveHistory extends LiveQuery<ScenarioHistory[]> {
  constructor(db: LoyaltyDb) {
    super(db, () => queryHistory(db), []);
  }
}

export class LiveProfile extends LiveQuery<ProfileRecord | undefined> {
  constructor(db: LoyaltyDb) {
    super(db, () => db.profile.get(STORAGE_KEYS.profileId), undefined);
  }
}

/** Glossary cards viewed (to mark them "seen"). */
export class LiveConceptViews extends LiveQuery<ConceptViewRecord[]> {
  constructor(db: LoyaltyDb) {
    super(db, () => db.conceptViews.toArray(), []);
  }
}
