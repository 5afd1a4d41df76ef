import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  catalogueProblems,
  checkMeta,
  findScenario,
  idFromPath,
  loadScenarioFile,
  scenarios,
} from './scenarioCatalogue';

const text = { 'zh-CN': '文', en: 'text' };
const validMeta = {
  title: text,
  summary: text,
  company: text,
  difficulty: 2,
  periods: 8,
  periodUnit: 'quarter',
  concepts: ['customer-loyalty'],
};

describe('checkMeta', () => {
  it('accepts a complete meta', () => {
    expect(checkMeta(validMeta)).toEqual([]);
  });

  it('lists every problem instead of stopping at the first', () => {
    const problems = checkMeta({
      ...validMeta,
      title: { en: 'only English' },
      difficulty: 4,
      periods: 0,
    });
    expect(problems).toHaveLength(3);
    expect(checkMeta(undefined)).toEqual(['meta is missing or not an object']);
  });
});

describe('the catalogue', () => {
  const onDisk = readdirSync('scenarios')
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.replace(/\.json$/, ''))
    .sort();

  it('has one entry per scenario file directly in scenarios/, and no problems', () => {
    expect(catalogueProblems).toEqual([]);
    expect(scenarios.map((s) => s.id).sort()).toEqual(onDisk);
  });

  it('takes ids from file names', () => {
    expect(idFromPath('/scenarios/sandbox.json')).toBe('sandbox');
  });

  it('loads each whole file lazily, with the same id', async () => {
    for (const entry of scenarios) {
      expect(findScenario(entry.id)).toBe(entry);
      const file = (await loadScenarioFile(entry.id)) as { id?: string; meta?: unknown };
      expect(file.id).toBe(entry.id);
      expect(file.meta).toEqual(entry.meta);
    }
  });

  it('resolves to undefined for an unknown id', async () => {
    expect(await loadScenarioFile('no-such-scenario')).toBeUndefined();
    expect(findScenario('no-such-scenario')).toBeUndefined();
  });
});
