// Test fixtures: the sandbox scenario plus one of every part (an event, reference policies,
// rules, a quiz question), and a maximal one using every optional field the format has.
// Used by the loader, schema and headless runner tests; not imported by the app.

import { readFileSync } from 'node:fs';
import { MODEL_DEFAULTS } from '../engine/params.ts';
import type { Text } from '../engine/types.ts';
import type { Scenario } from './types.ts';

export const sandboxText = readFileSync(
  new URL('../../scenarios/sandbox.json', import.meta.url),
  'utf8',
);

export const text = (en: string): Text => ({ 'zh-CN': `中文:${en}`, en });

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
