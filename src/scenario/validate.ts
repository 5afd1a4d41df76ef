// Loading a scenario file: strict and kind. loadScenario checks untrusted input against the
// format of types.ts and returns every problem as { path, message } in both languages (it
// never throws); toEngineConfig turns a loaded scenario into the engine's EngineConfig.

import {
  LEVER_CATALOGUE,
  checkLeverValues,
  isLeverId,
  resolveLevers,
  type ResolvedLever,
} from '../engine/levers.ts';
import { MODEL_DEFAULTS } from '../engine/params.ts';
import type {
  EffectTarget,
  EngineConfig,
  LeverDefinition,
  LeverId,
  ModelParams,
  Text,
} from '../engine/types.ts';
import { isKnownRoundMetric, isKnownRunMetric, type MetricContext } from './metrics.ts';
import { isDebriefComparisonKey } from './report.ts';
import { SCENARIO_FORMAT_VERSION, type Scenario } from './types.ts';

export interface Problem {
  /** Where, in JavaScript-like notation: "levers[3].max", "meta.title.en"; "" for the whole file. */
  path: string;
  /** A full sentence in each language; it starts with the path so it reads on its own. */
  message: Text;
}

export type LoadResult =
  { ok: true; scenario: Scenario; warnings: Problem[] } | { ok: false; problems: Problem[] };

export interface LoadOptions {
  /**
   * Require a reference policy with id "recommended" and at least one "naive-<what>".
   * Every shipped scenario needs them (the recommended policy must beat the naive ones).
   * @default true
   */
  requireReferencePolicies?: boolean;
  /**
   * Glossary concept ids that `concept` fields may name (the ids in
   * scenarios/concepts/concepts.json). Left out, any string is accepted: the loader does not
   * carry the glossary (it runs in the engine worker and the headless runner too). The play
   * page passes the glossary's ids; `audit.ts` checks every shipped file against the glossary.
   * @default undefined (not checked against a glossary)
   */
  conceptIds?: readonly string[];
}

// ---------------------------------------------------------------- limits

/** Largest scenario file accepted as text, in bytes of UTF-8. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_ARRAY_ITEMS = 10_000;
export const MAX_STRING_CHARS = 20_000;
export const MAX_DEPTH = 32;
/** Past this many problems the rest are summarised in one: nobody reads 10,000 lines. */
export const MAX_PROBLEMS = 500;
/** Keys that could reach an object's prototype when a file is merged or copied naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Scenario ids become file names (scenarios/<id>.json) and URLs: lowercase words with hyphens. */
const SCENARIO_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const NAIVE_PATTERN = /^naive-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Sensible bounds of each model parameter (any scenario override must stay inside). Partial on
 * purpose: the engine adds parameters while it is calibrated; a test demands an entry for
 * each, and one without an entry only has to be a non-negative number meanwhile.
 */
export const MODEL_PARAM_BOUNDS: Readonly<
  Partial<Record<keyof ModelParams, readonly [number, number]>>
> = {
  baseFailureRate: [0, 1],
  serviceQualityFailureCut: [0, 1],
  trainingFailureCut: [0, 1],
  failureSatisfactionHit: [0, 1],
  satisfactionAdjustRate: [0, 1],
  completeSatisfaction: [0, 1],
  expectationDrift: [0, 0.2],
  advertisingPromise: [0, 1],
  attitudeGrowth: [0, 1],
  attitudeDecay: [0, 1],
  neglectPeriods: [1, 40],
  barrierFromPoints: [0, 1],
  barrierFromContracts: [0, 1],
  barrierFromHabit: [0, 1],
  barrierDecay: [0, 1],
  churnDissatisfaction: [0, 20],
  churnCompleteBonus: [0, 20],
  churnPrice: [0, 50],
  churnCompetitor: [0, 20],
  churnNeglect: [0, 20],
  churnAttitude: [0, 20],
  churnBarrier: [0, 20],
  churnDealSeeker: [0, 20],
  churnBadComplaint: [0, 20],
  unitCostOfGoods: [0, 1],
  serveCostPerPeriod: [0, 1_000_000],
  tenureRevenueGrowth: [0, 5],
  tenureServeSaving: [0, 1],
  tenureCap: [1, 100],
  acquisitionCostPerCustomer: [0, 10_000_000],
  promotionReach: [0, 1],
  referralsPerSatisfiedPerYear: [0, 5],
  negativeReach: [0, 1000],
  marketSize: [1, 1000],
  recoveryBonus: [0, 1],
  ignoredComplaintHit: [0, 1],
  rootCauseFixRate: [0, 1],
  atRiskHazard: [0, 1],
  crmTargetingGain: [0, 5],
  crmCrossSell: [0, 1],
};

export const EFFECT_TARGETS: readonly EffectTarget[] = [
  'market.competitorAttractiveness',
  'market.competitorPrice',
  'market.economy',
  'failureRate',
  'satisfaction',
  'attitude',
  'barrier',
  'expectation',
  'reputation',
  'churn',
  'acquisition',
  'staffCapability',
  'cash',
];
/** Targets that act on customers one by one: only these honour `segment` and `topTierOnly`. */
const CUSTOMER_TARGETS = new Set<string>(['satisfaction', 'attitude', 'barrier']);
const EVENT_KINDS = [
  'priceWar',
  'downturn',
  'qualityCrisis',
  'keyAccountThreat',
  'staffCuts',
  'viralOpportunity',
  'other',
];
const COMPARISONS = ['<', '<=', '>', '>='];
const COMPLAINT_ACTIONS = ['apologise', 'compensate', 'fixRootCause', 'escalate', 'ignore'];
const PERIOD_UNITS = ['week', 'month', 'quarter', 'year'];

// ---------------------------------------------------------------- collecting problems

/** Collects problems; every message is "<path>: <sentence>" in each language. */
export class ProblemList {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  private dropped = 0;

  error(path: string, en: string, zh: string): void {
    if (this.problems.length >= MAX_PROBLEMS) {
      this.dropped++;
      return;
    }
    this.problems.push(makeProblem(path, en, zh));
  }

  warn(path: string, en: string, zh: string): void {
    if (this.warnings.length < MAX_PROBLEMS) this.warnings.push(makeProblem(path, en, zh));
  }

  /** The problems, with one closing line when some were dropped. */
  all(): Problem[] {
    if (this.dropped === 0) return this.problems;
    return [
      ...this.problems,
      makeProblem(
        '',
        `${this.dropped} more problems were not listed; fix the ones above first.`,
        `另有 ${this.dropped} 个问题未列出;请先修正上面的问题。`,
      ),
    ];
  }
}

export function makeProblem(path: string, en: string, zh: string): Problem {
  return {
    path,
    message: {
      en: `${path || '(file)'}: ${en}`,
      'zh-CN': `${path || '(文件)'}:${zh}`,
    },
  };
}

