// What lives here: everything that binds the session machine (session.machine.ts) to an
// engine and to storage.
// - sessionInput(scenario, seed): the machine's input, from the scenario alone.
// - provideSession(deps): the machine with its engine-bound actions and actors provided.
// - startSession / saveSession / restoreSession: a live actor, its save (the machine's
//   persisted snapshot as JSON + the engine's snapshot), and the way back from a save.
// - simulateRound / computeDebrief: what the provided actors do, exported so tests and a
//   Worker host can call the same code.
//
// Persistence contract: save both halves after the same transition (the persistence
// subscriber does). A session saved while "simulating" restarts its simulatePeriod actor on
// restore; simulateRound is idempotent per round (an engine already past the round returns
// that round's stored metrics), so the period is never simulated twice.

import {
  assign,
  createActor,
  fromPromise,
  type Actor,
  type ActorOptions,
  type Snapshot,
} from 'xstate';
import { resolveLevers } from '../engine/levers.ts';
import type { SimulationSnapshot } from '../engine/simulation.ts';
import type { EngineConfig, PeriodDecisions, PeriodMetrics } from '../engine/types.ts';
import { MainThreadEngine, type EngineAdapter } from './engineAdapter.ts';
import { buildDebrief, roundReport, type Debrief, type ReferenceRuns } from './report.ts';
import {
  sessionMachine,
  draftDecisions,
  type DebriefInput,
  type Draft,
  type DraftCheck,
  type RoundSummary,
  type RoundView,
  type SessionInput,
  type SessionMachine,
  type SimulateInput,
  type SimulateOutput,
} from './session.machine.ts';
import { headlessRunner, referencePolicies, type ReferenceRunner } from './sessionReference.ts';
import type { Scenario } from './types.ts';
import { toEngineConfig } from './validate.ts';

export interface SessionDeps {
  scenario: Scenario;
  /** The learner's run. */
  engine: EngineAdapter;
  /**
   * Plays a reference policy for the debrief.
   * @default headlessRunner(scenario): runScenario on the main thread (sessionReference.ts)
   */
  runReference?: ReferenceRunner;
  /**
   * Shortest time the "simulating" state shows, in ms.
   * @default 600
   */
  minSimulatingMs?: number;
}

/** The machine's input for a scenario and seed: lever bounds, starting levers, quiz key. */
export function sessionInput(scenario: Scenario, seed: number): SessionInput {
  const levers = resolveLevers(scenario.levers);
  return {
    scenarioId: scenario.id,
    seed,
    periods: scenario.meta.periods,
    levers: levers.map((l) => ({
      id: l.id,
      kind: l.kind,
      min: l.min,
      max: l.max,
      step: l.step,
      locked: l.locked,
    })),
    startLevers: Object.fromEntries(levers.map((l) => [l.id, l.default])),
    quizKey: scenario.quiz.map((q) => ({ id: q.id, options: q.options.length, answer: q.answer })),
  };
}

/** The engine's view of the round about to be played. */
export function roundView(engine: EngineAdapter): RoundView {
  return {
    events: engine.pendingEvents().map((e) => ({
      id: e.id,
      choices: e.choices.map((c) => c.id),
      defaultChoice: e.defaultChoice ?? null,
    })),
    complaints: structuredClone([...engine.pendingComplaints()]),
  };
}

/** The engine's verdict on a draft, with its cost. */
export function checkDraft(engine: EngineAdapter, draft: Draft): DraftCheck {
  const cost = engine.costOf(draft.levers);
  return {
    problems: engine.checkDecisions(draftDecisions(draft)),
    cost: cost.total,
    budget: cost.budget,
    byLever: { ...cost.byLever },
  };
}

