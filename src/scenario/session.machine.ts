// What lives here: the play session of one scenario as one XState v5 statechart. No Svelte,
// Dexie or DOM: the same machine runs under the UI, in tests and headless. The engine is
// reached only through named actions and actors that the host provides, bound to an
// EngineAdapter (provideSession in session.ts); the defaults here throw "not provided".
//
// The flow (events are dotted; `[guard]`; anything not listed is not accepted, so
// snapshot.can(event) is false and nothing changes):
//
//   briefing ──session.start──► round
//   round (entry: loadRound = pending events, inbox and draft check read from the engine)
//     review ──round.begin──► decide
//     decide    lever.set [leverSettable]   round.undo [canUndo]
//               round.next   [draftValid ∧ hasEvents] ──► events
//               round.next   [draftValid ∧ hasComplaints] ──► complaints
//               round.submit [draftValid ∧ ¬hasEvents ∧ ¬hasComplaints] ──► simulating
//     events    event.choose [eventChoiceValid]   round.undo [canUndo]   round.back ──► decide
//               round.next   [eventsAnswered ∧ draftValid ∧ hasComplaints] ──► complaints
//               round.submit [eventsAnswered ∧ draftValid ∧ ¬hasComplaints] ──► simulating
//     complaints complaint.respond [complaintResponseValid]   round.undo [canUndo]
//               round.back [hasEvents] ──► events, else ──► decide
//               round.submit [eventsAnswered ∧ draftValid] ──► simulating
//               (unanswered complaints get the engine's default policy; allowed)
//   simulating (parallel: engine = invoke simulatePeriod; clock = after minSimulating,
//               or simulating.skip) ── both done ──► roundReport
//               simulatePeriod error ──► round.decide with context.error
//   roundReport ──report.continue [moreRounds]──► round (next round's review)
//               ──report.continue──► debrief
//   debrief.loading (invoke computeDebrief) ──► debrief.ready | debrief.failed
//   debrief.ready|failed ──report.continue──► quiz
//   quiz.asking ──quiz.answer [quizAnswerValid]──► quiz.feedback
//   quiz.feedback ──quiz.next [moreQuestions]──► quiz.asking, else ──► finished
//   (a scenario without questions passes through quiz to finished)
//   session.restart, from round, roundReport, debrief, quiz and finished ──► restarting
//               (invoke resetRun: a fresh engine run on the same seed) ──► briefing
//
// Why `round.next` and `round.submit` are different events: submit is the only one that
// simulates, and undo lives until it. Undo covers lever, event and complaint changes of
// the round, in any of its phases; guards are re-checked at submit, so an undo that
// un-answers an event or breaks the budget blocks the submit until fixed.
//
// Money: the budget guard (draftValid) is about levers only. An event choice's `cost`
// (ScenarioEventChoice.cost) is one-off crisis money outside the lever budget: the engine
// books it in that period's costs.events (so profit pays for it) but never counts it against
// budgetPerPeriod, and DraftCheck.cost leaves it out. Choosing an expensive answer to a
// crisis therefore never blocks round.submit; the UI shows the choice's cost beside it.
//
// Context is plain JSON (persisted with actor.getPersistedSnapshot()); the engine's own run
// is saved separately (EngineAdapter.snapshot()). Together they restore a session exactly,
// mid-round included (restoreSession in session.ts).

import { and, assign, fromPromise, not, setup } from 'xstate';
import type { DecisionProblem } from '../engine/simulation.ts';
import type {
  ComplaintAction,
  ComplaintRecord,
  ComplaintResponse,
  LeverId,
  PeriodDecisions,
} from '../engine/types.ts';
import type { Debrief, RoundReport } from './report.ts';

// ---------------------------------------------------------------- context

/** A lever as the session offers it (from the scenario, resolved by the engine's catalogue). */
export interface LeverBounds {
  id: LeverId;
  kind: 'range' | 'choice';
  min: number;
  max: number;
  step: number;
  locked: boolean;
}

/** The answer key of one quiz question (the texts stay in the scenario). */
export interface QuizKeyEntry {
  id: string;
  /** How many options the question has. */
  options: number;
  /** Index of the right option. */
  answer: number;
}

/** What the learner has decided so far this round. */
export interface Draft {
  levers: Record<string, number>;
  /** Event id -> choice id. */
  eventChoices: Record<string, string>;
  /** Complaint id -> response. */
  complaintResponses: Record<string, ComplaintResponse>;
}

