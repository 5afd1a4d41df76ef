// Progress that is never lost, in a real browser: two tabs on one game, and closing the whole
// browser and opening it again with the same profile.
import { chromium, expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { msg, openApp } from './helpers';

/** Starts the sandbox on a seed, plays one round, and moves a lever in the second. */
async function playARound(page: Page): Promise<void> {
  await page.getByRole('button', { name: msg('en', 'play.briefing.start') }).click();
  await page.getByRole('button', { name: msg('en', 'play.review.decide') }).click();
  await page.getByTestId('step-forward').click();
  await page.getByTestId('report-continue').click();
  await page.getByRole('button', { name: msg('en', 'play.review.decide') }).click();
  await page.locator('[data-lever="personalCare"] input[type="range"]').fill('0.5');
  // Autosave waits for a quiet moment.
  await page.waitForTimeout(1200);
}

test('the same game in two tabs: the second is told and may take it over; the first stops saving', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const first = await context.newPage();
  await openApp(first, '#/play/sandbox?seed=8', 'en');
  await playARound(first);

  const second = await context.newPage();
  await openApp(second, '#/play/sandbox', 'en');
  await expect(second.getByText(msg('en', 'play.elsewhere.title'))).toBeVisible();
  await second.getByRole('button', { name: msg('en', 'play.elsewhere.continue') }).click();
  // The game comes over whole: the same seed, round two, the lever as it was left.
  await expect(second.getByText(msg('en', 'play.seed.short', { seed: '8' }))).toBeVisible();
  await expect(second.locator('[data-lever="personalCare"] input[type="range"]')).toHaveValue(
    '0.5',
  );
  await expect(first.getByText(msg('en', 'play.lost'))).toBeVisible({ timeout: 20_000 });
});

test('closing the browser and opening it again with the same profile resumes the game', async ({
  browserName: _browser,
}, info) => {
  test.setTimeout(120_000);
  const baseURL = info.project.use.baseURL as string;
  const launch = info.project.use.launchOptions ?? {};
  const profile = mkdtempSync(join(tmpdir(), 'loyalty-profile-'));
  try {
    const open = () =>
      chromium.launchPersistentContext(profile, { ...launch, baseURL, locale: 'en-GB' });
    let browser = await open();
    let page = browser.pages()[0] ?? (await browser.newPage());
    await openApp(page, '#/play/sandbox?seed=8', 'en');
    await playARound(page);
    await browser.close();

    browser = await open();
    page = browser.pages()[0] ?? (await browser.newPage());
    await openApp(page, '#/play/sandbox', 'en');
    // A tab that closed without saying goodbye may still hold the game for a few seconds.
    const takeOver = page.getByRole('button', { name: msg('en', 'play.elsewhere.continue') });
    const lever = page.locator('[data-lever="personalCare"] input[type="range"]');
    await expect(takeOver.or(lever)).toBeVisible({ timeout: 20_000 });
    if (await takeOver.isVisible()) await takeOver.click();
    await expect(page.locator('[data-phase]')).toHaveAttribute('data-phase', 'decide');
    await expect(page.getByText(msg('en', 'play.seed.short', { seed: '8' }))).toBeVisible();
    await expect(lever).toHaveValue('0.5');
    await browser.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
