// What lives here: the checks a scenario must pass before it ships, beyond loading without
// problems (validate.ts). Used by scripts/check-scenario.ts (for authors, one scenario at a
// time) and by shipped.test.ts (every file in scenarios/, on every test run).
// - contentProblems: the shape a play session needs (reference policies, 8–12 rounds and, for
//   taught scenarios, events with real choices, report and debrief rules, a quiz of 8+).
// - textProblems: every text of the scenario in both languages, neither empty.
// - conceptReferences / unknownConcepts: the glossary ids the scenario links to.
// - auditDominance: on seeds 1–5 the recommended policy scores higher than every naive
//   policy, than every lever at its maximum and than every lever at its minimum.
// Findings are { path, message } in English: this is an authoring tool, not learner-facing.

import conceptsFile from '../../scenarios/concepts/concepts.json' with { type: 'json' };
import { resolveLevers } from '../engine/levers.ts';
import { runScenario, RunError } from './headless.ts';
import { policyOf, type Policy } from './policy.ts';
import type { Scenario } from './types.ts';

export interface Finding {
  /** Where in the scenario (JavaScript-like path), or the policy and seed of a run. */
  path: string;
  message: string;
}

/** The free-play scenario: no story, so exempt from the narrative requirements. */
export const SANDBOX_ID = 'sandbox';
/** Seeds the recommended policy must win on (run N of an audit uses seed N). */
export const AUDIT_SEEDS: readonly number[] = [1, 2, 3, 4, 5];
export const ROUNDS = { min: 8, max: 12 } as const;
export const MIN_EVENTS_WITH_CHOICES = 2;
export const MIN_QUIZ_QUESTIONS = 8;

/** Scenarios that teach (all but the sandbox) need events, rules and a quiz. */
export function isTaught(scenario: Pick<Scenario, 'id'>): boolean {
  return scenario.id !== SANDBOX_ID;
}

/** What a scenario needs to be played and taught (issue 4), beyond loading. */
export function contentProblems(s: Scenario): Finding[] {
  const out: Finding[] = [];
  const ids = s.referencePolicies.map((p) => p.id);
  if (!ids.includes('recommended'))
    out.push({ path: 'referencePolicies', message: 'no policy with id "recommended".' });
  if (!ids.some((id) => id.startsWith('naive-')))
    out.push({ path: 'referencePolicies', message: 'no naive policy ("naive-…").' });
  if (s.meta.periods < ROUNDS.min || s.meta.periods > ROUNDS.max)
    out.push({
      path: 'meta.periods',
      message: `${s.meta.periods} rounds; a scenario has ${ROUNDS.min} to ${ROUNDS.max}.`,
    });
  if (!isTaught(s)) return out;
  const withChoices = s.events.filter((e) => e.choices.length >= 2);
  if (withChoices.length < MIN_EVENTS_WITH_CHOICES)
    out.push({
      path: 'events',
      message: `${withChoices.length} event(s) with at least two choices (${s.events.length} events in all); at least ${MIN_EVENTS_WITH_CHOICES} are needed.`,
    });
  if (s.reportRules.length === 0)
    out.push({ path: 'reportRules', message: 'no report rules: round reports would be empty.' });
  if (s.debriefRules.length === 0)
    out.push({ path: 'debriefRules', message: 'no debrief rules: the debrief explains nothing.' });
  if (s.quiz.length < MIN_QUIZ_QUESTIONS)
    out.push({
      path: 'quiz',
      message: `${s.quiz.length} quiz question(s); at least ${MIN_QUIZ_QUESTIONS} are needed.`,
    });
  if (s.objectives.length === 0) out.push({ path: 'objectives', message: 'no objectives.' });
  return out;
}

// ---------------------------------------------------------------- texts

const LANGUAGES = ['zh-CN', 'en'] as const;
const HAN = /[\u3400-\u9fff]/;
const LATIN = /[A-Za-z]/;

