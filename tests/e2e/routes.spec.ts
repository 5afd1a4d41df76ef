// Every route renders its heading in both languages; unknown routes get the 404 view.
import { expect, test } from '@playwright/test';
import { locales, msg, openApp, routeCases } from './helpers';

for (const locale of locales) {
  for (const route of routeCases()) {
    test(`${route.name} renders in ${locale}`, async ({ page }) => {
      await openApp(page, route.hash, locale);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(route.heading[locale]);
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.getByRole('banner')).toBeVisible();
      await expect(page.getByRole('navigation')).toBeVisible();
      await expect(page.getByRole('main')).toBeVisible();
      await expect(page.getByRole('contentinfo')).toBeVisible();
      const nav = page.getByRole('navigation');
      await expect(
        nav.getByRole('link', { name: msg(locale, 'nav.glossary'), exact: true }),
      ).toBeVisible();
    });
  }
}

test('an unknown route shows the 404 view with a way home', async ({ page }) => {
  await openApp(page, '#/nowhere', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'notFound.title'));
  await expect(page.getByText('/nowhere')).toBeVisible();
  await page.getByRole('link', { name: msg('en', 'notFound.home') }).click();
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'home.title'));
});

test('the page title follows the route and the language', async ({ page }) => {
  await openApp(page, '#/glossary', 'zh-CN');
  await expect(page).toHaveTitle(`${msg('zh-CN', 'glossary.title')} · ${msg('zh-CN', 'app.name')}`);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveTitle(`${msg('en', 'glossary.title')} · ${msg('en', 'app.name')}`);
  await page
    .getByRole('navigation')
    .getByRole('link', { name: msg('en', 'nav.home') })
    .click();
  await expect(page).toHaveTitle(msg('en', 'app.name'));
});

test('the glossary is not part of the first-screen bundle', async ({ page, request }) => {
  const html = await (await request.get('./')).text();
  expect(html).not.toMatch(/Glossary|concepts/);
  const loaded: string[] = [];
  page.on('request', (r) => loaded.push(r.url()));
  await openApp(page, '#/settings', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(loaded.filter((url) => /Glossary|concepts/.test(url))).toEqual([]);
  await page
    .getByRole('navigation')
    .getByRole('link', { name: msg('en', 'nav.glossary') })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'glossary.title'));
  expect(loaded.filter((url) => /Glossary/.test(url)).length).toBeGreaterThan(0);
});
