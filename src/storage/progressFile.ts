// What lives here: the progress file format ("loyalty-lab-progress", format version 1),
// the JSON a learner exports and a trainer imports: its types, the encoding of typed arrays
// (base64 with their type), the checksum (SHA-256 of the canonical JSON of `data`), and the
// checker that reads an untrusted file and returns every problem with its path, in both
// languages. Nothing here touches the database (exchange.ts does).
//
// {
//   "format": "loyalty-lab-progress", "formatVersion": 1,
//   "exportedAt": "2025-03-01T09:30:00.000Z", "app": { "name": "loyalty-lab", "version": "0.1.0" },
//   "checksum": "sha256:<64 hex digits>",
//   "data": { "scope": "run" | "all", "profile": {…} | null, "runs": […], "sessions": […],
//             "quizResults": […], "conceptViews": […], "settings": […] }
// }
//
// Canonical JSON: keys sorted by UTF-16 code units at every level, no whitespace, values as
// JSON.stringify writes them. It survives a JSON round trip unchanged, so the checksum
// computed at export is recomputed exactly at import; any edit to `data` changes it.
// Typed arrays: { "type": "Float32Array", "length": n, "base64": "…" }, bytes little-endian.
//
// Checking follows src/scenario/validate.ts (same helpers, same limits): size, JSON,
// forbidden keys and sizes everywhere, then the envelope, then each record. A file from a
// newer format version is refused with one clear message (its data is not checked: its
// shape is unknown here). Unknown scenario ids and markup-like text in names are warnings:
// the run is kept, and names are shown as plain text, never as HTML.

import type { SimulationSnapshot } from '../engine/simulation.ts';
import type { Columns } from '../engine/population.ts';
import type { Problem } from '../scenario/validate.ts';
import {
  MAX_FILE_BYTES,
  ProblemList,
  checkBoolean,
  checkId,
  checkList,
  checkNumber,
  checkObject,
  checkOneOf,
  checkString,
  checkUniqueIds,
  isRecord,
  join,
  makeProblem,
  parseJsonText,
  scanLimits,
  type FieldSpec,
} from '../scenario/validate.ts';
import { SCALAR_METRIC_KEYS } from '../scenario/metrics.ts';
import { COMPLAINT_ACTIONS } from '../scenario/session.machine.ts';
import type {
  ConceptViewRecord,
  JsonValue,
  Language,
  PersistedMachine,
  QuizResultRecord,
  Run,
  SessionRecord,
} from './db.ts';
import { sha256 } from './portable.ts';

export const PROGRESS_FORMAT = 'loyalty-lab-progress';
export const PROGRESS_FORMAT_VERSION = 1;
/** Largest progress file read, in bytes: a session of 1,000,000 customers fits. */
export const MAX_PROGRESS_BYTES = 100 * 1024 * 1024;
/** Most customer slots an engine snapshot in a file may hold. */
export const MAX_CUSTOMER_SLOTS = 3_000_000;
/** Periods of the longest scenario (the scenario loader allows 1..40). */
export const MAX_ROUNDS = 40;
export const MAX_NAME_CHARS = 100;
export const MAX_LABEL_CHARS = 200;
/** The score's ceiling: every objective beaten by 20% (MAX_FRACTION in scenario/metrics.ts). */
export const MAX_SCORE = 120;

// ---------------------------------------------------------------- types

export type TypedArrayName =
  | 'Uint8Array'
  | 'Int8Array'
  | 'Uint16Array'
  | 'Int16Array'
  | 'Uint32Array'
  | 'Int32Array'
  | 'Float32Array'
  | 'Float64Array';

const TYPED_ARRAYS = {
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
} as const;

/**
 * The engine's columns and their types, so a file's columns can be checked without
 * running engine code here. A test holds it equal to the engine's Population.
 */
export const COLUMN_TYPES: { readonly [K in keyof Columns]: TypedArrayName } = {
  segment: 'Uint8Array',
  status: 'Uint8Array',
  source: 'Uint8Array',
  flags: 'Uint8Array',
  recent: 'Uint8Array',
  tier: 'Uint8Array',
  persona: 'Uint8Array',
  satisfaction: 'Float32Array',
  attitude: 'Float32Array',
  barrier: 'Float32Array',
  priceSensitivity: 'Float32Array',
  spend: 'Float32Array',
  referencePrice: 'Float32Array',
  hazard: 'Float32Array',
  cumulativeRevenue: 'Float32Array',
  cumulativeProfit: 'Float32Array',
  joined: 'Int16Array',
  lostAt: 'Int16Array',
  lastPurchase: 'Int16Array',
  lastContact: 'Int16Array',
  purchases: 'Uint16Array',
};

export interface EncodedTypedArray {
  type: TypedArrayName;
  length: number;
  base64: string;
}

export type EncodedEngine = Omit<SimulationSnapshot, 'columns'> & {
  columns: Record<string, EncodedTypedArray>;
};

