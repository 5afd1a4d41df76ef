/**
 * Glossary search: pure, unit-tested in Node.
 *
 * A query matches a concept when every word of it is found (case- and
 * width-insensitive) in the concept's id, term, short text or body, in either
 * language. Chinese has no spaces, so a Chinese query is one word matched as a
 * substring. Results whose term matches come first; otherwise file order is kept.
 */
import type { Concept } from './concepts';

/** Folds case and full-width forms so 'ＲＦＭ', 'rfm' and 'RFM' compare equal. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

export function queryWords(query: string): string[] {
  return normalise(query).split(/\s+/u).filter(Boolean);
}

function haystack(c: Concept): string {
  return normalise(
    [
      c.id,
      c.term.en,
      c.term['zh-CN'],
      c.short.en,
      c.short['zh-CN'],
      c.body.en,
      c.body['zh-CN'],
    ].join('\n'),
  );
}

/** The concepts that match `query`, best first; all of them for an empty query. */
export function searchConcepts(concepts: readonly Concept[], query: string): Concept[] {
  const words = queryWords(query);
  if (words.length === 0) return [...concepts];
  const scored: { concept: Concept; score: number; index: number }[] = [];
  concepts.forEach((concept, index) => {
    const all = haystack(concept);
    if (!words.every((w) => all.includes(w))) return;
    const term = normalise(`${concept.term.en}\n${concept.term['zh-CN']}`);
    const score = words.filter((w) => term.includes(w)).length;
    scored.push({ concept, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((s) => s.concept);
}
