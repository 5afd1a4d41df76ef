// The interface language: follows the browser at first, then the person's choice, across reloads.
import { expect, test } from '@playwright/test';
import { msg } from './helpers';

test.describe('with a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('starts in Chinese, and the switch to English survives a reload', async ({ page }) => {
    await page.goto('./#/');
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveText(msg('zh-CN', 'home.title'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await page.getByRole('button', { name: 'English' }).click();
    await expect(h1).toHaveText(msg('en', 'home.title'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await page.reload();
    await expect(h1).toHaveText(msg('en', 'home.title'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test.describe('with an English browser', () => {
  test.use({ locale: 'en-GB' });

  test('starts in English, and the switch to Chinese survives a reload', async ({ page }) => {
    await page.goto('./#/glossary');
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveText(msg('en', 'glossary.title'));
    await page.getByRole('button', { name: '中文' }).click();
    await expect(h1).toHaveText(msg('zh-CN', 'glossary.title'));
    await page.reload();
    await expect(h1).toHaveText(msg('zh-CN', 'glossary.title'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });
});

test.describe('with a browser in neither language', () => {
  test.use({ locale: 'fr-FR' });

  test('falls back to English', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'home.title'));
  });
});

test.describe('dictionaries', () => {
  test.use({ locale: 'en-GB' });

  test('only the language shown is fetched; the other comes with the switch', async ({ page }) => {
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    const dictionary = (locale: string) =>
      fetched.filter((path) => new RegExp(`/assets/${locale}-[\\w-]+\\.js$`).test(path));
    await page.goto('./#/');
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveText(msg('en', 'home.title'));
    expect(dictionary('en')).toHaveLength(1);
    expect(dictionary('zh-CN')).toEqual([]);

    await page.getByRole('button', { name: '中文' }).click();
    await expect(h1).toHaveText(msg('zh-CN', 'home.title'));
    expect(dictionary('zh-CN')).toHaveLength(1);
  });
});
