// What lives here: PlaySession, the runes adapter around one play session. It owns the
// XState actor (src/scenario/session.machine.ts, bound with provideSession) and the engine
// (engine.ts: on the page or on a Web Worker), and shows them to Svelte:
// - `current`: the machine's snapshot, bridged with createSubscriber (read it in markup or
//   $derived; the actor is listened to only while something on screen reads it);
// - `send(event)` / `can(event)`: what components do and ask; every rule (budget, guards,
//   what may happen next) stays in the machine and the engine;
// - `history`, `personas`, `analytics`, `references`: the engine's data for the dashboards,
//   $state.raw, replaced whole when a period is simulated or the run is reset.
//
// @example
// const session = await PlaySession.start({ scenario, seed: 42 });
// {#if session.current.matches({ round: 'decide' })} … {/if}
// <button disabled={!session.can({ type: 'round.submit' })} onclick={() => session.send({ type: 'round.submit' })}>

import { createSubscriber } from 'svelte/reactivity';
import type { AnalyticsBundle } from '../../engine/analytics.ts';
import type { SimulationSnapshot } from '../../engine/simulation.ts';
import type { LeverValues, PeriodMetrics, PersonaStory } from '../../engine/types.ts';
import type { DraftCost } from '../../scenario/engineAdapter.ts';
import type { SessionEvent } from '../../scenario/session.machine.ts';
import {
  restoreSession,
  startSession,
  startSessionWith,
  type SavedSession,
  type SessionActor,
} from '../../scenario/session.ts';
import type { MainThreadEngine } from '../../scenario/engineAdapter.ts';
import type { SessionInput } from '../../scenario/session.machine.ts';
import type { ReferenceRunner } from '../../scenario/sessionReference.ts';
import type { ReferencePolicy, Scenario } from '../../scenario/types.ts';
import { toEngineConfig } from '../../scenario/validate.ts';
import { createPlayEngine, MainEngine, type EngineKind, type PlayEngine } from './engine.ts';

export type SessionSnapshot = ReturnType<SessionActor['getSnapshot']>;

export interface StartOptions {
  scenario: Scenario;
  seed: number;
  /** Where the engine runs; by default chosen by the base size. */
  engine?: EngineKind;
  /** A save to continue (both halves of saveSession). */
  saved?: SavedSession;
  /** A branch of a finished run, already replayed (branchSession in session.ts). */
  branch?: { engine: MainThreadEngine; input: SessionInput };
  /**
   * Shortest time the "simulating" screen shows, in ms.
   * @default 600
   */
  minSimulatingMs?: number;
}

/** A reference run kept for the debrief's charts (the machine keeps only its summary). */
export interface ReferenceRun {
  policyId: string;
  history: readonly PeriodMetrics[];
}

export class PlaySession {
  readonly scenario: Scenario;
  readonly engine: PlayEngine;
  readonly actor: SessionActor;

  #history = $state.raw<readonly PeriodMetrics[]>([]);
  #personas = $state.raw<readonly PersonaStory[]>([]);
  #analytics = $state.raw<AnalyticsBundle | null>(null);
  #references = $state.raw<readonly ReferenceRun[]>([]);
  #fault = $state<string | null>(null);
  #period = -1;
  #stop: () => void;