export interface ProfileData {
  name: string;
  team: string | null;
  language: Language;
}

/** A session in a file: its light row without the lease, its machine, its engine. */
export interface ExportedSession {
  id: string;
  scenarioId: string;
  scenarioVersion: string;
  seed: number;
  round: number;
  phase: string;
  parentRunId: string | null;
  branchRound: number | null;
  createdAt: number;
  updatedAt: number;
  machine: PersistedMachine;
  engine: EncodedEngine;
}

export interface ProgressData {
  /** 'run': one run (exportRun); 'all': everything (exportAll). */
  scope: 'run' | 'all';
  profile: ProfileData | null;
  runs: Run[];
  sessions: ExportedSession[];
  quizResults: QuizResultRecord[];
  conceptViews: ConceptViewRecord[];
  settings: { key: string; value: JsonValue }[];
}

export interface ProgressFile {
  format: typeof PROGRESS_FORMAT;
  formatVersion: typeof PROGRESS_FORMAT_VERSION;
  /** ISO 8601. */
  exportedAt: string;
  app: { name: string; version: string };
  /** "sha256:" + hex SHA-256 of canonicalJson(data) in UTF-8. */
  checksum: string;
  data: ProgressData;
}

/** A session decoded from a file: ready to be stored. */
export interface DecodedSession {
  row: Omit<SessionRecord, 'lease' | 'engineFingerprint'>;
  machine: PersistedMachine;
  engine: SimulationSnapshot;
}

// ---------------------------------------------------------------- typed arrays <-> base64

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type AnyTypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

/** Reverses each element's bytes in place (only on big-endian machines, which browsers are not). */
function swapBytes(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse();
}

function typedName(a: ArrayBufferView): TypedArrayName | null {
  for (const [name, ctor] of Object.entries(TYPED_ARRAYS))
    if (a instanceof ctor) return name as TypedArrayName;
  return null;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_CODES = Uint8Array.from(B64, (ch) => ch.charCodeAt(0));

/**
 * Base64 of bytes. Written out with a lookup table: btoa over a "binary string" built with
 * String.fromCharCode took a second for a 100,000-customer engine; this takes milliseconds.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  // Newer browsers have it built in (Uint8Array.prototype.toBase64).
  const native = (bytes as { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  const n = bytes.length;
  const out = new Uint8Array(4 * Math.ceil(n / 3));
  let j = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[j++] = B64_CODES[v >> 18];
    out[j++] = B64_CODES[(v >> 12) & 63];
    out[j++] = B64_CODES[(v >> 6) & 63];
    out[j++] = B64_CODES[v & 63];
  }
  if (i < n) {
    const v = (bytes[i] << 16) | (i + 1 < n ? bytes[i + 1] << 8 : 0);
    out[j++] = B64_CODES[v >> 18];
    out[j++] = B64_CODES[(v >> 12) & 63];
    out[j++] = i + 1 < n ? B64_CODES[(v >> 6) & 63] : 61; // '='
    out[j] = 61;
  }
  return new TextDecoder().decode(out);
}

/** Bytes of base64 text (atob is native and fast; the text was checked against the alphabet). */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const fromBase64 = (Uint8Array as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> })
    .fromBase64;
  if (typeof fromBase64 === 'function') return fromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function encodeTypedArray(a: AnyTypedArray): EncodedTypedArray {
  const type = typedName(a);
  if (!type) throw new TypeError('not a typed array');
  let bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (!LITTLE_ENDIAN) {
    bytes = bytes.slice();
    swapBytes(bytes, a.BYTES_PER_ELEMENT);
  }
  return { type, length: a.length, base64: bytesToBase64(bytes) };
}

export function decodeTypedArray(e: EncodedTypedArray): AnyTypedArray {
  const Ctor = TYPED_ARRAYS[e.type];
  const bytes = base64ToBytes(e.base64);
  if (!LITTLE_ENDIAN) swapBytes(bytes, Ctor.BYTES_PER_ELEMENT);
  return new Ctor(bytes.buffer, 0, e.length);
}

export function encodeEngine(s: SimulationSnapshot): EncodedEngine {
  const columns: Record<string, EncodedTypedArray> = {};
  for (const [name, col] of Object.entries(s.columns)) columns[name] = encodeTypedArray(col);
  return { ...s, columns };
}

export function decodeEngine(e: EncodedEngine): SimulationSnapshot {
  const columns: Record<string, AnyTypedArray> = {};
  for (const [name, col] of Object.entries(e.columns)) columns[name] = decodeTypedArray(col);
  return { ...e, columns: columns as unknown as Columns };
}

// ---------------------------------------------------------------- canonical JSON, checksum

