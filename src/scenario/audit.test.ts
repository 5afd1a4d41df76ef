// The shipping checks of audit.ts catch what they claim to, naming the path: so a green
// shipped.test.ts means something.

import { describe, expect, it } from 'vitest';
import {
  auditDominance,
  contentProblems,
  extremePolicy,
  formatDominance,
  textProblems,
  unknownConcepts,
} from './audit.ts';
import { richScenario, sandboxText, smallSandbox } from './fixtures.ts';
import type { Scenario } from './types.ts';

const paths = (fs: { path: string }[]) => fs.map((f) => f.path);

/** The test scenarios write English in both languages; give every text its "Chinese". */
function translated<T>(v: T): T {
  if (Array.isArray(v)) return v.map(translated) as T;
  if (typeof v !== 'object' || v === null) return v;
  const o = v as Record<string, unknown>;
  if (typeof o.en === 'string') return { ...o, 'zh-CN': `中文:${o.en}` } as T;
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, translated(x)])) as T;
}

/** The sandbox file as shipped, with its own reference policies, on a small base. */
function sandbox(customers: number): Scenario {
  const s = JSON.parse(sandboxText) as Scenario;
  s.setting.customers = customers;
  return s;
}

describe('audit: content', () => {
  it('the sandbox needs only policies and 8–12 rounds', () => {
    const s = smallSandbox();
    expect(contentProblems(s)).toEqual([]);
    s.meta.periods = 6;
    s.referencePolicies = s.referencePolicies.filter((p) => p.id === 'recommended');
    expect(paths(contentProblems(s))).toEqual(['referencePolicies', 'meta.periods']);
  });

  it('a taught scenario needs events with choices, rules and 8 quiz questions', () => {
    const s = richScenario(10);
    expect(paths(contentProblems(s))).toEqual(['events', 'quiz']);
    expect(contentProblems(s)[1].message).toMatch(/2 quiz question/);
    s.reportRules = [];
    s.debriefRules = [];
    s.events.push({ ...structuredClone(s.events[0]), id: 'second' });
    s.quiz = Array.from({ length: 8 }, (_, i) => ({ ...s.quiz[0], id: `q${i}` }));
    expect(paths(contentProblems(s))).toEqual(['reportRules', 'debriefRules']);
  });
});

describe('audit: texts', () => {
  it('names each missing, empty or untranslated text', () => {
    const s = translated(richScenario());
    expect(textProblems(s)).toEqual([]);
    s.meta.summary = { en: 'Only English' } as unknown as Scenario['meta']['summary'];
    s.events[0].choices[1].label = { 'zh-CN': ' ', en: 'Hold' };
    s.quiz[1].options[2] = { 'zh-CN': 'x', en: 'x' };
    s.quiz[1].options[1] = { 'zh-CN': '72 小时', en: '七十二小时' };
    s.quiz[1].options[0] = { 'zh-CN': '5%', en: '5%' }; // nothing to translate
    expect(paths(textProblems(s))).toEqual([
      'meta.summary.zh-CN',
      'events[0].choices[1].label.zh-CN',
      'quiz[1].options[1].en',
      'quiz[1].options[2].zh-CN',
    ]);
  });
});

describe('audit: concepts', () => {
  it('names a link to a concept the glossary lacks', () => {
    const s = richScenario();
    s.events[0].choices[0].concept = 'synergy';
    expect(unknownConcepts(s)).toEqual([
      { path: 'events[0].choices[0].concept', message: expect.stringMatching(/"synergy"/) },
    ]);
  });
});

describe('audit: dominance', () => {
  it('extremes move every unlocked lever to its bound', () => {
    const s = smallSandbox();
    s.levers[0] = { ...s.levers[0], locked: true };
    const max = extremePolicy(s, 'max');
    expect(Object.keys(max.levers)).toHaveLength(s.levers.length - 1);
    expect(max.levers[s.levers[0].id]).toBeUndefined();
  });

  it('passes a clear winner and flags a naive policy that scores as well', () => {
    const s = sandbox(300);
    const good = auditDominance(s, [1]);
    expect(good.failures).toEqual([]);
    expect(good.rows[0].kind).toBe('recommended');
    expect(good.rows.some((r) => r.kind === 'naive')).toBe(true);
    expect(good.rows.slice(-2).map((r) => [r.id, r.kind])).toEqual([
      ['every-lever-max', 'extreme'],
      ['every-lever-zero', 'extreme'],
    ]);
    expect(formatDominance(good)).toMatch(/^recommended/m);
    // A naive copy of the recommended policy ties it: not a win.
    s.referencePolicies.push({ ...structuredClone(s.referencePolicies[0]), id: 'naive-copy' });
    const tied = auditDominance(s, [1]);
    expect(tied.failures.map((f) => f.path)).toEqual(['naive-copy seed 1']);
    expect(tied.failures[0].message).toMatch(/not below recommended/);
  });

  it('a naive policy over budget is a failure, not a crash', () => {
    const s = sandbox(300);
    s.meta.periods = 2;
    s.setting.budgetPerPeriod = 1000;
    const a = auditDominance(s, [1]);
    expect(a.failures.some((f) => /the run failed: .*over the budget/.test(f.message))).toBe(true);
  });
});
