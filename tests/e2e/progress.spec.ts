// Saved progress in Chromium: seed the browser by importing progress files made by the
// storage room's own exporter (progressFixtures.ts), then the history, a run, the
// comparison, export and import into a fresh browser, a tampered file, a full disk, delete
// with confirmation, a trainer's class results, Home's best score, and axe on every page.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { axeSerious, msg, openApp } from './helpers';
import type { Fixtures } from './progressFixtures';

let fx: Fixtures;

test.beforeAll(() => {
  test.setTimeout(60_000);
  const root = join(import.meta.dirname, '..', '..');
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'tests', 'e2e', 'progressFixtures.ts')],
    { cwd: root, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
  );
  fx = JSON.parse(out) as Fixtures;
});

interface FileSpec {
  name: string;
  text: string;
}

/** Opens the progress page and picks files in the import's file input. */
async function pickFiles(page: Page, files: FileSpec[]) {
  await page.locator('input[type="file"]').setInputFiles(
    files.map((f) => ({
      name: f.name,
      mimeType: 'application/json',
      buffer: Buffer.from(f.text),
    })),
  );
}

/** Imports files (each with the default choice) and waits until each says so. */
async function importFiles(page: Page, files: FileSpec[], locale: 'en' | 'zh-CN' = 'en') {
  await openApp(page, '#/progress', locale);
  await pickFiles(page, files);
  const cards = page.locator('article.file');
  await expect(cards).toHaveCount(files.length);
  if (files.length > 1)
    await page.getByRole('button', { name: msg(locale, 'import.applyAll') }).click();
  else await cards.getByRole('button', { name: msg(locale, 'import.apply'), exact: true }).click();
  await expect(page.locator('.verdict.good')).toHaveCount(files.length);
}

const studentFile = () => ({ name: 'chen-jing.json', text: fx.student });
const runsTable = (page: Page) => page.locator('table.runs tbody tr');
/** Each run's name and score, as the history table shows them. */
const rows = async (p: Page) =>
  (await runsTable(p).locator('th[scope="row"], td.score').allTextContents()).map((s) => s.trim());

test('import, history, a run, compare, export and import into a fresh browser', async ({
  page,
  browser,
}) => {
  test.slow();
  await openApp(page, '#/progress', 'en');
  await pickFiles(page, [studentFile()]);
  const card = page.locator('article.file');
  await expect(card).toContainText('Chen Jing');
  await expect(card).toContainText('MBA 2025 · Group 3');
  await expect(card.locator('tbody tr')).toHaveCount(2);
  expect(await axeSerious(page)).toEqual([]);
  await card.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(card.locator('.verdict.good')).toContainText('3 added, 0 replaced, 0 skipped.');

  // History: both runs, the branch's lineage, the game in progress.
  await page.getByRole('link', { name: msg('en', 'import.toHistory') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'history.title'));
  await expect(runsTable(page)).toHaveCount(2);
  await expect(page.locator('table.runs')).toContainText(
    'Branch of “Textbook policy” from round 4',
  );
  await expect(page.locator('.sessions')).toContainText('Round 3 of 12');
  const historyBefore = await rows(page);
  expect(historyBefore).toHaveLength(4);
  expect(await axeSerious(page)).toEqual([]);

  // A run: its page, its lineage, its dashboards (analytics replayed: the run had a CRM).
  await page.getByRole('link', { name: 'Textbook policy' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Textbook policy');
  await expect(page.locator('.facts .big dd')).toHaveText(fx.studentRuns[0].score.toFixed(1));
  await expect(page.locator('.lineage')).toContainText('1 run branched from this one');
  await expect(page.locator('#dashboard-title')).toBeVisible();
  await expect(page.getByText(msg('en', 'run.analytics.replaying'))).toHaveCount(0, {
    timeout: 15_000,
  });
  await expect(page.getByText(msg('en', 'run.analytics.unavailable'))).toHaveCount(0);
  await expect(page.getByText(msg('en', 'chart.locked.title')).first()).toHaveCount(0);
  expect(await axeSerious(page)).toEqual([]);

  // Play again from round 5: the play route with the branch.
  await page.getByLabel(msg('en', 'run.branch.round')).selectOption({ label: 'Round 5' });
  await page.getByRole('button', { name: msg('en', 'run.branch.go') }).click();
  await expect(page).toHaveURL(/#\/play\/sandbox\?branch=run-textbook&round=4$/);

  // Compare the two runs.
  await page.goto('./#/history');
  await runsTable(page).locator('input[type="checkbox"]').first().check();
  await runsTable(page).locator('input[type="checkbox"]').nth(1).check();
  await page.getByRole('link', { name: msg('en', 'progress.compareSelected') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'compare.title'));
  const diff = page.locator('section.diff');
  // Same decisions until round 3; from round 4 the price cuts, kept to the end: one block.
  await expect(diff.locator('tr.round')).toHaveText(['Rounds 4–12']);
  await expect(diff).toContainText('Price level');
  await expect(diff).toContainText('90% of the market price');
  await expect(page.getByText(msg('en', 'compare.branchNote', { round: '4' }))).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);

  // Export everything, import it into a fresh browser: the same history.
  await page.goto('./#/progress');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: msg('en', 'progressPage.export.button') }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^loyalty-lab-progress-\d{4}-\d\d-\d\d\.json$/);
  const exported = await readFile(await download.path(), 'utf8');

  const fresh = await browser.newContext();
  const page2 = await fresh.newPage();
  await openApp(page2, '#/history', 'en');
  await expect(
    page2.getByRole('heading', { name: msg('en', 'history.empty.title') }),
  ).toBeVisible();
  await importFiles(page2, [{ name: 'backup.json', text: exported }]);
  await page2.goto('./#/history');
  await expect(runsTable(page2)).toHaveCount(2);
  expect(await rows(page2)).toEqual(historyBefore);
  await expect(page2.locator('.sessions')).toContainText('Round 3 of 12');
  await fresh.close();
});