/** JSON with sorted keys and no whitespace; see the header. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v))
    return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined && typeof o[k] !== 'function')
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/** "sha256:<hex>" of the canonical JSON of `data` (crypto.subtle, or the same digest in JS on plain-http pages). */
export async function checksumOf(data: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(data));
  const digest = await sha256(bytes);
  return `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

// ---------------------------------------------------------------- checking a file

export interface CheckOptions {
  /** Scenario ids this app knows; runs of others are kept with a warning. @default no check */
  knownScenarios?: readonly string[];
}

export type CheckResult =
  { ok: true; file: ProgressFile; warnings: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Reads a progress file's text and checks all of it. Every problem is reported with its
 * path ("data.runs[2].seed"), in both languages; nothing throws.
 */
export async function checkProgressText(
  text: string,
  options: CheckOptions = {},
): Promise<CheckResult> {
  const c = new ProblemList();
  const parsed = parseText(c, text);
  if (!parsed.ok) return { ok: false, problems: c.all() };
  const value = parsed.value;

  // Forbidden keys, long strings, huge lists, deep nesting: everywhere, once. The base64
  // of the engine columns is left out (it is long by nature and checked on its own).
  scanLimits(c, withoutBase64(value));

  if (!isRecord(value)) {
    c.error(
      '',
      'expected a Loyalty Lab progress file (a JSON object).',
      '应为客户忠诚实验室进度文件(JSON 对象)。',
    );
    return { ok: false, problems: c.all() };
  }
  if (value.format !== PROGRESS_FORMAT) {
    const looksLikeScenario = 'meta' in value && 'levers' in value;
    c.error(
      'format',
      `this is not a Loyalty Lab progress file (format ${JSON.stringify(value.format ?? null)}, expected "${PROGRESS_FORMAT}")${looksLikeScenario ? '; it looks like a scenario file' : ''}.`,
      `这不是客户忠诚实验室进度文件(format 为 ${JSON.stringify(value.format ?? null)},应为 "${PROGRESS_FORMAT}")${looksLikeScenario ? ';它看起来是情景文件' : ''}。`,
    );
    return { ok: false, problems: c.all() };
  }
  const fv = value.formatVersion;
  if (typeof fv === 'number' && Number.isInteger(fv) && fv > PROGRESS_FORMAT_VERSION) {
    c.error(
      'formatVersion',
      `this file was made by a newer version of Loyalty Lab (format version ${fv}; this one reads version ${PROGRESS_FORMAT_VERSION}). Update Loyalty Lab (reload the page), then import it again.`,
      `此文件由更新版本的客户忠诚实验室生成(格式版本 ${fv};当前版本只能读取版本 ${PROGRESS_FORMAT_VERSION})。请更新客户忠诚实验室(重新加载页面)后再导入。`,
    );
    return { ok: false, problems: c.all() };
  }

  const k = new FileChecks(c, options);
  checkObject(c, '', value, {
    format: [true, () => undefined],
    formatVersion: [true, (p, v) => void checkOneOf(c, p, v, [PROGRESS_FORMAT_VERSION])],
    exportedAt: [true, (p, v) => void checkString(c, p, v, ISO_PATTERN, ISO_HINT)],
    app: [
      true,
      (p, v) =>
        void checkObject(c, p, v, {
          name: [true, (q, x) => void k.plainText(q, x, MAX_NAME_CHARS)],
          version: [true, (q, x) => void k.plainText(q, x, MAX_NAME_CHARS)],
        }),
    ],
    checksum: [true, (p, v) => void checkString(c, p, v, CHECKSUM_PATTERN, CHECKSUM_HINT)],
    data: [true, (p, v) => k.data(p, v)],
  });

  if (
    typeof value.checksum === 'string' &&
    CHECKSUM_PATTERN.test(value.checksum) &&
    'data' in value
  ) {
    // Deep nesting could overflow the stack: an unreadable file simply does not match.
    const actual = await checksumOf(value.data).catch(() => null);
    if (actual !== value.checksum)
      c.error(
        'checksum',
        'the checksum does not match the data: the file was changed after it was exported, or damaged. Export it again from the original.',
        '校验和与数据不符:文件在导出后被修改或已损坏。请从原处重新导出。',
      );
  }

  const problems = c.all();
  if (problems.length) return { ok: false, problems };
  return { ok: true, file: value as unknown as ProgressFile, warnings: [...c.warnings] };
}

const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_HINT = {
  en: 'a date and time like 2025-03-01T09:30:00.000Z',
  zh: '应为 2025-03-01T09:30:00.000Z 这样的日期时间',
};
const CHECKSUM_PATTERN = /^sha256:[0-9a-f]{64}$/;
const CHECKSUM_HINT = {
  en: 'it must be "sha256:" and 64 hex digits',
  zh: '必须是 "sha256:" 加 64 位十六进制数字',
};
const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;
const VERSION_HINT = { en: 'a version like 1.0.0', zh: '应为 1.0.0 这样的版本号' };
const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
/** Markup or script-like text: kept (it is shown as text), but worth a warning. */
const MARKUP_PATTERN = /[<>]|javascript:|on[a-z]+\s*=/i;
// eslint-disable-next-line no-control-regex
const CONTROL_PATTERN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** JSON text within the size limit; the scenario loader's parser for files it accepts. */
function parseText(c: ProblemList, text: string): { ok: true; value: unknown } | { ok: false } {
  if (typeof text !== 'string' || text.trim() === '') {
    c.error('', 'the file is empty.', '文件是空的。');
    return { ok: false };
  }
  // A UTF-8 byte is at most one UTF-16 unit, at most 3 bytes per unit: bound before encoding.
  const bytes =
    text.length * 3 <= MAX_FILE_BYTES ? text.length : new TextEncoder().encode(text).length;
  if (bytes > MAX_PROGRESS_BYTES) {
    c.error(
      '',
      `the file is ${(bytes / 1048576).toFixed(1)} MB; at most ${MAX_PROGRESS_BYTES / 1048576} MB is read.`,
      `文件大小为 ${(bytes / 1048576).toFixed(1)} MB;最多读取 ${MAX_PROGRESS_BYTES / 1048576} MB。`,
    );
    return { ok: false };
  }
  let r: { ok: true; value: unknown } | { ok: false };
  if (bytes <= MAX_FILE_BYTES) r = parseJsonText(c, text);
  else {
    // parseJsonText stops at the scenario limit (2 MB); a session of 100,000 customers is
    // larger. Same message, without the position detail.
    try {
      r = { ok: true, value: JSON.parse(text) as unknown };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      c.error('', `this is not valid JSON: ${reason}.`, `这不是有效的 JSON:${reason}。`);
      r = { ok: false };
    }
  }
  if (!r.ok && !/[}\]]\s*$/.test(text))
    c.error(
      '',
      'the file ends too early: it looks cut off (truncated), e.g. by an interrupted download or copy. Export it again.',
      '文件提前结束:看起来被截断了(例如下载或复制中断)。请重新导出。',
    );
  return r;
}

/** The file with each engine column's base64 replaced by "" (for the size-and-key scan). */
function withoutBase64(value: unknown): unknown {
  if (!isRecord(value) || !isRecord(value.data) || !Array.isArray(value.data.sessions))
    return value;
  const sessions = value.data.sessions.map((s: unknown) => {
    if (!isRecord(s) || !isRecord(s.engine) || !isRecord(s.engine.columns)) return s;
    const columns: Record<string, unknown> = {};
    for (const [name, col] of Object.entries(s.engine.columns))
      columns[name] =
        isRecord(col) && typeof col.base64 === 'string' ? { ...col, base64: '' } : col;
    return { ...s, engine: { ...s.engine, columns } };
  });
  return { ...value, data: { ...value.data, sessions } };
}

const nullable =
  (check: (p: string, v: unknown) => void) =>
  (p: string, v: unknown): void => {
    if (v !== null) check(p, v);
  };

/** The record checks, sharing the problem list and the options. */
class FileChecks {
  private readonly unknownScenarios = new Set<string>();

  constructor(
    private readonly c: ProblemList,
    private readonly options: CheckOptions,
  ) {}

  // ---------------------------------------------------------------- small values

  /** Text people typed (names, labels): plain text, no control characters. */
  plainText(path: string, v: unknown, max: number, allowEmpty = false): boolean {
    const c = this.c;
    if (typeof v !== 'string') return checkString(c, path, v);
    if (!allowEmpty && v.trim() === '') return checkString(c, path, v);
    if (v.length > max) {
      c.error(
        path,
        `this text has ${v.length} characters; at most ${max} are allowed.`,
        `这段文本有 ${v.length} 个字符;最多允许 ${max} 个。`,
      );
      return false;
    }
    if (CONTROL_PATTERN.test(v)) {
      c.error(path, 'this text contains control characters.', '这段文本包含控制字符。');
      return false;
    }
    if (MARKUP_PATTERN.test(v))
      c.warn(
        path,
        'this text looks like HTML or script; it is kept as typed and always shown as plain text, never run.',
        '这段文本看起来像 HTML 或脚本;将按原样保存,并始终作为纯文本显示,绝不会执行。',
      );
    return true;
  }

  int(path: string, v: unknown, min: number, max: number): v is number {
    return checkNumber(this.c, path, v, { min, max, integer: true });
  }

  timestamp(path: string, v: unknown): void {
    this.int(path, v, 0, 8.64e15);
  }

  seed(path: string, v: unknown): void {
    this.int(path, v, 0, 0xffffffff);
  }

  scenarioId(path: string, v: unknown): void {
    if (!checkId(this.c, path, v)) return;
    const known = this.options.knownScenarios;
    if (known && !known.includes(v) && !this.unknownScenarios.has(v)) {
      this.unknownScenarios.add(v);
      this.c.warn(
        path,
        `the scenario "${v}" is not in this copy of Loyalty Lab; its runs are kept, but cannot be replayed here until the scenario is added.`,
        `此客户忠诚实验室中没有情景 "${v}";其记录会保留,但在添加该情景之前无法在此重放。`,
      );
    }
  }

  /** An object whose every value passes `check` (keys: short non-empty strings). */
  recordOf(path: string, v: unknown, check: (p: string, x: unknown) => void): void {
    const c = this.c;
    if (!isRecord(v)) {
      checkObject(c, path, v, {});
      return;
    }
    for (const [key, x] of Object.entries(v)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue; // the scan reports it
      if (key.length === 0 || key.length > 64)
        c.error(
          join(path, key),
          'keys here are 1 to 64 characters long.',
          '此处的键长度应为 1 到 64 个字符。',
        );
      else check(join(path, key), x);
    }
  }

  /** Numbers, and objects or lists of numbers, a few levels deep (metrics, stocks). */
  numericTree(path: string, v: unknown, depth = 0): void {
    if (typeof v === 'number') return void checkNumber(this.c, path, v);
    if (depth < 3 && Array.isArray(v))
      return v.forEach((x, i) => this.numericTree(join(path, i), x, depth + 1));
    if (depth < 3 && isRecord(v))
      return this.recordOf(path, v, (p, x) => this.numericTree(p, x, depth + 1));
    checkNumber(this.c, path, v);
  }

  /** Plain JSON values of any shape (the scan bounds their size). */
  any(): void {}

  /** Any object (its fields are not checked here; the scan bounds them). */
  object(path: string, v: unknown): void {
    if (!isRecord(v)) checkObject(this.c, path, v, {});
  }

  // ---------------------------------------------------------------- data

  data(path: string, v: unknown): void {
    const c = this.c;
    const d = checkObject(c, path, v, {
      scope: [true, (p, x) => void checkOneOf(c, p, x, ['run', 'all'])],
      profile: [true, nullable((p, x) => this.profile(p, x))],
      runs: [true, (p, x) => void checkList(c, p, x, (q, r) => this.run(q, r))],
      sessions: [true, (p, x) => void checkList(c, p, x, (q, s) => this.session(q, s))],
      quizResults: [true, (p, x) => void checkList(c, p, x, (q, r) => this.quizResult(q, r))],
      conceptViews: [true, (p, x) => void checkList(c, p, x, (q, r) => this.conceptView(q, r))],
      settings: [true, (p, x) => void checkList(c, p, x, (q, r) => this.setting(q, r))],
    });
    if (!d) return;
    const list = (k: string) => (Array.isArray(d[k]) ? (d[k] as unknown[]) : undefined);
    checkUniqueIds(c, join(path, 'runs'), list('runs'));
    checkUniqueIds(c, join(path, 'sessions'), list('sessions'));
    checkUniqueIds(c, join(path, 'quizResults'), list('quizResults'));
    checkUniqueIds(c, join(path, 'conceptViews'), list('conceptViews'), 'conceptId');
    checkUniqueIds(c, join(path, 'settings'), list('settings'), 'key');
  }

  profile(path: string, v: unknown): void {
    const c = this.c;
    checkObject(c, path, v, {
      name: [true, (p, x) => void this.plainText(p, x, MAX_NAME_CHARS, true)],
      team: [true, nullable((p, x) => void this.plainText(p, x, MAX_NAME_CHARS))],
      language: [true, (p, x) => void checkOneOf(c, p, x, ['zh-CN', 'en'])],
    });
  }

  player(path: string, v: unknown): void {
    checkObject(this.c, path, v, {
      name: [true, (p, x) => void this.plainText(p, x, MAX_NAME_CHARS)],
      team: [true, nullable((p, x) => void this.plainText(p, x, MAX_NAME_CHARS))],
    });
  }

  run(path: string, v: unknown): void {
    const c = this.c;
    const rounds = (p: string, x: unknown) => void this.int(p, x, 0, MAX_ROUNDS);
    const r = checkObject(c, path, v, {
      id: [true, (p, x) => void checkId(c, p, x)],
      scenarioId: [true, (p, x) => this.scenarioId(p, x)],
      scenarioVersion: [true, (p, x) => void checkString(c, p, x, VERSION_PATTERN, VERSION_HINT)],
      seed: [true, (p, x) => this.seed(p, x)],
      score: [true, (p, x) => void checkNumber(c, p, x, { min: 0, max: MAX_SCORE + 1e-6 })],
      rounds: [true, rounds],
      label: [true, nullable((p, x) => void this.plainText(p, x, MAX_LABEL_CHARS))],
      player: [true, nullable((p, x) => this.player(p, x))],
      parentRunId: [true, nullable((p, x) => void checkId(c, p, x))],
      branchRound: [true, nullable(rounds)],
      finishedAt: [true, (p, x) => this.timestamp(p, x)],
      importedAt: [true, nullable((p, x) => this.timestamp(p, x))],
      decisions: [
        true,
        (p, x) => void checkList(c, p, x, (q, d) => this.decisions(q, d), { max: MAX_ROUNDS }),
      ],
      metrics: [
        true,
        (p, x) => void checkList(c, p, x, (q, m, i) => this.metrics(q, m, i), { max: MAX_ROUNDS }),
      ],
      personas: [
        true,
        (p, x) => void checkList(c, p, x, (q, s) => this.persona(q, s), { max: 250 }),
      ],
      scoreParts: [
        true,
        (p, x) => void checkList(c, p, x, (q, s) => this.scorePart(q, s), { max: 100 }),
      ],
    });
    if (!r || typeof r.rounds !== 'number') return;
    for (const key of ['decisions', 'metrics'] as const) {
      const list = r[key];
      if (Array.isArray(list) && list.length !== r.rounds)
        c.error(
          join(path, key),
          `has ${list.length} entries but the run has ${r.rounds} rounds.`,
          `有 ${list.length} 项,但该记录共 ${r.rounds} 轮。`,
        );
    }
    if (typeof r.branchRound === 'number' && r.branchRound > r.rounds)
      c.error(
        join(path, 'branchRound'),
        `is after the run's last round (${r.rounds}).`,
        `晚于该记录的最后一轮(${r.rounds})。`,
      );
    if (r.parentRunId !== null && r.parentRunId === r.id)
      c.error(
        join(path, 'parentRunId'),
        'a run cannot branch from itself.',
        '记录不能从自身分支。',
      );
  }

  decisions(path: string, v: unknown): void {
    const c = this.c;
    checkObject(c, path, v, {
      levers: [true, (p, x) => this.recordOf(p, x, (q, n) => void checkNumber(c, q, n))],
      eventChoices: [false, (p, x) => this.recordOf(p, x, (q, s) => void checkId(c, q, s))],
      complaintResponses: [
        false,
        (p, x) =>
          this.recordOf(p, x, (q, r) =>
            checkObject(c, q, r, {
              action: [true, (a, y) => void checkOneOf(c, a, y, COMPLAINT_ACTIONS)],
              hours: [true, (a, y) => void checkNumber(c, a, y, { min: 1, max: 720 })],
            }),
          ),
      ],
    });
  }

  metrics(path: string, v: unknown, index: number): void {
    const c = this.c;
    if (!isRecord(v)) return void checkObject(c, path, v, {});
    // Lenient on purpose: the engine gains metrics while it is calibrated. The scalar keys
    // the charts and scores read are required; any other field must be numbers
    // (eventsFired: a list of texts).
    const required: Record<string, FieldSpec> = {};
    for (const key of SCALAR_METRIC_KEYS)
      required[key] = [true, (p, x) => void checkNumber(c, p, x)];
    for (const key of Object.keys(v))
      if (!(key in required) && key !== '__proto__' && key !== 'constructor' && key !== 'prototype')
        required[key] =
          key === 'eventsFired'
            ? [false, (p, x) => void checkList(c, p, x, (q, s) => void checkString(c, q, s))]
            : [false, (p, x) => this.numericTree(p, x)];
    checkObject(c, path, v, required);
    if (typeof v.period === 'number' && v.period !== index)
      c.error(
        join(path, 'period'),
        `should be ${index} (periods are listed in order).`,
        `应为 ${index}(各期按顺序排列)。`,
      );
    if (typeof v.active === 'number')
      this.int(join(path, 'active'), v.active, 0, MAX_CUSTOMER_SLOTS);
    for (const key of ['retentionRate', 'recoveryRate'])
      if (typeof v[key] === 'number') checkNumber(c, join(path, key), v[key], { min: 0, max: 1 });
  }

  persona(path: string, v: unknown): void {
    const c = this.c;
    checkObject(c, path, v, {
      id: [true, (p, x) => void checkId(c, p, x)],
      customer: [true, (p, x) => void this.int(p, x, -1, MAX_CUSTOMER_SLOTS)],
      segment: [true, (p, x) => void checkId(c, p, x)],
      tier: [true, (p, x) => void checkOneOf(c, p, x, ['A', 'B', 'C'])],
      history: [
        true,
        (p, x) => void checkList(c, p, x, (q, h) => this.personaPeriod(q, h), { max: MAX_ROUNDS }),
      ],
    });
  }

  personaPeriod(path: string, v: unknown): void {
    const c = this.c;
    if (!isRecord(v)) return void checkObject(c, path, v, {});
    if (!('period' in v))
      c.error(join(path, 'period'), 'this required field is missing.', '缺少这个必填字段。');
    for (const [key, x] of Object.entries(v)) {
      const p = join(path, key);
      if (key === 'period') this.int(p, x, 0, MAX_ROUNDS);
      else if (Array.isArray(x))
        checkList(c, p, x, (q, f) =>
          checkObject(c, q, f, {
            factor: [true, (a, y) => void checkString(c, a, y)],
            value: [true, (a, y) => void checkNumber(c, a, y)],
          }),
        );
      else if (
        x !== null &&
        typeof x !== 'boolean' &&
        key !== '__proto__' &&
        key !== 'constructor' &&
        key !== 'prototype'
      )
        checkNumber(c, p, x);
    }
  }

  scorePart(path: string, v: unknown): void {
    const c = this.c;
    checkObject(c, path, v, {
      id: [true, (p, x) => void checkId(c, p, x)],
      metric: [true, (p, x) => void checkString(c, p, x)],
      value: [true, nullable((p, x) => void checkNumber(c, p, x))],
      fraction: [true, (p, x) => void checkNumber(c, p, x, { min: 0, max: 1.2 + 1e-9 })],
      points: [true, (p, x) => void checkNumber(c, p, x, { min: 0, max: MAX_SCORE + 1e-6 })],
    });
  }

  session(path: string, v: unknown): void {
    const c = this.c;
    const s = checkObject(c, path, v, {
      id: [true, (p, x) => void checkId(c, p, x)],
      scenarioId: [true, (p, x) => this.scenarioId(p, x)],
      scenarioVersion: [true, (p, x) => void checkString(c, p, x, VERSION_PATTERN, VERSION_HINT)],
      seed: [true, (p, x) => this.seed(p, x)],
      round: [true, (p, x) => void this.int(p, x, 0, MAX_ROUNDS)],
      phase: [true, (p, x) => void this.plainText(p, x, 100, true)],
      parentRunId: [true, nullable((p, x) => void checkId(c, p, x))],
      branchRound: [true, nullable((p, x) => void this.int(p, x, 0, MAX_ROUNDS))],
      createdAt: [true, (p, x) => this.timestamp(p, x)],
      updatedAt: [true, (p, x) => this.timestamp(p, x)],
      machine: [true, (p, x) => this.machine(p, x)],
      engine: [true, (p, x) => this.engine(p, x)],
    });
    if (!s) return;
    const context = isRecord(s.machine) && isRecord(s.machine.context) ? s.machine.context : null;
    if (context && 'seed' in context && context.seed !== s.seed)
      c.error(
        join(path, 'machine.context.seed'),
        'does not match the session’s seed.',
        '与该会话的种子不一致。',
      );
    if (context && 'scenarioId' in context && context.scenarioId !== s.scenarioId)
      c.error(
        join(path, 'machine.context.scenarioId'),
        'does not match the session’s scenario.',
        '与该会话的情景不一致。',
      );
    if (isRecord(s.engine) && 'seed' in s.engine && s.engine.seed !== s.seed)
      c.error(
        join(path, 'engine.seed'),
        'does not match the session’s seed.',
        '与该会话的种子不一致。',
      );
  }

  /** XState's persisted snapshot: its outline only (restoreSession checks the rest). */
  machine(path: string, v: unknown): void {
    const c = this.c;
    if (!isRecord(v)) return void checkObject(c, path, v, {});
    const fields: Record<string, FieldSpec> = {};
    for (const key of Object.keys(v)) fields[key] = [false, () => this.any()];
    fields.status = [
      true,
      (p, x) => void checkOneOf(c, p, x, ['active', 'done', 'error', 'stopped']),
    ];
    fields.value = [
      true,
      (p, x) => {
        if (typeof x !== 'string' && !isRecord(x)) checkString(c, p, x);
      },
    ];
    fields.context = [true, (p, x) => this.object(p, x)];
    checkObject(c, path, v, fields);
  }

  engine(path: string, v: unknown): void {
    const c = this.c;
    const e = checkObject(c, path, v, {
      formatVersion: [true, (p, x) => void checkOneOf(c, p, x, [1])],
      seed: [true, (p, x) => this.seed(p, x)],
      period: [true, (p, x) => void this.int(p, x, 0, MAX_ROUNDS)],
      rng: [
        true,
        (p, x) => {
          // 32-bit words, read back with >>> 0: signed or unsigned both occur.
          const word = (q: string, y: unknown) => void this.int(q, y, -0x80000000, 0xffffffff);
          checkObject(c, p, x, {
            a: [true, word],
            b: [true, word],
            c: [true, word],
            d: [true, word],
          });
        },
      ],
      count: [true, (p, x) => void this.int(p, x, 0, MAX_CUSTOMER_SLOTS)],
      columns: [true, () => undefined], // below, once count is known
      baseMarket: [true, (p, x) => this.recordOf(p, x, (q, n) => void checkNumber(c, q, n))],
      stocks: [true, (p, x) => this.recordOf(p, x, (q, n) => this.numericTree(q, n))],
      modifiers: [true, (p, x) => void checkList(c, p, x, (q, m) => this.object(q, m))],
      firedEvents: [true, (p, x) => void checkList(c, p, x, (q, s) => void checkString(c, q, s))],
      inbox: [true, (p, x) => void checkList(c, p, x, (q, r) => this.object(q, r))],
      nextComplaintId: [true, (p, x) => void this.int(p, x, 0, Number.MAX_SAFE_INTEGER)],
      tierThresholds: [
        true,
        (p, x) => void checkList(c, p, x, (q, n) => void checkNumber(c, q, n), { min: 2, max: 2 }),
      ],
      initialCustomers: [true, (p, x) => void this.int(p, x, 0, MAX_CUSTOMER_SLOTS)],
      history: [
        true,
        (p, x) => void checkList(c, p, x, (q, m, i) => this.metrics(q, m, i), { max: MAX_ROUNDS }),
      ],
      personas: [
        true,
        (p, x) => void checkList(c, p, x, (q, s) => this.persona(q, s), { max: 250 }),
      ],
      cumulativeProfit: [true, (p, x) => void checkNumber(c, p, x)],
      decisionLog: [
        true,
        (p, x) => void checkList(c, p, x, (q, d) => this.decisions(q, d), { max: MAX_ROUNDS }),
      ],
    });
    if (!e) return;
    if (typeof e.count === 'number' && Number.isInteger(e.count))
      this.columns(join(path, 'columns'), e.columns, e.count);
    if (typeof e.period === 'number')
      for (const key of ['history', 'decisionLog'] as const) {
        const list = e[key];
        if (Array.isArray(list) && list.length !== e.period)
          c.error(
            join(path, key),
            `has ${list.length} entries but the engine is at period ${e.period}.`,
            `有 ${list.length} 项,但引擎处于第 ${e.period} 期。`,
          );
      }
  }

  columns(path: string, v: unknown, count: number): void {
    const c = this.c;
    const fields: Record<string, FieldSpec> = {};
    for (const [name, type] of Object.entries(COLUMN_TYPES))
      fields[name] = [
        true,
        (p, x) => {
          const col = checkObject(c, p, x, {
            type: [true, (q, y) => void checkOneOf(c, q, y, [type])],
            length: [true, (q, y) => void this.int(q, y, count, count)],
            base64: [true, (q, y) => void (typeof y === 'string' || checkString(c, q, y))],
          });
          if (!col || typeof col.base64 !== 'string' || col.type !== type || col.length !== count)
            return;
          const bytes = count * TYPED_ARRAYS[type].BYTES_PER_ELEMENT;
          const expected = 4 * Math.ceil(bytes / 3);
          if (col.base64.length !== expected || !BASE64_PATTERN.test(col.base64))
            c.error(
              join(p, 'base64'),
              `is not the base64 of ${count} values of ${type} (${expected} characters expected, found ${col.base64.length}).`,
              `不是 ${count} 个 ${type} 值的 base64 编码(应有 ${expected} 个字符,实际 ${col.base64.length} 个)。`,
            );
        },
      ];
    checkObject(c, path, v, fields);
  }

  quizResult(path: string, v: unknown): void {
    const c = this.c;
    const r = checkObject(c, path, v, {
      id: [true, (p, x) => void checkId(c, p, x)],
      scenarioId: [true, (p, x) => this.scenarioId(p, x)],
      runId: [true, nullable((p, x) => void checkId(c, p, x))],
      answers: [
        true,
        (p, x) =>
          void checkList(
            c,
            p,
            x,
            (q, a) =>
              void checkObject(c, q, a, {
                questionId: [true, (s, y) => void checkId(c, s, y)],
                option: [true, (s, y) => void this.int(s, y, 0, 100)],
                correct: [true, (s, y) => void checkBoolean(c, s, y)],
              }),
            { max: 500 },
          ),
      ],
      correct: [true, (p, x) => void this.int(p, x, 0, 500)],
      total: [true, (p, x) => void this.int(p, x, 0, 500)],
      takenAt: [true, (p, x) => this.timestamp(p, x)],
    });
    if (r && typeof r.correct === 'number' && typeof r.total === 'number' && r.correct > r.total)
      c.error(
        join(path, 'correct'),
        `is more than the ${r.total} questions.`,
        `多于题目总数 ${r.total}。`,
      );
  }

  conceptView(path: string, v: unknown): void {
    const c = this.c;
    checkObject(c, path, v, {
      conceptId: [true, (p, x) => void checkId(c, p, x)],
      firstViewedAt: [true, (p, x) => this.timestamp(p, x)],
      lastViewedAt: [true, (p, x) => this.timestamp(p, x)],
      count: [true, (p, x) => void this.int(p, x, 1, 1e9)],
    });
  }

  setting(path: string, v: unknown): void {
    const c = this.c;
    checkObject(c, path, v, {
      key: [true, (p, x) => void this.plainText(p, x, 200)],
      value: [true, () => this.any()],
    });
  }
}

/** A storage problem as a file problem (for parseImport's single list). */
export function problemFromText(path: string, message: { en: string; 'zh-CN': string }): Problem {
  return makeProblem(path, message.en, message['zh-CN']);
}