/** The engine's view of the round, read at its start. */
export interface RoundView {
  /** Events to answer before the period, with their choice ids. */
  events: { id: string; choices: string[]; defaultChoice: string | null }[];
  /** Last period's inbox (empty in scenarios without one). */
  complaints: ComplaintRecord[];
}

/**
 * The engine's verdict on the draft: problems (empty = acceptable) and lever costs against
 * the budget. Event choice costs are not in it: they are one-off crisis money outside the
 * lever budget (see the note on money at the top of this file).
 */
export interface DraftCheck {
  problems: DecisionProblem[];
  /** What the draft's levers cost this period (event choice costs excluded). */
  cost: number;
  /** The scenario's budgetPerPeriod, for the levers only. */
  budget: number;
  byLever: Partial<Record<LeverId, number>>;
}

/** The numbers of a simulated round the UI shows without asking the engine. */
export interface RoundSummary {
  period: number;
  active: number;
  newCustomers: number;
  lost: number;
  lostSatisfied: number;
  retentionRate: number;
  satisfactionMean: number;
  attitudeMean: number;
  barrierMean: number;
  complaints: number;
  recoveryRate: number;
  referrals: number;
  revenue: number;
  leverSpend: number;
  profit: number;
  cumulativeProfit: number;
  eventsFired: string[];
}

export interface QuizAnswer {
  questionId: string;
  option: number;
  correct: boolean;
}

export interface SessionInput {
  scenarioId: string;
  seed: number;
  /** Rounds in the session (the scenario's periods). */
  periods: number;
  levers: LeverBounds[];
  /** Lever values of the first round's draft (the scenario's defaults). */
  startLevers: Record<string, number>;
  /** The quiz's answer key, in question order. */
  quizKey: QuizKeyEntry[];
  /**
   * A branch of an earlier run: the engine has already replayed rounds 0..fromRound-1 with
   * that run's decisions, and the session goes on from round `fromRound` (a restart starts
   * the scenario again from round 0, without the branch).
   */
  branch?: SessionBranch;
}

export interface SessionBranch {
  /** The run this one branches from. */
  fromRunId: string;
  /** First round the learner plays. */
  fromRound: number;
  /** Summaries of the replayed rounds. */
  rounds: RoundSummary[];
  /** Lever values of the last replayed round: the new round's draft starts from them. */
  levers: Record<string, number>;
}

export interface SessionContext extends SessionInput {
  /** 0-based round being played (or just simulated, in roundReport). */
  round: number;
  view: RoundView;
  draft: Draft;
  /** Drafts before each change of this round, newest last. */
  undo: Draft[];
  check: DraftCheck;
  /** Summaries of the simulated rounds, by round. */
  rounds: RoundSummary[];
  lastReport: RoundReport | null;
  debrief: Debrief | null;
  quiz: { index: number; answers: QuizAnswer[]; correct: number };
  /** Why the last simulation or debrief failed (shown, then cleared by the next success). */
  error: string | null;
}

/** Undo history is capped: a slider dragged for a minute should not bloat every save. */
export const UNDO_LIMIT = 100;

export const COMPLAINT_ACTIONS: readonly ComplaintAction[] = [
  'apologise',
  'compensate',
  'fixRootCause',
  'escalate',
  'ignore',
];

/** The engine's accepted range of complaint response hours. */
export const RESPONSE_HOURS = { min: 1, max: 720 } as const;

export function initialContext(input: SessionInput): SessionContext {
  const branch = input.branch;
  return {
    ...structuredClone(input),
    // Set even when absent: assign() merges, and a restart must not keep an old branch.
    branch: branch ? structuredClone(branch) : undefined,
    round: branch ? branch.fromRound : 0,
    view: { events: [], complaints: [] },
    draft: {
      levers: { ...input.startLevers, ...(branch ? branch.levers : {}) },
      eventChoices: {},
      complaintResponses: {},
    },
    undo: [],
    check: { problems: [], cost: 0, budget: 0, byLever: {} },
    rounds: branch ? structuredClone(branch.rounds) : [],
    lastReport: null,
    debrief: null,
    quiz: { index: 0, answers: [], correct: 0 },
    error: null,
  };
}

