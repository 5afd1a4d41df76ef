// What lives here: test-only scenarios and a driver for the scenario, session and storage
// tests; nothing here is imported by the app.
// - The scenarios are the sandbox (scenarios/sandbox.json) given what it lacks so far: an
//   event, reference policies, report and debrief rules, quiz questions. fullScenario and
//   maximalScenario are for the loader, schema and headless runner tests (one of every part,
//   then every optional field); smallSandbox and richScenario are small (400 customers) for
//   the session tests (an inbox, a budget two expensive levers overspend).
// - The driver binds a scenario to a main-thread engine (fixture) and plays a session as a
//   scripted learner would (decide, answer events and complaints, submit, the quiz).

import { waitFor } from 'xstate';
import { MODEL_DEFAULTS } from '../engine/params.ts';
import type {
  ComplaintRecord,
  ComplaintResponse,
  EngineConfig,
  LeverValues,
  Text,
} from '../engine/types.ts';
import { MainThreadEngine } from './engineAdapter.ts';
import type { RoundView } from './session.machine.ts';
import { provideSession, sessionInput, type SessionActor, type SessionDeps } from './session.ts';
import type { Policy } from './policy.ts';
import { policyRoundDecisions } from './sessionReference.ts';
import type { ReferencePolicy, Scenario } from './types.ts';
import { toEngineConfig } from './validate.ts';
import sandboxText from '../../scenarios/sandbox.json?raw';

/** The sandbox file as shipped, as text (Vite's `?raw`: the same in Node and happy-dom). */
export { sandboxText };

/** A text in both languages; the "Chinese" is marked so a test can tell them apart. */
export const text = (en: string, zh = `中文:${en}`): Text => ({ 'zh-CN': zh, en });

// ---------------------------------------------------------------- loader and runner tests

/** The sandbox plus one of everything, so a test can break one part of a valid file. */
export function fullScenario(): Scenario {
  const s = JSON.parse(sandboxText) as Scenario;
  s.events = [
    {
      id: 'price-war',
      kind: 'priceWar',
      title: text('A rival cuts prices'),
      situation: text('A rival store cuts prices by 10%.'),
      trigger: { atPeriod: 4 },
      effects: [{ target: 'market.competitorPrice', op: 'add', value: -0.1, duration: 3 }],
      choices: [
        {
          id: 'match',
          label: text('Match'),
          description: text('Cut our prices too.'),
          effects: [{ target: 'cash', op: 'add', value: -10000 }],
        },
        {
          id: 'hold',
          label: text('Hold'),
          description: text('Keep prices, call key customers.'),
          effects: [{ target: 'attitude', op: 'add', value: 0.05, segment: 'relationship' }],
          concept: 'customer-care',
        },
      ],
      defaultChoice: 'hold',
    },
  ];
  s.referencePolicies = [
    {
      id: 'recommended',
      label: text('Textbook'),
      description: text('Care and service.'),
      levers: { personalCare: 0.5, serviceQuality: 0.6 },
      perPeriod: { '4': { personalCare: 0.7 } },
      eventChoices: { 'price-war': 'hold' },
      complaintPolicy: 'byValue',
    },
    {
      id: 'naive-price-cuts',
      label: text('Price cuts'),
      description: text('Cut prices.'),
      levers: { priceLevel: 0.85 },
      complaintPolicy: { action: 'apologise', hours: 72 },
    },
  ];
  s.reportRules = [
    {
      id: 'leaky',
      when: [{ metric: 'lostSatisfied', op: '>', value: 10 }],
      priority: 2,
      concept: 'satisfaction-vs-loyalty',
      text: text('{lostSatisfied} satisfied customers left.'),
    },
  ];
  s.debriefRules = [
    {
      id: 'lost-many',
      when: [{ metric: 'totalLost', op: '>=', value: 100 }],
      priority: 1,
      concept: 'leaky-bucket',
      text: text('You lost {totalLost} customers.'),
    },
  ];
  s.quiz = [
    {
      id: 'q1',
      question: text('Is satisfaction loyalty?'),
      options: [text('Yes'), text('No')],
      answer: 1,
      explanation: text('No.'),
      concept: 'satisfaction-vs-loyalty',
      source: 'new',
    },
  ];
  return s;
}

