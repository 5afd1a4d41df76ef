// Playing scenarios in the browser, from Home to the finished quiz, with the scenario's
// recommended policy driven through the interface (levers, event answers, complaint
// responses), in both languages. After each round the visible figures must change; the
// debrief's score must equal the engine's own score for the same seed and decisions,
// computed here in Node with runScenario.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLevers } from '../../src/engine/levers';
import { runScenario } from '../../src/scenario/headless';
import {
  leversAt,
  referencePolicy,
  BY_VALUE_RESPONSES,
  type Policy,
} from '../../src/scenario/policy';
import type { Scenario } from '../../src/scenario/types';
import {
  answerOpenDialog,
  axeSerious,
  forwardButton,
  msg,
  openApp,
  overflowsHorizontally,
  phaseOf,
  scenariosOnDisk,
  type Locale,
} from './helpers';

const root = join(import.meta.dirname, '..', '..');

function scenarioFile(id: string): Scenario {
  return JSON.parse(readFileSync(join(root, 'scenarios', `${id}.json`), 'utf8')) as Scenario;
}

/** The score as the debrief writes it: one decimal, in the page's language. */
function scoreText(score: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(score);
}

/** Sets the levers of `values` on the decide screen, as a learner would. */
async function setLevers(page: Page, scenario: Scenario, values: Record<string, number>) {
  for (const [id, value] of Object.entries(values)) {
    const setting = scenario.levers.find((l) => l.id === id);
    if (!setting || setting.locked) continue;
    const card = page.locator(`[data-lever="${id}"]`);
    const slider = card.locator('input[type="range"]');
    if ((await slider.count()) > 0) await slider.fill(String(value));
    else await card.locator(`input[type="radio"][value="${value}"]`).check();
  }
}

/** Answers the round's events with the policy's choices (else the default, else the first). */
async function answerEvents(page: Page, scenario: Scenario, policy: Policy) {
  const dialog = page.locator('dialog[open]');
  for (let guard = 0; guard < 10; guard++) {
    if (!(await dialog.isVisible())) {
      const open = page.locator('[data-event]:not(.done) button').first();
      if ((await open.count()) === 0) break;
      await open.click();
    }
    const eventId = await dialog.locator('[data-event-dialog]').getAttribute('data-event-dialog');
    const event = scenario.events.find((e) => e.id === eventId)!;
    const choice = policy.eventChoices?.[event.id] ?? event.defaultChoice ?? event.choices[0].id;
    await dialog.locator(`input[type="radio"][value="${choice}"]`).check();
    const next = dialog.getByTestId('dialog-next');
    if (await next.isVisible()) await next.click();
    else await dialog.getByTestId('dialog-done').click();
  }
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('[data-event]:not(.done)')).toHaveCount(0);
}

/**
 * Answers the inbox like the policy's complaintPolicy ("default" leaves it to the levers),
 * after checking that complaints of one type say different things while the scenario has
 * enough versions of its message.
 */
async function answerComplaints(page: Page, scenario: Scenario, policy: Policy) {
  const cards = page.locator('[data-complaint]');
  await expect(cards.first()).toBeVisible();
  for (const type of scenario.complaintTypes) {
    const words = await cards
      .and(page.locator(`[data-complaint-type="${type.id}"]`))
      .locator('blockquote')
      .allTextContents();
    const versions = Array.isArray(type.message) ? type.message.length : 1;
    expect(new Set(words).size, `${type.id}: ${words.join(' | ')}`).toBe(
      Math.min(words.length, versions),
    );
  }
  const p = policy.complaintPolicy;
  if (p === undefined || p === 'default') return;
  const n = await cards.count();
  for (let i = 0; i < n; i++) {
    const card = cards.nth(i);
    const tier = (await card.getAttribute('data-tier')) as 'A' | 'B' | 'C';
    const r = p === 'byValue' ? BY_VALUE_RESPONSES[tier] : p;
    await card.locator('select').selectOption(String(r.hours));
    await card.locator(`input[type="radio"][value="${r.action}"]`).check();
  }
}

