// Offline use: after one visit, the built site opens, shows the glossary and plays a round
// (on the engine's Web Worker, with the dashboard's charts) with the network switched off;
// and Chromium finds it installable as an app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { answerOpenDialog, forwardButton, msg, openApp, phaseOf } from './helpers';

test.use({ serviceWorkers: 'allow' });

test('after one visit the site opens, shows the glossary and plays a round with no network', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await openApp(page, '#/settings', 'en');
  const status = page.getByTestId('offline-status').locator('p');
  await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(status).toHaveText(msg('en', 'settings.offline.ready'));

  await context.setOffline(true);
  // Nothing reaches the server now: a file the build does not have cannot be fetched.
  expect(
    await page.evaluate(() =>
      fetch(`./not-in-the-build-${Date.now()}.txt`).then(
        () => 'fetched',
        () => 'failed',
      ),
    ),
  ).toBe('failed');

  // The page of the first visit, still open: a page it has not shown yet loads from the cache.
  await page.goto('./#/glossary/customer-loyalty');
  await expect(page.locator('#concept-customer-loyalty')).toBeVisible();

  // The site opened again with no network.
  await page.goto('./#/');
  await page.reload();
  await expect(
    page.getByRole('heading', { level: 1, name: msg('en', 'home.title') }),
  ).toBeVisible();

  await page.goto('./#/play/leaky-bucket?seed=3&engine=worker');
  const seen: string[] = [];
  for (let guard = 0; guard < 60; guard++) {
    await page.locator('[data-phase]').waitFor();
    const p = (await phaseOf(page))!;
    if (seen.at(-1) !== p) seen.push(p);
    if (p === 'review' && seen.includes('roundReport')) break;
    if (p === 'simulating') await page.waitForTimeout(100);
    else if (!(p === 'events' && (await answerOpenDialog(page))))
      await forwardButton(page, p)!.click();
  }
  expect(seen).toEqual(expect.arrayContaining(['briefing', 'decide', 'roundReport', 'review']));
  // The dashboard draws its charts with Chart.js, a chunk first loaded just now, offline.
  // (Chart.js styles each canvas it takes; a chunk that failed to load leaves a message.)
  await expect(
    page.locator('[data-phase="review"] canvas[style*="box-sizing"]').first(),
  ).toBeVisible();
  await expect(page.getByText(msg('en', 'chart.loadError'))).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the site can be installed as an app (manifest, icon, service worker)', async ({
  baseURL,
}) => {
  // Chromium never offers installation in an incognito-like context, which is what Playwright's
  // contexts are: this one runs on a profile folder of its own.
  const profile = mkdtempSync(join(tmpdir(), 'loyalty-lab-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
    serviceWorkers: 'allow',
  });
  try {
    const page = await context.newPage();
    await page.goto(`${baseURL}#/settings`);
    await expect(page.getByTestId('offline-status').locator('p')).toHaveAttribute(
      'data-status',
      'ready',
      { timeout: 60_000 },
    );
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
