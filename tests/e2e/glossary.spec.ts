// The glossary: search in both languages, deep links to one card, related-concept links.
import { expect, test } from '@playwright/test';
import { conceptsOnDisk, msg, openApp } from './helpers';

const concepts = conceptsOnDisk();

test('lists every concept and searches in both languages', async ({ page }) => {
  await openApp(page, '#/glossary', 'en');
  const cards = page.locator('article.concept');
  await expect(cards).toHaveCount(concepts.length);

  const target = concepts[concepts.length - 1];
  const search = page.getByRole('searchbox');
  await search.fill(target.term['zh-CN']);
  await expect(cards.first()).toHaveAttribute('id', `concept-${target.id}`);
  await search.fill(target.term.en.toUpperCase());
  await expect(cards.first()).toHaveAttribute('id', `concept-${target.id}`);
  await search.fill('');
  await expect(cards).toHaveCount(concepts.length);
});

test('a deep link opens, shows and focuses one card', async ({ page }) => {
  const target = concepts[concepts.length - 1];
  await openApp(page, `#/glossary/${target.id}`, 'zh-CN');
  const card = page.locator(`#concept-${target.id}`);
  await expect(card).toBeFocused();
  await expect(card).toBeInViewport();
  await expect(card.getByRole('heading', { level: 2 })).toContainText(target.term['zh-CN']);
  await expect(page.locator(`#concept-${target.id}-body`)).toBeVisible();
});

test('related links move to the related card', async ({ page }) => {
  const ids = new Set(concepts.map((c) => c.id));
  const from = concepts.find((c) => c.related.some((id) => ids.has(id)));
  test.skip(!from, 'no concept with a related concept yet');
  const toId = from!.related.find((id) => ids.has(id))!;
  const to = concepts.find((c) => c.id === toId)!;
  await openApp(page, `#/glossary/${from!.id}`, 'en');
  await page.locator(`#concept-${from!.id}`).getByRole('link', { name: to.term.en }).click();
  await expect(page).toHaveURL(new RegExp(`#/glossary/${toId}$`));
  await expect(page.locator(`#concept-${toId}`)).toBeFocused();
  await expect(page.locator(`#concept-${toId}-body`)).toBeVisible();
});

test('an unknown concept id says so and still lists the others', async ({ page }) => {
  await openApp(page, '#/glossary/no-such-concept', 'en');
  await expect(
    page.getByText(msg('en', 'glossary.unknown', { id: 'no-such-concept' })),
  ).toBeVisible();
  await expect(page.locator('article.concept')).toHaveCount(concepts.length);
});