/**
 * The input a restart starts again from: the scenario from round 0 on the same seed. A branch
 * is dropped, because a restart resets the engine to the start of the run.
 */
export function sessionInputOf(context: SessionContext): SessionInput {
  const { scenarioId, seed, periods, levers, startLevers, quizKey } = context;
  return { scenarioId, seed, periods, levers, startLevers, quizKey };
}

/** The decisions the engine receives for a draft (empty records left out). */
export function draftDecisions(draft: Draft): PeriodDecisions {
  const d: PeriodDecisions = { levers: { ...draft.levers } };
  if (Object.keys(draft.eventChoices).length) d.eventChoices = { ...draft.eventChoices };
  if (Object.keys(draft.complaintResponses).length)
    d.complaintResponses = structuredClone(draft.complaintResponses);
  return d;
}

// ---------------------------------------------------------------- events and actors

export type SessionEvent =
  | { type: 'session.start' }
  | { type: 'session.restart' }
  | { type: 'round.begin' }
  | { type: 'lever.set'; id: LeverId; value: number }
  | { type: 'round.undo' }
  | { type: 'round.next' }
  | { type: 'round.back' }
  | { type: 'round.submit' }
  | { type: 'event.choose'; eventId: string; choiceId: string }
  | { type: 'complaint.respond'; complaintId: string; action: ComplaintAction; hours: number }
  | { type: 'simulating.skip' }
  | { type: 'report.continue' }
  | { type: 'quiz.answer'; questionId: string; option: number }
  | { type: 'quiz.next' };

export interface SimulateInput {
  round: number;
  decisions: PeriodDecisions;
}

export interface SimulateOutput {
  round: number;
  summary: RoundSummary;
  report: RoundReport;
}

export interface DebriefInput {
  seed: number;
}

function notProvided(name: string): never {
  throw new Error(`${name} not provided: bind the session to an engine with provideSession()`);
}

