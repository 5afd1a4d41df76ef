// The lever panel given a machine snapshot: the budget it shows (spent, budget, left or
// over), the engine's objections in words, locked levers and undo. A real session actor on
// the sandbox scenario supplies the snapshots; the panel only shows them and sends events.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveLevers } from '../../engine/levers';
import { MainThreadEngine } from '../../scenario/engineAdapter';
import sandboxFile from '../../../scenarios/sandbox.json';
import { startSession, type SessionActor } from '../../scenario/session';
import type { SessionEvent } from '../../scenario/session.machine';
import type { Scenario } from '../../scenario/types';
import { toEngineConfig } from '../../scenario/validate';
import { i18n } from '../i18n/i18n.svelte';
import LeverPanel from './LeverPanel.svelte';

let component: ReturnType<typeof mount> | undefined;
let actor: SessionActor;
let scenario: Scenario;
const props = $state<{ snapshot: ReturnType<SessionActor['getSnapshot']> | null }>({
  snapshot: null,
});
const sent: SessionEvent[] = [];
/** A fresh copy of the sandbox scenario (every lever on offer). */
const fullScenario = () => structuredClone(sandboxFile) as unknown as Scenario;

function start(s: Scenario) {
  scenario = s;
  const engine = MainThreadEngine.create(toEngineConfig(s), 7);
  actor = startSession({ scenario: s, engine, minSimulatingMs: 0 }, 7);
  actor.send({ type: 'session.start' });
  actor.send({ type: 'round.begin' });
  props.snapshot = actor.getSnapshot();
  component = mount(LeverPanel, {
    target: document.body,
    props: {
      get snapshot() {
        return props.snapshot!;
      },
      scenario: s,
      send: (e: SessionEvent) => {
        sent.push(e);
        actor.send(e);
        props.snapshot = actor.getSnapshot();
      },
    },
  });
  flushSync();
}

const text = (testId: string) =>
  document.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';
const money = (v: number, locale = 'en') =>
  new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    maximumFractionDigits: 0,
  }).format(v);

beforeEach(() => {
  i18n.locale = 'en';
  sent.length = 0;
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  actor?.stop();
  document.body.innerHTML = '';
});

describe('the lever panel', () => {
  it('shows what the levers cost, the budget and what is left', () => {
    start(fullScenario());
    const { cost, budget } = actor.getSnapshot().context.check;
    expect(cost).toBeGreaterThan(0);
    expect(text('budget-spent')).toBe(money(cost));
    expect(text('budget-total')).toBe(money(budget));
    expect(text('budget-left')).toBe(money(budget - cost));
    expect(document.body.textContent).toContain('Your decisions fit the budget.');
    expect(document.querySelector('[data-testid="budget-problems"]')).toBeNull();
  });

  it('explains an over-budget draft in words and keeps the values as set', () => {
    start(fullScenario());
    for (const l of resolveLevers(scenario.levers)) {
      const input = document.querySelector<HTMLInputElement>(
        `[data-lever="${l.id}"] input[type="range"]`,
      );
      if (!input) continue;
      input.value = String(l.max);
      input.dispatchEvent(new Event('change', { bubbles: true }));
      flushSync();
    }
    const { check } = actor.getSnapshot().context;
    expect(check.problems.map((p) => p.code)).toEqual(['overBudget']);
    expect(text('budget-left')).toBe(money(check.cost - check.budget));
    expect(document.body.textContent).toContain('Over budget by');
    const message = text('budget-problems');
    expect(message).toContain(money(check.cost));
    expect(message).toContain(money(check.budget));
    expect(message).toContain('Lower one or more levers');
    // Not clamped: the slider keeps the value the learner chose.
    expect(
      document.querySelector<HTMLInputElement>('[data-lever="acquisitionSpend"] input')?.value,
    ).toBe('1');
  });

  it('enables undo after a change, and undo sends round.undo', () => {
    start(fullScenario());
    const undo = [...document.querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Undo'),
    )!;
    expect(undo.disabled).toBe(true);
    const input = document.querySelector<HTMLInputElement>('[data-lever="personalCare"] input')!;
    input.value = '0.5';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(sent.at(-1)).toEqual({ type: 'lever.set', id: 'personalCare', value: 0.5 });
    expect(undo.disabled).toBe(false);
    undo.click();
    flushSync();
    expect(sent.at(-1)).toEqual({ type: 'round.undo' });
    expect(actor.getSnapshot().context.draft.levers.personalCare).toBe(
      scenario.levers.find((l) => l.id === 'personalCare')?.default ?? 0.1,
    );
    expect(undo.disabled).toBe(true);
  });

  it('lists a locked lever as fixed, with its value and cost but no control', () => {
    const s = fullScenario();
    const lever = s.levers.find((l) => l.id === 'serviceQuality')!;
    lever.locked = true;
    start(s);
    const fixed = document.querySelector('.fixed')!;
    expect(fixed.textContent).toContain('Fixed in this scenario');
    const row = fixed.querySelector('[data-lever="serviceQuality"]')!;
    expect(row.textContent).toContain('Service quality');
    const cost = actor.getSnapshot().context.check.byLever.serviceQuality ?? 0;
    expect(row.textContent).toContain(money(cost));
    expect(row.querySelector('input')).toBeNull();
  });

  it('writes the budget in Chinese with Chinese number formats', () => {
    i18n.locale = 'zh-CN';
    start(fullScenario());
    const { budget } = actor.getSnapshot().context.check;
    expect(text('budget-total')).toBe(money(budget, 'zh-CN'));
    expect(document.body.textContent).toContain('你的决策在预算之内。');
  });
});
