// What lives here: a difference between two runs' decisions (diffDecisions, src/storage/
// history.ts) told in words of the current language: the lever's name from the engine's
// catalogue, its value in its unit ("30%", "24 hours", an option's name), an event's title
// and the choice's label from the scenario, a complaint's response.

import { LEVER_CATALOGUE } from '../../engine/levers';
import type { LeverDefinition, PeriodDecisions, PeriodMetrics } from '../../engine/types';
import type { Scenario } from '../../scenario/types';
import type { DecisionDifference } from '../../storage/history';
import { i18n, t, tc, type MessageKey } from '../i18n/i18n.svelte';

/** One difference, ready to show: what was decided, and each run's value. */
export interface DifferenceWords {
  round: number;
  /** "Service quality", "Event: a rival's price cut", "Complaint c12: response". */
  what: string;
  a: string;
  b: string;
}

const LEVERS = new Map<string, LeverDefinition>(LEVER_CATALOGUE.map((l) => [l.id, l]));

const ACTIONS = ['apologise', 'compensate', 'fixRootCause', 'escalate', 'ignore'] as const;

/** A lever's value in its unit: an option's name, a share, hours, a price index. */
export function leverValue(def: LeverDefinition | undefined, value: number): string {
  if (!def) return i18n.number(value, { maximumFractionDigits: 2 });
  if (def.options) {
    const index = Math.round((value - def.min) / (def.step || 1));
    const option = def.options[index];
    if (option) return i18n.text(option);
  }
  switch (def.unit) {
    case 'share':
      return i18n.percent(value, 0);
    case 'index':
      return t('progress.value.index', { value: i18n.percent(value, 0) });
    case 'hours':
      return tc('progress.value.hours', value);
    default:
      return i18n.number(value, { maximumFractionDigits: 2 });
  }
}

function actionName(action: string): string {
  return (ACTIONS as readonly string[]).includes(action)
    ? t(`progress.action.${action}` as MessageKey)
    : action;
}

/**
 * Words for one difference. `scenario` gives events' titles and choices' labels; without
 * it (an unknown scenario) their ids are shown.
 */
export function describeDifference(
  d: DecisionDifference,
  scenario: Scenario | null,
): DifferenceWords {
  const notSet = t('progress.value.notSet');
  const [kind, ...rest] = d.path.split('.');
  const show = (v: number | string | null, format: (v: number | string) => string) =>
    v === null ? notSet : format(v);

  if (kind === 'levers') {
    const id = rest.join('.');
    const def = LEVERS.get(id);
    const format = (v: number | string) => (typeof v === 'number' ? leverValue(def, v) : String(v));
    return {
      round: d.round,
      what: def ? i18n.text(def.label) : id,
      a: show(d.a, format),
      b: show(d.b, format),
    };
  }
  if (kind === 'eventChoices') {
    const id = rest.join('.');
    const event = scenario?.events.find((e) => e.id === id);
    const format = (v: number | string) => {
      const choice = event?.choices.find((c) => c.id === String(v));
      return choice ? i18n.text(choice.label) : String(v);
    };
    return {
      round: d.round,
      what: t('progress.diff.event', { title: event ? i18n.text(event.title) : id }),
      a: show(d.a, format),
      b: show(d.b, format),
    };
  }
  if (kind === 'complaintResponses') {
    const field = rest.at(-1);
    const id = rest.slice(0, -1).join('.');
    if (field === 'hours') {
      const format = (v: number | string) =>
        typeof v === 'number' ? tc('progress.value.hours', v) : String(v);
      return {
        round: d.round,
        what: t('progress.diff.complaintHours', { id }),
        a: show(d.a, format),
        b: show(d.b, format),
      };
    }
    const format = (v: number | string) => actionName(String(v));
    return {
      round: d.round,
      what: t('progress.diff.complaintAction', { id }),
      a: show(d.a, format),
      b: show(d.b, format),
    };
  }
  const format = (v: number | string) => String(v);
  return { round: d.round, what: d.path, a: show(d.a, format), b: show(d.b, format) };
}

/** Differences grouped by round (0-based), rounds in order; rounds without one are absent. */
export function byRound(words: readonly DifferenceWords[]): Map<number, DifferenceWords[]> {
  const out = new Map<number, DifferenceWords[]>();
  for (const w of words) {
    const list = out.get(w.round);
    if (list) list.push(w);
    else out.set(w.round, [w]);
  }
  return new Map([...out.entries()].sort((x, y) => x[0] - y[0]));
}

/** Rounds `from`..`to` (0-based) whose differences are the same. */
export interface RoundSpan {
  from: number;
  to: number;
  list: DifferenceWords[];
}

/**
 * Runs of consecutive rounds with the same differences, merged: a policy kept for nine
 * rounds reads as one block ("Rounds 4–12"), not nine copies.
 */
export function mergeRounds(rounds: ReadonlyMap<number, DifferenceWords[]>): RoundSpan[] {
  const key = (list: DifferenceWords[]) => JSON.stringify(list.map((w) => [w.what, w.a, w.b]));
  const out: RoundSpan[] = [];
  for (const [round, list] of rounds) {
    const last = out.at(-1);
    if (last && last.to === round - 1 && key(last.list) === key(list)) last.to = round;
    else out.push({ from: round, to: round, list });
  }
  return out;
}

/**
 * The decisions as they took effect: each round's levers as the engine applied them
 * (a lever left unset runs at its default; a locked one at its fixed value), with the
 * event choices and complaint responses as decided. Compared this way, two runs differ
 * only where the business really ran differently.
 */
export function effectiveDecisions(
  decisions: readonly PeriodDecisions[],
  metrics: readonly PeriodMetrics[],
): PeriodDecisions[] {
  return decisions.map((d, k) => ({
    ...d,
    levers: metrics[k]?.levers ? { ...metrics[k].levers } : d.levers,
  }));
}
