// Settings: theme choice and large type apply at once and are remembered.
import { expect, test } from '@playwright/test';
import { msg, openApp } from './helpers';

test('a chosen theme overrides the system and survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page, '#/settings', 'en');
  const html = page.locator('html');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();

  await page.getByRole('radio', { name: msg('en', 'settings.theme.dark') }).check();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: msg('en', 'settings.theme.dark') })).toBeChecked();

  await page.getByRole('radio', { name: msg('en', 'settings.theme.system') }).check();
  await expect(html).not.toHaveAttribute('data-theme', /./);
  expect(await background()).toBe(light);
});

test('large type makes the text bigger and is remembered', async ({ page }) => {
  await openApp(page, '#/settings', 'en');
  const rootSize = () =>
    page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const before = await rootSize();
  await page.getByRole('checkbox', { name: msg('en', 'settings.largeType') }).check();
  expect(await rootSize()).toBeGreaterThan(before);
  await page.reload();
  await expect(page.getByRole('checkbox', { name: msg('en', 'settings.largeType') })).toBeChecked();
  expect(await rootSize()).toBeGreaterThan(before);
});
