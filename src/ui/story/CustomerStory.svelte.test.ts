// The glass box in happy-dom, from a real engine run: a tracked customer's story names, for
// each round, the factors the engine reported as moving their satisfaction, attitude and
// risk of leaving, in words from the dictionaries, with risk as relative risk (e^c − 1).
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { mixedConfig, runPolicy } from '../../engine/testkit';
import type { PersonaStory } from '../../engine/types';
import { i18n, type MessageKey } from '../i18n/i18n.svelte';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import CustomerStory from './CustomerStory.svelte';
import StoryList from './StoryList.svelte';
import { rankPushes, riskPushes } from './explain';

const config = mixedConfig({ customers: 300 });
// A harsh policy, so stories have failures, complaints and leavers.
const sim = runPolicy(
  config,
  3,
  { priceLevel: 1.15, serviceQuality: 0, staffTraining: 0, personalCare: 0, feedbackChannels: 2 },
  6,
);
const stories = structuredClone([...sim.personas()]) as PersonaStory[];
const segments = config.segments.map((s) => ({ id: s.id, label: s.label }));
const personas = config.personas.map((p) => ({ ...p }));
const dictionaries = { en, 'zh-CN': zhCN } as const;

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  i18n.locale = 'en';
});

function renderStory(story: PersonaStory) {
  const persona = config.personas.find((p) => p.id === story.id)!;
  const segment = config.segments.find((s) => s.id === story.segment)!;
  app = mount(CustomerStory, {
    target: document.body,
    props: { story, name: persona.name, segmentLabel: segment.label },
  });
  flushSync();
}

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? `{${k}}`);
}

describe('CustomerStory', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`explains every round with the factors the engine reported (${locale})`, () => {
      i18n.locale = locale;
      const dict = dictionaries[locale] as Record<string, string>;
      for (const story of stories) {
        renderStory(story);
        const segment = i18n.text(config.segments.find((s) => s.id === story.segment)!.label);
        for (const p of story.history) {
          const li = document.querySelector<HTMLElement>(`li[data-round="${p.period + 1}"]`)!;
          const text = li.textContent!.replace(/\s+/g, ' ');
          const risk = riskPushes(p.riskFactors);
          // At least the strongest risk factor is named whenever the engine reported one.
          if (p.riskFactors.some((f) => Math.abs(Math.expm1(f.value)) >= 0.005))
            expect(risk.length).toBeGreaterThan(0);
          for (const r of risk) {
            const phrase = fill(dict[`story.risk.${r.factor}.${r.direction}`], { segment });
            expect(phrase, `${story.id} round ${p.period + 1}: ${r.factor}`).toBeTruthy();
            expect(text).toContain(phrase);
            const pct = new Intl.NumberFormat(locale, {
              style: 'percent',
              maximumFractionDigits: 0,
              signDisplay: 'exceptZero',
            }).format(Math.expm1(r.log));
            expect(text).toContain(pct);
          }
          for (const f of rankPushes(p.satisfactionFactors))
            expect(text).toContain(dict[`story.sat.${f.factor}`]);
          for (const f of rankPushes(p.attitudeFactors))
            expect(text).toContain(dict[`story.att.${f.factor}`]);
          // Risk factors are listed largest push first.
          const order = [...li.querySelectorAll<HTMLElement>('[data-kind="risk"] li')].map(
            (x) => x.dataset.factor,
          );
          expect(order).toEqual(risk.map((r) => r.factor));
        }
        unmount(app!);
        app = undefined;
        document.body.innerHTML = '';
      }
    });
  }

  it('has words for every factor id the engine can report', () => {
    const sat = [
      'serviceFailure',
      'complaintIgnored',
      'complaintRecovered',
      'complaintUnresolved',
      'serviceQuality',
      'personalCare',
      'priceValue',
      'brand',
      'switchingBarriers',
      'expectations',
      'habituation',
      'event',
    ];
    const att = [
      'completeSatisfaction',
      'neglect',
      'switchingBarriers',
      'dissatisfaction',
      'bounds',
      'complaintRecovered',
      'event',
    ];
    for (const f of sat) expect(i18n.has(`story.sat.${f}`), f).toBe(true);
    for (const f of att) expect(i18n.has(`story.att.${f}`), f).toBe(true);
    return import('../../engine/stages').then(({ RISK_FACTORS }) => {
      for (const f of RISK_FACTORS)
        for (const d of ['up', 'down'])
          expect(i18n.has(`story.risk.${f}.${d}` as MessageKey), `${f}.${d}`).toBe(true);
    });
  });

  it('marks the journey: purchases, failures, complaints, recoveries and leaving', () => {
    i18n.locale = 'en';
    // This run has service failures and leavers to show.
    expect(stories.some((st) => st.history.some((p) => p.failed))).toBe(true);
    expect(stories.some((st) => st.history.some((p) => p.left))).toBe(true);
    const story = stories.find((s) => s.history.some((p) => p.left && p.failed)) ?? stories[0];
    renderStory(story);
    for (const p of story.history) {
      const marks = [
        ...document.querySelectorAll<HTMLElement>(`li[data-round="${p.period + 1}"] [data-mark]`),
      ].map((m) => m.dataset.mark);
      expect(marks.includes('bought')).toBe(p.purchased);
      expect(marks.includes('failed')).toBe(p.failed);
      expect(marks.includes('complained')).toBe(p.complained);
      expect(marks.includes('left')).toBe(p.left);
    }
    const left = story.history.find((p) => p.left);
    if (left) expect(document.body.textContent).toContain(`Left in round ${left.period + 1}`);
    // The latest round is open; the others can be opened.
    const details = [...document.querySelectorAll('details')];
    expect(details.at(-1)!.open).toBe(true);
  });
});

describe('StoryList', () => {
  it('lists the tracked customers and opens one story at a time, by keyboard-reachable buttons', () => {
    i18n.locale = 'en';
    app = mount(StoryList, { target: document.body, props: { stories, personas, segments } });
    flushSync();
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('button[data-persona]')];
    expect(buttons.map((b) => b.dataset.persona)).toEqual(personas.map((p) => p.id));
    expect(buttons.every((b) => b.getAttribute('aria-expanded') === 'false')).toBe(true);
    buttons[1].click();
    flushSync();
    expect(buttons[1].getAttribute('aria-expanded')).toBe('true');
    expect(document.querySelector('[data-story]')?.getAttribute('data-story')).toBe(personas[1].id);
    expect(document.querySelector('#story-panel h3')!.textContent).toBe(personas[1].name.en);
    buttons[0].click();
    flushSync();
    expect(document.querySelectorAll('[data-story]')).toHaveLength(1);
    expect(document.querySelector('[data-story]')?.getAttribute('data-story')).toBe(personas[0].id);
    [...document.querySelectorAll<HTMLButtonElement>('#story-panel button')]
      .find((b) => b.textContent?.includes(en['story.back']))!
      .click();
    flushSync();
    expect(document.querySelector('[data-story]')).toBeNull();
  });
});