async function playScenario(page: Page, id: string, locale: Locale, seed: number) {
  const scenario = scenarioFile(id);
  const policy = referencePolicy(scenario, 'recommended')!;
  const title = scenario.meta.title[locale];
  const expected = runScenario(scenario, { seed, policy });

  // Home → the scenario's card → briefing; the seed is set on the briefing.
  await openApp(page, '#/', locale);
  await page.getByRole('link', { name: msg(locale, 'scenario.startNamed', { title }) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.getByLabel(msg(locale, 'play.seed.label'), { exact: true }).fill(String(seed));
  await page.getByRole('button', { name: msg(locale, 'play.seed.use') }).click();
  await expect(page).toHaveURL(new RegExp(`#/play/${id}\\?seed=${seed}$`));
  await expect(
    page.getByText(msg(locale, 'play.seed.short', { seed: String(seed) })),
  ).toBeVisible();
  await page.getByRole('button', { name: msg(locale, 'play.briefing.start') }).click();

  let previousFigures = '';
  for (let round = 0; round < scenario.meta.periods; round++) {
    await page.getByRole('button', { name: msg(locale, 'play.review.decide') }).click();
    await expect(page.locator('[data-testid="budget"]')).toBeVisible();
    await setLevers(page, scenario, leversAt(policy, round));
    await expect(page.getByTestId('budget-problems')).toHaveCount(0);

    // Events, then complaints, as the round has them; then run the period.
    const forward = page.getByTestId('step-forward');
    for (let step = 0; step < 3; step++) {
      const phase = await page.locator('[data-phase]').getAttribute('data-phase');
      if (phase === 'events') await answerEvents(page, scenario, policy);
      if (phase === 'complaints') await answerComplaints(page, scenario, policy);
      await expect(forward).toBeEnabled();
      await forward.click();
      await expect(page.locator('[data-phase]')).not.toHaveAttribute('data-phase', phase!);
      const now = await page.locator('[data-phase]').getAttribute('data-phase');
      if (now === 'simulating' || now === 'roundReport') break;
    }

    const figures = page.getByTestId('round-figures');
    await expect(figures).toBeVisible({ timeout: 15_000 });
    const text = await figures.innerText();
    expect(text, `figures after round ${round + 1}`).not.toEqual(previousFigures);
    // The customers count shown is the engine's for this round.
    expect(text).toContain(new Intl.NumberFormat(locale).format(expected.periods[round].active));
    previousFigures = text;
    await page.getByTestId('report-continue').click();
  }

  // Debrief: the score is the engine's for the same seed and decisions.
  await expect(page.getByTestId('debrief-score')).toHaveText(
    scoreText(expected.final.score, locale),
    {
      timeout: 15_000,
    },
  );

  const quizButton = msg(
    locale,
    scenario.quiz.length ? 'play.debrief.toQuiz' : 'play.debrief.toFinish',
  );
  await page.getByRole('button', { name: quizButton }).click();

  // Quiz: the right answer everywhere but the first question.
  for (const [i, q] of scenario.quiz.entries()) {
    await expect(page.locator('[data-phase="quiz"] h2')).toContainText(String(i + 1));
    const option = i === 0 ? (q.answer + 1) % q.options.length : q.answer;
    await page.getByRole('radio', { name: q.options[option][locale], exact: true }).check();
    await page.getByRole('button', { name: msg(locale, 'play.quiz.check') }).click();
    await expect(page.getByTestId('quiz-verdict')).toHaveText(
      msg(locale, i === 0 ? 'play.quiz.incorrect' : 'play.quiz.correct'),
    );
    await expect(page.getByText(q.explanation[locale])).toBeVisible();
    const last = i === scenario.quiz.length - 1;
    await page
      .getByRole('button', { name: msg(locale, last ? 'play.quiz.finish' : 'play.quiz.next') })
      .click();
  }

  await expect(
    page.getByRole('heading', { name: msg(locale, 'play.finished.title') }),
  ).toBeVisible();
  await expect(page.getByTestId('final-score')).toHaveText(scoreText(expected.final.score, locale));
  // The finished game is saved as a run with that score (and its quiz result).
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<number[]>((resolve, reject) => {
            const open = indexedDB.open('loyalty-lab');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const get = open.result.transaction('runs').objectStore('runs').getAll();
              get.onerror = () => reject(get.error);
              get.onsuccess = () => resolve(get.result.map((r: { score: number }) => r.score));
            };
          }),
      ),
    )
    .toEqual([expected.final.score]);

  // "Play again from a round" (the run's page links here): the run's first rounds are
  // replayed on its seed, and the new game starts at that round.
  if (id === 'sandbox' && locale === 'en') {
    const runId = await page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('loyalty-lab');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('runs').objectStore('runs').getAllKeys();
            get.onsuccess = () => resolve(String(get.result[0]));
          };
        }),
    );
    await page.goto(`./#/play/sandbox?branch=${runId}&round=3`);
    await expect(page.getByTestId('branch-note')).toBeVisible();
    const q4 = msg(locale, 'play.periodN.quarter', { n: '4' });
    await page
      .getByRole('button', { name: msg(locale, 'play.briefing.continue', { period: q4 }) })
      .click();
    await expect(page.locator('[data-phase="review"] [data-phase-heading]')).toHaveText(
      msg(locale, 'play.review.title', { period: msg(locale, 'play.periodN.quarter', { n: '4' }) }),
    );
    await expect(
      page.getByText(msg(locale, 'play.seed.short', { seed: String(seed) })),
    ).toBeVisible();
    await page.getByRole('button', { name: msg(locale, 'play.review.decide') }).click();
    await setLevers(page, scenario, leversAt(policy, 3));
    await page.getByTestId('step-forward').click();
    // The same decisions on the same seed: the branch's round 4 is the original's.
    await expect(page.getByTestId('round-figures')).toContainText(
      new Intl.NumberFormat(locale).format(expected.periods[3].active),
    );
  }
  if (scenario.quiz.length)
    await expect(page.getByTestId('quiz-score')).toHaveText(
      msg(locale, 'play.finished.quizScore', {
        correct: String(scenario.quiz.length - 1),
        total: String(scenario.quiz.length),
      }),
    );
}

