// Tests for the scenario loader: the sandbox loads, and each kind of bad input gives a
// problem at the right path, in both languages, without throwing.
/* eslint-disable @typescript-eslint/no-explicit-any -- these tests write malformed scenarios on purpose. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/simulation.ts';
import { MODEL_DEFAULTS } from '../engine/params.ts';
import {
  loadScenario,
  MODEL_PARAM_BOUNDS,
  toEngineConfig,
  type LoadOptions,
  type Problem,
} from './validate.ts';
import { GLOSSARY_IDS } from './audit.ts';
import { fullScenario, sandboxText, text } from './fixtures.ts';
import { complaintWords, type Scenario } from './types.ts';

function problemsOf(input: unknown, options?: LoadOptions): Problem[] {
  const r = loadScenario(input, options);
  return r.ok ? [] : r.problems;
}

/** Applies a change to a valid full scenario and expects a problem at `path`. */
function expectProblem(
  change: (s: any) => void,
  path: string,
  words?: RegExp,
  options?: LoadOptions,
): Problem[] {
  const s = fullScenario();
  change(s);
  let problems: Problem[] = [];
  expect(() => (problems = problemsOf(s, options))).not.toThrow();
  const hit = problems.find((p) => p.path === path);
  expect(
    hit,
    `no problem at ${path}; got ${JSON.stringify(problems.map((p) => p.message.en))}`,
  ).toBeDefined();
  if (hit) {
    expect(hit.message.en.startsWith(`${path}: `)).toBe(true);
    expect(hit.message['zh-CN'].length).toBeGreaterThan(path.length + 2);
    if (words) expect(hit.message.en).toMatch(words);
  }
  return problems;
}

describe('loadScenario: good files', () => {
  it('loads the full test scenario with no problems', () => {
    const r = loadScenario(fullScenario());
    expect(r.ok ? [] : r.problems.map((p) => p.message.en)).toEqual([]);
  });

  it('loads sandbox.json as text once reference policies are not required', () => {
    const r = loadScenario(sandboxText, { requireReferencePolicies: false });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.id).toBe('sandbox');
      expect(r.warnings).toEqual([]);
    }
  });

  it('requires the recommended and a naive reference policy by default', () => {
    const s = JSON.parse(sandboxText) as Scenario;
    const required = problemsOf(s);
    // Until the lead fills sandbox's referencePolicies, exactly these two remain.
    if (s.referencePolicies.length === 0)
      expect(required.map((p) => p.path)).toEqual(['referencePolicies', 'referencePolicies']);
    else expect(required).toEqual([]);
  });

  it('returns a copy the input cannot change later', () => {
    const s = fullScenario();
    const r = loadScenario(s);
    s.meta.periods = 3;
    expect(r.ok && r.scenario.meta.periods).toBe(12);
  });

  it('warns, without failing, when segment shares do not add up to 1', () => {
    const s = fullScenario();
    s.segments[0].share = 0.5;
    const r = loadScenario(s);
    expect(r.ok && r.warnings.map((w) => w.path)).toEqual(['segments']);
  });
});

describe('complaint messages: one text or several versions', () => {
  const versions = [text('first', '甲'), text('second', '乙'), text('third', '丙')];

  it('loads a list of versions; one inbox shows different versions of a type', () => {
    const s = fullScenario();
    s.complaintTypes[0].message = versions;
    const r = loadScenario(s);
    expect(r.ok ? [] : r.problems.map((p) => p.message.en)).toEqual([]);
    if (!r.ok) return;
    const type = r.scenario.complaintTypes[0];
    const inbox = (period: number, count: number) =>
      Array.from({ length: count }, (_, nth) => complaintWords(type, period, nth).en);
    // Three complaints of one type in one inbox: three different sentences, in any period.
    for (const period of [1, 2, 7]) expect(new Set(inbox(period, 3)).size).toBe(3);
    // A fourth repeats one (only three versions), and the first sentence changes with the period.
    expect(new Set(inbox(4, 4)).size).toBe(3);
    expect(inbox(1, 1)).not.toEqual(inbox(2, 1));
    // One text is every complainant's.
    expect(complaintWords({ message: versions[1] }, 5, 2).en).toBe('second');
  });

  it('refuses an empty list, too many versions, and a version without a language', () => {
    expectProblem(
      (s) => (s.complaintTypes[0].message = []),
      'complaintTypes[0].message',
      /at least 1/,
    );
    expectProblem(
      (s) => (s.complaintTypes[0].message = Array.from({ length: 13 }, () => versions[0])),
      'complaintTypes[0].message',
      /at most 12/,
    );
    expectProblem(
      (s) => (s.complaintTypes[0].message = [versions[0], { en: 'no Chinese' }]),
      'complaintTypes[0].message[1].zh-CN',
      /missing/,
    );
  });
});

