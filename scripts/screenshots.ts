#!/usr/bin/env node
// Screenshots of every screen, for looking at: `npm run build && npx tsx scripts/screenshots.ts`.
// Serves dist/ with `vite preview`, and in headless Chromium (CHROMIUM_PATH, default
// /usr/bin/chromium), for each size (projector 1920x1080 with large type, phone 375x812) and
// each language: Home, Glossary (list and one card), Settings, a page that does not exist,
// a scenario file with problems, then one game of complaint-desk (or SHOTS_SCENARIO) from its
// briefing to the finished quiz (every phase, each event dialog's first page, quiz feedback),
// a second, shorter game so History, a run, Compare, class results and Progress have
// something to show.
// Writes screenshots/<size>-<locale>-<nn>-<screen>.png (full page) and prints, per shot, the
// console errors and whether the page was wider than the window.
// Usage: npx tsx scripts/screenshots.ts [projector|phone] [en|zh-CN]
// SHOTS_SCENARIO=<id> plays that scenario instead of complaint-desk.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { answerOpenDialog, forwardButton, phaseOf, type Locale } from '../tests/e2e/helpers.ts';

const port = Number(process.env.SHOTS_PORT ?? 4394);
const base = `http://127.0.0.1:${port}/`;
const outDir = 'screenshots';
type Size = 'projector' | 'phone';
const sizes: Record<Size, { viewport: { width: number; height: number }; largeType: boolean }> = {
  projector: { viewport: { width: 1920, height: 1080 }, largeType: true },
  phone: { viewport: { width: 375, height: 812 }, largeType: false },
};
const onlySize = process.argv[2];
const onlyLocale = process.argv[3];
const scenarioId = process.env.SHOTS_SCENARIO ?? 'complaint-desk';

const server = spawn(
  'npx',
  ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  { stdio: 'ignore', detached: true },
);
process.on('exit', () => {
  try {
    process.kill(-server.pid!);
  } catch {
    // already gone
  }
});
for (let i = 0; ; i++) {
  try {
    if ((await fetch(base)).ok) break;
  } catch {
    if (i > 100) throw new Error(`vite preview did not start on ${base}`);
  }
  await new Promise((r) => setTimeout(r, 200));
}

mkdirSync(outDir, { recursive: true });
const browser: Browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});

async function session(sizeName: Size, locale: Locale) {
  const { viewport, largeType } = sizes[sizeName];
  const context = await browser.newContext({ viewport, locale });
  await context.addInitScript(
    ({ loc, large }) => {
      localStorage.setItem('loyalty-lab.locale', loc);
      localStorage.setItem('loyalty-lab.largeType', String(large));
    },
    { loc: locale, large: largeType },
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  let n = 0;
  const shoot = async (name: string) => {
    await page.waitForTimeout(400); // charts and transitions settle
    const wide = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    const file = `${outDir}/${sizeName}-${locale}-${String(++n).padStart(2, '0')}-${name}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(
      `${file}${wide ? '  WIDER THAN THE WINDOW' : ''}${errors.length ? `  errors: ${errors.join(' | ')}` : ''}`,
    );
    errors.length = 0;
  };
  const open = async (hash: string, name: string) => {
    await page.goto(`${base}${hash}`);
    await page.locator('h1').first().waitFor();
    await shoot(name);
  };

  /** Plays a game to the finished screen, shooting each phase the first time it shows. */
  async function play(hash: string, shootPhases: boolean) {
    await page.goto(`${base}${hash}`);
    await page.locator('[data-phase]').waitFor();
    const seen = new Set<string>();
    const once = async (name: string) => {
      if (!shootPhases || seen.has(name)) return;
      seen.add(name);
      await shoot(name);
    };
    for (let guard = 0; guard < 300; guard++) {
      const p = (await phaseOf(page))!;
      if (p === 'finished') {
        await once('finished');
        return;
      }
      if (p === 'simulating') {
        await once('simulating');
        await page.waitForTimeout(100);
        continue;
      }
      if (p === 'events' && (await page.locator('dialog[open]').count())) {
        await once('event-dialog');
        await answerOpenDialog(page);
        continue;
      }
      if (p === 'debrief') await page.getByTestId('debrief-score').waitFor();
      if (p === 'review' && seen.has('review') && !seen.has('review-later')) {
        await once('review-later');
      }
      await once(p);
      if (p === 'quiz') {
        const form = page.locator('[data-phase="quiz"] form');
        if (await form.getByRole('button').isVisible()) {
          await form.getByRole('radio').first().check();
          await form.getByRole('button').click();
          await once('quiz-feedback');
        }
        await page.locator('[data-phase="quiz"] .actions-row button').last().click();
        continue;
      }
      await forwardButton(page, p)!.click();
    }
    throw new Error(`${hash}: no finished screen after 300 steps`);
  }

  await open('#/', 'home-empty');
  await open('#/glossary', 'glossary');
  await open('#/glossary/customer-loyalty', 'glossary-card');
  await open('#/settings', 'settings');
  await open('#/no/such/page', 'not-found');
  await open('#/play/no-such-scenario', 'play-unknown');
  await play(`#/play/${scenarioId}?seed=4`, true);
  await play(`#/play/${scenarioId}?seed=5`, false);
  await open('#/', 'home-with-runs');
  await open('#/history', 'history');
  const runLinks = page.locator('a[href*="#/history/"]');
  const runHashes = await runLinks.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const runs = [...new Set(runHashes.map((h) => h.replace(/^.*#\/history\//, '')))];
  if (runs[0]) await open(`#/history/${runs[0]}`, 'run');
  if (runs[1]) await open(`#/compare/${runs[0]}/${runs[1]}`, 'compare');
  await open(`#/results/${scenarioId}`, 'class-results');
  await open('#/progress', 'progress');
  await context.close();
}

for (const sizeName of Object.keys(sizes) as Size[]) {
  if (onlySize && sizeName !== onlySize) continue;
  for (const locale of ['en', 'zh-CN'] as const) {
    if (onlyLocale && locale !== onlyLocale) continue;
    await session(sizeName, locale);
  }
}
await browser.close();
process.exit(0);
