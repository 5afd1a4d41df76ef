// What lives here: the engine as the play page uses it. A PlayEngine is the session's
// EngineAdapter (src/scenario/engineAdapter.ts) plus what the page shows beside the session:
// tracked customers' stories, the CRM analytics the learner has bought, and the debrief's
// reference runs. Two implementations with the same face:
// - MainEngine (here): the engine on the page, for small and medium bases;
// - WorkerEngine (workerEngine.ts): the engine on a Web Worker, for large bases, so a
//   period of 100,000 customers never freezes the page.
// createPlayEngine picks one by the base size (WORKER_THRESHOLD) unless told.
//
// Nothing here decides anything: budget, ranges and validity stay the engine's and the
// session machine's; this module only moves data between them and the page.

import { analyticsBundle, type AnalyticsBundle } from '../../engine/analytics.ts';
import type { SimulationSnapshot } from '../../engine/simulation.ts';
import type { EngineConfig, PeriodMetrics, PersonaStory } from '../../engine/types.ts';
import { MainThreadEngine, type EngineAdapter } from '../../scenario/engineAdapter.ts';
import { headlessRunner, type ReferenceRunner } from '../../scenario/sessionReference.ts';
import type { Scenario } from '../../scenario/types.ts';

/** Bases larger than this many customers run on a Web Worker. */
export const WORKER_THRESHOLD = 20_000;

export type EngineKind = 'main' | 'worker';

export interface PlayEngine extends EngineAdapter {
  readonly kind: EngineKind;
  /** Tracked customers' stories (the glass box), as of the last period simulated. */
  personas(): readonly PersonaStory[];
  /** What the CRM level in force last period reveals; null before the first period. */
  analytics(): AnalyticsBundle | null;
  /** Plays a reference policy on a seed (the debrief's comparison runs). */
  readonly runReference: ReferenceRunner;
  /** Stops a worker; the engine is unusable afterwards. */
  dispose(): void;
}

export interface EngineOptions {
  /** Where to run; by default the worker for bases above WORKER_THRESHOLD. */
  kind?: EngineKind;
  /** A saved run to continue instead of a fresh one on `seed`. */
  snapshot?: SimulationSnapshot;
}

/** Which engine a base of `customers` gets when the URL does not say. */
export function engineKindFor(customers: number): EngineKind {
  return customers > WORKER_THRESHOLD ? 'worker' : 'main';
}

/** The engine on the page: MainThreadEngine plus stories, analytics and reference runs. */
export class MainEngine implements PlayEngine {
  readonly kind = 'main' as const;
  readonly runReference: ReferenceRunner;
  #analytics: { period: number; bundle: AnalyticsBundle | null } | null = null;

  constructor(
    private readonly inner: MainThreadEngine,
    scenario: Scenario,
  ) {
    this.runReference = headlessRunner(scenario);
  }

  static create(
    scenario: Scenario,
    config: EngineConfig,
    seed: number,
    options: EngineOptions = {},
  ): MainEngine {
    const inner = options.snapshot
      ? MainThreadEngine.restore(config, options.snapshot)
      : MainThreadEngine.create(config, seed);
    return new MainEngine(inner, scenario);
  }

  get seed(): number {
    return this.inner.seed;
  }
  get period(): number {
    return this.inner.period;
  }
  history(): readonly PeriodMetrics[] {
    return this.inner.history();
  }
  defaultLevers(): Record<string, number> {
    return this.inner.defaultLevers();
  }
  pendingEvents() {
    return this.inner.pendingEvents();
  }
  pendingComplaints() {
    return this.inner.pendingComplaints();
  }
  checkDecisions(decisions: Parameters<EngineAdapter['checkDecisions']>[0]) {
    return this.inner.checkDecisions(decisions);
  }
  costOf(levers: Parameters<EngineAdapter['costOf']>[0]) {
    return this.inner.costOf(levers);
  }
  step(...args: Parameters<EngineAdapter['step']>) {
    return this.inner.step(...args);
  }
  reset() {
    return this.inner.reset();
  }
  snapshot() {
    return this.inner.snapshot();
  }
  personas(): readonly PersonaStory[] {
    return this.inner.simulation.personas();
  }
  analytics(): AnalyticsBundle | null {
    // Computed once per period: the RFM and Pareto passes walk the whole base.
    const period = this.inner.period;
    if (this.#analytics?.period !== period) {
      const bundle = period > 0 ? analyticsBundle(this.inner.simulation) : null;
      this.#analytics = { period, bundle };
    }
    return this.#analytics.bundle;
  }
  dispose(): void {}
}

/**
 * The engine for a session: on the page or on a Web Worker (loaded only then).
 * @example const engine = await createPlayEngine(scenario, toEngineConfig(scenario), 42);
 */
export async function createPlayEngine(
  scenario: Scenario,
  config: EngineConfig,
  seed: number,
  options: EngineOptions = {},
): Promise<PlayEngine> {
  const kind = options.kind ?? engineKindFor(config.customers);
  if (kind === 'main') return MainEngine.create(scenario, config, seed, options);
  const { WorkerEngine } = await import('./workerEngine.ts');
  return WorkerEngine.create(scenario, config, seed, options);
}
