// What lives here: the one door between a play session and the engine. The session machine
// never holds a Simulation (its context must stay JSON); it talks to an EngineAdapter, which
// the host creates next to the actor and hands to the machine through machine.provide()
// (see provideSession in session.ts).
//
// Two kinds of calls, on purpose:
// - reads the learner needs while editing a round (checkDecisions, costOf, pendingEvents,
//   pendingComplaints, defaultLevers, history) are synchronous, because the budget guard
//   must answer at once on every slider move. A Web Worker adapter keeps a mirror of these
//   views, refreshed with each step's answer (cost basis counts, inbox, pending events).
// - work that may take long or changes the run (step, reset, snapshot) returns a Promise,
//   so a Worker can do it for a base of a million customers.
//
// MainThreadEngine is the implementation around Simulation for small and medium bases.

import {
  Simulation,
  type DecisionProblem,
  type SimulationOptions,
  type SimulationSnapshot,
} from '../engine/simulation.ts';
import type {
  ComplaintRecord,
  EngineConfig,
  EventSpec,
  LeverId,
  LeverValues,
  PeriodDecisions,
  PeriodMetrics,
} from '../engine/types.ts';

/** What a set of lever values costs this period, against the budget. */
export interface DraftCost {
  byLever: Partial<Record<LeverId, number>>;
  total: number;
  budget: number;
}

export interface EngineAdapter {
  /** The run's seed (a restart replays the same seed). */
  readonly seed: number;
  /** Periods simulated so far: the 0-based round the learner plays next. */
  readonly period: number;
  /** Metrics of every simulated period, oldest first. */
  history(): readonly PeriodMetrics[];
  /** Lever values the scenario starts a learner with. */
  defaultLevers(): Record<string, number>;
  /** Events that fire before the next period and need a choice. */
  pendingEvents(): readonly EventSpec[];
  /** Last period's voiced complaints in the learner's inbox. */
  pendingComplaints(): readonly ComplaintRecord[];
  /** Every problem with these decisions; empty when step() would accept them. */
  checkDecisions(decisions: PeriodDecisions): DecisionProblem[];
  /** Cost of lever values this period. */
  costOf(levers: LeverValues): DraftCost;
  /**
   * Simulates the next period. Rejects with the engine's DecisionError when the decisions
   * are refused, or with an AbortError when `signal` was aborted before the engine started.
   */
  step(decisions: PeriodDecisions, signal?: AbortSignal): Promise<PeriodMetrics>;
  /** Throws the run away and starts a fresh one on the same seed. */
  reset(): Promise<void>;
  /** The whole run, to save next to the session's persisted snapshot. */
  snapshot(): Promise<SimulationSnapshot>;
}

/** Resolves on the next task, so the host can paint "simulating" before a long step. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function abortError(): Error {
  const e = new Error('step aborted');
  e.name = 'AbortError';
  return e;
}

/**
 * The engine on the main thread. Fine up to some tens of thousands of customers; larger
 * bases want a Worker adapter with the same interface.
 * @example
 * const engine = MainThreadEngine.create(toEngineConfig(scenario), 42);
 * const machine = provideSession({ scenario, config, engine });
 */
export class MainThreadEngine implements EngineAdapter {
  private sim: Simulation;

  private constructor(
    private readonly config: EngineConfig,
    sim: Simulation,
    private readonly options: SimulationOptions,
  ) {
    this.sim = sim;
  }

  /** A fresh run on `seed`. */
  static create(
    config: EngineConfig,
    seed: number,
    options: SimulationOptions = {},
  ): MainThreadEngine {
    return new MainThreadEngine(config, Simulation.create(config, seed, options), options);
  }

  /** A run saved with snapshot(); it continues exactly as the original would. */
  static restore(
    config: EngineConfig,
    snapshot: SimulationSnapshot,
    options: SimulationOptions = {},
  ): MainThreadEngine {
    return new MainThreadEngine(config, Simulation.restore(config, snapshot, options), options);
  }

  /** The first rounds of an earlier run replayed on its seed: a branch goes on from here. */
  static replay(
    config: EngineConfig,
    seed: number,
    decisions: readonly PeriodDecisions[],
    options: SimulationOptions = {},
  ): MainThreadEngine {
    return new MainThreadEngine(
      config,
      Simulation.replay(config, seed, decisions, options),
      options,
    );
  }

  /** The live run, read-only by convention: for dashboards and analytics (RFM, Pareto). */
  get simulation(): Simulation {
    return this.sim;
  }
  get seed(): number {
    return this.sim.seed;
  }
  get period(): number {
    return this.sim.period;
  }
  history(): readonly PeriodMetrics[] {
    return this.sim.history;
  }
  defaultLevers(): Record<string, number> {
    return this.sim.defaultLevers();
  }
  pendingEvents(): readonly EventSpec[] {
    return this.sim.pendingEvents();
  }
  pendingComplaints(): readonly ComplaintRecord[] {
    return this.sim.pendingComplaints();
  }
  checkDecisions(decisions: PeriodDecisions): DecisionProblem[] {
    return this.sim.checkDecisions(decisions);
  }
  costOf(levers: LeverValues): DraftCost {
    return this.sim.costOf(levers);
  }
  async step(decisions: PeriodDecisions, signal?: AbortSignal): Promise<PeriodMetrics> {
    // Give the host one task to show "simulating" before the (synchronous) period runs.
    await nextTask();
    if (signal?.aborted) throw abortError();
    return this.sim.step(decisions);
  }
  async reset(): Promise<void> {
    this.sim = Simulation.create(this.config, this.sim.seed, this.options);
  }
  async snapshot(): Promise<SimulationSnapshot> {
    return this.sim.snapshot();
  }
}
