// `npm run bench`: bundles scripts/bench.ts with Vite (as the app ships the engine: plain
// JavaScript, no TypeScript loader in the way) and runs it in Node. Arguments pass through.
import { build } from 'vite';
import { pathToFileURL } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const outDir = mkdtempSync(join(tmpdir(), 'loyalty-bench-'));
await build({
  configFile: false,
  logLevel: 'silent',
  build: {
    outDir,
    ssr: 'scripts/bench.ts',
    target: 'node20',
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'bench.mjs' } },
  },
});
await import(pathToFileURL(join(outDir, 'bench.mjs')).href);
