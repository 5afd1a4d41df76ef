#!/usr/bin/env node
// Sizes of the built site: `npm run build && npm run size`.
// Prints every JS, JSON and CSS file in dist/, raw and gzipped (level 9), then totals by kind:
// - code: JS chunks of the page, without the workers and the scenario files (the figure the
//   README's "total JS" target is about), in all and as one learner gets it, in one language
//   (only the current language's dictionary is ever fetched);
// - workers: the engine's Web Worker (a separate bundle, fetched only when used);
// - service worker: sw.js, the offline cache (the browser runs it apart from the page);
// - scenario files: scenarios/<id>.json, bundled as raw text, one fetched per game (data);
// - data: JSON copied as it is (the glossary's concept cards, fetched on the Glossary page).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const scenarioIds = readdirSync('scenarios')
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.replace(/\.json$/, ''));
const dictionaries = ['en', 'zh-CN'];
/** `leaky-bucket-Ab3_x.js` → `leaky-bucket`: the name Vite gives a chunk, without its hash. */
const chunkName = (path) => basename(path).replace(/-[\w-]{8}\.\w+$/, '');

function kindOf(path) {
  if (path.endsWith('.css')) return 'CSS';
  if (path.endsWith('.json')) return 'data';
  if (!path.endsWith('.js')) return null;
  if (/\.worker-/.test(basename(path))) return 'workers';
  if (basename(path) === 'sw.js') return 'service worker';
  if (scenarioIds.includes(chunkName(path))) return 'scenario files';
  return 'code';
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const line = (label, raw, gzip) =>
  console.log(`${label.padEnd(44)} ${kb(raw).padStart(10)} ${kb(gzip).padStart(10)} gzip`);

const totals = {};
const dictionarySizes = {};
for (const path of files(dist).sort()) {
  const kind = kindOf(path);
  if (!kind) continue;
  const data = readFileSync(path);
  const gzip = gzipSync(data, { level: 9 }).length;
  totals[kind] ??= { raw: 0, gzip: 0 };
  totals[kind].raw += data.length;
  totals[kind].gzip += gzip;
  if (kind === 'code' && dictionaries.includes(chunkName(path)))
    dictionarySizes[chunkName(path)] = { raw: data.length, gzip };
  line(relative(dist, path), data.length, gzip);
}

console.log('');
for (const kind of ['code', 'workers', 'service worker', 'scenario files', 'data', 'CSS']) {
  const t = totals[kind];
  if (t) line(`total ${kind}`, t.raw, t.gzip);
}
const code = totals.code ?? { raw: 0, gzip: 0 };
for (const locale of dictionaries) {
  const others = dictionaries.filter((d) => d !== locale && dictionarySizes[d]);
  const minus = (key) => others.reduce((sum, d) => sum + dictionarySizes[d][key], 0);
  line(`code in one language (${locale})`, code.raw - minus('raw'), code.gzip - minus('gzip'));
}