/** Every place types.ts puts a Text, with its path (present or not). */
export function textFields(s: Scenario): [path: string, value: unknown][] {
  const out: [string, unknown][] = [];
  const at = (path: string, o: object | undefined, keys: string[], optional: string[] = []) => {
    const r = (o ?? {}) as Record<string, unknown>;
    for (const k of keys) out.push([`${path}.${k}`, r[k]]);
    for (const k of optional) if (r[k] !== undefined) out.push([`${path}.${k}`, r[k]]);
  };
  at('meta', s.meta, ['title', 'summary', 'company']);
  at('briefing', s.briefing, ['situation', 'goal'], ['hint']);
  s.segments.forEach((x, i) => at(`segments[${i}]`, x, [], ['description']));
  s.levers.forEach((x, i) => at(`levers[${i}]`, x, [], ['hint']));
  s.events.forEach((e, i) => {
    at(`events[${i}]`, e, ['title', 'situation']);
    e.choices.forEach((ch, j) => at(`events[${i}].choices[${j}]`, ch, ['label', 'description']));
  });
  s.complaintTypes.forEach((x, i) => {
    at(`complaintTypes[${i}]`, x, ['label']);
    if (Array.isArray(x.message))
      x.message.forEach((m, j) => out.push([`complaintTypes[${i}].message[${j}]`, m]));
    else at(`complaintTypes[${i}]`, x, ['message']);
  });
  s.personas.forEach((x, i) => at(`personas[${i}]`, x, ['name'], ['description']));
  s.objectives.forEach((x, i) => at(`objectives[${i}]`, x, ['label']));
  s.referencePolicies.forEach((x, i) => at(`referencePolicies[${i}]`, x, ['label', 'description']));
  s.reportRules.forEach((x, i) => at(`reportRules[${i}]`, x, ['text']));
  s.debriefRules.forEach((x, i) => at(`debriefRules[${i}]`, x, ['text']));
  s.quiz.forEach((q, i) => {
    at(`quiz[${i}]`, q, ['question', 'explanation']);
    q.options.forEach((o, j) => out.push([`quiz[${i}].options[${j}]`, o]));
  });
  return out;
}

function textProblem(path: string, v: unknown): Finding[] {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return [{ path, message: 'not a text in both languages ({ "zh-CN": …, "en": … }).' }];
  const r = v as Record<string, unknown>;
  const out: Finding[] = [];
  for (const lang of LANGUAGES) {
    const s = r[lang];
    if (typeof s !== 'string')
      out.push({ path: `${path}.${lang}`, message: `${lang} is missing.` });
    else if (s.trim() === '') out.push({ path: `${path}.${lang}`, message: `${lang} is empty.` });
  }
  if (out.length) return out;
  // A placeholder or a copy of the other language is a missing translation too. Numbers,
  // percentages, symbols and acronyms need none ("5%", "CRM" are the same in both).
  const zh = r['zh-CN'] as string;
  const en = r.en as string;
  if (/[a-z]/.test(en) && !HAN.test(zh))
    out.push({
      path: `${path}.zh-CN`,
      message: `zh-CN has no Chinese (${JSON.stringify(zh.slice(0, 40))}): not translated.`,
    });
  if (HAN.test(en) && !LATIN.test(en))
    out.push({
      path: `${path}.en`,
      message: `en is Chinese only (${JSON.stringify(en.slice(0, 40))}): not translated.`,
    });
  return out;
}

/** Objects that look like a Text (a "zh-CN" or "en" key) anywhere in the value. */
function textLike(v: unknown, path: string, out: [string, unknown][]): void {
  if (Array.isArray(v)) v.forEach((x, i) => textLike(x, `${path}[${i}]`, out));
  else if (typeof v === 'object' && v !== null) {
    if ('zh-CN' in v || 'en' in v) out.push([path, v]);
    else for (const [k, x] of Object.entries(v)) textLike(x, path ? `${path}.${k}` : k, out);
  }
}

/**
 * Every text the learner can see, in both languages, not empty and translated (Chinese in
 * zh-CN when the English has words; English in en): the Text fields of types.ts (so a
 * missing one is named) and anything else shaped like a Text.
 */
export function textProblems(s: Scenario): Finding[] {
  const fields = textFields(s);
  const seen = new Set(fields.map(([p]) => p));
  const extra: [string, unknown][] = [];
  textLike(s, '', extra);
  return [...fields, ...extra.filter(([p]) => !seen.has(p))].flatMap(([p, v]) => textProblem(p, v));
}

// ---------------------------------------------------------------- concepts

/** Glossary ids of scenarios/concepts/concepts.json. */
export const GLOSSARY_IDS: ReadonlySet<string> = new Set(conceptsFile.concepts.map((c) => c.id));

/** Every glossary id the scenario links to: meta.concepts, rules, quiz, event choices. */
export function conceptReferences(s: Scenario): { path: string; id: string }[] {
  const out: { path: string; id: string }[] = [];
  s.meta.concepts.forEach((id, i) => out.push({ path: `meta.concepts[${i}]`, id }));
  s.reportRules.forEach((r, i) => out.push({ path: `reportRules[${i}].concept`, id: r.concept }));
  s.debriefRules.forEach((r, i) => out.push({ path: `debriefRules[${i}].concept`, id: r.concept }));
  s.quiz.forEach((q, i) => out.push({ path: `quiz[${i}].concept`, id: q.concept }));
  s.events.forEach((e, i) =>
    e.choices.forEach((ch, j) => {
      if (ch.concept !== undefined)
        out.push({ path: `events[${i}].choices[${j}].concept`, id: ch.concept });
    }),
  );
  return out;
}