const locales: Locale[] = ['zh-CN', 'en'];
for (const { id } of scenariosOnDisk()) {
  for (const [k, locale] of locales.entries()) {
    test(`${id}: Home to the finished quiz with the recommended policy, in ${locale}`, async ({
      page,
    }) => {
      test.setTimeout(180_000);
      await playScenario(page, id, locale, 11 + k);
    });
  }
}

test('a scenario file with problems gets a page listing them, with their paths', async ({
  page,
}) => {
  const broken = scenarioFile('sandbox') as unknown as {
    levers: { max?: unknown }[];
    setting: { budgetPerPeriod: unknown };
  };
  broken.levers[0].max = 'high';
  broken.setting.budgetPerPeriod = -5;
  await page.route(/\/assets\/sandbox-[^/]*\.js$/, (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `export default ${JSON.stringify(JSON.stringify(broken))};`,
    }),
  );
  await openApp(page, '#/play/sandbox', 'en');
  await expect(page.getByRole('heading', { name: msg('en', 'play.problems.title') })).toBeVisible();
  await expect(page.getByText('levers[0].max', { exact: true })).toBeVisible();
  await expect(page.getByText('setting.budgetPerPeriod', { exact: true })).toBeVisible();
  await expect(page.locator('main')).not.toContainText(/at .*\.js:\d+/);
});

test('the lever panel explains an over-budget draft in words, and undo restores it', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const scenario = scenarioFile('sandbox');
  await openApp(page, '#/play/sandbox?seed=5', 'en');
  await page.getByRole('button', { name: msg('en', 'play.briefing.start') }).click();
  await page.getByRole('button', { name: msg('en', 'play.review.decide') }).click();
  const forward = page.getByTestId('step-forward');
  await expect(forward).toBeEnabled();
  const spent = await page.getByTestId('budget-spent').innerText();
  // Every lever at its maximum: over the budget, and nothing clamped.
  const max = Object.fromEntries(resolveLevers(scenario.levers).map((l) => [l.id, l.max]));
  await setLevers(page, scenario, max);
  await expect(page.getByTestId('budget-problems')).toContainText('more than your budget');
  await expect(forward).toBeDisabled();
  await expect(page.getByText(msg('en', 'play.nav.blockedDraft'))).toBeVisible();
  await expect(page.locator('[data-lever="acquisitionSpend"] input[type="range"]')).toHaveValue(
    '1',
  );
  expect(await axeSerious(page)).toEqual([]);
  const undo = page.getByRole('button', { name: msg('en', 'play.undo') });
  for (let i = 0; i < 30 && (await undo.isEnabled()); i++) await undo.click();
  await expect(undo).toBeDisabled();
  await expect(page.getByTestId('budget-spent')).toHaveText(spent);
  await expect(forward).toBeEnabled();
});

