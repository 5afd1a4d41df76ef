#!/usr/bin/env node
// What the built site fetches, and how fast it shows: `npm run build && node scripts/measure-load.mjs`.
// Serves dist/ with `vite preview`, opens it in headless Chromium (CHROMIUM_PATH, default
// /usr/bin/chromium) RUNS times (default 7), each a cold load in a fresh browser context, and
// prints medians of:
// - first screen: Home's heading in the page, from navigation start; first contentful paint;
// - a scenario's briefing ready (its Start button), from navigation start to #/play/<id>;
// and the JS each step fetched (gzip level 9 of the files in dist/, as `npm run size` counts):
// before the first screen (index.html's script and preloads, and the language's dictionary),
// after it on Home (until the network is idle), to reach a briefing, and
// for a whole game (the briefing's, plus the chunks a dashboard's first chart draw imports).
// Usage: node scripts/measure-load.mjs [runs] [locale: en | zh-CN] [scenario id]
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const runs = Number(process.argv[2] ?? 7);
const locale = process.argv[3] ?? 'en';
const scenarioId = process.argv[4] ?? 'leaky-bucket';
const dist = process.env.MEASURE_DIST ?? 'dist';
const port = Number(process.env.MEASURE_PORT ?? 4393);
const base = `http://127.0.0.1:${port}/`;
// MEASURE_LATENCY=<ms>: each request's round trip as on a real network (Chromium's emulation,
// 10 Mbit/s down); unset: the local preview server as it is.
const latency = Number(process.env.MEASURE_LATENCY ?? 0);

/** A fresh browser context (a cold cache), with the network emulated when asked. */
async function coldPage(browser) {
  // Without the service worker, which fetches the whole build for offline use once the page has
  // loaded: these figures are what the page itself needs.
  const context = await browser.newContext({
    locale: locale === 'en' ? 'en-GB' : 'zh-CN',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  if (latency > 0) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency,
      downloadThroughput: (10 * 1024 * 1024) / 8,
      uploadThroughput: (5 * 1024 * 1024) / 8,
    });
  }
  return { context, page };
}

const server = spawn(
  'npx',
  [
    'vite',
    'preview',
    '--outDir',
    dist,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--strictPort',
  ],
  { stdio: 'ignore', detached: true },
);
const stop = () => {
  try {
    process.kill(-server.pid);
  } catch {
    // already gone
  }
};
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not start on ${base}`);
}

const gz = new Map();
/** Gzipped size of a dist/ file named by its URL. */
function gzipOf(url) {
  const path = join(dist, new URL(url).pathname);
  if (!gz.has(path)) gz.set(path, gzipSync(readFileSync(path), { level: 9 }).length);
  return gz.get(path);
}
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sum = (urls) => urls.reduce((s, u) => s + gzipOf(u), 0);
const isJs = (url) => url.startsWith(base) && url.endsWith('.js') && !/\.worker-/.test(url);

/** Records, in the page, when `selector` (with `text`, if given) first appears. */
function watchFor(selector, text) {
  const check = () => {
    if (window.__seenAt) return;
    const el = [...document.querySelectorAll(selector)].find(
      (e) => !text || e.textContent?.includes(text),
    );
    if (el) window.__seenAt = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

/** The JS files of the page (not the workers) it has fetched so far. */
const jsFetched = async (page) =>
  (await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name))).filter(
    isJs,
  );

/** A message of the dictionary (TypeScript source: read as text, as Node runs no TypeScript). */
function message(key) {
  const source = readFileSync(`src/ui/i18n/${locale}.ts`, 'utf8');
  const m = source.match(new RegExp(`'${key.replace('.', '\\.')}':\\s*'([^']*)'`));
  if (!m) throw new Error(`no ${key} in ${locale}.ts`);
  return m[1];
}

// The first screen needs index.html's script, its preloads and the language's dictionary
// (main.ts mounts once it is in); Home fetches more right after, in the same few milliseconds.
const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
const needed = new Set(
  [...indexHtml.matchAll(/(?:src|href)="\.\/(assets\/[\w.-]+\.js)"/g)].map((m) => m[1]),
);
for (const name of readdirSync(join(dist, 'assets')))
  if (new RegExp(`^${locale}-[\\w-]{8}\\.js$`).test(name)) needed.add(`assets/${name}`);

await waitForServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

const home = { h1: [], fcp: [] };
const briefing = [];
let sets = null;
for (let i = 0; i < runs; i++) {
  // Home, cold.
  let { context, page } = await coldPage(browser);
  await page.addInitScript(watchFor, ['h1', message('home.title')]);
  await page.goto(`${base}#/`);
  await page.waitForFunction(() => window.__seenAt !== undefined);
  const h1At = await page.evaluate(() => window.__seenAt);
  await page.waitForLoadState('networkidle');
  const fcp = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  );
  home.h1.push(h1At);
  home.fcp.push(fcp);
  const homeJs = await jsFetched(page);
  const firstScreen = homeJs.filter((url) => needed.has(new URL(url).pathname.replace(/^\//, '')));
  const afterFirst = homeJs.filter((url) => !firstScreen.includes(url));
  await context.close();

  // A briefing, cold.
  ({ context, page } = await coldPage(browser));
  await page.addInitScript(watchFor, ['button', message('play.briefing.start')]);
  await page.goto(`${base}#/play/${scenarioId}`);
  await page.waitForFunction(() => window.__seenAt !== undefined, null, { timeout: 30_000 });
  briefing.push(await page.evaluate(() => window.__seenAt));
  await page.waitForLoadState('networkidle');
  const toBriefing = await jsFetched(page);
  await context.close();

  sets ??= { firstScreen, afterFirst, toBriefing };
}
await browser.close();
stop();

// A whole game: the briefing's JS, plus the Chart.js chunk the chart wrapper imports on its
// first draw (named in the chunk that holds the wrapper).
const chartChunks = sets.toBriefing.flatMap((url) =>
  [...readFileSync(join(dist, new URL(url).pathname), 'utf8').matchAll(/chartjs-[\w-]+\.js/g)].map(
    (m) => new URL(`assets/${m[0]}`, base).href,
  ),
);
const wholeGame = [...new Set([...sets.toBriefing, ...chartChunks])];

const show = (label, urls) =>
  console.log(
    `${label.padEnd(34)} ${kib(sum(urls)).padStart(10)}  ${urls.map((u) => basename(u)).join(' ')}`,
  );
console.log(
  `${runs} cold loads, ${locale}${latency ? `, ${latency} ms round trips` : ''}, median:`,
);
console.log(`  Home's heading shown      ${median(home.h1).toFixed(0)} ms`);
console.log(`  first contentful paint    ${median(home.fcp).toFixed(0)} ms`);
console.log(`  ${scenarioId} briefing ready  ${median(briefing).toFixed(0)} ms`);
console.log('JS fetched (gzip):');
show('  before the first screen', sets.firstScreen);
show('  after it (until idle)', sets.afterFirst);
show('  to a briefing (cold)', sets.toBriefing);
show('  a whole game', wholeGame);
process.exit(0);
