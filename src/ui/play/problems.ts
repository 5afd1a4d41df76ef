// The engine's objections to a draft (DecisionProblem codes) in words, for the lever panel
// and the step buttons. The check itself is the engine's; this only names what it found.

import type { ResolvedLever } from '../../engine/levers.ts';
import type { DecisionProblem } from '../../engine/simulation.ts';
import type { DraftCost } from '../../scenario/engineAdapter.ts';
import type { Scenario } from '../../scenario/types.ts';
import { i18n, t } from '../i18n/i18n.svelte';

export interface ProblemContext {
  scenario: Scenario;
  levers: readonly ResolvedLever[];
  costs: DraftCost;
  money: (v: number) => string;
}

/** "levers.priceLevel" → the lever's label; an unknown id stays as written. */
function leverLabel(path: string, levers: readonly ResolvedLever[]): string {
  const id = path.replace(/^levers\./, '');
  const lever = levers.find((l) => l.id === id);
  return lever ? i18n.text(lever.label) : id;
}

export function problemMessage(p: DecisionProblem, k: ProblemContext): string {
  switch (p.code) {
    case 'overBudget': {
      const over = typeof p.detail === 'number' ? p.detail : k.costs.total - k.costs.budget;
      return t('play.problem.overBudget', {
        cost: k.money(k.costs.total),
        budget: k.money(k.costs.budget),
        over: k.money(over),
      });
    }
    case 'leverRange':
    case 'leverStep':
    case 'leverNotNumber':
      return t('play.problem.leverValue', { lever: leverLabel(p.path, k.levers) });
    case 'leverLocked':
      return t('play.problem.leverLocked', { lever: leverLabel(p.path, k.levers) });
    case 'leverUnknown':
      return t('play.problem.leverUnknown', { lever: leverLabel(p.path, k.levers) });
    case 'eventUnknown':
    case 'choiceUnknown': {
      const id = p.path.replace(/^eventChoices\./, '');
      const event = k.scenario.events.find((e) => e.id === id);
      return t('play.problem.event', { event: event ? i18n.text(event.title) : id });
    }
    case 'complaintUnknown':
    case 'responseInvalid':
      return t('play.problem.complaint');
    case 'finished':
      return t('play.problem.finished');
  }
}