describe('loadScenario: each kind of bad input names the right path', () => {
  it('not JSON, with line and column', () => {
    const problems = problemsOf('{\n  "id": "x",\n  oops\n}');
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('');
    expect(problems[0].message.en).toMatch(/not valid JSON at line 3, column 3/);
    expect(problemsOf('{"a":')[0].message.en).toMatch(/line 1, column 6/);
    expect(problemsOf('')[0].message.en).toMatch(/not valid JSON/);
  });

  it('not an object at all', () => {
    for (const bad of [null, 42, 'null', [], '[1,2]', undefined, () => 1])
      expect(problemsOf(bad)[0].path).toBe('');
  });

  it('wrong type', () =>
    expectProblem(
      (s) => (s.setting.customers = '2000'),
      'setting.customers',
      /expected a number but found the text "2000"/,
    ));

  it('missing required field', () =>
    expectProblem((s) => delete s.meta.periods, 'meta.periods', /required field is missing/));

  it('unknown field', () =>
    expectProblem((s) => (s.setting.customer = 5), 'setting.customer', /not a known field/));

  it('missing translation', () =>
    expectProblem(
      (s) => delete s.briefing.goal['zh-CN'],
      'briefing.goal.zh-CN',
      /Chinese .* missing/,
    ));

  it('empty translation and unknown language', () => {
    const problems = expectProblem(
      (s) => ((s.meta.title.en = '  '), (s.meta.title.fr = 'Bac à sable')),
      'meta.title.en',
      /empty/,
    );
    expect(problems.some((p) => p.path === 'meta.title.fr')).toBe(true);
  });

  it('formatVersion not 1', () =>
    expectProblem((s) => (s.formatVersion = 2), 'formatVersion', /version 1/));

  it('out-of-range share, customers and periods', () => {
    const problems = expectProblem(
      (s) => (
        (s.segments[1].share = 1.5),
        (s.setting.customers = 2_000_000),
        (s.meta.periods = 41)
      ),
      'segments[1].share',
      /above the maximum 1/,
    );
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['setting.customers', 'meta.periods']),
    );
  });

  it('lever setting outside the catalogue range', () =>
    expectProblem(
      (s) => (s.levers[2] = { id: 'serviceQuality', max: 1.5 }),
      'levers[2].max',
      /^levers\[2\]\.max: 1\.5 is above the catalogue maximum 1 for serviceQuality\.$/,
    ));

  it('lever default outside its own narrowed range', () =>
    expectProblem(
      (s) => (s.levers[0] = { id: 'priceLevel', min: 0.9, max: 1.1, default: 1.15 }),
      'levers[0].default',
      /outside/,
    ));

  it('lever setting naming an unknown lever', () =>
    expectProblem((s) => (s.levers[1].id = 'discounts'), 'levers[1].id', /not a lever/));

  it('duplicate ids', () =>
    expectProblem(
      (s) => (s.segments[2].id = 'price'),
      'segments[2].id',
      /already used by segments\[0\]/,
    ));

  it('reference policy naming an unknown or unoffered lever', () => {
    expectProblem(
      (s) => (s.referencePolicies[0].levers.discounts = 0.1),
      'referencePolicies[0].levers.discounts',
      /not a lever/,
    );
    expectProblem(
      (s) => (s.levers = s.levers.filter((l: { id: string }) => l.id !== 'priceLevel')),
      'referencePolicies[1].levers.priceLevel',
      /not offered/,
    );
  });

  it('reference policy lever value out of the scenario range, and a locked lever moved', () => {
    expectProblem(
      (s) => (s.referencePolicies[1].levers.priceLevel = 0.5),
      'referencePolicies[1].levers.priceLevel',
      /outside this scenario's range 0\.8\.\.1\.2/,
    );
    expectProblem(
      (s) => (s.levers[11] = { id: 'personalCare', locked: true }),
      'referencePolicies[0].levers.personalCare',
      /locked/,
    );
  });

  it('reference policy naming an unknown event or choice, or a period past the end', () => {
    expectProblem(
      (s) => (s.referencePolicies[0].eventChoices = { flood: 'x' }),
      'referencePolicies[0].eventChoices.flood',
      /not an event/,
    );
    expectProblem(
      (s) => (s.referencePolicies[0].eventChoices['price-war'] = 'panic'),
      'referencePolicies[0].eventChoices.price-war',
      /not a choice/,
    );
    expectProblem(
      (s) => (s.referencePolicies[0].perPeriod = { '12': {} }),
      'referencePolicies[0].perPeriod.12',
      /not a period/,
    );
    expectProblem(
      (s) => (s.referencePolicies[0].complaintPolicy = 'polite'),
      'referencePolicies[0].complaintPolicy',
    );
  });

  it('missing recommended or naive reference policy', () => {
    expectProblem(
      (s) => (s.referencePolicies[0].id = 'textbook'),
      'referencePolicies',
      /"recommended"/,
    );
    expectProblem((s) => (s.referencePolicies[1].id = 'price-cuts'), 'referencePolicies', /naive/);
  });

  it('report and debrief rules naming unknown metrics', () => {
    expectProblem(
      (s) => (s.debriefRules[0].when[0].metric = 'customersHappy'),
      'debriefRules[0].when[0].metric',
      /not a known metric/,
    );
    expectProblem(
      (s) => (s.reportRules[0].when[0].metric = 'totalLost'),
      'reportRules[0].when[0].metric',
      /not a known metric/,
    );
    expectProblem(
      (s) => (s.reportRules[0].text.en = '{lostHappy} left.'),
      'reportRules[0].text.en',
      /placeholder \{lostHappy\}/,
    );
  });

  it("debrief rules may use the debrief's comparisons; report rules may not", () => {
    const keys = [
      'score',
      'vsRecommended.score',
      'vsRecommended.cumulativeProfit',
      'vsNaive.score',
      'vsNaive.totalLost',
    ];
    const s = fullScenario();
    s.debriefRules = keys.map((metric, i) => ({
      id: `cmp-${i}`,
      when: [{ metric, op: '<', value: 0 }],
      priority: i,
      concept: 'leaky-bucket',
      text: text(`{${metric}} against the references.`),
    }));
    const r = loadScenario(s);
    expect(r.ok ? [] : r.problems.map((p) => p.message.en)).toEqual([]);
    // Only exactly those: an unknown aggregate or reference is still refused, by name.
    for (const bad of [
      'vsRecommended.happiness',
      'vsExpert.score',
      'vsNaive',
      'vsNaive.final.active',
    ])
      expectProblem(
        (x) => (x.debriefRules[0].when[0].metric = bad),
        'debriefRules[0].when[0].metric',
        new RegExp(`"${bad.replace(/\./g, '\\.')}" is not a known metric`),
      );
    // A round report has no references to compare with.
    for (const key of keys) {
      expectProblem(
        (x) => (x.reportRules[0].when[0].metric = key),
        'reportRules[0].when[0].metric',
        /not a known metric/,
      );
      expectProblem(
        (x) => (x.reportRules[0].text.en = `{${key}} so far.`),
        'reportRules[0].text.en',
        /placeholder \{/,
      );
    }
  });

  it('unknown concept ids, given the glossary', () => {
    const glossary = { conceptIds: [...GLOSSARY_IDS] };
    expectProblem(
      (s) => (s.meta.concepts[0] = 'synergy'),
      'meta.concepts[0]',
      /not a concept id/,
      glossary,
    );
    expectProblem(
      (s) => (s.quiz[0].concept = 'synergy'),
      'quiz[0].concept',
      /not a concept id/,
      glossary,
    );
    // Without the glossary's ids (the engine worker, the headless runner) any id passes.
    const s = fullScenario();
    s.meta.concepts[0] = 'synergy';
    expect(problemsOf(s)).toEqual([]);
    expect(problemsOf(s, glossary).map((p) => p.path)).toEqual(['meta.concepts[0]']);
  });

  it('event effects with unknown targets, unknown segments, or segments on a market target', () => {
    expectProblem(
      (s) => (s.events[0].effects[0].target = 'weather'),
      'events[0].effects[0].target',
      /"market\.competitorPrice"/,
    );
    expectProblem(
      (s) => (s.events[0].choices[1].effects[0].segment = 'students'),
      'events[0].choices[1].effects[0].segment',
      /not a segment/,
    );
    expectProblem(
      (s) => (s.events[0].effects[0].segment = 'price'),
      'events[0].effects[0].segment',
      /ignored/,
    );
  });

  it('event trigger past the end and a default choice that does not exist', () => {
    expectProblem(
      (s) => (s.events[0].trigger.atPeriod = 12),
      'events[0].trigger.atPeriod',
      /never comes/,
    );
    expectProblem(
      (s) => (s.events[0].defaultChoice = 'panic'),
      'events[0].defaultChoice',
      /not one of this event's choices/,
    );
    expectProblem(
      (s) => (s.events[0].trigger = { when: { metric: 'delta.lost', op: '>', value: 1 } }),
      'events[0].trigger.when.metric',
    );
  });

  it('persona of an unknown segment', () =>
    expectProblem(
      (s) => (s.personas[0].segment = 'students'),
      'personas[0].segment',
      /not a segment/,
    ));

  it('quiz answer index out of range', () =>
    expectProblem((s) => (s.quiz[0].answer = 2), 'quiz[0].answer', /past the last option/));

  it('objective on an unknown metric, and floor equal to target', () => {
    expectProblem(
      (s) => (s.objectives[0].metric = 'profitTotal'),
      'objectives[0].metric',
      /not a run metric/,
    );
    expectProblem(
      (s) => (s.objectives[1].floor = s.objectives[1].target),
      'objectives[1].floor',
      /equals the target/,
    );
  });

  it('has bounds for every model parameter', () => {
    expect(Object.keys(MODEL_DEFAULTS).filter((k) => !(k in MODEL_PARAM_BOUNDS))).toEqual([]);
    for (const [k, v] of Object.entries(MODEL_DEFAULTS)) {
      const [min, max] = MODEL_PARAM_BOUNDS[k as keyof typeof MODEL_DEFAULTS] ?? [0, 0];
      expect(v >= min && v <= max, `${k} default ${v} within ${min}..${max}`).toBe(true);
    }
  });

  it('model parameter unknown or out of bounds', () => {
    expectProblem(
      (s) => (s.model = { baseFailureRate: 2 }),
      'model.baseFailureRate',
      /above the maximum 1/,
    );
    expectProblem((s) => (s.model = { failureRte: 0.1 }), 'model.failureRte', /not a known field/);
  });

  it('__proto__, constructor and prototype keys anywhere', () => {
    const problems = problemsOf(
      sandboxText.replace(
        '"customers": 2000,',
        '"customers": 2000, "__proto__": { "polluted": true },',
      ),
    );
    expect(problems.find((p) => p.path === 'setting.__proto__')?.message.en).toMatch(
      /not allowed anywhere/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expectProblem(
      (s) => (s.segments[0].constructor = 1),
      'segments[0].constructor',
      /not allowed anywhere/,
    );
    const r2 = loadScenario(
      sandboxText.replace(
        '"en": "Free-play sandbox"',
        '"en": "Free-play sandbox", "prototype": "x"',
      ),
      { requireReferencePolicies: false },
    );
    expect(r2.ok ? [] : r2.problems.map((p) => p.path)).toEqual(['meta.title.prototype']);
  });

  it('huge array, long string, deep nesting, big file', () => {
    const problems = expectProblem(
      (s) => (s.quiz = Array.from({ length: 10_001 }, () => s.quiz[0])),
      'quiz',
      /10001 items; at most 10000/,
    );
    expect(problems.filter((p) => p.path.startsWith('quiz'))).toHaveLength(1);
    expectProblem(
      (s) => (s.meta.summary.en = 'x'.repeat(20_001)),
      'meta.summary.en',
      /20001 characters/,
    );
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const d = expectProblem((s) => (s.model = deep), 'model.a', /not a known field/);
    expect(d.some((p) => /deeper than 32/.test(p.message.en))).toBe(true);
    const big = problemsOf(`${' '.repeat(2 * 1024 * 1024)}{}`);
    expect(big).toHaveLength(1);
    expect(big[0].message.en).toMatch(/at most 2 MB/);
  });

  it('a cyclic object does not hang or throw', () => {
    const s = fullScenario();
    (s.setting as unknown as Record<string, unknown>).self = s.setting;
    const problems = problemsOf(s);
    expect(problems.some((p) => p.path === 'setting.self')).toBe(true);
  });

  it('collects every problem, not just the first', () => {
    const s = fullScenario() as any;
    s.id = 'Bad Id';
    s.version = 'one';
    s.setting.currency = 'yuan';
    s.inboxSize = -1;
    delete s.briefing;
    s.complaintTypes[0].weight = 0;
    const paths = problemsOf(s).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'version',
        'setting.currency',
        'inboxSize',
        'briefing',
        'complaintTypes[0].weight',
      ]),
    );
  });

  it('garbage of many shapes never throws', () => {
    const shapes: unknown[] = [
      { meta: [] },
      { levers: 'all' },
      { segments: [null, 1, 'x'] },
      { events: [{ choices: [{}] }] },
      { referencePolicies: [{ levers: [], perPeriod: [] }] },
      { objectives: [{ weight: Infinity }] },
    ];
    for (const g of shapes) {
      const r = loadScenario({ ...fullScenario(), ...(g as object) });
      expect(r.ok).toBe(false);
    }
    expect(loadScenario(Object.create(null)).ok).toBe(false);
    const getter = fullScenario() as any;
    Object.defineProperty(getter, 'quiz', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    const r = loadScenario(getter);
    expect(r.ok).toBe(false);
  });
});

