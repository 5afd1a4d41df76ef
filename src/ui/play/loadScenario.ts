// What lives here: the step from a scenario id to a scenario the play page can run: the
// file is fetched (its own lazy chunk, scenarioCatalogue.ts), checked by the scenario
// loader against the glossary's concept ids (the briefing's concept chips load them anyway),
// and kept for the rest of the visit (a new seed does not fetch it again).
// Problems come back as the loader's { path, message } list, never as a thrown error.

import type { Text } from '../../engine/types.ts';
import type { Scenario } from '../../scenario/types.ts';
import { loadScenario } from '../../scenario/validate.ts';
import { loadScenarioFile } from '../scenarioCatalogue.ts';
import { glossary } from '../glossary/glossary.svelte.ts';

export interface PlayableProblem {
  /** Where in the file, e.g. "levers[3].max"; "" for the whole file. */
  path: string;
  message: Text;
}

export type Playable =
  { ok: true; scenario: Scenario } | { ok: false; problems: PlayableProblem[]; notJson?: string };

const cache = new Map<string, Promise<Playable>>();

async function load(id: string): Promise<Playable> {
  let file: unknown;
  try {
    [file] = await Promise.all([loadScenarioFile(id), glossary.load()]);
  } catch (e) {
    return { ok: false, problems: [], notJson: e instanceof Error ? e.message : String(e) };
  }
  if (file === undefined) return { ok: false, problems: [], notJson: '' };
  // Terms that could not be loaded leave concept ids unchecked rather than the game unplayable.
  const result = loadScenario(file, { conceptIds: glossary.terms?.map((c) => c.id) });
  return result.ok
    ? { ok: true, scenario: result.scenario }
    : { ok: false, problems: result.problems };
}

/** The checked scenario `id`, or its problems. */
export function loadPlayable(id: string): Promise<Playable> {
  let p = cache.get(id);
  if (!p) {
    p = load(id);
    cache.set(id, p);
  }
  return p;
}

/**
 * A seed for a run nobody chose a seed for: short, so a trainer can read it out to a
 * room ("everyone use seed 4817"). The simulation itself draws only from its seed.
 */
export function newSeed(): number {
  const [n] = crypto.getRandomValues(new Uint32Array(1));
  return 1 + (n % 99_999);
}