/** A value's kind in words, for "expected X but found Y". */
function kindOf(v: unknown): { en: string; zh: string } {
  if (v === null) return { en: 'null', zh: 'null' };
  if (Array.isArray(v)) return { en: 'a list', zh: '列表' };
  switch (typeof v) {
    case 'string':
      return {
        en: `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`,
        zh: `文本 ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`,
      };
    case 'number':
      return { en: `the number ${v}`, zh: `数字 ${v}` };
    case 'boolean':
      return { en: `the value ${v}`, zh: `值 ${v}` };
    case 'object':
      return { en: 'an object', zh: '对象' };
    case 'undefined':
      return { en: 'nothing', zh: '空值' };
    default:
      return { en: `a ${typeof v}`, zh: `${typeof v} 类型的值` };
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

// ---------------------------------------------------------------- basic checks

/** A field: is it required, and how to check its value. */
export type FieldSpec = [required: boolean, check: (path: string, value: unknown) => void];

/**
 * Checks that `value` is an object with only the listed fields, all required ones present,
 * and runs each field's check. Returns the object, or undefined when it is not one.
 */
export function checkObject(
  c: ProblemList,
  path: string,
  value: unknown,
  fields: Record<string, FieldSpec>,
  what: { en: string; zh: string } = { en: 'an object', zh: '对象' },
): Record<string, unknown> | undefined {
  if (!isRecord(value)) {
    const k = kindOf(value);
    c.error(path, `expected ${what.en} but found ${k.en}.`, `应为${what.zh},实际是${k.zh}。`);
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) continue; // reported once by the size-and-key scan
    if (!has(fields, key)) {
      const known = Object.keys(fields).join(', ');
      c.error(
        join(path, key),
        `"${key}" is not a known field here (known: ${known}).`,
        `"${key}" 不是此处允许的字段(允许:${known})。`,
      );
    }
  }
  for (const [key, [required, check]] of Object.entries(fields)) {
    if (!has(value, key) || value[key] === undefined) {
      if (required)
        c.error(join(path, key), 'this required field is missing.', '缺少这个必填字段。');
      continue;
    }
    check(join(path, key), value[key]);
  }
  return value;
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
  /** The value must be above min, not equal to it. */
  aboveMin?: boolean;
}

export function checkNumber(
  c: ProblemList,
  path: string,
  v: unknown,
  rule: NumberRule = {},
): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    const k = kindOf(v);
    c.error(path, `expected a number but found ${k.en}.`, `应为数字,实际是${k.zh}。`);
    return false;
  }
  if (rule.integer && !Number.isInteger(v)) {
    c.error(path, `${v} must be a whole number.`, `${v} 必须是整数。`);
    return false;
  }
  if (rule.min !== undefined && (v < rule.min || (rule.aboveMin && v === rule.min))) {
    const en = rule.aboveMin
      ? `${v} must be above ${rule.min}.`
      : `${v} is below the minimum ${rule.min}.`;
    const zh = rule.aboveMin ? `${v} 必须大于 ${rule.min}。` : `${v} 小于最小值 ${rule.min}。`;
    c.error(path, en, zh);
    return false;
  }
  if (rule.max !== undefined && v > rule.max) {
    c.error(path, `${v} is above the maximum ${rule.max}.`, `${v} 大于最大值 ${rule.max}。`);
    return false;
  }
  return true;
}

export function checkString(
  c: ProblemList,
  path: string,
  v: unknown,
  pattern?: RegExp,
  patternHint?: { en: string; zh: string },
): v is string {
  if (typeof v !== 'string') {
    const k = kindOf(v);
    c.error(path, `expected text but found ${k.en}.`, `应为文本,实际是${k.zh}。`);
    return false;
  }
  if (v.trim() === '') {
    c.error(path, 'must not be empty.', '不能为空。');
    return false;
  }
  if (pattern && !pattern.test(v)) {
    const hint = patternHint ?? { en: `it must match ${pattern}`, zh: `必须符合 ${pattern}` };
    c.error(
      path,
      `${JSON.stringify(v)} is not allowed: ${hint.en}.`,
      `${JSON.stringify(v)} 不合规则:${hint.zh}。`,
    );
    return false;
  }
  return true;
}

const ID_HINT = {
  en: 'ids are letters, digits, "-" and "_", at most 64 characters',
  zh: 'id 只能由字母、数字、"-" 和 "_" 组成,最多 64 个字符',
};

export function checkId(c: ProblemList, path: string, v: unknown): v is string {
  return checkString(c, path, v, ID_PATTERN, ID_HINT);
}

export function checkBoolean(c: ProblemList, path: string, v: unknown): v is boolean {
  if (typeof v === 'boolean') return true;
  const k = kindOf(v);
  c.error(path, `expected true or false but found ${k.en}.`, `应为 true 或 false,实际是${k.zh}。`);
  return false;
}

export function checkOneOf(
  c: ProblemList,
  path: string,
  v: unknown,
  allowed: readonly (string | number)[],
): boolean {
  if (allowed.includes(v as string | number)) return true;
  const list = allowed.map((a) => JSON.stringify(a)).join(', ');
  const k = kindOf(v);
  c.error(path, `${k.en} is not allowed; use one of ${list}.`, `不允许${k.zh};可选值:${list}。`);
  return false;
}

/** Text shown to people: both languages present and not empty, nothing else. */
export function checkText(c: ProblemList, path: string, v: unknown): void {
  if (!isRecord(v)) {
    const k = kindOf(v);
    c.error(
      path,
      `expected a text in both languages ({ "zh-CN": …, "en": … }) but found ${k.en}.`,
      `应为中英双语文本({ "zh-CN": …, "en": … }),实际是${k.zh}。`,
    );
    return;
  }
  for (const key of Object.keys(v)) {
    if (key !== 'zh-CN' && key !== 'en' && !FORBIDDEN_KEYS.has(key))
      c.error(
        join(path, key),
        `"${key}" is not a language of this product (use "zh-CN" and "en").`,
        `"${key}" 不是本产品支持的语言(请用 "zh-CN" 和 "en")。`,
      );
  }
  for (const [lang, en, zh] of [
    ['zh-CN', 'the Chinese (zh-CN) translation', '中文(zh-CN)文本'],
    ['en', 'the English (en) translation', '英文(en)文本'],
  ] as const) {
    const p = join(path, lang);
    const s = v[lang];
    if (s === undefined) c.error(p, `${en} is missing.`, `缺少${zh}。`);
    else if (typeof s !== 'string')
      c.error(
        p,
        `${en} must be text, not ${kindOf(s).en}.`,
        `${zh}必须是文本,而不是${kindOf(s).zh}。`,
      );
    else if (s.trim() === '') c.error(p, `${en} is empty.`, `${zh}为空。`);
  }
}

/** A list: checks each item; returns the items, or undefined when it is not a list. */
export function checkList(
  c: ProblemList,
  path: string,
  v: unknown,
  item: (path: string, value: unknown, index: number) => void,
  size: { min?: number; max?: number } = {},
): unknown[] | undefined {
  if (!Array.isArray(v)) {
    const k = kindOf(v);
    c.error(path, `expected a list but found ${k.en}.`, `应为列表,实际是${k.zh}。`);
    return undefined;
  }
  // Oversized lists are reported by the size scan; checking their items would drown that.
  if (v.length > MAX_ARRAY_ITEMS) return undefined;
  if (size.min !== undefined && v.length < size.min)
    c.error(
      path,
      `needs at least ${size.min} item(s), found ${v.length}.`,
      `至少需要 ${size.min} 项,实际有 ${v.length} 项。`,
    );
  if (size.max !== undefined && v.length > size.max)
    c.error(
      path,
      `allows at most ${size.max} items, found ${v.length}.`,
      `最多允许 ${size.max} 项,实际有 ${v.length} 项。`,
    );
  v.forEach((x, i) => item(join(path, i), x, i));
  return v;
}

