// What lives here: the app's one handle on saved progress, as shared runes state.
//
// - `progress.open()` opens the IndexedDB database once (idempotent; the shell calls it at
//   start, pages may call it again). The storage room's light modules (the database, the
//   records, the live lists: Dexie) are fetched as their own chunk here, so the first screen
//   does not carry them; export and import (with the file checker) come only when used.
// - `progress.db` is the open database, or null: while opening, or when the browser gives
//   none (private mode, storage off, blocked by an old tab). The app keeps working then:
//   the play session lives in memory and can still be exported (see `offerUnsavedExport`).
// - `progress.problem` is what the shell's banner shows: the open failure, or any problem a
//   storage call met later (db.onProblem: a full disk, a refused write, a closed database).
// - `progress.history` / `progress.profile` are live lists shared by every page (Home's
//   best scores, History, the profile form): they follow other tabs too (liveQuery).
//
// Nothing here throws to the page.
//
// @example
// <script lang="ts">
//   import { progress } from '../progress/storage.svelte';
//   void progress.open();
// </script>
// {#if progress.db}…{:else if progress.status === 'unavailable'}…{/if}

import type { LoyaltyDb, ProfileRecord } from '../../storage/db.ts';
import type { ScenarioHistory } from '../../storage/history.ts';
import type { LiveQuery } from '../../storage/live.svelte.ts';
import type { StorageProblem, Stored } from '../../storage/problems.ts';
import type { ProgressFile } from '../../storage/progressFile.ts';
import type { ProfileInput } from '../../storage/records.ts';

type DbModule = typeof import('../../storage/db.ts');
type RecordsModule = typeof import('../../storage/records.ts');
type LiveModule = typeof import('../../storage/live.svelte.ts');
type ProblemsModule = typeof import('../../storage/problems.ts');

/** What the shell needs of the storage room at start: no file checker, no exporter. */
interface StorageModules {
  db: DbModule;
  records: RecordsModule;
  problems: ProblemsModule;
  live: LiveModule;
}

export type StorageStatus = 'idle' | 'opening' | 'open' | 'unavailable';

/** Makes a progress file from state held only in memory (the play page, storage off). */
export type UnsavedExporter = () => Promise<ProgressFile | null>;

/** A problem made here, when the storage chunk itself could not load. */
function chunkProblem(detail: string): StorageProblem {
  return {
    code: 'unavailable',
    message: {
      en: 'This browser does not let Loyalty Lab save progress here (private browsing, storage turned off, or the database was closed). You can keep playing in this tab, but nothing is saved: export your progress to a file before you close it.',
      'zh-CN':
        '此浏览器不允许客户忠诚实验室在这里保存进度(无痕模式、存储已关闭或数据库已关闭)。你可以在本标签页继续练习,但不会保存任何内容:关闭前请把进度导出为文件。',
    },
    detail,
  };
}

class ProgressStorage {
  #status = $state<StorageStatus>('idle');
  #db = $state.raw<LoyaltyDb | null>(null);
  #api = $state.raw<StorageModules | null>(null);
  #problem = $state.raw<StorageProblem | null>(null);
  #history = $state.raw<LiveQuery<ScenarioHistory[]> | null>(null);
  #profile = $state.raw<LiveQuery<ProfileRecord | undefined> | null>(null);
  #unsaved = $state.raw<UnsavedExporter | null>(null);
  #opening: Promise<LoyaltyDb | null> | null = null;

  /** 'idle' before open(), then 'opening', then 'open' or 'unavailable'. */
  get status(): StorageStatus {
    return this.#status;
  }

  /** The open database, or null (not yet open, or none in this browser). */
  get db(): LoyaltyDb | null {
    return this.#db;
  }

  /** What the shell's banner shows; null when all is well (or it was dismissed). */
  get problem(): StorageProblem | null {
    return this.#problem;
  }

  /** Per scenario: finished runs, sessions in progress, best score; live across tabs. */
  get history(): LiveQuery<ScenarioHistory[]> | null {
    return this.#history;
  }

  /** The learner's profile, live. */
  get profile(): LiveQuery<ProfileRecord | undefined> | null {
    return this.#profile;
  }

  /** Whether the banner can offer an export (saved progress, or a session in memory). */
  get canExport(): boolean {
    return this.#db !== null || this.#unsaved !== null;
  }

