// Vite builds the static site; Vitest runs two projects: pure logic in Node, and
// Svelte component tests in happy-dom with the `browser` condition so runes really run.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { conceptTerms } from './scripts/vite-plugins.ts';

export default defineConfig({
  base: './',
  plugins: [
    svelte(),
    conceptTerms(fileURLToPath(new URL('scenarios/concepts/concepts.json', import.meta.url))),
  ],
  test: {
    // Whole-run tests and lazily loaded pages on a shared 2-core machine: a generous limit,
    // so a busy machine cannot fail a correct test. Speed is measured by benchmarks instead.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    setupFiles: ['src/ui/i18n/testSetup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          exclude: ['src/**/*.svelte.test.ts'],
        },
      },
      {
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['src/**/*.svelte.test.ts'],
        },
      },
    ],
  },
});
