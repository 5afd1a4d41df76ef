// The concept terms built from the concepts file (scripts/vite-plugins.ts): what concept chips
// and links show, without the cards' texts.
import { expect, it } from 'vitest';
import terms from 'virtual:concept-terms';
import file from '../../../scenarios/concepts/concepts.json';
import { readConcepts } from './concepts';

it('holds every card’s id and term in both languages, and nothing else', () => {
  const cards = readConcepts(file).concepts;
  expect(terms).toEqual(cards.map(({ id, term }) => ({ id, term })));
  expect(terms.length).toBeGreaterThan(0);
  for (const t of terms) expect(Object.keys(t).sort()).toEqual(['id', 'term']);
});