export function summariseRound(m: PeriodMetrics): RoundSummary {
  return {
    period: m.period,
    active: m.active,
    newCustomers: m.newCustomers,
    lost: m.lost,
    lostSatisfied: m.lostSatisfied,
    retentionRate: m.retentionRate,
    satisfactionMean: m.satisfactionMean,
    attitudeMean: m.attitudeMean,
    barrierMean: m.barrierMean,
    complaints: m.complaints,
    recoveryRate: m.recoveryRate,
    referrals: m.referrals,
    revenue: m.revenue,
    leverSpend: m.leverSpend,
    profit: m.profit,
    cumulativeProfit: m.cumulativeProfit,
    eventsFired: [...m.eventsFired],
  };
}

/**
 * Simulates the round's period and reports on it. Idempotent per round: when the engine is
 * already past `input.round` (restored while "simulating"), the stored metrics are used.
 * Rejects if the engine is behind the session (a save whose halves do not belong together).
 */
export async function simulateRound(
  deps: Pick<SessionDeps, 'scenario' | 'engine'>,
  input: SimulateInput,
  signal?: AbortSignal,
): Promise<SimulateOutput> {
  const { engine, scenario } = deps;
  if (engine.period < input.round)
    throw new Error(`engine is at period ${engine.period}, session at round ${input.round}`);
  const metrics =
    engine.period > input.round
      ? engine.history()[input.round]
      : await engine.step(input.decisions, signal);
  return {
    round: input.round,
    summary: summariseRound(metrics),
    report: roundReport(scenario, engine.history(), input.round),
  };
}

/** Plays the reference policies on the learner's seed and builds the debrief. */
export async function computeDebrief(deps: SessionDeps, seed: number): Promise<Debrief> {
  // Read the learner's run before any await: the engine is the session's, not ours.
  const history = [...deps.engine.history()];
  const run = deps.runReference ?? headlessRunner(deps.scenario);
  const policies = referencePolicies(deps.scenario);
  const refs: ReferenceRuns = {};
  if (policies.recommended)
    refs.recommended = {
      policyId: policies.recommended.id,
      history: await run(policies.recommended, seed),
    };
  if (policies.naive)
    refs.naive = { policyId: policies.naive.id, history: await run(policies.naive, seed) };
  return buildDebrief(deps.scenario, history, refs);
}

/**
 * The session machine bound to an engine: its actions read the engine, its actors run it.
 * @example
 * const engine = MainThreadEngine.create(toEngineConfig(scenario), seed);
 * const actor = createActor(provideSession({ scenario, engine }), {
 *   input: sessionInput(scenario, seed),
 * });
 */
export function provideSession(deps: SessionDeps): SessionMachine {
  const { engine } = deps;
  return sessionMachine.provide({
    actions: {
      loadRound: assign(({ context }) => ({
        view: roundView(engine),
        check: checkDraft(engine, context.draft),
      })),
      recheckDraft: assign(({ context }) => ({ check: checkDraft(engine, context.draft) })),
    },
    actors: {
      simulatePeriod: fromPromise<SimulateOutput, SimulateInput>(({ input, signal }) =>
        simulateRound(deps, input, signal),
      ),
      resetRun: fromPromise<void, void>(() => engine.reset()),
      computeDebrief: fromPromise<Debrief, DebriefInput>(({ input }) =>
        computeDebrief(deps, input.seed),
      ),
    },
    delays: { minSimulating: deps.minSimulatingMs ?? 600 },
  });
}

export type SessionActor = Actor<SessionMachine>;
/** The actor's clock (a SimulatedClock in tests). */
export type Clock = NonNullable<ActorOptions<SessionMachine>['clock']>;

/** A new session on `seed`, started. */
export function startSession(
  deps: SessionDeps,
  seed: number,
  options: { clock?: Clock } = {},
): SessionActor {
  return createActor(provideSession(deps), {
    input: sessionInput(deps.scenario, seed),
    ...options,
  }).start();
}

/** Starts a session from an input made elsewhere (a branch: see branchSession). */
export function startSessionWith(
  deps: SessionDeps,
  input: SessionInput,
  options: { clock?: Clock } = {},
): SessionActor {
  return createActor(provideSession(deps), { input, ...options }).start();
}