/** Reports ids used twice in a list of objects. */
export function checkUniqueIds(
  c: ProblemList,
  path: string,
  items: unknown[] | undefined,
  field = 'id',
): void {
  if (!items) return;
  const seen = new Map<string, number>();
  items.forEach((x, i) => {
    if (!isRecord(x) || typeof x[field] !== 'string') return;
    const id = x[field];
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else
      c.error(
        join(join(path, i), field),
        `the ${field} "${id}" is already used by ${path}[${first}]; ${field}s must be unique.`,
        `${field} "${id}" 已被 ${path}[${first}] 使用;${field} 不能重复。`,
      );
  });
}

/** Ids of the well-formed items of a list (for cross-references). */
function idsOf(v: unknown, field = 'id'): string[] {
  if (!Array.isArray(v) || v.length > MAX_ARRAY_ITEMS) return [];
  return v
    .filter(isRecord)
    .map((x) => x[field])
    .filter((id): id is string => typeof id === 'string');
}

// ---------------------------------------------------------------- the size-and-key scan

/**
 * Walks the whole value once: forbidden keys anywhere, lists, strings and nesting beyond the
 * limits. It never descends past MAX_DEPTH, so a cyclic object cannot hang it.
 */
export function scanLimits(c: ProblemList, value: unknown, path = '', depth = 0): void {
  if (typeof value === 'string') {
    if (value.length > MAX_STRING_CHARS)
      c.error(
        path,
        `this text has ${value.length} characters; at most ${MAX_STRING_CHARS} are allowed.`,
        `这段文本有 ${value.length} 个字符;最多允许 ${MAX_STRING_CHARS} 个。`,
      );
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth >= MAX_DEPTH) {
    c.error(path, `nesting is deeper than ${MAX_DEPTH} levels.`, `嵌套层数超过 ${MAX_DEPTH} 层。`);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_ITEMS) {
      c.error(
        path,
        `this list has ${value.length} items; at most ${MAX_ARRAY_ITEMS} are allowed.`,
        `这个列表有 ${value.length} 项;最多允许 ${MAX_ARRAY_ITEMS} 项。`,
      );
      return;
    }
    value.forEach((x, i) => scanLimits(c, x, join(path, i), depth + 1));
    return;
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_ARRAY_ITEMS) {
    c.error(
      path,
      `this object has ${keys.length} fields; at most ${MAX_ARRAY_ITEMS} are allowed.`,
      `这个对象有 ${keys.length} 个字段;最多允许 ${MAX_ARRAY_ITEMS} 个。`,
    );
    return;
  }
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) {
      c.error(
        join(path, key),
        `the key "${key}" is not allowed anywhere in a file (it could change how every object behaves).`,
        `文件中任何位置都不允许使用键 "${key}"(它可能改变所有对象的行为)。`,
      );
      continue;
    }
    if (key.length > MAX_STRING_CHARS) {
      c.error(
        path,
        `a field name has ${key.length} characters; at most ${MAX_STRING_CHARS} are allowed.`,
        `有字段名长达 ${key.length} 个字符;最多允许 ${MAX_STRING_CHARS} 个。`,
      );
      continue;
    }
    scanLimits(c, (value as Record<string, unknown>)[key], join(path, key), depth + 1);
  }
}

// ---------------------------------------------------------------- JSON text

/** Parses JSON text within the size limit; a syntax error becomes a problem with line and column. */
export function parseJsonText(
  c: ProblemList,
  text: string,
): { ok: true; value: unknown } | { ok: false } {
  const bytes = text.length > MAX_FILE_BYTES ? text.length : new TextEncoder().encode(text).length;
  if (bytes > MAX_FILE_BYTES) {
    c.error(
      '',
      `the file is ${(bytes / 1048576).toFixed(1)} MB; at most 2 MB is allowed.`,
      `文件大小为 ${(bytes / 1048576).toFixed(1)} MB;最多允许 2 MB。`,
    );
    return { ok: false };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const m = /at position (\d+)/.exec(raw);
    const pos = m ? Number(m[1]) : /end of JSON input/.test(raw) ? text.length : -1;
    let where = { en: '', zh: '' };
    if (pos >= 0) {
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const column = pos - before.lastIndexOf('\n');
      where = { en: ` at line ${line}, column ${column}`, zh: `(第 ${line} 行第 ${column} 列)` };
    }
    const reason = raw
      .replace(/\s*in JSON at position \d+.*$/, '')
      .replace(/\s*\(line \d+ column \d+\)$/, '');
    c.error(
      '',
      `this is not valid JSON${where.en}: ${reason}.`,
      `这不是有效的 JSON${where.zh}:${reason}。`,
    );
    return { ok: false };
  }
}

// ---------------------------------------------------------------- the scenario

/** What checks of cross-references need to know about a scenario. */
export interface ScenarioContext {
  periods: number;
  segments: Set<string>;
  /** Offered levers, resolved, for the well-formed lever settings only. */
  levers: Map<LeverId, ResolvedLever>;
  events: Map<string, Set<string>>;
  /** Glossary ids that `concept` fields may name; null: any string (no glossary at hand). */
  concepts: Set<string> | null;
  metrics: MetricContext;
}

function checkConcept(c: ProblemList, k: ScenarioContext, path: string, v: unknown): void {
  if (!checkString(c, path, v)) return;
  if (k.concepts && !k.concepts.has(v))
    c.error(
      path,
      `"${v}" is not a concept id of the glossary (scenarios/concepts/concepts.json).`,
      `"${v}" 不是术语表(scenarios/concepts/concepts.json)中的概念 id。`,
    );
}

const fraction = (c: ProblemList) => (p: string, v: unknown) =>
  void checkNumber(c, p, v, { min: 0, max: 1 });

function checkDistribution(c: ProblemList, path: string, v: unknown): void {
  checkObject(c, path, v, {
    mean: [true, fraction(c)],
    sd: [true, fraction(c)],
  });
}

function checkSetting(c: ProblemList, path: string, v: unknown): void {
  checkObject(c, path, v, {
    customers: [
      true,
      (p, x) => void checkNumber(c, p, x, { min: 1, max: 1_000_000, integer: true }),
    ],
    budgetPerPeriod: [true, (p, x) => void checkNumber(c, p, x, { min: 0, max: 1e12 })],
    currency: [
      true,
      (p, x) =>
        void checkString(c, p, x, CURRENCY_PATTERN, {
          en: 'use a three-letter ISO 4217 code such as "CNY"',
          zh: '请使用三个大写字母的 ISO 4217 货币代码,例如 "CNY"',
        }),
    ],
    market: [
      true,
      (p, x) =>
        void checkObject(c, p, x, {
          competitorAttractiveness: [true, fraction(c)],
          competitorPrice: [true, (q, y) => void checkNumber(c, q, y, { min: 0.3, max: 3 })],
          economy: [true, (q, y) => void checkNumber(c, q, y, { min: 0.5, max: 2 })],
        }),
    ],
    initial: [
      true,
      (p, x) =>
        void checkObject(c, p, x, {
          satisfaction: [true, (q, y) => checkDistribution(c, q, y)],
          attitude: [true, (q, y) => checkDistribution(c, q, y)],
          barrier: [true, (q, y) => checkDistribution(c, q, y)],
          maxTenure: [
            true,
            (q, y) => void checkNumber(c, q, y, { min: 0, max: 200, integer: true }),
          ],
        }),
    ],
  });
}

