// Pure parts of the progress pages: their routes, sorting runs for the class results,
// decisions told in words, and a progress file made from a session held in memory.
import { describe, expect, it } from 'vitest';
import { checkProgressText } from '../../storage/progressFile';
import { sessionAfter } from '../../storage/testkit';
import { href, parseHash, type Route } from '../router';
import { i18n } from '../i18n/i18n.svelte';
import { byRound, describeDifference, effectiveDecisions, mergeRounds } from './decisionWords';
import { bestPerLearner, sortRuns, toggleSort } from './sorting';
import { unsavedSessionFile } from './unsaved';
import type { RunSummary } from '../../storage/db';

describe('progress routes', () => {
  const cases: [string, Route][] = [
    ['#/history', { name: 'history' }],
    ['#/history/3f2a-b1', { name: 'run', runId: '3f2a-b1' }],
    ['#/compare/a1/b2', { name: 'compare', a: 'a1', b: 'b2' }],
    ['#/results/leaky-bucket', { name: 'results', scenarioId: 'leaky-bucket' }],
    ['#/progress', { name: 'progress' }],
    [
      '#/play/sandbox?branch=run-1&round=3',
      { name: 'play', scenarioId: 'sandbox', branch: 'run-1', round: 3 },
    ],
  ];
  for (const [hash, route] of cases)
    it(`${hash} round-trips`, () => {
      expect(parseHash(hash)).toEqual(route);
      expect(parseHash(href(route))).toEqual(route);
    });

  it('refuses malformed ones', () => {
    expect(parseHash('#/compare/a').name).toBe('notFound');
    expect(parseHash('#/compare/a/b/c').name).toBe('notFound');
    expect(parseHash('#/compare/a/b?x=1').name).toBe('notFound');
    expect(parseHash('#/history/<x>').name).toBe('notFound');
    expect(parseHash('#/results').name).toBe('notFound');
    // A branch needs both its run and a whole round.
    expect(parseHash('#/play/sandbox?branch=r1')).toEqual({ name: 'play', scenarioId: 'sandbox' });
    expect(parseHash('#/play/sandbox?branch=r1&round=-1')).toEqual({
      name: 'play',
      scenarioId: 'sandbox',
    });
  });
});

function run(id: string, score: number, finishedAt: number, name?: string, team?: string) {
  return {
    id,
    score,
    finishedAt,
    label: null,
    player: name ? { name, team: team ?? null } : null,
  } as RunSummary;
}

describe('sorting runs', () => {
  const runs = [
    run('1', 70, 3, 'Zhang', 'B'),
    run('2', 90, 1, 'li', 'A'),
    run('3', 90, 2, 'Li', 'A'),
    run('4', 50, 4),
  ];

  it('sorts by score (ties newest first), name (nameless last) and team', () => {
    expect(
      sortRuns(runs, { key: 'score', direction: 'descending' }, 'en').map((r) => r.id),
    ).toEqual(['3', '2', '1', '4']);
    expect(sortRuns(runs, { key: 'name', direction: 'ascending' }, 'en').map((r) => r.id)).toEqual([
      '3',
      '2',
      '1',
      '4',
    ]);
    expect(sortRuns(runs, { key: 'name', direction: 'descending' }, 'en').map((r) => r.id)).toEqual(
      ['1', '3', '2', '4'],
    );
    expect(sortRuns(runs, { key: 'date', direction: 'ascending' }, 'en').map((r) => r.id)).toEqual([
      '2',
      '3',
      '1',
      '4',
    ]);
  });

  it('toggles direction, and starts numbers high and names at A', () => {
    expect(toggleSort({ key: 'date', direction: 'descending' }, 'score')).toEqual({
      key: 'score',
      direction: 'descending',
    });
    expect(toggleSort({ key: 'score', direction: 'descending' }, 'score').direction).toBe(
      'ascending',
    );
    expect(toggleSort({ key: 'score', direction: 'descending' }, 'name').direction).toBe(
      'ascending',
    );
  });

  it('keeps each learner’s best run (same name and team, any case)', () => {
    expect(
      bestPerLearner(runs)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['1', '3', '4']);
  });
});

describe('decisions in words', () => {
  it('names levers with their values in their units, in both languages', () => {
    i18n.locale = 'en';
    expect(
      describeDifference({ round: 2, path: 'levers.serviceQuality', a: 0.3, b: 0.5 }, null),
    ).toEqual({ round: 2, what: 'Service quality', a: '30%', b: '50%' });
    expect(describeDifference({ round: 0, path: 'levers.crmAnalytics', a: 0, b: 2 }, null)).toEqual(
      { round: 0, what: 'CRM system', a: 'None', b: 'Database + analytics in use' },
    );
    expect(
      describeDifference({ round: 0, path: 'levers.complaintResponseHours', a: 24, b: null }, null),
    ).toMatchObject({ a: '24 hours', b: 'not set' });
    expect(
      describeDifference(
        { round: 1, path: 'complaintResponses.c12.action', a: 'ignore', b: 'compensate' },
        null,
      ),
    ).toEqual({ round: 1, what: 'Complaint c12: response', a: 'Ignore', b: 'Compensate' });
    i18n.locale = 'zh-CN';
    expect(describeDifference({ round: 2, path: 'levers.priceLevel', a: 1, b: 0.9 }, null)).toEqual(
      { round: 2, what: '价格水平', a: '市场价的 100%', b: '市场价的 90%' },
    );
    i18n.locale = 'en';
  });

  it('merges consecutive rounds with the same differences', () => {
    const w = (round: number, a: string) => ({ round, what: 'Price level', a, b: '90%' });
    const spans = mergeRounds(
      byRound([w(3, '100%'), w(4, '100%'), w(5, '100%'), w(7, '100%'), w(8, '95%')]),
    );
    expect(spans.map((s) => [s.from, s.to])).toEqual([
      [3, 5],
      [7, 7],
      [8, 8],
    ]);
  });

  it('compares the levers as they took effect', () => {
    const decisions = [{ levers: { promotion: 0.1 } }];
    const metrics = [{ levers: { promotion: 0.1, priceLevel: 1 } }] as never;
    expect(effectiveDecisions(decisions, metrics)[0].levers).toEqual({
      promotion: 0.1,
      priceLevel: 1,
    });
  });

  it('groups them by round, in order', () => {
    const words = [
      { round: 3, what: 'x', a: '', b: '' },
      { round: 1, what: 'y', a: '', b: '' },
      { round: 3, what: 'z', a: '', b: '' },
    ];
    expect([...byRound(words).entries()].map(([k, v]) => [k, v.map((w) => w.what)])).toEqual([
      [1, ['y']],
      [3, ['x', 'z']],
    ]);
  });
});

describe('a session held in memory, exported', () => {
  it('is a valid progress file that the checker accepts', async () => {
    const { state } = sessionAfter(2, 7);
    const file = await unsavedSessionFile(state, {
      id: 'mem-1',
      profile: { name: 'Private', team: null, language: 'en' },
      now: Date.UTC(2025, 5, 1),
    });
    const checked = await checkProgressText(JSON.stringify(file));
    expect(checked.ok).toBe(true);
    if (checked.ok) {
      expect(checked.file.data.sessions.map((s) => [s.id, s.round, s.seed])).toEqual([
        ['mem-1', 2, 7],
      ]);
    }
  });
});