describe('issue 4 bad input: refused at load, the message naming the bad id', () => {
  /** The change makes the file fail to load, with a problem at `path` naming `id` in both languages. */
  function refusedNaming(change: (s: any) => void, path: string, id: string): void {
    const s = fullScenario();
    change(s);
    const r = loadScenario(s);
    expect(r.ok, 'the file must be refused').toBe(false);
    const hit = (r.ok ? [] : r.problems).find((p) => p.path === path);
    expect(hit, `no problem at ${path}`).toBeDefined();
    expect(hit!.message.en).toContain(`"${id}"`);
    expect(hit!.message['zh-CN']).toContain(`"${id}"`);
  }

  it('an event whose effect targets a lever, or an unknown target', () => {
    refusedNaming(
      (s) => (s.events[0].effects[0].target = 'promotion'),
      'events[0].effects[0].target',
      'promotion',
    );
    refusedNaming(
      (s) => (s.events[0].choices[0].effects[0].target = 'levers.discounts'),
      'events[0].choices[0].effects[0].target',
      'levers.discounts',
    );
    const s = fullScenario();
    (s.events[0].effects![0] as any).target = 'lever.personalCare';
    const r = loadScenario(s);
    expect(r.ok ? '' : r.problems[0].message.en).toMatch(/names the lever personalCare/);
  });

  it('an event answered in a reference policy with a lever or event that does not exist', () => {
    refusedNaming(
      (s) => (s.referencePolicies[0].levers.discounts = 0.1),
      'referencePolicies[0].levers.discounts',
      'discounts',
    );
    refusedNaming(
      (s) => (s.referencePolicies[0].perPeriod['4'].loyaltyPoints = 1),
      'referencePolicies[0].perPeriod.4.loyaltyPoints',
      'loyaltyPoints',
    );
    // A lever of the catalogue the scenario does not offer is unknown to it too.
    refusedNaming(
      (s) => (s.levers = s.levers.filter((l: { id: string }) => l.id !== 'personalCare')),
      'referencePolicies[0].levers.personalCare',
      'personalCare',
    );
    refusedNaming(
      (s) => (s.referencePolicies[0].eventChoices = { flood: 'hold' }),
      'referencePolicies[0].eventChoices.flood',
      'flood',
    );
  });

  it('a debrief rule on an unknown metric, in a condition or a placeholder', () => {
    refusedNaming(
      (s) => (s.debriefRules[0].when[0].metric = 'customerHappiness'),
      'debriefRules[0].when[0].metric',
      'customerHappiness',
    );
    refusedNaming(
      (s) => (s.debriefRules[0].when[0].metric = 'vsRecommended.happiness'),
      'debriefRules[0].when[0].metric',
      'vsRecommended.happiness',
    );
    const s = fullScenario();
    s.debriefRules[0].text = text('You kept {keptHappy} customers.');
    const r = loadScenario(s);
    expect(r.ok).toBe(false);
    const hit = (r.ok ? [] : r.problems).find((p) => p.path === 'debriefRules[0].text.en');
    expect(hit?.message.en).toContain('{keptHappy}');
  });
});

describe('toEngineConfig', () => {
  it('gives the engine what it needs and the engine runs it', () => {
    const r = loadScenario(fullScenario());
    if (!r.ok) throw new Error('full scenario should load');
    const cfg = toEngineConfig(r.scenario);
    expect(cfg.periods).toBe(12);
    expect(cfg.periodUnit).toBe('quarter');
    expect(cfg.customers).toBe(2000);
    expect(cfg.segments[0]).not.toHaveProperty('description');
    expect(cfg.events[0].choices[0]).not.toHaveProperty('label');
    expect(cfg.complaintTypes[0]).toEqual({ id: 'late-delivery', weight: 3, fixable: true });
    const sim = Simulation.create({ ...cfg, customers: 300 }, 3);
    for (let p = 0; p < 6; p++)
      sim.step({
        levers: {},
        eventChoices: sim.pendingEvents().length ? { 'price-war': 'match' } : {},
      });
    expect(sim.history[4].eventsFired).toEqual(['price-war:match']);
  });
});