function checkSegment(c: ProblemList, path: string, v: unknown): void {
  checkObject(c, path, v, {
    id: [true, (p, x) => void checkId(c, p, x)],
    label: [true, (p, x) => checkText(c, p, x)],
    description: [false, (p, x) => checkText(c, p, x)],
    share: [true, fraction(c)],
    priceSensitivity: [true, fraction(c)],
    buyProbability: [true, fraction(c)],
    spendMedian: [true, (p, x) => void checkNumber(c, p, x, { min: 0, max: 1e9, aboveMin: true })],
    spendSigma: [true, (p, x) => void checkNumber(c, p, x, { min: 0, max: 3 })],
    voice: [true, fraction(c)],
    baseChurn: [true, fraction(c)],
    expectation: [true, fraction(c)],
    careWeight: [true, fraction(c)],
  });
}

/** Is v on the lever's step grid (from the catalogue minimum)? */
function onGrid(def: LeverDefinition, v: number): boolean {
  const k = (v - def.min) / def.step;
  return Math.abs(k - Math.round(k)) < 1e-6;
}

function checkLeverSetting(c: ProblemList, path: string, v: unknown): void {
  const o = checkObject(c, path, v, {
    id: [
      true,
      (p, x) => {
        const known = LEVER_CATALOGUE.map((l) => l.id).join(', ');
        if (checkString(c, p, x) && !isLeverId(x))
          c.error(
            p,
            `"${x}" is not a lever of the engine's catalogue (known: ${known}).`,
            `"${x}" 不是引擎杠杆目录中的杠杆(已知:${known})。`,
          );
      },
    ],
    min: [false, (p, x) => void checkNumber(c, p, x)],
    max: [false, (p, x) => void checkNumber(c, p, x)],
    default: [false, (p, x) => void checkNumber(c, p, x)],
    unitCost: [false, (p, x) => void checkNumber(c, p, x, { min: 0, max: 1e9 })],
    locked: [false, (p, x) => void checkBoolean(c, p, x)],
    hint: [false, (p, x) => checkText(c, p, x)],
  });
  if (!o || typeof o.id !== 'string' || !isLeverId(o.id)) return;
  const def = LEVER_CATALOGUE.find((l) => l.id === o.id) as LeverDefinition;
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
  for (const field of ['min', 'max', 'default'] as const) {
    const x = num(o[field]);
    if (x === undefined) continue;
    const p = join(path, field);
    if (x < def.min - 1e-9)
      c.error(
        p,
        `${x} is below the catalogue minimum ${def.min} for ${def.id}.`,
        `${x} 低于杠杆 ${def.id} 的目录最小值 ${def.min}。`,
      );
    else if (x > def.max + 1e-9)
      c.error(
        p,
        `${x} is above the catalogue maximum ${def.max} for ${def.id}.`,
        `${x} 高于杠杆 ${def.id} 的目录最大值 ${def.max}。`,
      );
    else if (def.kind === 'choice' && !onGrid(def, x))
      c.error(
        p,
        `${x} is not one of the choices of ${def.id} (${def.min} to ${def.max} in steps of ${def.step}).`,
        `${x} 不是杠杆 ${def.id} 的可选值(${def.min} 到 ${def.max},步长 ${def.step})。`,
      );
  }
  const min = num(o.min) ?? def.min;
  const max = num(o.max) ?? def.max;
  if (min > max)
    c.error(
      join(path, 'min'),
      `the minimum ${min} is above the maximum ${max} for ${def.id}.`,
      `杠杆 ${def.id} 的最小值 ${min} 大于最大值 ${max}。`,
    );
  const dflt = num(o.default);
  if (dflt !== undefined && min <= max && (dflt < min - 1e-9 || dflt > max + 1e-9))
    c.error(
      join(path, 'default'),
      `the default ${dflt} is outside this scenario's range ${min}..${max} for ${def.id}.`,
      `默认值 ${dflt} 超出本情景为杠杆 ${def.id} 设定的范围 ${min}..${max}。`,
    );
}

/**
 * An effect's target: what an event can change. Levers are not targets (they are the
 * learner's to set); naming one, or any unknown target, is refused with the name quoted.
 */
function checkEffectTarget(c: ProblemList, path: string, v: unknown): void {
  if (typeof v !== 'string') {
    checkOneOf(c, path, v, EFFECT_TARGETS);
    return;
  }
  if (EFFECT_TARGETS.includes(v as EffectTarget)) return;
  const list = EFFECT_TARGETS.map((t) => JSON.stringify(t)).join(', ');
  const lever = v.replace(/^levers?\./, '');
  if (isLeverId(lever))
    c.error(
      path,
      `"${v}" names the lever ${lever}; an event cannot move a lever (the learner sets levers). Use one of: ${list}.`,
      `"${v}" 指的是杠杆 ${lever};事件不能改变杠杆(杠杆由学员设定)。可选值:${list}。`,
    );
  else
    c.error(
      path,
      `"${v}" is not something an event can change (an unknown target); use one of: ${list}.`,
      `"${v}" 不是事件可以改变的对象(未知目标);可选值:${list}。`,
    );
}

function checkEffect(c: ProblemList, k: ScenarioContext, path: string, v: unknown): void {
  const o = checkObject(c, path, v, {
    target: [true, (p, x) => checkEffectTarget(c, p, x)],
    op: [true, (p, x) => void checkOneOf(c, p, x, ['add', 'mul'])],
    value: [true, (p, x) => void checkNumber(c, p, x)],
    delay: [false, (p, x) => void checkNumber(c, p, x, { min: 0, max: 40, integer: true })],
    duration: [false, (p, x) => void checkNumber(c, p, x, { min: 1, max: 40, integer: true })],
    segment: [
      false,
      (p, x) => {
        if (checkString(c, p, x) && !k.segments.has(x))
          c.error(
            p,
            `"${x}" is not a segment of this scenario (known: ${[...k.segments].join(', ')}).`,
            `"${x}" 不是本情景的客户群(已知:${[...k.segments].join(', ')})。`,
          );
      },
    ],
    topTierOnly: [false, (p, x) => void checkBoolean(c, p, x)],
  });
  if (!o || typeof o.target !== 'string' || !EFFECT_TARGETS.includes(o.target as EffectTarget))
    return;
  const target = o.target;
  if (!CUSTOMER_TARGETS.has(target)) {
    for (const f of ['segment', 'topTierOnly'])
      if (o[f] !== undefined)
        c.error(
          join(path, f),
          `only effects on satisfaction, attitude or barrier act on particular customers; on ${target} this field would be ignored.`,
          `只有作用于满意度、态度或障碍的效果才能针对部分客户;对 ${target} 这个字段不起作用。`,
        );
  }
  const value = o.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return;
  const p = join(path, 'value');
  if (o.op === 'mul') {
    if (value < 0 || value > 10)
      c.error(
        p,
        `a multiplier must be between 0 and 10, not ${value}.`,
        `乘数必须在 0 到 10 之间,而不是 ${value}。`,
      );
    if (
      CUSTOMER_TARGETS.has(target) ||
      target === 'expectation' ||
      target === 'reputation' ||
      target === 'staffCapability' ||
      target === 'cash'
    )
      c.error(
        join(path, 'op'),
        `${target} can only be shifted ("add"), not scaled ("mul").`,
        `${target} 只能用 "add" 平移,不能用 "mul" 缩放。`,
      );
  } else if (target !== 'cash' && (value < -1 || value > 1)) {
    c.error(
      p,
      `a shift of ${target} must be between -1 and 1, not ${value}.`,
      `对 ${target} 的平移必须在 -1 到 1 之间,而不是 ${value}。`,
    );
  }
}