/**
 * A new run that branches from an earlier one at `fromRound`: the earlier run's decisions for
 * rounds 0..fromRound-1 are replayed on its seed (so those rounds are exactly as they were),
 * then the learner plays on. Returns the engine and the session input to start with
 * startSessionWith; the earlier run is untouched.
 */
export function branchSession(
  scenario: Scenario,
  from: { runId: string; seed: number; decisions: readonly PeriodDecisions[] },
  fromRound: number,
): { engine: MainThreadEngine; input: SessionInput } {
  if (
    !Number.isInteger(fromRound) ||
    fromRound < 0 ||
    fromRound > from.decisions.length ||
    fromRound >= scenario.meta.periods
  )
    throw new RangeError(
      `cannot branch at round ${fromRound}: the run has ${from.decisions.length} rounds`,
    );
  const replayed = from.decisions.slice(0, fromRound);
  const engine = MainThreadEngine.replay(toEngineConfig(scenario), from.seed, replayed);
  const input = sessionInput(scenario, from.seed);
  if (fromRound > 0) {
    input.branch = {
      fromRunId: from.runId,
      fromRound,
      rounds: engine.history().map(summariseRound),
      levers: { ...replayed[fromRound - 1].levers } as Record<string, number>,
    };
  }
  return { engine, input };
}

/** A save: both halves taken after the same transition. */
export interface SavedSession {
  /** actor.getPersistedSnapshot(), JSON-safe. */
  machine: Snapshot<unknown>;
  /** The engine's run (typed-array columns: store with structured clone, e.g. IndexedDB). */
  engine: SimulationSnapshot;
}

export async function saveSession(
  actor: SessionActor,
  engine: EngineAdapter,
): Promise<SavedSession> {
  const machine = actor.getPersistedSnapshot();
  return { machine, engine: await engine.snapshot() };
}

/** The engine period a persisted session expects, or a range when simulating. */
function expectedPeriods(snap: ReturnType<SessionActor['getSnapshot']>): [number, number] {
  const { round, periods, rounds } = snap.context;
  if (snap.matches('briefing') || snap.matches('restarting')) return [0, Infinity];
  if (snap.matches('round')) return [round, round];
  if (snap.matches('simulating')) return [round, round + 1];
  if (snap.matches('roundReport')) return [round + 1, round + 1];
  return [Math.min(periods, rounds.length), periods];
}

/**
 * Restores a saved session exactly where it stopped: the engine from its snapshot, the
 * actor from the persisted machine snapshot, started. A save taken while "simulating"
 * finishes that round without stepping twice; its minimum display time, a timer that
 * XState does not persist, counts as elapsed (simulating.skip is sent).
 * Throws if the engine's period does not fit the machine's state.
 * @param options.engine builds the adapter from the snapshot
 *   (default: MainThreadEngine.restore(toEngineConfig(scenario), snapshot)).
 */
export function restoreSession(
  saved: SavedSession,
  deps: Omit<SessionDeps, 'engine'>,
  options: {
    engine?: (config: EngineConfig, snapshot: SimulationSnapshot) => EngineAdapter;
    clock?: Clock;
  } = {},
): { actor: SessionActor; engine: EngineAdapter } {
  const engine = (options.engine ?? ((c, s) => MainThreadEngine.restore(c, s)))(
    toEngineConfig(deps.scenario),
    saved.engine,
  );
  const actor = createActor(provideSession({ ...deps, engine }), {
    snapshot: saved.machine,
    // Unused when a snapshot is given, but the machine's type asks for it.
    input: sessionInput(deps.scenario, saved.engine.seed),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const snap = actor.getSnapshot();
  const [lo, hi] = expectedPeriods(snap);
  if (engine.period < lo || engine.period > hi)
    throw new Error(
      `saved engine is at period ${engine.period}, the session expects ${lo === hi ? lo : `${lo}..${hi}`}`,
    );
  actor.start();
  if (actor.getSnapshot().matches({ simulating: { clock: 'waiting' } }))
    actor.send({ type: 'simulating.skip' });
  return { actor, engine };
}
