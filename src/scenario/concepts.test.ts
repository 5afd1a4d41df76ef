// Integrity checks for the glossary of concept cards (scenarios/concepts/concepts.json).
// The engine, reports and debriefs link to concept ids, so missing or dangling ids must fail here.
import { describe, it, expect } from 'vitest';
import data from '../../scenarios/concepts/concepts.json';

type Localized = Record<string, unknown>;

interface ConceptCard {
  id: string;
  topic: string;
  term: Localized;
  short: Localized;
  body: Localized;
  sources: string[];
  related: string[];
}

const TOPICS = [
  'foundations',
  'satisfaction',
  'loyalty',
  'retention',
  'value',
  'segments',
  'complaints',
  'care',
  'economics',
  'crm',
];

const REQUIRED_IDS = [
  'satisfaction',
  'complete-satisfaction',
  'satisfaction-vs-loyalty',
  'customer-loyalty',
  'attitudinal-loyalty',
  'behavioural-loyalty',
  'loyalty-types-matrix',
  'inertia-loyalty',
  'switching-barriers',
  'switching-cost',
  'retention-rate',
  'churn',
  'silent-defection',
  'leaky-bucket',
  'acquisition-vs-retention-cost',
  'customer-lifetime-value',
  'pareto-80-20',
  'rfm',
  'development-ladder',
  'loyalty-pyramid',
  'at-risk-customers',
  'advocates',
  'word-of-mouth',
  'negative-word-of-mouth',
  'referrals',
  'expectation-disconfirmation',
  'customer-delivered-value',
  'service-failure',
  'service-recovery',
  'complaint-handling',
  'five-complaint-questions',
  'feedback-channels',
  'response-time-24h',
  'root-cause-fix',
  'customer-care',
  'key-account-management',
  'loyalty-programme',
  'price-sensitivity',
  'deal-seekers',
  'economic-cycle',
  'crm-analytics',
  'service-profit-chain',
  'cross-selling',
  'let-unprofitable-go',
  'crisis-management',
  'brand',
  'over-promising',
  'retention-profit-link',
];

const LOCALES = ['zh-CN', 'en'] as const;
const TEXT_FIELDS = ['term', 'short', 'body'] as const;
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SOURCE_TAG = /^S00[0-4]$/;

const concepts = (data as { formatVersion: number; concepts: ConceptCard[] }).concepts;
const ids = concepts.map((c) => c.id);
const idSet = new Set(ids);

describe('concepts.json', () => {
  it('has format version 1 and a non-empty list of concepts', () => {
    expect(data.formatVersion).toBe(1);
    expect(Array.isArray(concepts)).toBe(true);
    expect(concepts.length).toBeGreaterThan(0);
  });

  it('has no duplicated ids', () => {
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
  });

  it('uses kebab-case ids', () => {
    const bad = ids.filter((id) => typeof id !== 'string' || !KEBAB.test(id));
    expect(bad).toEqual([]);
  });

  it('contains every id the engine, reports and debriefs link to', () => {
    const missing = REQUIRED_IDS.filter((id) => !idSet.has(id));
    expect(missing).toEqual([]);
  });

  it('uses only the known topic ids', () => {
    const bad = concepts.filter((c) => !TOPICS.includes(c.topic)).map((c) => `${c.id}: ${c.topic}`);
    expect(bad).toEqual([]);
  });

  it('has non-empty zh-CN and en text for term, short and body', () => {
    const problems: string[] = [];
    for (const c of concepts) {
      for (const field of TEXT_FIELDS) {
        const text = c[field];
        if (text === null || typeof text !== 'object') {
          problems.push(`${c.id}.${field} is missing`);
          continue;
        }
        for (const locale of LOCALES) {
          const value = text[locale];
          if (typeof value !== 'string' || value.trim() === '') {
            problems.push(`${c.id}.${field}.${locale} is missing or empty`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('only relates to ids that exist (and never to itself)', () => {
    const problems: string[] = [];
    for (const c of concepts) {
      expect(Array.isArray(c.related)).toBe(true);
      for (const r of c.related) {
        if (!idSet.has(r)) problems.push(`${c.id} -> ${r} (unknown id)`);
        if (r === c.id) problems.push(`${c.id} -> itself`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('cites at least one seed tag, each one of S000-S004', () => {
    const problems: string[] = [];
    for (const c of concepts) {
      if (!Array.isArray(c.sources) || c.sources.length === 0) problems.push(`${c.id}: no sources`);
      else
        for (const s of c.sources)
          if (!SOURCE_TAG.test(s)) problems.push(`${c.id}: bad source ${s}`);
    }
    expect(problems).toEqual([]);
  });
});
