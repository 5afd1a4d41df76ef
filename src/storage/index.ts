// The persistence room's public face: what the UI imports. See db.ts for what is saved
// where, and each module's header for how to use it:
// - db.ts: openDatabase, the record types, STORAGE_KEYS / SETTING_KEYS
// - records.ts: profile, settings, concept views, quiz results, sessions, runs, deletes
// - autosave.ts: createAutosave (debounced saves with flush)
// - lease.ts: one session per tab (claim, take over, hold, release)
// - history.ts: the history page, lineage, branch plans, decision diffs
// - exchange.ts: export and import of progress files
// - live.svelte.ts: live lists for components (import it directly: it needs runes)
// - problems.ts: StorageProblem and Stored<T>

export * from './db.ts';
export * from './problems.ts';
export * from './records.ts';
export * from './autosave.ts';
export * from './lease.ts';
export * from './history.ts';
export * from './exchange.ts';
export {
  MAX_PROGRESS_BYTES,
  PROGRESS_FORMAT,
  PROGRESS_FORMAT_VERSION,
  type ProgressFile,
  type ProgressData,
} from './progressFile.ts';
