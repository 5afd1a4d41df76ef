/**
 * The scenarios on offer, for the Home page, without loading whole scenario files.
 *
 * Loading rule: every `scenarios/<id>.json` directly in the `scenarios/` folder
 * is a scenario, and `<id>` is its id; sub-folders (`schema/`, `concepts/`) are not.
 * Only each file's top-level `meta` object is bundled with the first screen
 * (Vite keeps just the named JSON export that is imported); the whole file is
 * fetched on demand by `loadScenarioFile`, as raw text in its own chunk, so the
 * first screen never carries the customer data.
 *
 * The files are data written by hand: a `meta` that does not have the expected
 * shape is left out of the list and reported in `catalogueProblems`, never thrown.
 * Full validation of a scenario is the job of `src/scenario/`.
 */
import type { LocalizedText } from './i18n/i18n.svelte';

export const periodUnits = ['quarter', 'month', 'week', 'year'] as const;
export type PeriodUnit = (typeof periodUnits)[number];

/** What the Home page needs to know about a scenario. */
export interface ScenarioMeta {
  title: LocalizedText;
  summary: LocalizedText;
  company: LocalizedText;
  difficulty: 1 | 2 | 3;
  periods: number;
  periodUnit: PeriodUnit;
  /** Concept ids from `scenarios/concepts/concepts.json`. */
  concepts: string[];
}

export interface ScenarioEntry {
  id: string;
  meta: ScenarioMeta;
}

export interface CatalogueProblem {
  path: string;
  message: string;
}

const metaModules = import.meta.glob<unknown>('/scenarios/*.json', {
  eager: true,
  import: 'meta',
});

const rawFiles = import.meta.glob<string>('/scenarios/*.json', {
  query: '?raw',
  import: 'default',
});

/** `/scenarios/sandbox.json` → `sandbox`. */
export function idFromPath(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.json$/, '');
}

function isText(value: unknown): value is LocalizedText {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['zh-CN'] === 'string' && typeof v.en === 'string';
}

/** The problems with one `meta` value; empty when it can be shown. */
export function checkMeta(meta: unknown): string[] {
  if (typeof meta !== 'object' || meta === null) return ['meta is missing or not an object'];
  const m = meta as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['title', 'summary', 'company'] as const) {
    if (!isText(m[key])) problems.push(`meta.${key} needs "zh-CN" and "en" strings`);
  }
  if (m.difficulty !== 1 && m.difficulty !== 2 && m.difficulty !== 3)
    problems.push('meta.difficulty must be 1, 2 or 3');
  if (typeof m.periods !== 'number' || !Number.isInteger(m.periods) || m.periods < 1)
    problems.push('meta.periods must be a positive whole number');
  if (!(periodUnits as readonly unknown[]).includes(m.periodUnit))
    problems.push(`meta.periodUnit must be one of ${periodUnits.join(', ')}`);
  if (!Array.isArray(m.concepts) || !m.concepts.every((c) => typeof c === 'string'))
    problems.push('meta.concepts must be a list of concept ids');
  return problems;
}

function buildCatalogue(modules: Record<string, unknown>) {
  const entries: ScenarioEntry[] = [];
  const problems: CatalogueProblem[] = [];
  for (const [path, meta] of Object.entries(modules)) {
    const found = checkMeta(meta);
    if (found.length === 0) entries.push({ id: idFromPath(path), meta: meta as ScenarioMeta });
    else problems.push(...found.map((message) => ({ path, message })));
  }
  entries.sort((a, b) => a.meta.difficulty - b.meta.difficulty || a.id.localeCompare(b.id));
  return { entries, problems };
}

const catalogue = buildCatalogue(metaModules);

/** Scenarios that can be shown, easiest first. */
export const scenarios: readonly ScenarioEntry[] = catalogue.entries;

/** Files left out of `scenarios`, with the reason. */
export const catalogueProblems: readonly CatalogueProblem[] = catalogue.problems;

if (catalogue.problems.length > 0 && import.meta.env.DEV) {
  console.warn('Scenario files left out of the list:', catalogue.problems);
}

/** The catalogue entry for `id`, if there is one. */
export function findScenario(id: string): ScenarioEntry | undefined {
  return scenarios.find((s) => s.id === id);
}

/**
 * Loads the whole scenario file `scenarios/<id>.json`, parsed but not validated
 * (hand it to the scenario validator). Resolves to `undefined` when there is no
 * such file; rejects only if the file is not valid JSON.
 */
export async function loadScenarioFile(id: string): Promise<unknown> {
  const load = rawFiles[`/scenarios/${id}.json`];
  if (!load) return undefined;
  return JSON.parse(await load());
}