test('an event dialog is keyboard-accessible, and Escape keeps the answer given', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const scenario = scenarioFile('satisfied-but-leaving');
  const event = scenario.events.find((e) => e.trigger.atPeriod !== undefined)!;
  const round = event.trigger.atPeriod!;
  await openApp(page, '#/play/satisfied-but-leaving?seed=3', 'en');
  await page.getByRole('button', { name: msg('en', 'play.briefing.start') }).click();
  for (let r = 0; r < round; r++) {
    await page.getByRole('button', { name: msg('en', 'play.review.decide') }).click();
    await page.getByTestId('step-forward').click();
    await page.getByTestId('report-continue').click();
  }
  await page.getByRole('button', { name: msg('en', 'play.review.decide') }).click();
  await page.getByTestId('step-forward').click();

  const dialog = page.getByRole('dialog', { name: event.title.en });
  await expect(dialog).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
  // Focus is in the dialog, on the first choice; arrows pick, Tab stays inside.
  await expect(dialog.getByRole('radio').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio').nth(1)).toBeChecked();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const card = page.locator(`[data-event="${event.id}"]`);
  await expect(card).toContainText(event.choices[1].label.en);
  await expect(card.getByRole('button')).toBeFocused();
});

test('a large base runs on a Web Worker with the same results as the page', async ({ browser }) => {
  test.setTimeout(60_000);
  const figures: string[] = [];
  for (const engine of ['worker', 'main'] as const) {
    // A context each: the second must not resume the first one's saved game.
    const page = await (await browser.newContext()).newPage();
    await openApp(page, `#/play/sandbox?seed=21&engine=${engine}`, 'en');
    await page.getByRole('button', { name: msg('en', 'play.briefing.start') }).click();
    const shown: string[] = [];
    for (let r = 0; r < 2; r++) {
      await page.getByRole('button', { name: msg('en', 'play.review.decide') }).click();
      await page.getByTestId('step-forward').click();
      shown.push(await page.getByTestId('round-figures').innerText());
      await page.getByTestId('report-continue').click();
    }
    expect(page.workers().length, `workers with engine=${engine}`).toBe(
      engine === 'worker' ? 1 : 0,
    );
    figures.push(shown.join('\n'));
    await page.context().close();
  }
  expect(figures[0]).toEqual(figures[1]);
});