export function unknownConcepts(s: Scenario, known: ReadonlySet<string> = GLOSSARY_IDS): Finding[] {
  return conceptReferences(s)
    .filter((r) => !known.has(r.id))
    .map((r) => ({
      path: r.path,
      message: `"${r.id}" is not in scenarios/concepts/concepts.json.`,
    }));
}

// ---------------------------------------------------------------- dominance

export type ExtremeId = 'every-lever-max' | 'every-lever-zero';

/**
 * Every unlocked lever at its maximum, or at its minimum ("zero": the lowest value the
 * scenario allows, e.g. a price floor, since some levers cannot be 0). Events take their
 * default choice; complaints the default policy.
 */
export function extremePolicy(s: Scenario, pick: 'max' | 'min'): Policy {
  return {
    levers: Object.fromEntries(
      resolveLevers(s.levers)
        .filter((l) => !l.locked)
        .map((l) => [l.id, pick === 'max' ? l.max : l.min]),
    ),
  };
}

export interface DominanceRow {
  /** A reference policy's id, or an ExtremeId. */
  id: string;
  kind: 'recommended' | 'naive' | 'other' | 'extreme';
  /** Score per seed (NaN when the run failed). */
  scores: number[];
}

export interface DominanceAudit {
  seeds: number[];
  rows: DominanceRow[];
  /** Runs that failed, and every seed on which some policy scored at least the recommended. */
  failures: Finding[];
}

/**
 * Plays every reference policy (budget enforced) and both extremes (budget lifted: they
 * are probes, not plans) on each seed with the scenario's own customer count, and checks
 * the recommended policy scores strictly higher than each naive policy and extreme.
 * Reference policies that are neither recommended nor naive are played and shown, not judged.
 */
export function auditDominance(
  s: Scenario,
  seeds: readonly number[] = AUDIT_SEEDS,
): DominanceAudit {
  const plays: [id: string, kind: DominanceRow['kind'], policy: Policy, budget: boolean][] = [
    ...s.referencePolicies.map(
      (p) =>
        [
          p.id,
          p.id === 'recommended' ? 'recommended' : p.id.startsWith('naive-') ? 'naive' : 'other',
          policyOf(p),
          true,
        ] as [string, DominanceRow['kind'], Policy, boolean],
    ),
    ['every-lever-max', 'extreme', extremePolicy(s, 'max'), false],
    ['every-lever-zero', 'extreme', extremePolicy(s, 'min'), false],
  ];
  const failures: Finding[] = [];
  const rows: DominanceRow[] = plays.map(([id, kind, policy, enforceBudget]) => ({
    id,
    kind,
    scores: seeds.map((seed) => {
      try {
        return runScenario(s, { seed, policy, enforceBudget }).final.score;
      } catch (e) {
        if (!(e instanceof RunError)) throw e;
        failures.push({ path: `${id} seed ${seed}`, message: `the run failed: ${e.message}` });
        return NaN;
      }
    }),
  }));
  const rec = rows.find((r) => r.kind === 'recommended');
  if (!rec)
    failures.push({ path: 'referencePolicies', message: 'no recommended policy to audit.' });
  else
    for (const row of rows) {
      if (row.kind !== 'naive' && row.kind !== 'extreme') continue;
      seeds.forEach((seed, k) => {
        if (!(rec.scores[k] > row.scores[k]))
          failures.push({
            path: `${row.id} seed ${seed}`,
            message: `${row.id} scores ${row.scores[k].toFixed(1)}, not below recommended ${rec.scores[k].toFixed(1)}.`,
          });
      });
    }
  return { seeds: [...seeds], rows, failures };
}

/** The audit as a table: one line per policy, one column per seed, then the margin. */
export function formatDominance(a: DominanceAudit): string {
  const rec = a.rows.find((r) => r.kind === 'recommended');
  const head = `${'policy'.padEnd(22)} ${a.seeds.map((s) => `seed ${s}`.padStart(7)).join(' ')}  min margin`;
  const lines = a.rows.map((r) => {
    const margin =
      rec && r !== rec && r.kind !== 'other'
        ? Math.min(...r.scores.map((x, k) => rec.scores[k] - x))
            .toFixed(1)
            .padStart(10)
        : '';
    return `${r.id.padEnd(22)} ${r.scores.map((x) => x.toFixed(1).padStart(7)).join(' ')}  ${margin}`;
  });
  return [head, ...lines].join('\n');
}
