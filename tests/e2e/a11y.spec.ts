// axe-core on every route, in the light and the dark theme: no serious or critical violation.
import { expect, test } from '@playwright/test';
import { axeSerious, openApp, routeCases } from './helpers';

for (const colorScheme of ['light', 'dark'] as const) {
  for (const route of routeCases()) {
    test(`axe: ${route.name} in the ${colorScheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await openApp(page, route.hash, colorScheme === 'light' ? 'en' : 'zh-CN');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // The play page's screen (the briefing) mounts after its heading, once the game is set up.
      if (route.name === 'play') await expect(page.locator('[data-phase]')).toBeVisible();
      if (route.name.startsWith('glossary')) {
        test.slow(); // 50-odd open cards: axe needs a while on a busy machine
        await expect(page.locator('article.concept').first()).toBeVisible();
      }
      // Open every glossary card, so hidden text is checked too.
      await page.evaluate(() => {
        for (const b of document.querySelectorAll<HTMLButtonElement>(
          'button[aria-expanded="false"]',
        ))
          b.click();
      });
      await expect(page.locator('button[aria-expanded="false"]')).toHaveCount(0);
      const serious = await axeSerious(page);
      expect(serious).toEqual([]);
    });
  }
}
