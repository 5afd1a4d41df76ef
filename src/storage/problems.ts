// What lives here: how storage failures reach the learner. Every call of this module that
// touches IndexedDB returns a Stored<T>: the value, or a StorageProblem with a code and a
// message in both languages. Nothing throws to the page: a full disk or a closed database
// becomes a banner with an offer to export, and the session in memory keeps working.

import type { Text } from '../engine/types.ts';

/**
 * - quota: the browser's storage for the site is full (QuotaExceededError).
 * - unavailable: no IndexedDB (private mode, storage off), the database is closed, or it was
 *   made by a newer version of the app.
 * - blocked: an old-version tab keeps the database open, so it cannot be upgraded.
 * - writeFailed: any other refused write.
 * - readFailed: a read failed (rare; the page may be reloaded).
 */
export type StorageCode = 'quota' | 'unavailable' | 'blocked' | 'writeFailed' | 'readFailed';

export interface StorageProblem {
  code: StorageCode;
  /** For people: what happened and what to do, in both languages. */
  message: Text;
  /** For developers and bug reports: the underlying error's name and message. */
  detail: string;
}

export type Stored<T> = { ok: true; value: T } | { ok: false; problem: StorageProblem };

const MESSAGES: Record<StorageCode, Text> = {
  quota: {
    en: 'Your browser’s storage for this site is full, so your progress was not saved. You can keep playing in this tab. Export your progress to a file now, then free space (delete old runs, or clear other sites’ data).',
    'zh-CN':
      '浏览器为本站提供的存储空间已满,进度没有保存。你可以在本标签页继续练习。请立即把进度导出为文件,然后腾出空间(删除旧记录,或清理其他网站的数据)。',
  },
  unavailable: {
    en: 'This browser does not let Loyalty Lab save progress here (private browsing, storage turned off, or the database was closed). You can keep playing in this tab, but nothing is saved: export your progress to a file before you close it.',
    'zh-CN':
      '此浏览器不允许客户忠诚实验室在这里保存进度(无痕模式、存储已关闭或数据库已关闭)。你可以在本标签页继续练习,但不会保存任何内容:关闭前请把进度导出为文件。',
  },
  blocked: {
    en: 'Another Loyalty Lab tab, still on an older version, keeps the saved progress open. Close the other Loyalty Lab tabs, then reload this page.',
    'zh-CN':
      '另一个仍是旧版本的客户忠诚实验室标签页占用着已保存的进度。请关闭其他客户忠诚实验室标签页,然后重新加载本页面。',
  },
  writeFailed: {
    en: 'Your progress could not be saved: the browser refused to write it. You can keep playing in this tab; it will try again at the next change. To be safe, export your progress to a file.',
    'zh-CN':
      '进度未能保存:浏览器拒绝了写入。你可以在本标签页继续练习,下次有改动时会再次尝试保存。为稳妥起见,请把进度导出为文件。',
  },
  readFailed: {
    en: 'Saved progress could not be read. Reload the page; if it keeps happening, export what you can and report the problem.',
    'zh-CN': '无法读取已保存的进度。请重新加载页面;如果问题持续,请尽量导出进度并报告问题。',
  },
};

const NEWER_VERSION: Text = {
  en: 'Your saved progress was written by a newer version of Loyalty Lab. Reload the page to get the newest version; until then nothing is saved here.',
  'zh-CN':
    '已保存的进度由更新版本的客户忠诚实验室写入。请重新加载页面以获取最新版本;在此之前这里不会保存任何内容。',
};

export function storageProblem(code: StorageCode, detail = ''): StorageProblem {
  const message =
    code === 'unavailable' && /VersionError/.test(detail) ? NEWER_VERSION : MESSAGES[code];
  return { code, message: { ...message }, detail };
}

/** Names of an error and of the errors it wraps (Dexie keeps the cause in `inner`). */
function errorNames(e: unknown): string[] {
  const out: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; depth < 6 && typeof cur === 'object' && cur !== null; depth++) {
    const err = cur as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown };
    if (typeof err.name === 'string') out.push(err.name);
    // Old WebKit reports a full disk as DOMException code 22 with another name.
    if (err.code === 22) out.push('QuotaExceededError');
    cur = err.inner ?? err.cause;
  }
  return out;
}

const UNAVAILABLE = new Set([
  'MissingAPIError',
  'DatabaseClosedError',
  'OpenFailedError',
  'InvalidStateError',
  'VersionError',
  'NoSuchDatabaseError',
  'SecurityError',
]);

/** The code of a failure; `kind` says whether a read or a write failed. */
export function classify(e: unknown, kind: 'read' | 'write'): StorageCode {
  const names = errorNames(e);
  // A full disk may come wrapped in an AbortError of the transaction: look inside first.
  if (names.includes('QuotaExceededError')) return 'quota';
  if (names.some((n) => UNAVAILABLE.has(n))) return 'unavailable';
  return kind === 'write' ? 'writeFailed' : 'readFailed';
}

export function toStorageProblem(e: unknown, kind: 'read' | 'write'): StorageProblem {
  return storageProblem(classify(e, kind), describe(e));
}

function describe(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; depth < 6 && cur !== undefined && cur !== null; depth++) {
    if (typeof cur !== 'object') {
      parts.push(String(cur));
      break;
    }
    const err = cur as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown };
    parts.push(`${String(err.name ?? 'Error')}: ${String(err.message ?? '')}`);
    cur = err.inner ?? err.cause;
  }
  return parts.join(' <- ');
}

/** Something that can hear about problems (the database, see LoyaltyDb.onProblem). */
export interface ProblemSink {
  reportProblem(p: StorageProblem): void;
}

/**
 * Runs a storage operation and turns any failure into a StorageProblem, reported to the
 * database's problem listeners too. The one place where storage errors are caught.
 */
export async function attempt<T>(
  sink: ProblemSink,
  kind: 'read' | 'write',
  fn: () => Promise<T>,
): Promise<Stored<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    const problem = toStorageProblem(e, kind);
    sink.reportProblem(problem);
    return { ok: false, problem };
  }
}
