import { describe, expect, it } from 'vitest';
import { readConcepts, type Concept } from './concepts';
import { normalise, searchConcepts } from './search';
import file from '../../../scenarios/concepts/concepts.json';

const text = (en: string, zh: string) => ({ en, 'zh-CN': zh });
function concept(id: string, term: [string, string], body: [string, string] = ['', '']): Concept {
  return {
    id,
    topic: 'test',
    term: text(...term),
    short: text('', ''),
    body: text(...body),
    sources: [],
    related: [],
  };
}

const sample = [
  concept('a', ['Customer satisfaction', '客户满意'], ['Feeling after buying', '消费后的感受']),
  concept(
    'b',
    ['Customer loyalty', '客户忠诚'],
    ['Repeat buying over time; unlike satisfaction', '长期重复购买'],
  ),
  concept('c', ['RFM analysis', 'RFM 分析'], ['Recency, frequency, monetary', '最近一次消费']),
];

describe('searchConcepts', () => {
  it('returns everything, in order, for an empty or blank query', () => {
    expect(searchConcepts(sample, '').map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(searchConcepts(sample, '   ').map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('matches either language, ignoring case and full-width forms', () => {
    expect(searchConcepts(sample, '忠诚').map((c) => c.id)).toEqual(['b']);
    expect(searchConcepts(sample, 'LOYALTY').map((c) => c.id)).toEqual(['b']);
    expect(searchConcepts(sample, 'ｒｆｍ').map((c) => c.id)).toEqual(['c']);
  });

  it('searches the body too, but ranks term matches first', () => {
    expect(searchConcepts(sample, 'satisfaction').map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('needs every word of the query', () => {
    expect(searchConcepts(sample, 'customer repeat').map((c) => c.id)).toEqual(['b']);
    expect(searchConcepts(sample, 'customer nothing')).toEqual([]);
  });

  it('normalises', () => {
    expect(normalise('ＡＢＣ Déjà')).toBe('abc déjà');
  });
});

describe('the concepts file, as the glossary reads it', () => {
  const { concepts, problems } = readConcepts(file);

  it('keeps every card', () => {
    expect(problems).toEqual([]);
    expect(concepts.length).toBe(file.concepts.length);
  });

  it('finds each card by its own term, in both languages', () => {
    for (const c of concepts) {
      expect(searchConcepts(concepts, c.term.en).map((x) => x.id)).toContain(c.id);
      expect(searchConcepts(concepts, c.term['zh-CN']).map((x) => x.id)).toContain(c.id);
    }
  });
});

describe('readConcepts', () => {
  it('drops malformed cards with a reason and keeps the rest', () => {
    const good = { id: 'x', term: text('X', '叉'), short: text('s', '短'), body: text('b', '长') };
    const { concepts, problems } = readConcepts({
      concepts: [good, { id: 'y', term: 'no' }, { ...good }, null],
    });
    expect(concepts.map((c) => c.id)).toEqual(['x']);
    expect(concepts[0].related).toEqual([]);
    expect(problems.map((p) => p.path)).toEqual([
      'concepts[1]',
      'concepts[1]',
      'concepts[1]',
      'concepts[2]',
      'concepts[3]',
      'concepts[3]',
      'concepts[3]',
      'concepts[3]',
    ]);
  });

  it('reports a file without a list', () => {
    expect(readConcepts(null).problems).toEqual([{ path: 'concepts', message: 'must be a list' }]);
  });
});
