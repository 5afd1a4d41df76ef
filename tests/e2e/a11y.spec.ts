// axe-core on every route, in the light and the dark theme: no serious or critical violation.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openApp, routeCases } from './helpers';

for (const colorScheme of ['light', 'dark'] as const) {
  for (const route of routeCases()) {
    test(`axe: ${route.name} in the ${colorScheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await openApp(page, route.hash, colorScheme === 'light' ? 'en' : 'zh-CN');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
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
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious).toEqual([]);
    });
  }
}
