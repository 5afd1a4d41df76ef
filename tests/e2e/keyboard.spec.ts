// Keyboard only: Tab and Enter reach every route from the header, focus is always visible,
// and the skip link and the glossary's controls work without a mouse.
import { expect, test, type Page } from '@playwright/test';
import { conceptsOnDisk, msg, openApp, scenariosOnDisk } from './helpers';

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`;
 * fails after `limit` presses.
 */
async function tabTo(page: Page, selector: string, backwards = false, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function focusRingWidth(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    return parseFloat(getComputedStyle(el).outlineWidth) || 0;
  });
}

test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
  await openApp(page, '#/', 'en');
  // The app mounts once its dictionary is in, which can be just after the load event.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: msg('en', 'skip.toMain') });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await expect(page).toHaveURL(/#\/$/);
});

const headerRoutes = [
  { hash: '#/glossary', key: 'glossary.title' },
  { hash: '#/settings', key: 'settings.title' },
  { hash: '#/', key: 'home.title' },
] as const;

test('Tab and Enter reach every route from the header, in order', async ({ page }) => {
  await openApp(page, '#/no-such-page', 'en');
  let first = true;
  for (const route of headerRoutes) {
    // From the page's heading (where focus lands after a navigation) back up to the header.
    await tabTo(page, `header nav a[href="${route.hash}"]`, !first);
    first = false;
    expect(await focusRingWidth(page)).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveText(msg('en', route.key));
    await expect(h1).toBeFocused();
  }
  // The product name leads home too.
  await openApp(page, '#/settings', 'en');
  await tabTo(page, 'header a.brand');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'home.title'));
});

test('the language switch works from the keyboard', async ({ page }) => {
  await openApp(page, '#/', 'en');
  await tabTo(page, 'header button[lang="zh-CN"]');
  expect(await focusRingWidth(page)).toBeGreaterThanOrEqual(2);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('zh-CN', 'home.title'));
});

test('Play is reached from a scenario card with the keyboard', async ({ page }) => {
  test.skip(scenariosOnDisk().length === 0, 'no scenario file yet');
  await openApp(page, '#/', 'en');
  // The first card on Home, whichever file that is: later cards sit behind many concept chips.
  const first = page.locator('a[href^="#/play/"]').first();
  const id = (await first.getAttribute('href'))!.replace('#/play/', '');
  const scenario = scenariosOnDisk().find((s) => s.id === id)!;
  await tabTo(page, `a[href="#/play/${scenario.id}"]`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(scenario.title.en);
});

test('glossary: "/" jumps to search, Escape clears it, Enter opens a card', async ({ page }) => {
  const concept = conceptsOnDisk()[0];
  await openApp(page, '#/glossary', 'en');
  const search = page.getByRole('searchbox', { name: msg('en', 'glossary.search.label') });
  await expect(page.getByRole('heading', { level: 2, name: concept.term.en })).toBeVisible();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await page.keyboard.type('zzzz-nothing');
  await expect(
    page.getByText(msg('en', 'glossary.noResults', { query: 'zzzz-nothing' })),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await page.keyboard.type(concept.term.en);
  const toggle = page.getByRole('button', {
    name: msg('en', 'glossary.moreAbout', { term: concept.term.en }),
  });
  await tabTo(page, `#concept-${concept.id} button[aria-expanded]`);
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator(`#concept-${concept.id} button[aria-expanded]`)).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await expect(page.locator(`#concept-${concept.id}-body`)).toBeVisible();
});
