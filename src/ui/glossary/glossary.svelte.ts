/**
 * The glossary, loaded on first use and shared by every page that shows concepts
 * (the Glossary page, the concept chips on scenario cards).
 *
 * `glossary.load()` starts the dynamic import once; until it resolves,
 * `glossary.concepts` is `null` and `glossary.term(id)` returns `undefined`.
 */
import type { Concept } from './concepts';

class Glossary {
  #concepts = $state.raw<readonly Concept[] | null>(null);
  #failed = $state(false);
  #loading: Promise<void> | null = null;

  /** Every concept, or `null` while loading. */
  get concepts(): readonly Concept[] | null {
    return this.#concepts;
  }

  /** True when the concepts file could not be loaded. */
  get failed(): boolean {
    return this.#failed;
  }

  /** Starts loading (once); resolves when the concepts are in, or loading failed. */
  load(): Promise<void> {
    this.#loading ??= import('./concepts').then(
      (module) => {
        this.#concepts = module.concepts;
        if (module.conceptProblems.length > 0 && import.meta.env.DEV) {
          console.warn('Concept cards left out of the glossary:', module.conceptProblems);
        }
      },
      (error: unknown) => {
        console.error('Could not load the glossary', error);
        this.#failed = true;
      },
    );
    return this.#loading;
  }

  /** The concept with this id, once loaded. */
  find(id: string): Concept | undefined {
    return this.#concepts?.find((c) => c.id === id);
  }
}

/** The one glossary of the app. */
export const glossary = new Glossary();