function checkEvent(c: ProblemList, k: ScenarioContext, path: string, v: unknown): void {
  const o = checkObject(c, path, v, {
    id: [true, (p, x) => void checkId(c, p, x)],
    kind: [true, (p, x) => void checkOneOf(c, p, x, EVENT_KINDS)],
    title: [true, (p, x) => checkText(c, p, x)],
    situation: [true, (p, x) => checkText(c, p, x)],
    trigger: [true, (p, x) => checkTrigger(c, k, p, x)],
    effects: [
      false,
      (p, x) => void checkList(c, p, x, (q, y) => checkEffect(c, k, q, y), { max: 50 }),
    ],
    choices: [
      true,
      (p, x) => {
        const items = checkList(c, p, x, (q, y) => checkEventChoice(c, k, q, y), {
          min: 1,
          max: 10,
        });
        checkUniqueIds(c, p, items);
      },
    ],
    defaultChoice: [false, (p, x) => void checkId(c, p, x)],
  });
  if (!o || typeof o.defaultChoice !== 'string') return;
  const choices = idsOf(o.choices);
  if (Array.isArray(o.choices) && !choices.includes(o.defaultChoice))
    c.error(
      join(path, 'defaultChoice'),
      `"${o.defaultChoice}" is not one of this event's choices (${choices.join(', ')}).`,
      `"${o.defaultChoice}" 不是该事件的选项(${choices.join(', ')})。`,
    );
}

function checkTrigger(c: ProblemList, k: ScenarioContext, path: string, v: unknown): void {
  const o = checkObject(c, path, v, {
    atPeriod: [
      false,
      (p, x) => {
        if (checkNumber(c, p, x, { min: 0, integer: true }) && x >= k.periods)
          c.error(
            p,
            `period ${x} never comes: the scenario has ${k.periods} periods (0 to ${k.periods - 1}).`,
            `第 ${x} 期永远不会到来:本情景共 ${k.periods} 期(0 到 ${k.periods - 1})。`,
          );
      },
    ],
    when: [
      false,
      (p, x) =>
        void checkObject(c, p, x, {
          metric: [
            true,
            (q, y) => {
              // The engine reads triggers with metricValue: plain round metrics only, no deltas.
              if (
                checkString(c, q, y) &&
                (y.startsWith('delta.') || !isKnownRoundMetric(y, k.metrics))
              )
                c.error(
                  q,
                  `"${y}" is not a metric of a period (for example "retentionRate", "pyramid.atRisk"; deltas cannot trigger events).`,
                  `"${y}" 不是一期的指标(例如 "retentionRate"、"pyramid.atRisk";变化量不能触发事件)。`,
                );
            },
          ],
          op: [true, (q, y) => void checkOneOf(c, q, y, COMPARISONS)],
          value: [true, (q, y) => void checkNumber(c, q, y)],
        }),
    ],
    repeatable: [false, (p, x) => void checkBoolean(c, p, x)],
  });
  if (!o) return;
  const at = o.atPeriod !== undefined;
  const when = o.when !== undefined;
  if (at && when)
    c.error(
      path,
      'give either "atPeriod" or "when", not both (the engine would ignore "when").',
      '"atPeriod" 和 "when" 只能给一个(引擎会忽略 "when")。',
    );
  if (!at && !when)
    c.error(
      path,
      'give "atPeriod" or "when": otherwise the event never fires.',
      '请给出 "atPeriod" 或 "when",否则事件永远不会发生。',
    );
  if (at && o.repeatable !== undefined)
    c.warn(
      join(path, 'repeatable'),
      '"repeatable" only matters for "when" triggers; a scheduled event fires once.',
      '"repeatable" 只对 "when" 触发有效;定期事件只发生一次。',
    );
}

function checkEventChoice(c: ProblemList, k: ScenarioContext, path: string, v: unknown): void {
  checkObject(c, path, v, {
    id: [true, (p, x) => void checkId(c, p, x)],
    label: [true, (p, x) => checkText(c, p, x)],
    description: [true, (p, x) => checkText(c, p, x)],
    effects: [
      true,
      (p, x) => void checkList(c, p, x, (q, y) => checkEffect(c, k, q, y), { max: 50 }),
    ],
    cost: [false, (p, x) => void checkNumber(c, p, x, { min: 0, max: 1e12 })],
    concept: [false, (p, x) => checkConcept(c, k, p, x)],
  });
}

function checkComplaintType(c: ProblemList, path: string, v: unknown): void {
  checkObject(c, path, v, {
    id: [true, (p, x) => void checkId(c, p, x)],
    label: [true, (p, x) => checkText(c, p, x)],
    message: [
      true,
      (p, x) =>
        Array.isArray(x)
          ? void checkList(c, p, x, (q, y) => checkText(c, q, y), { min: 1, max: 12 })
          : checkText(c, p, x),
    ],
    weight: [true, (p, x) => void checkNumber(c, p, x, { min: 0, max: 1000, aboveMin: true })],
    fixable: [true, (p, x) => void checkBoolean(c, p, x)],
  });
}

function checkPersona(c: ProblemList, k: ScenarioContext, path: string, v: unknown): void {
  checkObject(c, path, v, {
    id: [true, (p, x) => void checkId(c, p, x)],
    name: [true, (p, x) => checkText(c, p, x)],
    segment: [
      true,
      (p, x) => {
        if (checkString(c, p, x) && !k.segments.has(x))
          c.error(
            p,
            `"${x}" is not a segment of this scenario (known: ${[...k.segments].join(', ')}).`,
            `"${x}" 不是本情景的客户群(已知:${[...k.segments].join(', ')})。`,
          );
      },
    ],
    tier: [false, (p, x) => void checkOneOf(c, p, x, ['A', 'B', 'C'])],
    description: [false, (p, x) => checkText(c, p, x)],
  });
}

function checkModel(c: ProblemList, path: string, v: unknown): void {
  const fields: Record<string, FieldSpec> = {};
  for (const key of Object.keys(MODEL_DEFAULTS) as (keyof ModelParams)[]) {
    const [min, max] = MODEL_PARAM_BOUNDS[key] ?? [0, Number.MAX_VALUE];
    fields[key] = [false, (p, x) => void checkNumber(c, p, x, { min, max })];
  }
  checkObject(c, path, v, fields);
}