/** fullScenario with every optional field of the format filled in somewhere. */
export function maximalScenario(): Scenario {
  const s = fullScenario();
  s.briefing.hint = text('Watch who leaves.');
  s.levers[2] = {
    id: 'serviceQuality',
    min: 0.1,
    max: 0.9,
    default: 0.4,
    unitCost: 25,
    locked: false,
    hint: text('Spend on service.'),
  };
  s.events[0].effects = [
    {
      target: 'satisfaction',
      op: 'add',
      value: -0.05,
      delay: 1,
      duration: 1,
      segment: 'price',
      topTierOnly: true,
    },
  ];
  s.events[0].choices[0].cost = 5000;
  s.events.push({
    id: 'churn-alarm',
    kind: 'other',
    title: text('Customers are leaving'),
    situation: text('Retention fell.'),
    trigger: { when: { metric: 'retentionRate', op: '<', value: 0.8 }, repeatable: true },
    choices: [
      {
        id: 'call',
        label: text('Call them'),
        description: text('Call every customer.'),
        effects: [],
      },
    ],
  });
  s.personas[1].tier = 'A';
  s.model = { ...MODEL_DEFAULTS };
  return s;
}

// ---------------------------------------------------------------- session tests

/** Test-only reference policies for the sandbox, checked to differ clearly in score. */
export const TEST_RECOMMENDED: ReferencePolicy = {
  id: 'recommended',
  label: text('Care and service', '关怀与服务'),
  description: text('Service, training and personal care; little acquisition.'),
  levers: {
    serviceQuality: 0.5,
    staffTraining: 0.4,
    personalCare: 0.4,
    complaintResponseHours: 24,
    acquisitionSpend: 0.1,
    brandAdvertising: 0.1,
  },
  eventChoices: { 'price-war': 'hold' },
  complaintPolicy: 'byValue',
};

export const TEST_NAIVE: ReferencePolicy = {
  id: 'naive-discount',
  label: text('Discounts and acquisition', '打折拉新'),
  description: text('Promotions and acquisition spend; service cut.'),
  levers: {
    promotion: 0.15,
    acquisitionSpend: 0.6,
    serviceQuality: 0.2,
    staffTraining: 0.1,
    personalCare: 0,
  },
  eventChoices: { 'price-war': 'match' },
};

/** The sandbox, small, with nothing added (its own events, inbox, rules and quiz: none). */
export function smallSandbox(customers = 400): Scenario {
  const s = JSON.parse(sandboxText) as Scenario;
  s.setting.customers = customers;
  // The sandbox has no events (yet): the policies' event choices would not load.
  s.referencePolicies = [TEST_RECOMMENDED, TEST_NAIVE].map(({ eventChoices: _e, ...p }) =>
    structuredClone(p),
  );
  return s;
}

/**
 * A short sandbox variant with everything a session has: `periods` rounds, a price-war
 * event before period 1, an inbox of 3, report and debrief rules, two quiz questions, and
 * a budget low enough that two expensive levers overspend it.
 */
