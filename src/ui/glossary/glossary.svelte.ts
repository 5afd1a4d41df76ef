/**
 * The glossary, loaded on first use and shared by every page that shows concepts.
 *
 * Two loads, for two needs:
 * - `glossary.load()`: the terms (id and term in both languages, a small lazy chunk made at
 *   build time, `virtual:concept-terms`), for concept chips and links (scenario cards, the
 *   briefing, chart cards). Until they are in, `glossary.find(id)` returns `undefined`.
 * - `glossary.loadCards()`: every card with its texts, for the Glossary page. The concepts file
 *   is data, not code: the build copies it as it is (`concepts-<hash>.json`) and it is fetched.
 *   Until it is in, `glossary.cards` is `null`; if it cannot be, `glossary.failed` is true.
 */
import cardsUrl from '../../../scenarios/concepts/concepts.json?url';
import { readConcepts, type Concept, type ConceptTerm } from './concepts';

async function fetchCards(): Promise<ReturnType<typeof readConcepts>> {
  const response = await fetch(cardsUrl);
  if (!response.ok) throw new Error(`${cardsUrl}: HTTP ${response.status}`);
  return readConcepts(await response.json());
}

class Glossary {
  #terms = $state.raw<readonly ConceptTerm[] | null>(null);
  #cards = $state.raw<readonly Concept[] | null>(null);
  #failed = $state(false);
  #loadingTerms: Promise<void> | null = null;
  #loadingCards: Promise<void> | null = null;

  /** Every concept's id and term, or `null` while loading. */
  get terms(): readonly ConceptTerm[] | null {
    return this.#terms;
  }

  /** Every well-formed card, in file order, or `null` until `loadCards()` has them. */
  get cards(): readonly Concept[] | null {
    return this.#cards;
  }

  /** True when the concept cards could not be loaded. */
  get failed(): boolean {
    return this.#failed;
  }

  /** Starts loading the terms (once); resolves when they are in, or loading failed. */
  load(): Promise<void> {
    this.#loadingTerms ??= import('virtual:concept-terms').then(
      (module) => {
        this.#terms = module.default;
      },
      (error: unknown) => console.error('Could not load the concept terms', error),
    );
    return this.#loadingTerms;
  }

  /** Starts loading the terms and every card (once); resolves when both are in, or failed. */
  loadCards(): Promise<void> {
    this.#loadingCards ??= Promise.all([this.load(), fetchCards()]).then(
      ([, read]) => {
        this.#cards = read.concepts;
        if (read.problems.length > 0 && import.meta.env.DEV) {
          console.warn('Concept cards left out of the glossary:', read.problems);
        }
      },
      (error: unknown) => {
        console.error('Could not load the glossary', error);
        this.#failed = true;
      },
    );
    return this.#loadingCards;
  }

  /** The id and term of the concept `id`, once the terms are in. */
  find(id: string): ConceptTerm | undefined {
    return this.#terms?.find((c) => c.id === id);
  }
}

/** The one glossary of the app. */
export const glossary = new Glossary();