function checkObjective(c: ProblemList, k: ScenarioContext, path: string, v: unknown): void {
  const o = checkObject(c, path, v, {
    id: [true, (p, x) => void checkId(c, p, x)],
    label: [true, (p, x) => checkText(c, p, x)],
    metric: [
      true,
      (p, x) => {
        if (checkString(c, p, x) && !isKnownRunMetric(x, k.metrics))
          c.error(
            p,
            `"${x}" is not a run metric (an aggregate such as "cumulativeProfit", "meanRetentionRate", "totalLost", or a period metric such as "final.pyramid.core").`,
            `"${x}" 不是整局指标(可用汇总指标如 "cumulativeProfit"、"meanRetentionRate"、"totalLost",或期末指标如 "final.pyramid.core")。`,
          );
      },
    ],
    target: [true, (p, x) => void checkNumber(c, p, x)],
    floor: [true, (p, x) => void checkNumber(c, p, x)],
    weight: [true, (p, x) => void checkNumber(c, p, x, { min: 0, max: 100, aboveMin: true })],
  });
  if (o && typeof o.target === 'number' && o.target === o.floor)
    c.error(
      join(path, 'floor'),
      `the floor equals the target (${o.target}); the score needs a range between them.`,
      `下限等于目标(${o.target});评分需要二者之间有区间。`,
    );
}

/** Lever values of a policy: offered levers, inside the scenario's range, choices on their grid. */
function checkLeverValuesAt(c: ProblemList, k: ScenarioContext, path: string, v: unknown): void {
  if (!isRecord(v)) {
    const kd = kindOf(v);
    c.error(
      path,
      `expected lever values ({ "leverId": number }) but found ${kd.en}.`,
      `应为杠杆取值({ "杠杆id": 数字 }),实际是${kd.zh}。`,
    );
    return;
  }
  const values: Record<string, number> = {};
  for (const [id, x] of Object.entries(v)) {
    if (FORBIDDEN_KEYS.has(id)) continue;
    const p = join(path, id);
    if (!isLeverId(id)) {
      c.error(
        p,
        `"${id}" is not a lever of the engine's catalogue.`,
        `"${id}" 不是引擎杠杆目录中的杠杆。`,
      );
      continue;
    }
    if (!k.levers.has(id)) {
      c.error(
        p,
        `the lever "${id}" is not offered by this scenario (offered: ${[...k.levers.keys()].join(', ')}).`,
        `本情景没有提供杠杆 "${id}"(提供的有:${[...k.levers.keys()].join(', ')})。`,
      );
      continue;
    }
    if (checkNumber(c, p, x)) values[id] = x;
  }
  const levers = [...k.levers.values()];
  for (const prob of checkLeverValues(levers, values)) {
    const l = k.levers.get(prob.lever as LeverId) as ResolvedLever;
    const x = values[prob.lever];
    const p = join(path, prob.lever);
    if (prob.problem === 'locked')
      c.error(
        p,
        `${l.id} is locked at ${l.default} in this scenario; ${x} cannot be chosen.`,
        `杠杆 ${l.id} 在本情景中锁定为 ${l.default};不能选择 ${x}。`,
      );
    else if (prob.problem === 'range')
      c.error(
        p,
        `${x} is outside this scenario's range ${l.min}..${l.max} for ${l.id}.`,
        `${x} 超出本情景为杠杆 ${l.id} 设定的范围 ${l.min}..${l.max}。`,
      );
    else if (prob.problem === 'step')
      c.error(
        p,
        `${x} is not one of the choices of ${l.id} (${l.min} to ${l.max} in steps of ${l.step}).`,
        `${x} 不是杠杆 ${l.id} 的可选值(${l.min} 到 ${l.max},步长 ${l.step})。`,
      );
  }
}

/** The decision part shared by reference policies and policy files (policy.ts). */
export function policyFields(c: ProblemList, k: ScenarioContext): Record<string, FieldSpec> {
  return {
    levers: [true, (p, x) => checkLeverValuesAt(c, k, p, x)],
    perPeriod: [
      false,
      (p, x) => {
        if (!isRecord(x)) {
          c.error(
            p,
            `expected { "<period>": lever values } but found ${kindOf(x).en}.`,
            `应为 { "<期数>": 杠杆取值 },实际是${kindOf(x).zh}。`,
          );
          return;
        }
        for (const [period, values] of Object.entries(x)) {
          if (FORBIDDEN_KEYS.has(period)) continue;
          const q = join(p, period);
          const n = Number(period);
          if (!/^\d+$/.test(period) || n >= k.periods)
            c.error(
              q,
              `"${period}" is not a period of this scenario (0 to ${k.periods - 1}, 0-based).`,
              `"${period}" 不是本情景的期数(0 到 ${k.periods - 1},从 0 开始)。`,
            );
          checkLeverValuesAt(c, k, q, values);
        }
      },
    ],
    eventChoices: [
      false,
      (p, x) => {
        if (!isRecord(x)) {
          c.error(
            p,
            `expected { "<event id>": "<choice id>" } but found ${kindOf(x).en}.`,
            `应为 { "<事件id>": "<选项id>" },实际是${kindOf(x).zh}。`,
          );
          return;
        }
        for (const [eventId, choice] of Object.entries(x)) {
          if (FORBIDDEN_KEYS.has(eventId)) continue;
          const q = join(p, eventId);
          const choices = k.events.get(eventId);
          if (!choices)
            c.error(
              q,
              `"${eventId}" is not an event of this scenario${k.events.size ? ` (known: ${[...k.events.keys()].join(', ')})` : ' (it has none)'}.`,
              `"${eventId}" 不是本情景的事件${k.events.size ? `(已知:${[...k.events.keys()].join(', ')})` : '(本情景没有事件)'}。`,
            );
          else if (checkString(c, q, choice) && !choices.has(choice))
            c.error(
              q,
              `"${choice}" is not a choice of the event ${eventId} (choices: ${[...choices].join(', ')}).`,
              `"${choice}" 不是事件 ${eventId} 的选项(可选:${[...choices].join(', ')})。`,
            );
        }
      },
    ],
    complaintPolicy: [
      false,
      (p, x) => {
        if (typeof x === 'string') {
          checkOneOf(c, p, x, ['default', 'byValue']);
          return;
        }
        checkObject(
          c,
          p,
          x,
          {
            action: [true, (q, y) => void checkOneOf(c, q, y, COMPLAINT_ACTIONS)],
            hours: [true, (q, y) => void checkNumber(c, q, y, { min: 1, max: 720 })],
          },
          {
            en: '"default", "byValue" or a response { action, hours }',
            zh: '"default"、"byValue" 或回应 { action, hours }',
          },
        );
      },
    ],
  };
}