test('the engine is not part of the first-screen bundle', async ({ page }) => {
  const loaded: string[] = [];
  page.on('request', (r) => loaded.push(r.url()));
  await openApp(page, '#/', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(loaded.filter((u) => /\/assets\/(Play|chartjs|engine)/.test(u))).toEqual([]);
});

test('a reload resumes the game exactly where it stopped, mid-round', async ({ page }) => {
  test.setTimeout(60_000);
  await openApp(page, '#/play/sandbox?seed=8', 'en');
  await page.getByRole('button', { name: msg('en', 'play.briefing.start') }).click();
  await page.getByRole('button', { name: msg('en', 'play.review.decide') }).click();
  await page.getByTestId('step-forward').click();
  const figures = await page.getByTestId('round-figures').innerText();
  await page.getByTestId('report-continue').click();
  await page.getByRole('button', { name: msg('en', 'play.review.decide') }).click();
  const care = page.locator('[data-lever="personalCare"] input[type="range"]');
  await care.fill('0.5');
  await expect(page.getByRole('button', { name: msg('en', 'play.undo') })).toBeEnabled();
  // Autosave waits for a quiet moment; leaving the page flushes it too.
  await page.waitForTimeout(1000);
  await page.reload();
  await expect(page.locator('[data-phase]')).toHaveAttribute('data-phase', 'decide');
  await expect(page.getByText(msg('en', 'play.seed.short', { seed: '8' }))).toBeVisible();
  await expect(care).toHaveValue('0.5');
  // Undo still works after the reload: the round's undo history was saved with it.
  await page.getByRole('button', { name: msg('en', 'play.undo') }).click();
  await expect(care).not.toHaveValue('0.5');
  await page.getByTestId('step-forward').click();
  await expect(page.getByTestId('round-figures')).not.toHaveText(figures);
});

for (const [colorScheme, locale, width] of [
  ['light', 'en', 1920],
  ['dark', 'zh-CN', 375],
] as const) {
  // (375 px with large type)
  test(`every play screen: axe finds nothing serious, nothing wider than the window (${colorScheme}, ${locale}, ${width} px)`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height: width > 1000 ? 1080 : 812 });
    // The phone run also uses Settings' large type: the hardest fit.
    if (width < 1000)
      await page.addInitScript(() => localStorage.setItem('loyalty-lab.largeType', 'true'));
    await page.emulateMedia({ colorScheme });
    await openApp(page, '#/play/complaint-desk?seed=4', locale);
    const checked = new Set<string>();
    const check = async (name: string) => {
      if (checked.has(name)) return;
      checked.add(name);
      expect(await axeSerious(page), name).toEqual([]);
      expect(await overflowsHorizontally(page), `${name} overflows`).toBe(false);
    };
    for (let guard = 0; guard < 200; guard++) {
      const p = await phaseOf(page);
      if (p === 'finished') {
        await check(p);
        break;
      }
      if (p === 'simulating') {
        await page.waitForTimeout(100);
        continue;
      }
      if (p === 'events' && (await page.locator('dialog[open]').count())) {
        await check('event dialog');
        await answerOpenDialog(page);
        continue;
      }
      if (p === 'debrief') await expect(page.getByTestId('debrief-score')).toBeVisible();
      await check(p!);
      if (p === 'quiz') {
        const form = page.locator('[data-phase="quiz"] form');
        if (await form.getByRole('button').isVisible()) {
          await form.getByRole('radio').first().check();
          await form.getByRole('button').click();
          await check('quiz feedback');
        }
        await page.locator('[data-phase="quiz"] .actions-row button').last().click();
        continue;
      }
      await forwardButton(page, p)!.click();
    }
    expect([...checked]).toEqual(
      expect.arrayContaining([
        'briefing',
        'review',
        'decide',
        'event dialog',
        'events',
        'complaints',
        'roundReport',
        'debrief',
        'quiz',
        'quiz feedback',
        'finished',
      ]),
    );
  });
}

test('a round can be played with the keyboard alone', async ({ page }) => {
  test.setTimeout(60_000);
  await openApp(page, '#/play/sandbox?seed=6', 'en');
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  /** Tabs until the focused element matches, like a keyboard user would. */
  async function tabTo(locator: ReturnType<Page['locator']>) {
    for (let i = 0; i < 200; i++) {
      if (await locator.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`could not reach ${locator} with Tab (at "${await focused()}")`);
  }
  await tabTo(page.getByRole('button', { name: msg('en', 'play.briefing.start') }));
  await page.keyboard.press('Enter');
  // Focus moves to the new screen's heading.
  await expect(page.locator('[data-phase="review"] [data-phase-heading]')).toBeFocused();
  await tabTo(page.getByRole('button', { name: msg('en', 'play.review.decide') }));
  await page.keyboard.press('Enter');
  const care = page.locator('[data-lever="personalCare"] input[type="range"]');
  const before = await care.inputValue();
  await tabTo(care);
  await page.keyboard.press('ArrowRight');
  await expect(care).not.toHaveValue(before);
  await tabTo(page.getByTestId('step-forward'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('round-figures')).toBeVisible();
  await tabTo(page.getByTestId('report-continue'));
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-phase="review"] [data-phase-heading]')).toContainText('2');
});