  /**
   * Opens the database once; later calls get the same promise. Resolves to the database,
   * or null when this browser gives none (the banner then says so).
   */
  open(): Promise<LoyaltyDb | null> {
    this.#opening ??= this.#open();
    return this.#opening;
  }

  async #open(): Promise<LoyaltyDb | null> {
    this.#status = 'opening';
    let api: StorageModules;
    try {
      const [db, records, problems, live] = await Promise.all([
        import('../../storage/db.ts'),
        import('../../storage/records.ts'),
        import('../../storage/problems.ts'),
        import('../../storage/live.svelte.ts'),
      ]);
      api = { db, records, problems, live };
    } catch (e) {
      this.#problem = chunkProblem(String(e));
      this.#status = 'unavailable';
      return null;
    }
    this.#api = api;
    let opened: Awaited<ReturnType<DbModule['openDatabase']>>;
    try {
      opened = await api.db.openDatabase();
    } catch (e) {
      opened = {
        ok: false,
        problem: api.problems.storageProblem('unavailable', api.db.errorText(e)),
      };
    }
    if (!opened.ok) {
      this.#problem = opened.problem;
      this.#status = 'unavailable';
      return null;
    }
    const db = opened.db;
    db.onProblem((p) => this.report(p));
    this.#db = db;
    this.#history = new api.live.LiveHistory(db);
    this.#profile = new api.live.LiveProfile(db);
    this.#status = 'open';
    return db;
  }

  /** Shows a problem in the banner (storage calls report theirs through db.onProblem). */
  report(problem: StorageProblem): void {
    // A closed database cannot come back in this tab: say so even after a quota message.
    const shown = this.#problem;
    if (shown?.code === 'unavailable' && problem.code !== 'unavailable') return;
    // The same trouble again (every save on a full disk fails): keep the banner as it is.
    if (shown?.code === problem.code) return;
    this.#problem = problem;
  }

  /** Hides the banner until the next problem. */
  dismiss(): void {
    this.#problem = null;
  }

  /**
   * The play page registers how to export a session that lives only in memory (storage
   * unavailable, or writes failing), so the banner's export button can save it as a file.
   * Returns the function that withdraws the offer (call it when the session ends).
   */
  offerUnsavedExport(exporter: UnsavedExporter): () => void {
    this.#unsaved = exporter;
    return () => {
      if (this.#unsaved === exporter) this.#unsaved = null;
    };
  }

  /**
   * Everything saved, as a progress file; with no database, the session in memory (if the
   * play page offered one). Reads only, so it works on a full disk.
   */
  async exportAll(): Promise<Stored<ProgressFile | null>> {
    const db = this.#db;
    const api = this.#api;
    if (db && api) {
      let exchange: typeof import('../../storage/exchange.ts');
      try {
        exchange = await import('../../storage/exchange.ts');
      } catch (e) {
        return { ok: false, problem: chunkProblem(String(e)) };
      }
      let file: Awaited<ReturnType<typeof exchange.exportAll>>;
      try {
        file = await exchange.exportAll(db);
      } catch (e) {
        // Defensive: an unexpected failure while reading or hashing is shown, not thrown.
        return { ok: false, problem: api.problems.storageProblem('readFailed', String(e)) };
      }
      if (!file.ok) return file;
      // Remember when (drives a backup nudge); a full disk may refuse it, which is fine.
      void api.records.setSetting(db, api.db.SETTING_KEYS.lastExportAt, Date.now());
      return file;
    }
    const unsaved = this.#unsaved;
    if (!unsaved) return { ok: true, value: null };
    try {
      return { ok: true, value: await unsaved() };
    } catch (e) {
      return { ok: false, problem: chunkProblem(String(e)) };
    }
  }

  /** Saves the learner's profile; false when it could not be saved (the banner says why). */
  async saveProfile(input: ProfileInput): Promise<boolean> {
    const db = this.#db;
    const api = this.#api;
    if (!db || !api) return false;
    return (await api.records.saveProfile(db, input)).ok;
  }

  /** Deletes every saved record (the caller confirmed); false when it failed. */
  async deleteAllData(): Promise<boolean> {
    const db = this.#db;
    const api = this.#api;
    if (!db || !api) return false;
    return (await api.records.deleteAllData(db)).ok;
  }
}

/** The one handle on saved progress. */
export const progress = new ProgressStorage();
