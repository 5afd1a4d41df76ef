// The dashboard and the customer stories on the development preview (#/dev/dashboard), which
// plays the sandbox scenario in the browser with its first reference policy for 8 rounds on
// seed 1. The same run is played here in Node (the engine is bit-identical in both), so the
// test knows what the page must show.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { checkedScenario, playScenario } from '../../src/ui/dev/sandboxRun';
import { riskPushes, rankPushes } from '../../src/ui/story/explain';
import type { MessageKey } from '../../src/ui/i18n/en';
import {
  axeSerious,
  dictionaries,
  msg,
  openApp,
  overflowsHorizontally,
  type Locale,
} from './helpers';

const scenario = checkedScenario(
  readFileSync(join(import.meta.dirname, '..', '..', 'scenarios', 'sandbox.json'), 'utf8'),
);
const run = playScenario(scenario, scenario.referencePolicies[0].id, 8, null, 1);

/** Opens the preview and waits until every chart is drawn. */
async function openPreview(page: Page, locale: Locale) {
  await openApp(page, '#/dev/dashboard', locale);
  await expect(page.locator('[data-chart="chart-pyramid"] canvas')).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.locator('.plot .status')).toHaveCount(0, { timeout: 15_000 });
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const locale of ['en', 'zh-CN'] as const) {
    test(`axe finds nothing serious on the dashboard and an open story (${colorScheme}, ${locale})`, async ({
      page,
    }) => {
      test.slow();
      await page.emulateMedia({ colorScheme });
      await openPreview(page, locale);
      await page.locator('[data-persona]').first().click();
      await expect(page.locator('[data-story]')).toBeVisible();
      // Tables too: open every table toggle.
      for (const toggle of await page.locator('button.toggle').all()) await toggle.click();
      await expect(page.locator('[data-chart] table').first()).toBeVisible();
      const serious = await axeSerious(page);
      expect(serious).toEqual([]);
    });
  }
}

test('every chart has a caption, a glossary link and a text alternative; the table toggle works by keyboard', async ({
  page,
}) => {
  await openPreview(page, 'en');
  const pyramid = page.locator('[data-chart="chart-pyramid"]');
  await expect(pyramid.getByRole('img')).toHaveAttribute('aria-label', /Loyalty pyramid, round 8/);
  await expect(pyramid.getByRole('link')).toHaveAttribute('href', '#/glossary/loyalty-pyramid');
  const toggle = pyramid.getByRole('button', { name: msg('en', 'chart.showTable') });
  await toggle.focus();
  await page.keyboard.press('Enter');
  const table = pyramid.getByRole('table');
  await expect(table).toBeVisible();
  await expect(table.locator('caption')).toHaveText(msg('en', 'chart.pyramid.title'));
  const last = run.history[7];
  const total = last.active + last.pyramid.lost + last.pyramid.onlookers;
  await expect(table.locator('tbody tr').last()).toContainText(
    new Intl.NumberFormat('en').format(total),
  );
  await pyramid.getByRole('button', { name: msg('en', 'chart.showChart') }).press('Enter');
  await expect(pyramid.locator('canvas')).toBeVisible();
  // The key figures are the engine's.
  await expect(page.locator('[data-figure="customers"] .value')).toHaveText(
    new Intl.NumberFormat('en').format(last.active),
  );
});

test('analytics the CRM level does not reveal are locked, naming the level that does', async ({
  page,
}) => {
  await openPreview(page, 'en');
  await page.locator('select[name="crm"]').selectOption('0');
  const pareto = page.locator('[data-chart="chart-pareto"]');
  await expect(pareto).toContainText(msg('en', 'chart.locked.title'));
  await expect(pareto.locator('a[href="#/glossary/crm-analytics"]')).toBeVisible();
  await expect(pareto.locator('canvas')).toHaveCount(0);
});

for (const locale of ['en', 'zh-CN'] as const) {
  test(`a customer story explains the last round with the factors the engine reported (${locale})`, async ({
    page,
  }) => {
    await openPreview(page, locale);
    const story = run.stories[0];
    const persona = scenario.personas.find((p) => p.id === story.id)!;
    const segment = scenario.segments.find((s) => s.id === story.segment)!.label[locale];
    await page.locator(`[data-persona="${story.id}"]`).click();
    await expect(page.locator('#story-panel h3')).toHaveText(persona.name[locale]);
    await expect(page.locator('#story-panel h3')).toBeFocused();
    const p = story.history[story.history.length - 1];
    const round = page.locator(`#story-panel li[data-round="${p.period + 1}"]`);
    await expect(round.locator('details')).toHaveAttribute('open', '');
    const dict = dictionaries[locale] as Record<string, string>;
    const risk = riskPushes(p.riskFactors);
    expect(risk.length).toBeGreaterThan(0);
    for (const r of risk) {
      const phrase = msg(locale, `story.risk.${r.factor}.${r.direction}` as MessageKey, {
        segment,
      });
      await expect(round.locator(`[data-kind="risk"] [data-factor="${r.factor}"]`)).toContainText(
        phrase,
      );
    }
    // Largest push first, as the engine's numbers say.
    await expect(round.locator('[data-kind="risk"] li')).toHaveCount(risk.length);
    expect(
      await round
        .locator('[data-kind="risk"] li')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.factor)),
    ).toEqual(risk.map((r) => r.factor));
    for (const f of rankPushes(p.satisfactionFactors))
      await expect(round.locator('[data-kind="satisfaction"]')).toContainText(
        dict[`story.sat.${f.factor}`],
      );
    // Back to the list returns focus to the customer's button.
    await page.getByRole('button', { name: msg(locale, 'story.back') }).click();
    await expect(page.locator(`[data-persona="${story.id}"]`)).toBeFocused();
  });
}

test('the dashboard fits a phone screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await openPreview(page, 'zh-CN');
  await page.locator('[data-persona]').first().click();
  expect(await overflowsHorizontally(page)).toBe(false);
});
