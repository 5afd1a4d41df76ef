// What lives here: how runs, players and scenarios are named on the progress pages, in the
// current language. Names and labels typed by learners (or read from imported files) are
// plain text: components put them in {…} text, never in {@html …}.

import type { Player, RunSummary } from '../../storage/db';
import { i18n, t } from '../i18n/i18n.svelte';
import { findScenario } from '../scenarioCatalogue';

/** The scenario's title, or its id when this app does not have it (an imported run). */
export function scenarioTitle(id: string): string {
  const entry = findScenario(id);
  return entry ? i18n.text(entry.meta.title) : id;
}

/** Whether this app can play the scenario (and so replay, branch and chart it fully). */
export function knownScenario(id: string): boolean {
  return findScenario(id) !== undefined;
}

/** A date and time, short. */
export function when(ms: number): string {
  return i18n.date(ms, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A run's name: its label, else "Run of <date>". */
export function runName(run: Pick<RunSummary, 'label' | 'finishedAt'>): string {
  return run.label ?? t('progress.run.untitled', { date: when(run.finishedAt) });
}

/** The player's name, or "(no name)". */
export function playerName(player: Player | null): string {
  return player?.name ? player.name : t('progress.player.none');
}

/** "Name · team", or the name alone, or "(no name)". */
export function playerLine(player: Player | null): string {
  if (!player?.name) return t('progress.player.none');
  return player.team
    ? t('progress.playerTeam', { name: player.name, team: player.team })
    : player.name;
}

/** A score as shown everywhere: one decimal. */
export function score(value: number): string {
  return i18n.number(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}