/** Pushes the draft before a change on the undo stack (oldest entries drop off). */
function pushUndo(context: SessionContext): Draft[] {
  const undo = [...context.undo, structuredClone(context.draft)];
  return undo.length > UNDO_LIMIT ? undo.slice(undo.length - UNDO_LIMIT) : undo;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// ---------------------------------------------------------------- the machine

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  actors: {
    /** Simulates the round's period on the engine; idempotent per round (see session.ts). */
    simulatePeriod: fromPromise<SimulateOutput, SimulateInput>(async () =>
      notProvided('simulatePeriod'),
    ),
    /** Replaces the engine's run with a fresh one on the same seed. */
    resetRun: fromPromise<void, void>(async () => notProvided('resetRun')),
    /** Runs the reference policies and builds the debrief (heavy: a loading state shows). */
    computeDebrief: fromPromise<Debrief, DebriefInput>(async () => notProvided('computeDebrief')),
  },
  actions: {
    /** Reads the round's pending events, inbox and the draft's check from the engine. */
    loadRound: () => notProvided('loadRound'),
    /** Re-checks the draft (budget, ranges) with the engine after a change. */
    recheckDraft: () => notProvided('recheckDraft'),
    setLever: assign(({ context, event }) => {
      if (event.type !== 'lever.set' || context.draft.levers[event.id] === event.value) return {};
      return {
        undo: pushUndo(context),
        draft: { ...context.draft, levers: { ...context.draft.levers, [event.id]: event.value } },
      };
    }),
    chooseEvent: assign(({ context, event }) => {
      if (
        event.type !== 'event.choose' ||
        context.draft.eventChoices[event.eventId] === event.choiceId
      )
        return {};
      return {
        undo: pushUndo(context),
        draft: {
          ...context.draft,
          eventChoices: { ...context.draft.eventChoices, [event.eventId]: event.choiceId },
        },
      };
    }),
    respondComplaint: assign(({ context, event }) => {
      if (event.type !== 'complaint.respond') return {};
      const prev = context.draft.complaintResponses[event.complaintId];
      if (prev && prev.action === event.action && prev.hours === event.hours) return {};
      return {
        undo: pushUndo(context),
        draft: {
          ...context.draft,
          complaintResponses: {
            ...context.draft.complaintResponses,
            [event.complaintId]: { action: event.action, hours: event.hours },
          },
        },
      };
    }),
    undo: assign(({ context }) => ({
      draft: context.undo[context.undo.length - 1] ?? context.draft,
      undo: context.undo.slice(0, -1),
    })),
    /** Next round: the levers carry over; event answers, inbox answers and undo start empty. */
    nextRound: assign(({ context }) => ({
      round: context.rounds.length,
      draft: { levers: { ...context.draft.levers }, eventChoices: {}, complaintResponses: {} },
      undo: [],
    })),
    storeRound: assign(({ context, event }) => {
      const out = (event as unknown as { output: SimulateOutput }).output;
      const rounds = [...context.rounds];
      rounds[out.round] = out.summary;
      return { rounds, lastReport: out.report, undo: [], error: null };
    }),
    storeDebrief: assign(({ event }) => ({
      debrief: (event as unknown as { output: Debrief }).output,
      error: null,
    })),
    /** Keeps an actor's failure message for the UI (on xstate.error.actor.* events). */
    storeError: assign(({ event }) => ({
      error: errorMessage((event as unknown as { error: unknown }).error),
    })),
    answerQuiz: assign(({ context, event }) => {
      if (event.type !== 'quiz.answer') return {};
      const correct = context.quizKey[context.quiz.index]?.answer === event.option;
      return {
        quiz: {
          ...context.quiz,
          answers: [
            ...context.quiz.answers,
            { questionId: event.questionId, option: event.option, correct },
          ],
          correct: context.quiz.correct + (correct ? 1 : 0),
        },
      };
    }),
    nextQuestion: assign(({ context }) => ({
      quiz: { ...context.quiz, index: context.quiz.index + 1 },
    })),
    /** A fresh session on the same input (the engine is reset by the resetRun actor). */
    resetSession: assign(({ context }) => initialContext(sessionInputOf(context))),
  },
  guards: {
    leverSettable: ({ context, event }) => {
      if (event.type !== 'lever.set') return false;
      const l = context.levers.find((x) => x.id === event.id);
      const v = event.value;
      if (!l || l.locked || typeof v !== 'number' || !Number.isFinite(v)) return false;
      if (v < l.min - 1e-9 || v > l.max + 1e-9) return false;
      // Choice levers take only their listed values; ranges take any value between.
      if (
        l.kind === 'choice' &&
        Math.abs((v - l.min) / l.step - Math.round((v - l.min) / l.step)) > 1e-6
      )
        return false;
      return true;
    },
    draftValid: ({ context }) => context.check.problems.length === 0,
    hasEvents: ({ context }) => context.view.events.length > 0,
    hasComplaints: ({ context }) => context.view.complaints.length > 0,
    eventsAnswered: ({ context }) =>
      context.view.events.every((e) => e.id in context.draft.eventChoices),
    eventChoiceValid: ({ context, event }) =>
      event.type === 'event.choose' &&
      context.view.events.some((e) => e.id === event.eventId && e.choices.includes(event.choiceId)),
    complaintResponseValid: ({ context, event }) =>
      event.type === 'complaint.respond' &&
      context.view.complaints.some((c) => c.id === event.complaintId) &&
      COMPLAINT_ACTIONS.includes(event.action) &&
      typeof event.hours === 'number' &&
      event.hours >= RESPONSE_HOURS.min &&
      event.hours <= RESPONSE_HOURS.max,
    canUndo: ({ context }) => context.undo.length > 0,
    moreRounds: ({ context }) => context.round + 1 < context.periods,
    quizEmpty: ({ context }) => context.quizKey.length === 0,
    quizAnswerValid: ({ context, event }) => {
      if (event.type !== 'quiz.answer') return false;
      const q = context.quizKey[context.quiz.index];
      return (
        !!q &&
        q.id === event.questionId &&
        Number.isInteger(event.option) &&
        event.option >= 0 &&
        event.option < q.options
      );
    },
    moreQuestions: ({ context }) => context.quiz.index + 1 < context.quizKey.length,
  },
  delays: {
    /** Shortest time "simulating" is shown, so a period is felt to pass. 0 in headless runs. */
    minSimulating: 600,
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => initialContext(input),
  initial: 'briefing',
  states: {
    briefing: {
      on: { 'session.start': { target: 'round' } },
    },
    round: {
      entry: 'loadRound',
      initial: 'review',
      on: { 'session.restart': { target: 'restarting' } },
      states: {
        review: {
          on: { 'round.begin': { target: 'decide' } },
        },
        decide: {
          on: {
            'lever.set': { guard: 'leverSettable', actions: ['setLever', 'recheckDraft'] },
            'round.undo': { guard: 'canUndo', actions: ['undo', 'recheckDraft'] },
            'round.next': [
              { guard: and(['draftValid', 'hasEvents']), target: 'events' },
              { guard: and(['draftValid', 'hasComplaints']), target: 'complaints' },
            ],
            'round.submit': {
              guard: and(['draftValid', not('hasEvents'), not('hasComplaints')]),
              target: '#session.simulating',
            },
          },
        },
        events: {
          on: {
            'event.choose': { guard: 'eventChoiceValid', actions: ['chooseEvent', 'recheckDraft'] },
            'round.undo': { guard: 'canUndo', actions: ['undo', 'recheckDraft'] },
            'round.back': { target: 'decide' },
            'round.next': {
              guard: and(['eventsAnswered', 'draftValid', 'hasComplaints']),
              target: 'complaints',
            },
            'round.submit': {
              guard: and(['eventsAnswered', 'draftValid', not('hasComplaints')]),
              target: '#session.simulating',
            },
          },
        },
        complaints: {
          on: {
            'complaint.respond': {
              guard: 'complaintResponseValid',
              actions: ['respondComplaint', 'recheckDraft'],
            },
            'round.undo': { guard: 'canUndo', actions: ['undo', 'recheckDraft'] },
            'round.back': [{ guard: 'hasEvents', target: 'events' }, { target: 'decide' }],
            'round.submit': {
              guard: and(['eventsAnswered', 'draftValid']),
              target: '#session.simulating',
            },
          },
        },
      },
    },
    simulating: {
      type: 'parallel',
      states: {
        engine: {
          initial: 'running',
          states: {
            running: {
              invoke: {
                id: 'simulatePeriod',
                src: 'simulatePeriod',
                input: ({ context }) => ({
                  round: context.round,
                  decisions: draftDecisions(context.draft),
                }),
                onDone: { target: 'done', actions: 'storeRound' },
                onError: { target: '#session.round.decide', actions: 'storeError' },
              },
            },
            done: { type: 'final' },
          },
        },
        clock: {
          initial: 'waiting',
          states: {
            waiting: {
              after: { minSimulating: { target: 'elapsed' } },
              // Skips the wait; restoreSession sends it too, as timers are not persisted.
              on: { 'simulating.skip': { target: 'elapsed' } },
            },
            elapsed: { type: 'final' },
          },
        },
      },
      onDone: { target: 'roundReport' },
    },
    roundReport: {
      on: {
        'report.continue': [
          { guard: 'moreRounds', target: 'round', actions: 'nextRound' },
          { target: 'debrief' },
        ],
        'session.restart': { target: 'restarting' },
      },
    },
    debrief: {
      initial: 'loading',
      on: { 'session.restart': { target: 'restarting' } },
      states: {
        loading: {
          invoke: {
            id: 'computeDebrief',
            src: 'computeDebrief',
            input: ({ context }) => ({ seed: context.seed }),
            onDone: { target: 'ready', actions: 'storeDebrief' },
            onError: { target: 'failed', actions: 'storeError' },
          },
        },
        ready: { on: { 'report.continue': { target: '#session.quiz' } } },
        failed: { on: { 'report.continue': { target: '#session.quiz' } } },
      },
    },
    quiz: {
      initial: 'asking',
      on: { 'session.restart': { target: 'restarting' } },
      states: {
        asking: {
          always: { guard: 'quizEmpty', target: '#session.finished' },
          on: {
            'quiz.answer': { guard: 'quizAnswerValid', target: 'feedback', actions: 'answerQuiz' },
          },
        },
        feedback: {
          on: {
            'quiz.next': [
              { guard: 'moreQuestions', target: 'asking', actions: 'nextQuestion' },
              { target: '#session.finished' },
            ],
          },
        },
      },
    },
    finished: {
      on: { 'session.restart': { target: 'restarting' } },
    },
    restarting: {
      invoke: {
        id: 'resetRun',
        src: 'resetRun',
        onDone: { target: 'briefing', actions: 'resetSession' },
        onError: { target: 'briefing', actions: ['resetSession', 'storeError'] },
      },
    },
  },
});

export type SessionMachine = typeof sessionMachine;
