/**
 * The glossary's concept cards, as `scenarios/concepts/concepts.json` writes them: their shape
 * and the check that reads them (pure, no data here; the file is loaded by `glossary.svelte.ts`).
 * Cards are checked one by one; a malformed card is dropped and reported, the rest still show.
 */
import type { LocalizedText } from '../i18n/i18n.svelte';

export interface Concept {
  id: string;
  topic: string;
  term: LocalizedText;
  short: LocalizedText;
  body: LocalizedText;
  /** Ids of textbook passages this card is based on. */
  sources: string[];
  /** Ids of other concepts. */
  related: string[];
}

/** What a concept chip or link needs of a card: its id and its term. */
export type ConceptTerm = Pick<Concept, 'id' | 'term'>;

export interface ConceptProblem {
  path: string;
  message: string;
}

function isText(value: unknown): value is LocalizedText {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['zh-CN'] === 'string' && typeof v.en === 'string';
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((x) => typeof x === 'string');
}

/** Keeps the well-formed cards of a concepts file and lists what was wrong with the others. */
export function readConcepts(file: unknown): { concepts: Concept[]; problems: ConceptProblem[] } {
  const problems: ConceptProblem[] = [];
  const list = (file as { concepts?: unknown } | null)?.concepts;
  if (!Array.isArray(list)) {
    return { concepts: [], problems: [{ path: 'concepts', message: 'must be a list' }] };
  }
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  list.forEach((raw: unknown, index) => {
    const path = `concepts[${index}]`;
    const c = (raw ?? {}) as Record<string, unknown>;
    const wrong: string[] = [];
    if (typeof c.id !== 'string' || c.id === '') wrong.push('id must be a non-empty string');
    else if (seen.has(c.id)) wrong.push(`id "${c.id}" is used twice`);
    for (const key of ['term', 'short', 'body'] as const)
      if (!isText(c[key])) wrong.push(`${key} needs "zh-CN" and "en" strings`);
    if (wrong.length > 0) {
      problems.push(...wrong.map((message) => ({ path, message })));
      return;
    }
    seen.add(c.id as string);
    concepts.push({
      id: c.id as string,
      topic: typeof c.topic === 'string' ? c.topic : '',
      term: c.term as LocalizedText,
      short: c.short as LocalizedText,
      body: c.body as LocalizedText,
      sources: isStringList(c.sources) ? c.sources : [],
      related: isStringList(c.related) ? c.related : [],
    });
  });
  return { concepts, problems };
}
