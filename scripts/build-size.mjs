#!/usr/bin/env node
// Sizes of the built site: `npm run build && npm run size`.
// Prints the JS and CSS in dist/, raw and gzipped (level 9), per file and in total.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const totals = {};
for (const path of files(dist).sort()) {
  const kind = path.endsWith('.js') ? 'JS' : path.endsWith('.css') ? 'CSS' : null;
  if (!kind) continue;
  const data = readFileSync(path);
  const gzip = gzipSync(data, { level: 9 }).length;
  totals[kind] ??= { raw: 0, gzip: 0 };
  totals[kind].raw += data.length;
  totals[kind].gzip += gzip;
  console.log(
    `${relative(dist, path).padEnd(40)} ${kb(data.length).padStart(10)} ${kb(gzip).padStart(10)} gzip`,
  );
}
for (const [kind, t] of Object.entries(totals)) {
  console.log(`total ${kind.padEnd(34)} ${kb(t.raw).padStart(10)} ${kb(t.gzip).padStart(10)} gzip`);
}
