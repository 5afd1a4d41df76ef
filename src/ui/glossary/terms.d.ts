// The concept terms module made at build time by scripts/vite-plugins.ts (conceptTerms).
declare module 'virtual:concept-terms' {
  import type { ConceptTerm } from './concepts';
  const terms: ConceptTerm[];
  export default terms;
}