export function richScenario(periods = 3): Scenario {
  const s = smallSandbox();
  s.id = 'sandbox-rich';
  s.meta.periods = periods;
  s.setting.budgetPerPeriod = 150000;
  s.inboxSize = 3;
  s.referencePolicies = [structuredClone(TEST_RECOMMENDED), structuredClone(TEST_NAIVE)];
  s.events = [
    {
      id: 'price-war',
      kind: 'priceWar',
      title: text('Price war'),
      situation: text('A rival cuts prices by 10%.'),
      trigger: { atPeriod: 1 },
      effects: [{ target: 'market.competitorPrice', op: 'add', value: -0.1, duration: 2 }],
      choices: [
        {
          id: 'match',
          label: text('Match'),
          description: text('Cut our price too.'),
          effects: [{ target: 'churn', op: 'mul', value: 0.9, duration: 2 }],
          cost: 20000,
          concept: 'price-sensitivity',
        },
        {
          id: 'hold',
          label: text('Hold'),
          description: text('Keep prices, lean on care.'),
          effects: [{ target: 'attitude', op: 'add', value: 0.02 }],
          concept: 'attitudinal-loyalty',
        },
      ],
      defaultChoice: 'hold',
    },
  ];
  s.reportRules = [
    {
      id: 'lost-any',
      when: [{ metric: 'lost', op: '>', value: 0 }],
      priority: 1,
      concept: 'churn',
      text: text('{lost} customers left.', '{lost} 名客户流失。'),
    },
    {
      id: 'lost-satisfied',
      when: [{ metric: 'lostSatisfied', op: '>', value: 0 }],
      priority: 5,
      concept: 'satisfaction-vs-loyalty',
      text: text(
        '{lostSatisfied} of {lost} who left were satisfied.',
        '流失的 {lost} 人中有 {lostSatisfied} 人是满意的。',
      ),
    },
    {
      id: 'never',
      when: [{ metric: 'active', op: '<', value: 0 }],
      priority: 9,
      concept: 'churn',
      text: text('Impossible.'),
    },
    {
      id: 'active',
      when: [{ metric: 'active', op: '>', value: 0 }],
      priority: 2,
      concept: 'retention-rate',
      text: text('{active} active.'),
    },
    {
      id: 'satisfaction-up',
      when: [{ metric: 'delta.satisfactionMean', op: '>', value: 0 }],
      priority: 3,
      concept: 'satisfaction',
      text: text('Satisfaction rose by {delta.satisfactionMean}.'),
    },
  ];
  s.debriefRules = [
    {
      id: 'below-recommended',
      when: [{ metric: 'vsRecommended.score', op: '<', value: 0 }],
      priority: 5,
      concept: 'customer-care',
      text: text('You scored {vsRecommended.score} below the textbook policy.'),
    },
    {
      id: 'above-naive',
      when: [{ metric: 'vsNaive.cumulativeProfit', op: '>', value: 0 }],
      priority: 3,
      concept: 'deal-seekers',
      text: text('You beat the discounter by {vsNaive.cumulativeProfit}.'),
    },
    {
      id: 'lost-many',
      when: [{ metric: 'totalLost', op: '>', value: 0 }],
      priority: 1,
      concept: 'churn',
      text: text('{totalLost} customers left over the run.'),
    },
  ];
  s.quiz = [
    {
      id: 'q1',
      question: text('Does satisfaction guarantee loyalty?'),
      options: [text('Yes'), text('No')],
      answer: 1,
      explanation: text('Satisfied customers still defect.'),
      concept: 'satisfaction-vs-loyalty',
      source: 'new',
    },
    {
      id: 'q2',
      question: text('Within how many hours should a complaint be answered?'),
      options: [text('24'), text('72'), text('168')],
      answer: 0,
      explanation: text('The textbook standard is 24 hours.'),
      concept: 'response-time-24h',
      source: 'new',
    },
  ];
  return s;
}

// ---------------------------------------------------------------- the scripted learner

export interface Fixture extends SessionDeps {
  engine: MainThreadEngine;
  config: EngineConfig;
  seed: number;
}

/** A scenario bound to a fresh main-thread engine; minimum simulating time 0 unless given. */
export function fixture(scenario: Scenario, seed = 7, minSimulatingMs = 0): Fixture {
  const config = toEngineConfig(scenario);
  return { scenario, config, engine: MainThreadEngine.create(config, seed), seed, minSimulatingMs };
}

export function machineOf(f: Fixture) {
  return provideSession(f);
}

export function inputOf(f: Fixture) {
  return sessionInput(f.scenario, f.seed);
}

/** What a scripted learner does in one round. */
export interface RoundPlan {
  levers?: LeverValues;
  /** Event id -> choice id; unlisted events get their default choice (else the first). */
  events?: Record<string, string>;
  /** Answer for an inbox complaint; undefined leaves it to the default policy. */
  complaint?: (c: ComplaintRecord) => ComplaintResponse | undefined;
}

export type Plan = (round: number, view: RoundView) => RoundPlan;

/**
 * A plan that plays a policy as runScenario does: each round enters the decisions
 * policyRoundDecisions gives (policyDecisions' semantics, policy.ts).
 */
export function planOf(policy: Policy): Plan {
  return (round, view) => {
    const d = policyRoundDecisions(policy, round, view);
    return {
      levers: d.levers,
      events: d.eventChoices,
      complaint: (c) => d.complaintResponses?.[c.id],
    };
  };
}

