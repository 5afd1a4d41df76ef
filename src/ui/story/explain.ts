/**
 * The glass box, as data: what happened to a tracked customer in a round, and which factors
 * moved their satisfaction, attitude and risk of leaving, largest first. Pure (no DOM, no
 * text): CustomerStory.svelte turns factor ids into words with the i18n templates
 * `story.sat.<id>`, `story.att.<id>` and `story.risk.<id>.up|down`.
 *
 * Risk factors are the engine's additive terms of the *log* of the defection intensity, so a
 * term c multiplies the intensity by e^c: it is shown as a relative risk, e^c − 1
 * (c = 0.113 → "+12% risk"; c = −0.69 → "−50% risk").
 */
import type { FactorPush, PersonaPeriod, PersonaStory } from '../../engine/types';

/** Pushes on satisfaction or attitude smaller than this (0..1 scale) are left out: they show as 0.0 points. */
export const MIN_PUSH = 0.0005;
/** Relative risks smaller than this are left out: they show as 0%. */
export const MIN_RELATIVE_RISK = 0.005;

/** Satisfaction or attitude pushes that matter, largest (absolute) first. */
export function rankPushes(list: readonly FactorPush[], min = MIN_PUSH): FactorPush[] {
  return list
    .filter((f) => Math.abs(f.value) >= min)
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.factor.localeCompare(b.factor));
}

export interface RiskPush {
  factor: string;
  /** The engine's log-contribution. */
  log: number;
  /** e^log − 1: +0.12 means the chance of leaving is 12% higher because of this factor. */
  relative: number;
  direction: 'up' | 'down';
}

/** e^c − 1: the relative change in defection intensity a log-contribution c brings. */
export const relativeRisk = (c: number): number => Math.expm1(c);

/** Risk factors that matter, as relative risks, largest push first. */
export function riskPushes(list: readonly FactorPush[], min = MIN_RELATIVE_RISK): RiskPush[] {
  return list
    .map((f) => ({
      factor: f.factor,
      log: f.value,
      relative: relativeRisk(f.value),
      direction: f.value > 0 ? ('up' as const) : ('down' as const),
    }))
    .filter((f) => Math.abs(f.relative) >= min)
    .sort((a, b) => Math.abs(b.log) - Math.abs(a.log) || a.factor.localeCompare(b.factor));
}

export type JourneyMark =
  | 'bought'
  | 'noPurchase'
  | 'failed'
  | 'complained'
  | 'recovered'
  | 'notRecovered'
  | 'left'
  | 'gone';

/** What happened in a round, in the order it happens: purchase, failure, complaint, outcome, leaving. */
export function journeyMarks(p: PersonaPeriod): JourneyMark[] {
  const marks: JourneyMark[] = [];
  if (!p.active && !p.left) return ['gone'];
  marks.push(p.purchased ? 'bought' : 'noPurchase');
  if (p.failed) marks.push('failed');
  if (p.complained) marks.push('complained');
  if (p.recovered === true) marks.push('recovered');
  if (p.recovered === false) marks.push('notRecovered');
  if (p.left) marks.push('left');
  return marks;
}

/** The round (1-based) the customer left in, or null while they stay. */
export function leftInRound(story: Pick<PersonaStory, 'history'>): number | null {
  const p = story.history.find((h) => h.left);
  return p ? p.period + 1 : null;
}

/** A customer's 1–5 satisfaction score, as the engine scores it (1 + ⌊5s⌋, capped). */
export function scoreOf(satisfaction: number): number {
  return Math.min(5, Math.max(1, 1 + Math.floor(satisfaction * 5)));
}
