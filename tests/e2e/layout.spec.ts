// No horizontal scrolling on a phone (375x740) or a projector (1920x1080), in either language.
import { expect, test } from '@playwright/test';
import { locales, openApp, overflowsHorizontally, routeCases } from './helpers';

const viewports = [
  { name: 'phone', width: 375, height: 740 },
  { name: 'projector', width: 1920, height: 1080 },
];

for (const viewport of viewports) {
  test(`no horizontal overflow on a ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    for (const locale of locales) {
      for (const route of routeCases()) {
        await openApp(page, route.hash, locale);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        expect(await overflowsHorizontally(page), `${route.name} in ${locale}`).toBe(false);
      }
    }
  });
}

test('large type on a phone still fits', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.addInitScript(() => localStorage.setItem('loyalty-lab.largeType', 'true'));
  for (const route of routeCases()) {
    await openApp(page, route.hash, 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await overflowsHorizontally(page), route.name).toBe(false);
  }
});