function send(actor: SessionActor, event: Parameters<SessionActor['send']>[0]): void {
  if (!actor.getSnapshot().can(event)) {
    const s = actor.getSnapshot();
    throw new Error(
      `event ${JSON.stringify(event)} refused in ${JSON.stringify(s.value)}: ${JSON.stringify(s.context.check.problems)}`,
    );
  }
  actor.send(event);
}

/** Plays the decide phase of a plan: lever changes only. */
export function decide(actor: SessionActor, p: RoundPlan): void {
  for (const [id, value] of Object.entries(p.levers ?? {}))
    send(actor, { type: 'lever.set', id: id as never, value });
}

/** Plays the events phase of a plan: from decide, moves on if the round has events. */
export function answerEvents(actor: SessionActor, p: RoundPlan): void {
  const { view } = actor.getSnapshot().context;
  if (!view.events.length) return;
  if (actor.getSnapshot().matches({ round: 'decide' })) send(actor, { type: 'round.next' });
  for (const e of view.events)
    send(actor, {
      type: 'event.choose',
      eventId: e.id,
      choiceId: p.events?.[e.id] ?? e.defaultChoice ?? e.choices[0],
    });
}

/** Plays the complaints phase of a plan: from decide or events, moves on if there is an inbox. */
export function answerComplaints(actor: SessionActor, p: RoundPlan): void {
  const { view } = actor.getSnapshot().context;
  if (!view.complaints.length) return;
  if (!actor.getSnapshot().matches({ round: 'complaints' })) send(actor, { type: 'round.next' });
  for (const c of view.complaints) {
    const r = p.complaint?.(c);
    if (r)
      send(actor, {
        type: 'complaint.respond',
        complaintId: c.id,
        action: r.action,
        hours: r.hours,
      });
  }
}

async function untilReported(actor: SessionActor): Promise<void> {
  await waitFor(actor, (s) => s.matches('roundReport') || !!s.context.error, { timeout: 10_000 });
  const { error } = actor.getSnapshot().context;
  if (error) throw new Error(error);
}

/** Submits the round and waits for its report. */
export async function submit(actor: SessionActor): Promise<void> {
  send(actor, { type: 'round.submit' });
  await untilReported(actor);
}

/**
 * Plays the rest of the current round from wherever it stands (review, decide, events,
 * complaints or simulating) to its report, following the plan. Decisions already in the
 * draft are set again to the same values, which changes nothing.
 */
export async function finishRound(actor: SessionActor, plan: Plan): Promise<void> {
  if (actor.getSnapshot().matches('simulating')) return untilReported(actor);
  if (actor.getSnapshot().matches({ round: 'review' })) send(actor, { type: 'round.begin' });
  const s = actor.getSnapshot();
  const p = plan(s.context.round, s.context.view);
  if (s.matches({ round: 'decide' })) decide(actor, p);
  if (!s.matches({ round: 'complaints' })) answerEvents(actor, p);
  answerComplaints(actor, p);
  await submit(actor);
}

/** From a round's review to its report, following the plan. */
export async function playRound(actor: SessionActor, plan: Plan): Promise<void> {
  if (!actor.getSnapshot().matches({ round: 'review' }))
    throw new Error('playRound starts in review');
  await finishRound(actor, plan);
}

/** From briefing, or anywhere before the debrief, through every round to the debrief's end. */
export async function playToDebrief(actor: SessionActor, plan: Plan): Promise<void> {
  if (actor.getSnapshot().matches('briefing')) send(actor, { type: 'session.start' });
  for (;;) {
    const s = actor.getSnapshot();
    if (s.matches('round') || s.matches('simulating')) await finishRound(actor, plan);
    else if (s.matches('roundReport')) send(actor, { type: 'report.continue' });
    else break;
  }
  await waitFor(actor, (s) => s.matches({ debrief: 'ready' }) || s.matches({ debrief: 'failed' }), {
    timeout: 20_000,
  });
}

/** Answers the quiz with `pick(questionIndex)` and ends in finished. */
export function playQuiz(
  actor: SessionActor,
  pick: (index: number, questionId: string) => number,
): void {
  send(actor, { type: 'report.continue' });
  while (actor.getSnapshot().matches('quiz')) {
    const { quiz, quizKey } = actor.getSnapshot().context;
    const q = quizKey[quiz.index];
    send(actor, { type: 'quiz.answer', questionId: q.id, option: pick(quiz.index, q.id) });
    send(actor, { type: 'quiz.next' });
  }
}