  readonly #subscribe = createSubscriber((update) => {
    const sub = this.actor.subscribe({ next: update, error: update });
    return () => sub.unsubscribe();
  });

  private constructor(scenario: Scenario, engine: PlayEngine, actor: SessionActor) {
    this.scenario = scenario;
    this.engine = engine;
    this.actor = actor;
    // Always on (not only while rendered): the engine's data must follow every period.
    const sub = actor.subscribe({
      next: () => this.#refresh(),
      error: (e) => (this.#fault = e instanceof Error ? e.message : String(e)),
    });
    this.#stop = () => sub.unsubscribe();
    this.#refresh();
  }

  /** A session on `seed`, or the saved one, with its engine ready. */
  static async start(options: StartOptions): Promise<PlaySession> {
    const { scenario } = options;
    const config = toEngineConfig(scenario);
    const seed = options.saved?.engine.seed ?? options.seed;
    const engine = options.branch
      ? new MainEngine(options.branch.engine, scenario)
      : await createPlayEngine(scenario, config, seed, {
          ...(options.engine ? { kind: options.engine } : {}),
          ...(options.saved ? { snapshot: options.saved.engine } : {}),
        });
    // The debrief's reference runs go through here, so their histories can be charted.
    let keep: (run: ReferenceRun) => void = () => {};
    const runReference: ReferenceRunner = async (policy: ReferencePolicy, s: number) => {
      const history = await engine.runReference(policy, s);
      keep({ policyId: policy.id, history });
      return history;
    };
    const deps = {
      scenario,
      engine,
      runReference,
      ...(options.minSimulatingMs !== undefined
        ? { minSimulatingMs: options.minSimulatingMs }
        : {}),
    };
    let actor: SessionActor;
    try {
      actor = options.saved
        ? restoreSession(options.saved, deps, { engine: () => engine }).actor
        : options.branch
          ? startSessionWith(deps, options.branch.input)
          : startSession(deps, seed);
    } catch (e) {
      engine.dispose();
      throw e;
    }
    const session = new PlaySession(scenario, engine, actor);
    keep = (run) => session.#keepReference(run);
    return session;
  }

  /** The machine's snapshot now (reactive). */
  get current(): SessionSnapshot {
    this.#subscribe();
    return this.actor.getSnapshot();
  }

  /** Sends an event; one the machine does not accept now changes nothing. */
  send = (event: SessionEvent): void => {
    this.actor.send(event);
  };

  /** True when the machine would accept `event` now (reactive). */
  can = (event: SessionEvent): boolean => this.current.can(event);

  /** Metrics of every simulated period, oldest first. */
  get history(): readonly PeriodMetrics[] {
    return this.#history;
  }

  /** Tracked customers' stories. */
  get personas(): readonly PersonaStory[] {
    return this.#personas;
  }

  /** What the learner's CRM level reveals; null before the first period. */
  get analytics(): AnalyticsBundle | null {
    return this.#analytics;
  }

  /** Reference runs played for the debrief on this seed (empty until it is computed). */
  get references(): readonly ReferenceRun[] {
    return this.#references;
  }

  /** An error the actor could not handle (shown instead of the session). */
  get fault(): string | null {
    return this.#fault;
  }

  get seed(): number {
    return this.engine.seed;
  }

  /**
   * What lever values would cost now, for the live total while a slider is dragged (the
   * draft changes, and is checked, when it is let go).
   */
  previewCost(levers: LeverValues): DraftCost {
    return this.engine.costOf(levers);
  }

  /** Plays the debrief's reference runs again when they are needed but not here (after a reload). */
  async ensureReferences(): Promise<void> {
    const debrief = this.actor.getSnapshot().context.debrief;
    if (!debrief) return;
    const wanted = [debrief.recommended?.policyId, debrief.naive?.policyId].filter(
      (id): id is string => !!id && !this.#references.some((r) => r.policyId === id),
    );
    for (const id of wanted) {
      const policy = this.scenario.referencePolicies.find((p) => p.id === id);
      if (!policy) continue;
      const history = await this.engine.runReference(policy, this.seed);
      this.#keepReference({ policyId: id, history });
    }
  }

  /** Both halves of a save, taken now. */
  async save(): Promise<{ machine: SavedSession['machine']; engine: SimulationSnapshot }> {
    const machine = this.actor.getPersistedSnapshot();
    return { machine, engine: await this.engine.snapshot() };
  }

  /** Stops the actor and the engine (a worker is terminated). */
  dispose(): void {
    this.#stop();
    this.actor.stop();
    this.engine.dispose();
  }

  #keepReference(run: ReferenceRun): void {
    this.#references = [...this.#references.filter((r) => r.policyId !== run.policyId), run];
  }

  #refresh(): void {
    const period = this.engine.period;
    if (period === this.#period) return;
    this.#period = period;
    this.#history = [...this.engine.history()];
    this.#personas = structuredClone([...this.engine.personas()]);
    this.#analytics = this.engine.analytics();
    if (period === 0) this.#references = [];
  }
}
