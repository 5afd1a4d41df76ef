// Vite builds the static site; Vitest runs two projects: pure logic in Node, and
// Svelte component tests in happy-dom with the `browser` condition so runes really run.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import {
  chartjsUnusedScales,
  conceptTerms,
  offlineCache,
  periodEndKernel,
  preloadDictionary,
} from './scripts/vite-plugins.ts';

export default defineConfig({
  base: './',
  plugins: [
    chartjsUnusedScales(),
    svelte(),
    conceptTerms(fileURLToPath(new URL('scenarios/concepts/concepts.json', import.meta.url))),
    preloadDictionary(),
    periodEndKernel(),
    offlineCache(),
  ],
  // Worker bundles get only these plugins (config.plugins reaches workers in dev only).
  worker: { plugins: () => [periodEndKernel()] },
  resolve: {
    // Dexie's modern ES module build (ES2016+, the same version): 1.7 KiB gzip less than the
    // ES5 build its package entry wraps, which this app's browsers do not need.
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }],
  },
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