test('a tampered, truncated or future file is refused with the reason, and nothing changes', async ({
  page,
}) => {
  await importFiles(page, [studentFile()]);
  const tampered = fx.student.replace(/"label":"Textbook policy"/, '"label":"Top marks"');
  const truncated = fx.classmates[0].text.slice(0, 5000);
  const future = fx.classmates[0].text.replace('"formatVersion":1', '"formatVersion":2');
  await page.goto('./#/history');
  await page.goto('./#/progress');
  await pickFiles(page, [
    { name: 'tampered.json', text: tampered },
    { name: 'truncated.json', text: truncated },
    { name: 'future.json', text: future },
  ]);
  const cards = page.locator('article.file');
  await expect(cards.locator('.verdict.bad')).toHaveCount(3);
  await expect(cards.nth(0)).toContainText(msg('en', 'import.rejected'));
  await expect(cards.nth(0).locator('ol.problems code').first()).toHaveText('checksum');
  await expect(cards.nth(1).locator('ol.problems')).toContainText(msg('en', 'import.wholeFile'));
  await expect(cards.nth(2).locator('ol.problems')).toContainText(/newer/i);
  await expect(cards.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
  expect(await axeSerious(page)).toEqual([]);

  // The same in Chinese.
  await page.getByRole('button', { name: '中文' }).click();
  await expect(cards.nth(0)).toContainText(msg('zh-CN', 'import.rejected'));

  await page.goto('./#/history');
  await expect(runsTable(page)).toHaveCount(2);
  await expect(page.locator('table.runs')).toContainText('Textbook policy');
  await expect(page.locator('table.runs')).not.toContainText('Top marks');
});

test('duplicates: the learner chooses skip, replace or keep both', async ({ page }) => {
  await importFiles(page, [studentFile()]);
  await page.goto('./#/history');
  await page.goto('./#/progress');
  await pickFiles(page, [studentFile()]);
  const card = page.locator('article.file');
  const choice = card.locator('fieldset.choice');
  await expect(choice).toBeVisible();
  await expect(choice.locator('legend')).toContainText('3 runs or games');
  await expect(card.locator('.badge.dup')).toHaveCount(3);
  expect(await axeSerious(page)).toEqual([]);
  await choice.getByLabel(msg('en', 'import.choice.keepBoth'), { exact: false }).check();
  await card.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(card.locator('.verdict.good')).toContainText('3 added, 0 replaced, 0 skipped.');
  await page.goto('./#/history');
  await expect(runsTable(page)).toHaveCount(4);
});

test('a full disk shows the message and the export offer, which works', async ({ page }) => {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
      if ((window as { __quota?: boolean }).__quota)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args as Parameters<typeof put>);
    } as typeof put;
  });
  await importFiles(page, [studentFile()]);
  await page.goto('./#/settings');
  await page.evaluate(() => ((window as { __quota?: boolean }).__quota = true));
  await page.getByLabel(msg('en', 'profile.name')).fill('Chen Jing (laptop)');
  await page.getByRole('button', { name: msg('en', 'profile.save') }).click();

  const banner = page.locator('section.banner');
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('heading')).toHaveText(msg('en', 'storage.banner.quota'));
  await expect(banner).toContainText('storage for this site is full');
  await expect(page.getByText(msg('en', 'profile.failed'))).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);

  const downloading = page.waitForEvent('download');
  await banner.getByRole('button', { name: msg('en', 'storage.banner.export') }).click();
  const download = await downloading;
  const file = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    data: { runs: unknown[]; sessions: unknown[] };
  };
  expect(file.data.runs).toHaveLength(2);
  expect(file.data.sessions).toHaveLength(1);
  await expect(banner).toContainText(msg('en', 'storage.banner.exported'));
  // The page still works: another page renders.
  await page.getByRole('link', { name: msg('en', 'nav.history'), exact: true }).click();
  await expect(runsTable(page)).toHaveCount(2);
});

