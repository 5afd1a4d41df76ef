// No sentence is written into a component: text shown to people comes from the
// dictionaries (`t(...)`) or from scenario and concept files. This test strips
// scripts, styles, comments, {expressions} and tags from every .svelte file under
// src/ui and fails on any word left over, and on literal text in the attributes
// people read or hear (aria-label, placeholder, title, alt).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Language names are written in their own language on purpose, so they stay findable. */
const allowed = new Set(['中文', 'English']);

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return svelteFiles(path);
    return entry.name.endsWith('.svelte') ? [path] : [];
  });
}

function leftoverWords(source: string): string[] {
  let markup = source
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  // Remove {expressions}, innermost first, until none is left.
  for (let previous = ''; previous !== markup;) {
    previous = markup;
    markup = markup.replace(/\{[^{}]*\}/g, ' ');
  }
  const text = markup.replace(/<[^>]*>/g, ' ');
  const words = text.match(/[\p{L}][\p{L}\p{N}'’-]*/gu) ?? [];
  return words.filter((w) => !allowed.has(w));
}

function literalReadableAttributes(source: string): string[] {
  return [...source.matchAll(/\s(aria-label|placeholder|title|alt)="([^"{]*)"/g)].map(
    (m) => `${m[1]}="${m[2]}"`,
  );
}

describe('components', () => {
  const root = join(import.meta.dirname);
  for (const file of svelteFiles(root)) {
    it(`${relative(root, file)} has no hard-coded text`, () => {
      const source = readFileSync(file, 'utf8');
      expect(leftoverWords(source)).toEqual([]);
      expect(literalReadableAttributes(source)).toEqual([]);
    });
  }
});
