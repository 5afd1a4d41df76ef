// What lives here: what a finished run's pages (#/history/<run>, #/compare/<a>/<b>) load
// besides the run itself: its scenario (currency, segments, complaint types, objectives),
// checked once per scenario id (scenarios.ts), and the customer analytics of its replay
// (replay.ts), once per run id. A run renamed in any tab is a new object with the same id:
// nothing is loaded again. A result that lands after the page moved on to another run is
// dropped (each load belongs to the run id it was started for).
//
// @example
// <script lang="ts">
//   const replay = new RunReplay(() => run);
// </script>
// {#if replay.scenario === undefined}…loading…{:else}
//   <Dashboard analytics={replay.analytics?.analytics ?? null} currency={replay.currency} … />
// {/if}

import { untrack } from 'svelte';
import type { Text } from '../../engine/types';
import type { Scenario } from '../../scenario/types';
import type { Run } from '../../storage/db';
import { runAnalytics, type RunAnalytics } from './replay';
import { scenarioById } from './scenarios';

/** A promise's value as state: undefined until it resolves. */
class Settled<T> {
  #value = $state.raw<T | undefined>(undefined);

  constructor(promise: Promise<T>) {
    void promise.then((value) => (this.#value = value));
  }

  get value(): T | undefined {
    return this.#value;
  }
}

export class RunReplay {
  readonly #run: () => Run | null;

  // Keys: the loads below start again only when these change, not on every new run object.
  readonly #scenarioId = $derived.by(() => this.#run()?.scenarioId ?? null);
  readonly #runId = $derived.by(() => this.#run()?.id ?? null);

  readonly #scenario = $derived.by(() => {
    const id = this.#scenarioId;
    return id ? new Settled(scenarioById(id)) : null;
  });

  readonly #analytics = $derived.by(() => {
    const id = this.#runId;
    const scenario = this.scenario;
    if (!id || scenario === undefined) return null;
    // The run as it is now, read once: a rename (same id, new object) replays nothing.
    const run = untrack(this.#run);
    return run ? new Settled(runAnalytics(scenario, run)) : null;
  });

  readonly #segments = $derived(
    this.scenario?.segments.map((s) => ({ id: s.id, label: s.label })) ?? [],
  );
  readonly #complaintTypes = $derived(
    this.scenario?.complaintTypes.map((c) => ({ id: c.id, label: c.label })) ?? [],
  );

  /** @param run the run shown (null while it loads, or when there is none) */
  constructor(run: () => Run | null) {
    this.#run = run;
  }

  /** The run's scenario: undefined while it loads; null when this app has no such scenario. */
  get scenario(): Scenario | null | undefined {
    return this.#scenario?.value;
  }

  /** The replay's analytics: null until they arrive (see runAnalytics for the states). */
  get analytics(): RunAnalytics | null {
    return this.#analytics?.value ?? null;
  }

  /** The scenario's currency (CNY when the scenario is unknown here). */
  get currency(): string {
    return this.scenario?.setting.currency ?? 'CNY';
  }

  /** The scenario's segments, for the dashboards' labels ([] when unknown). */
  get segments(): { id: string; label: Text }[] {
    return this.#segments;
  }

  /** The scenario's complaint types, for the dashboards' labels ([] when unknown). */
  get complaintTypes(): { id: string; label: Text }[] {
    return this.#complaintTypes;
  }
}
