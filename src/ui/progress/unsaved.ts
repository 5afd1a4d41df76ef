// What lives here: a progress file made from a play session held only in memory, for the
// banner's "Export my progress" when this browser gives no storage (private mode, storage
// off) or refuses writes. Same format and checksum as exportAll (src/storage/exchange.ts),
// so the file imports anywhere: the session goes on from where it was.
//
// @example (the play page, when progress.db is null or a save failed)
// const withdraw = progress.offerUnsavedExport(async () =>
//   unsavedSessionFile(await getState(), { id: sessionId, profile: null }));
// // when the session ends or is saved again: withdraw();

import { version as APP_VERSION } from '../../../package.json';
import type { ProfileData, ProgressFile } from '../../storage/progressFile.ts';
import {
  PROGRESS_FORMAT,
  PROGRESS_FORMAT_VERSION,
  checksumOf,
  encodeEngine,
} from '../../storage/progressFile.ts';
import { sessionSummary, type SessionState } from '../../storage/records.ts';

export interface UnsavedOptions {
  /** The session's id (the same id it would have in storage). */
  id: string;
  /** Who plays, when known. @default null */
  profile?: ProfileData | null;
  /** @default Date.now() */
  now?: number;
}

/** A whole progress file ("all" scope) holding one session in progress. */
export async function unsavedSessionFile(
  state: SessionState,
  options: UnsavedOptions,
): Promise<ProgressFile> {
  const now = options.now ?? Date.now();
  const data: ProgressFile['data'] = {
    scope: 'all',
    profile: options.profile ?? null,
    runs: [],
    sessions: [
      {
        id: options.id,
        ...sessionSummary(state),
        createdAt: now,
        updatedAt: now,
        machine: structuredClone(state.machine),
        engine: encodeEngine(state.engine),
      },
    ],
    quizResults: [],
    conceptViews: [],
    settings: [],
  };
  return {
    format: PROGRESS_FORMAT,
    formatVersion: PROGRESS_FORMAT_VERSION,
    exportedAt: new Date(now).toISOString(),
    app: { name: 'loyalty-lab', version: APP_VERSION },
    checksum: await checksumOf(data),
    data,
  };
}