test('no IndexedDB: a calm banner, and the app still works', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await openApp(page, '#/history', 'en');
  const banner = page.locator('section.banner');
  await expect(banner.getByRole('heading')).toHaveText(msg('en', 'storage.banner.unavailable'));
  await expect(page.getByRole('heading', { name: msg('en', 'history.off.title') })).toBeVisible();
  await page.getByRole('link', { name: msg('en', 'nav.home') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'home.title'));
  await banner.getByRole('button', { name: msg('en', 'storage.banner.dismiss') }).click();
  await expect(banner).toHaveCount(0);
});

test('delete a run, and all data, with confirmation', async ({ page }) => {
  await importFiles(page, [studentFile()]);
  await page.goto('./#/history/run-branch');
  await expect(page.locator('.lineage')).toContainText(
    'Branched from Textbook policy at the start of round 4',
  );

  await page.getByRole('button', { name: msg('en', 'run.delete') }).click();
  const dialog = page.getByRole('dialog', { name: msg('en', 'run.delete.title') });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: msg('en', 'dialog.cancel') })).toBeFocused();
  expect(await axeSerious(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.getByRole('button', { name: msg('en', 'run.delete') }).click();
  await dialog.getByRole('button', { name: msg('en', 'run.delete.confirm') }).click();
  await expect(page).toHaveURL(/#\/history$/);
  await expect(runsTable(page)).toHaveCount(1);

  // Delete everything: the word must be typed first.
  await page.goto('./#/settings');
  await page.getByRole('button', { name: msg('en', 'deleteAll.open') }).click();
  const all = page.getByRole('dialog', { name: msg('en', 'deleteAll.dialog.title') });
  const confirm = all.getByRole('button', { name: msg('en', 'deleteAll.dialog.confirm') });
  await expect(confirm).toBeDisabled();
  await all.getByLabel('Type DELETE to confirm').fill('delet');
  await expect(confirm).toBeDisabled();
  await all.getByLabel('Type DELETE to confirm').fill('DELETE');
  await confirm.click();
  await expect(page.getByText(msg('en', 'deleteAll.done'))).toBeVisible();
  await page.goto('./#/history');
  await expect(page.getByRole('heading', { name: msg('en', 'history.empty.title') })).toBeVisible();
});

test('a trainer imports a class and sorts its results; names stay text', async ({ page }) => {
  await importFiles(page, [
    studentFile(),
    ...fx.classmates.map((c, k) => ({ name: `student-${k}.json`, text: c.text })),
  ]);
  expect(await page.evaluate(() => (window as { hacked?: number }).hacked)).toBeUndefined();
  await page.goto('./#/history');
  await page.getByRole('link', { name: msg('en', 'progress.classResults') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('en', 'results.title'));
  const names = page.locator('table tbody th[scope="row"]');
  // Best run per learner, highest score first.
  await expect(names).toHaveText(['Chen Jing', fx.classmates[1].name, 'Liu Yang']);
  await expect(page.locator('table img')).toHaveCount(0);
  await page.getByRole('button', { name: msg('en', 'results.name') }).click();
  await expect(names.first()).toHaveText(fx.classmates[1].name);
  await page.getByLabel(msg('en', 'results.bestOnly')).uncheck();
  await expect(names).toHaveCount(4);
  await page.getByLabel(msg('en', 'results.team')).selectOption('MBA 2025 · Group 1');
  await expect(names).toHaveText(['Liu Yang']);
  expect(await axeSerious(page)).toEqual([]);

  // Home: the best score and the game in progress.
  await page.goto('./#/');
  const card = page.locator('article.scenario', { hasText: 'Sandbox' }).first();
  await expect(card).toContainText(msg('en', 'scenario.best'));
  await expect(card).toContainText(fx.studentRuns[0].score.toFixed(1));
  await expect(card).toContainText('In progress: round 3 of 12');
  await expect(card.getByRole('link', { name: /^Resume/ })).toHaveAttribute(
    'href',
    '#/play/sandbox',
  );
});

test('the progress pages in Chinese pass axe in the dark theme', async ({ page }) => {
  test.slow();
  await page.emulateMedia({ colorScheme: 'dark' });
  await importFiles(page, [studentFile()], 'zh-CN');
  for (const hash of [
    '#/history',
    '#/history/run-textbook',
    '#/compare/run-textbook/run-branch',
    '#/results/sandbox',
    '#/settings',
  ]) {
    await page.goto(`./${hash}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('main')).not.toContainText(msg('zh-CN', 'history.loading'));
    expect(await axeSerious(page), hash).toEqual([]);
  }
});
