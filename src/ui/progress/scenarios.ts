// What lives here: whole scenarios for the progress pages (a run's dashboards need its
// currency, segments, complaint types, events): the file is fetched from its lazy chunk and
// checked by the scenario loader once per visit. A run of a scenario this app does not
// have (imported from elsewhere) gets null: the pages then show what the run itself holds.

import type { Scenario } from '../../scenario/types';
import { loadScenario } from '../../scenario/validate';
import { findScenario, loadScenarioFile } from '../scenarioCatalogue';

const cache = new Map<string, Promise<Scenario | null>>();

async function load(id: string): Promise<Scenario | null> {
  if (!findScenario(id)) return null;
  try {
    const result = loadScenario(await loadScenarioFile(id));
    return result.ok ? result.scenario : null;
  } catch {
    return null;
  }
}

/** The checked scenario `id`, or null (unknown here, or its file has problems). */
export function scenarioById(id: string): Promise<Scenario | null> {
  let p = cache.get(id);
  if (!p) cache.set(id, (p = load(id)));
  return p;
}