function checkReferencePolicy(c: ProblemList, k: ScenarioContext, path: string, v: unknown): void {
  checkObject(c, path, v, {
    id: [true, (p, x) => void checkId(c, p, x)],
    label: [true, (p, x) => checkText(c, p, x)],
    description: [true, (p, x) => checkText(c, p, x)],
    ...policyFields(c, k),
  });
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

function checkRule(
  c: ProblemList,
  k: ScenarioContext,
  path: string,
  v: unknown,
  debrief: boolean,
): void {
  // Report rules read one round; debrief rules may also read the whole run and the
  // debrief's comparisons ("score", "vsRecommended.<score|aggregate>", "vsNaive.<…>").
  const known = (m: string) =>
    isKnownRoundMetric(m, k.metrics) ||
    (debrief && (isKnownRunMetric(m, k.metrics) || isDebriefComparisonKey(m)));
  const hint = debrief
    ? {
        en: 'a period metric such as "lost", "delta.active", "pyramid.atRisk", a run metric such as "totalLost", "score", or a comparison such as "vsRecommended.score" or "vsNaive.cumulativeProfit"',
        zh: '一期的指标如 "lost"、"delta.active"、"pyramid.atRisk",整局指标如 "totalLost"、"score",或对比如 "vsRecommended.score"、"vsNaive.cumulativeProfit"',
      }
    : {
        en: 'a period metric such as "lost", "delta.active" or "pyramid.atRisk"',
        zh: '一期的指标,例如 "lost"、"delta.active" 或 "pyramid.atRisk"',
      };
  const o = checkObject(c, path, v, {
    id: [true, (p, x) => void checkId(c, p, x)],
    when: [
      true,
      (p, x) =>
        void checkList(
          c,
          p,
          x,
          (q, y) =>
            void checkObject(c, q, y, {
              metric: [
                true,
                (r, z) => {
                  if (checkString(c, r, z) && !known(z))
                    c.error(
                      r,
                      `"${z}" is not a known metric; use ${hint.en}.`,
                      `"${z}" 不是已知指标;请使用${hint.zh}。`,
                    );
                },
              ],
              op: [true, (r, z) => void checkOneOf(c, r, z, [...COMPARISONS, '=='])],
              value: [true, (r, z) => void checkNumber(c, r, z)],
            }),
          { min: 1, max: 20 },
        ),
    ],
    priority: [true, (p, x) => void checkNumber(c, p, x)],
    concept: [true, (p, x) => checkConcept(c, k, p, x)],
    text: [true, (p, x) => checkText(c, p, x)],
  });
  if (!o || !isRecord(o.text)) return;
  const sets: Set<string>[] = [];
  for (const lang of ['zh-CN', 'en'] as const) {
    const s = o.text[lang];
    if (typeof s !== 'string') continue;
    const names = new Set<string>();
    for (const m of s.matchAll(PLACEHOLDER)) {
      names.add(m[1]);
      if (!known(m[1]))
        c.error(
          join(join(path, 'text'), lang),
          `the placeholder {${m[1]}} names no known metric; use ${hint.en}.`,
          `占位符 {${m[1]}} 不是已知指标;请使用${hint.zh}。`,
        );
    }
    sets.push(names);
  }
  if (sets.length === 2 && [...sets[0]].sort().join() !== [...sets[1]].sort().join())
    c.warn(
      join(path, 'text'),
      'the two languages use different {placeholders}.',
      '两种语言使用的 {占位符} 不一致。',
    );
}

function checkQuiz(c: ProblemList, k: ScenarioContext, path: string, v: unknown): void {
  const o = checkObject(c, path, v, {
    id: [true, (p, x) => void checkId(c, p, x)],
    question: [true, (p, x) => checkText(c, p, x)],
    options: [
      true,
      (p, x) => void checkList(c, p, x, (q, y) => checkText(c, q, y), { min: 2, max: 8 }),
    ],
    answer: [true, (p, x) => void checkNumber(c, p, x, { min: 0, integer: true })],
    explanation: [true, (p, x) => checkText(c, p, x)],
    concept: [true, (p, x) => checkConcept(c, k, p, x)],
    source: [true, (p, x) => void checkString(c, p, x)],
  });
  if (
    o &&
    Array.isArray(o.options) &&
    typeof o.answer === 'number' &&
    Number.isInteger(o.answer) &&
    o.answer >= o.options.length
  )
    c.error(
      join(path, 'answer'),
      `answer ${o.answer} points past the last option (there are ${o.options.length}, counted from 0).`,
      `答案 ${o.answer} 超出了选项范围(共 ${o.options.length} 个,从 0 开始计数)。`,
    );
}

/** What the cross-reference checks need, gathered from the well-formed parts only. */
function gather(o: Record<string, unknown>, conceptIds?: readonly string[]): ScenarioContext {
  const meta = isRecord(o.meta) ? o.meta : {};
  const periods =
    typeof meta.periods === 'number' &&
    Number.isInteger(meta.periods) &&
    meta.periods >= 1 &&
    meta.periods <= 40
      ? meta.periods
      : 40;
  const settings = (
    Array.isArray(o.levers) && o.levers.length <= MAX_ARRAY_ITEMS ? o.levers : []
  ).filter(
    (l): l is Record<string, unknown> & { id: LeverId } =>
      isRecord(l) && typeof l.id === 'string' && isLeverId(l.id),
  );
  const levers = new Map<LeverId, ResolvedLever>();
  for (const s of settings) {
    if (levers.has(s.id)) continue;
    const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
    const [r] = resolveLevers([
      {
        id: s.id,
        min: num(s.min),
        max: num(s.max),
        default: num(s.default),
        unitCost: num(s.unitCost),
        locked: s.locked === true,
      },
    ]);
    levers.set(s.id, r);
  }
  const events = new Map<string, Set<string>>();
  for (const e of Array.isArray(o.events) && o.events.length <= MAX_ARRAY_ITEMS ? o.events : []) {
    if (isRecord(e) && typeof e.id === 'string' && !events.has(e.id))
      events.set(e.id, new Set(idsOf(e.choices)));
  }
  return {
    periods,
    segments: new Set(idsOf(o.segments)),
    levers,
    events,
    concepts: conceptIds ? new Set(conceptIds) : null,
    metrics: { complaintTypes: idsOf(o.complaintTypes) },
  };
}

function checkScenario(c: ProblemList, input: unknown, options: LoadOptions): void {
  if (!isRecord(input)) {
    const k = kindOf(input);
    c.error(
      '',
      `a scenario file must hold one JSON object, not ${k.en}.`,
      `情景文件必须是一个 JSON 对象,而不是${k.zh}。`,
    );
    return;
  }
  const k = gather(input, options.conceptIds);
  const list =
    (check: (p: string, x: unknown) => void, size: { min?: number; max?: number }) =>
    (p: string, x: unknown) => {
      const items = checkList(c, p, x, check, size);
      checkUniqueIds(c, p, items);
    };
  checkObject(c, '', input, {
    $schema: [false, (p, x) => void checkString(c, p, x)],
    formatVersion: [
      true,
      (p, x) => {
        if (x !== SCENARIO_FORMAT_VERSION)
          c.error(
            p,
            `this app reads scenario format version ${SCENARIO_FORMAT_VERSION}, not ${kindOf(x).en}.`,
            `本程序只能读取第 ${SCENARIO_FORMAT_VERSION} 版情景格式,而不是${kindOf(x).zh}。`,
          );
      },
    ],
    id: [
      true,
      (p, x) =>
        void checkString(c, p, x, SCENARIO_ID_PATTERN, {
          en: 'a scenario id is lowercase letters and digits joined by "-", like "price-war"',
          zh: '情景 id 由小写字母和数字组成,用 "-" 连接,例如 "price-war"',
        }),
    ],
    version: [
      true,
      (p, x) =>
        void checkString(c, p, x, VERSION_PATTERN, {
          en: 'write it as MAJOR.MINOR.PATCH, like "1.0.0"',
          zh: '请写成 主版本.次版本.修订号,例如 "1.0.0"',
        }),
    ],
    meta: [
      true,
      (p, x) =>
        void checkObject(c, p, x, {
          title: [true, (q, y) => checkText(c, q, y)],
          summary: [true, (q, y) => checkText(c, q, y)],
          company: [true, (q, y) => checkText(c, q, y)],
          difficulty: [true, (q, y) => void checkOneOf(c, q, y, [1, 2, 3])],
          periods: [true, (q, y) => void checkNumber(c, q, y, { min: 1, max: 40, integer: true })],
          periodUnit: [true, (q, y) => void checkOneOf(c, q, y, PERIOD_UNITS)],
          concepts: [
            true,
            (q, y) => {
              const items = checkList(c, q, y, (r, z) => checkConcept(c, k, r, z), { max: 60 });
              items?.forEach((z, i) => {
                if (typeof z === 'string' && items.indexOf(z) < i)
                  c.error(join(q, i), `"${z}" is listed twice.`, `"${z}" 重复列出。`);
              });
            },
          ],
        }),
    ],
    briefing: [
      true,
      (p, x) =>
        void checkObject(c, p, x, {
          situation: [true, (q, y) => checkText(c, q, y)],
          goal: [true, (q, y) => checkText(c, q, y)],
          hint: [false, (q, y) => checkText(c, q, y)],
        }),
    ],
    setting: [true, (p, x) => checkSetting(c, p, x)],
    segments: [
      true,
      (p, x) => {
        list((q, y) => checkSegment(c, q, y), { min: 1, max: 50 })(p, x);
        if (Array.isArray(x) && x.length > 0 && x.length <= MAX_ARRAY_ITEMS) {
          const shares = x.map((s) => (isRecord(s) && typeof s.share === 'number' ? s.share : 0));
          const total = shares.reduce((a, b) => a + b, 0);
          if (total <= 0)
            c.error(
              p,
              'the segment shares add up to 0; at least one segment needs customers.',
              '各客户群占比之和为 0;至少要有一个客户群有客户。',
            );
          else if (Math.abs(total - 1) > 1e-6)
            c.warn(
              p,
              `the segment shares add up to ${total}, not 1; they will be scaled to 1.`,
              `各客户群占比之和为 ${total},不是 1;将按比例换算为 1。`,
            );
        }
      },
    ],
    levers: [
      true,
      (p, x) =>
        void checkUniqueIds(
          c,
          p,
          checkList(c, p, x, (q, y) => checkLeverSetting(c, q, y), {
            min: 1,
            max: LEVER_CATALOGUE.length,
          }),
        ),
    ],
    events: [true, list((q, y) => checkEvent(c, k, q, y), { max: 100 })],
    complaintTypes: [true, list((q, y) => checkComplaintType(c, q, y), { max: 50 })],
    inboxSize: [true, (p, x) => void checkNumber(c, p, x, { min: 0, max: 50, integer: true })],
    personas: [true, list((q, y) => checkPersona(c, k, q, y), { max: 250 })],
    model: [false, (p, x) => checkModel(c, p, x)],
    objectives: [true, list((q, y) => checkObjective(c, k, q, y), { min: 1, max: 20 })],
    referencePolicies: [
      true,
      (p, x) => {
        list((q, y) => checkReferencePolicy(c, k, q, y), { max: 50 })(p, x);
        if (options.requireReferencePolicies === false || !Array.isArray(x)) return;
        const ids = idsOf(x);
        if (!ids.includes('recommended'))
          c.error(
            p,
            'a reference policy with id "recommended" (the textbook\'s policy) is required.',
            '必须有一个 id 为 "recommended" 的参考策略(教材推荐的策略)。',
          );
        if (!ids.some((id) => NAIVE_PATTERN.test(id)))
          c.error(
            p,
            'at least one naive reference policy with an id like "naive-price-cuts" is required.',
            '至少需要一个 id 形如 "naive-price-cuts" 的朴素参考策略。',
          );
      },
    ],
    reportRules: [true, list((q, y) => checkRule(c, k, q, y, false), { max: 200 })],
    debriefRules: [true, list((q, y) => checkRule(c, k, q, y, true), { max: 200 })],
    quiz: [true, list((q, y) => checkQuiz(c, k, q, y), { max: 100 })],
  });
}

/**
 * Checks a scenario file, given as JSON text or as an already parsed value, and collects
 * every problem. Never throws. On success the scenario is a fresh copy of the input.
 * @example
 * const r = loadScenario(await (await fetch('scenarios/sandbox.json')).text());
 * if (!r.ok) show(r.problems); else start(r.scenario);
 */
export function loadScenario(input: unknown, options: LoadOptions = {}): LoadResult {
  const c = new ProblemList();
  try {
    let value = input;
    if (typeof input === 'string') {
      const parsed = parseJsonText(c, input);
      if (!parsed.ok) return { ok: false, problems: c.all() };
      value = parsed.value;
    }
    scanLimits(c, value);
    checkScenario(c, value, options);
    if (c.problems.length > 0) return { ok: false, problems: c.all() };
    // A copy through JSON: later edits of the input cannot reach the loaded scenario.
    return {
      ok: true,
      scenario: JSON.parse(JSON.stringify(value)) as Scenario,
      warnings: c.warnings,
    };
  } catch (e) {
    // A checker bug or an exotic input (getters that throw): still an answer, not a crash.
    const why = e instanceof Error ? e.message : String(e);
    c.error('', `the file could not be checked (${why}).`, `无法检查该文件(${why})。`);
    return { ok: false, problems: c.all() };
  }
}

/** Engine fields of a loaded scenario (texts, score and teaching material stay behind). */
export function toEngineConfig(s: Scenario): EngineConfig {
  return {
    periods: s.meta.periods,
    periodUnit: s.meta.periodUnit,
    customers: s.setting.customers,
    budgetPerPeriod: s.setting.budgetPerPeriod,
    segments: s.segments.map(({ description: _d, ...seg }) => seg),
    initial: s.setting.initial,
    market: s.setting.market,
    levers: s.levers.map(({ hint: _h, ...l }) => l),
    events: s.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      trigger: e.trigger,
      ...(e.effects ? { effects: e.effects } : {}),
      choices: e.choices.map((ch) => ({
        id: ch.id,
        effects: ch.effects,
        ...(ch.cost !== undefined ? { cost: ch.cost } : {}),
      })),
      ...(e.defaultChoice !== undefined ? { defaultChoice: e.defaultChoice } : {}),
    })),
    complaintTypes: s.complaintTypes.map((t) => ({
      id: t.id,
      weight: t.weight,
      fixable: t.fixable,
    })),
    inboxSize: s.inboxSize,
    personas: s.personas.map((p) => ({
      id: p.id,
      name: p.name,
      segment: p.segment,
      ...(p.tier ? { tier: p.tier } : {}),
    })),
    ...(s.model ? { model: { ...s.model } } : {}),
  };
}

/** The cross-reference context of a loaded scenario, for checking policy files against it. */
export function policyContext(s: Scenario, conceptIds?: readonly string[]): ScenarioContext {
  return gather(s as unknown as Record<string, unknown>, conceptIds);
}
