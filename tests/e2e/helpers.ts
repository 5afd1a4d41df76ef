/**
 * Shared helpers for the browser tests: the routes, the dictionaries, and the
 * scenario and concept files as they are on disk right now (the tests adapt to
 * whatever scenarios exist, including none).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { en, type MessageKey } from '../../src/ui/i18n/en';
import { zhCN } from '../../src/ui/i18n/zh-CN';

export type Locale = 'zh-CN' | 'en';
export const locales: Locale[] = ['zh-CN', 'en'];
export const dictionaries = { 'zh-CN': zhCN, en } as const;

export function msg(locale: Locale, key: MessageKey, params: Record<string, string> = {}): string {
  return dictionaries[locale][key].replace(/\{(\w+)\}/g, (w, name: string) => params[name] ?? w);
}

type Text = Record<Locale, string>;
const root = join(import.meta.dirname, '..', '..');

export interface ScenarioOnDisk {
  id: string;
  title: Text;
}

/** Scenario files directly in scenarios/, with a meta title. */
export function scenariosOnDisk(): ScenarioOnDisk[] {
  return readdirSync(join(root, 'scenarios'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const file = JSON.parse(readFileSync(join(root, 'scenarios', name), 'utf8')) as {
        meta?: { title?: Text };
      };
      return { id: name.replace(/\.json$/, ''), title: file.meta?.title as Text };
    })
    .filter((s) => s.title && typeof s.title.en === 'string');
}

export interface ConceptOnDisk {
  id: string;
  term: Text;
  short: Text;
  related: string[];
}

export function conceptsOnDisk(): ConceptOnDisk[] {
  const file = JSON.parse(
    readFileSync(join(root, 'scenarios', 'concepts', 'concepts.json'), 'utf8'),
  ) as { concepts: ConceptOnDisk[] };
  return file.concepts;
}

export interface RouteCase {
  name: string;
  hash: string;
  /** The page's h1 in each language. */
  heading: Text;
}

/** One case per route; Play twice when a scenario exists (known and unknown id). */
export function routeCases(): RouteCase[] {
  const both = (key: MessageKey, params?: Record<string, string>): Text => ({
    'zh-CN': msg('zh-CN', key, params),
    en: msg('en', key, params),
  });
  const concept = conceptsOnDisk()[0];
  const cases: RouteCase[] = [
    { name: 'home', hash: '#/', heading: both('home.title') },
    { name: 'glossary', hash: '#/glossary', heading: both('glossary.title') },
    { name: 'glossary-concept', hash: `#/glossary/${concept.id}`, heading: both('glossary.title') },
    { name: 'settings', hash: '#/settings', heading: both('settings.title') },
    { name: 'play-unknown', hash: '#/play/no-such-scenario', heading: both('play.notFound.title') },
    { name: 'not-found', hash: '#/no/such/page', heading: both('notFound.title') },
  ];
  const scenario = scenariosOnDisk()[0];
  if (scenario) {
    cases.push({ name: 'play', hash: `#/play/${scenario.id}`, heading: scenario.title });
  }
  return cases;
}

/** Opens the app at `hash` with the interface language already chosen. */
export async function openApp(page: Page, hash: string, locale: Locale): Promise<void> {
  await page.addInitScript((value) => {
    localStorage.setItem('loyalty-lab.locale', value);
  }, locale);
  await page.goto(`./${hash}`);
}

/** True when the page is wider than the window (a horizontal scrollbar). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

/**
 * axe-core's serious and critical violations on the page, one line each. Waits first for the
 * page's finite animations and transitions (a screen fading in) to end: text caught half
 * transparent fails colour contrast on a busy machine, where the fade outlasts the test's step.
 */
export async function axeSerious(page: Page): Promise<string[]> {
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    // Until two frames pass with none running: a screen may mount (and fade in) a frame late.
    for (let quiet = 0, guard = 0; quiet < 2 && guard < 100; guard++) {
      const running = document
        .getAnimations()
        .filter(
          (a) =>
            a.playState === 'running' &&
            Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity),
        );
      quiet = running.length ? 0 : quiet + 1;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
      await frame();
    }
  });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')} ` +
        `(first: ${v.nodes[0]?.failureSummary ?? ''})`,
    );
}

/** The play page's current screen: its `data-phase` (briefing, review, decide, events, ...). */
export function phaseOf(page: Page): Promise<string | null> {
  return page.locator('[data-phase]').getAttribute('data-phase');
}

/**
 * Answers the page of the open event dialog with its first choice and moves on (next page,
 * or done); false when no dialog is open.
 */
export async function answerOpenDialog(page: Page): Promise<boolean> {
  const dialog = page.locator('dialog[open]');
  if (!(await dialog.count())) return false;
  await dialog.getByRole('radio').first().check();
  const next = dialog.getByTestId('dialog-next');
  if (await next.isVisible()) await next.click();
  else await dialog.getByTestId('dialog-done').click();
  return true;
}

/**
 * The button that takes a play screen forward with what it shows (the levers as they are,
 * complaints left to the policy); undefined for screens that have none (simulating, quiz,
 * finished).
 */
export function forwardButton(page: Page, phase: string | null): Locator | undefined {
  const buttons: Record<string, Locator> = {
    briefing: page.locator('.start-button'),
    review: page.locator('[data-phase="review"] .actions-row button').last(),
    decide: page.getByTestId('step-forward'),
    events: page.getByTestId('step-forward'),
    complaints: page.getByTestId('step-forward'),
    roundReport: page.getByTestId('report-continue'),
    debrief: page.locator('[data-phase="debrief"] .actions-row button'),
  };
  return phase ? buttons[phase] : undefined;
}
