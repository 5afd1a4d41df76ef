// Build plugins of vite.config.ts (the dev server and Vitest use them too).
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { readConcepts } from '../src/ui/glossary/concepts.ts';

const TERMS_ID = 'virtual:concept-terms';

/**
 * `import terms from 'virtual:concept-terms'`: each concept card's id and term, in both
 * languages, read from the concepts file at build time. That is all concept chips and links
 * need; the cards' texts stay in the file, which the Glossary page fetches as data.
 * Cards the glossary would leave out (`readConcepts`) are left out here too.
 */
export function conceptTerms(file: string): Plugin {
  return {
    name: 'loyalty-lab:concept-terms',
    resolveId: (source) => (source === TERMS_ID ? `\0${TERMS_ID}` : null),
    load(id) {
      if (id !== `\0${TERMS_ID}`) return null;
      this.addWatchFile(file);
      let data: unknown = null;
      try {
        data = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        this.warn(`${file} is not readable JSON: concept chips show ids (${String(e)})`);
      }
      const terms = readConcepts(data).concepts.map(({ id, term }) => ({ id, term }));
      return `export default ${JSON.stringify(terms)};`;
    },
  };
}
