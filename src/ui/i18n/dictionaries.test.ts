// Both languages have exactly the same messages: same keys, no empty text,
// the same {placeholders}, and plural messages in complete .one/.other pairs.
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';
import { placeholders } from './format';

const dictionaries = { en, 'zh-CN': zhCN } as Record<string, Record<string, string>>;

describe('interface dictionaries', () => {
  it('have the same keys in every language', () => {
    const enKeys = Object.keys(en).sort();
    for (const [locale, dict] of Object.entries(dictionaries)) {
      const keys = Object.keys(dict).sort();
      expect(
        keys.filter((k) => !enKeys.includes(k)),
        `keys only in ${locale}`,
      ).toEqual([]);
      expect(
        enKeys.filter((k) => !keys.includes(k)),
        `keys missing from ${locale}`,
      ).toEqual([]);
    }
  });

  it('have no empty or blank messages', () => {
    for (const [locale, dict] of Object.entries(dictionaries)) {
      const blank = Object.entries(dict)
        .filter(([, text]) => typeof text !== 'string' || text.trim() === '')
        .map(([key]) => `${locale}: ${key}`);
      expect(blank).toEqual([]);
    }
  });

  it('use the same placeholders in every language', () => {
    const mismatched = Object.keys(en).filter(
      (key) =>
        placeholders(en[key as keyof typeof en]).join() !==
        placeholders(dictionaries['zh-CN'][key]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('give every plural message both a .one and an .other form', () => {
    const keys = Object.keys(en);
    const incomplete = keys
      .filter((k) => k.endsWith('.one') || k.endsWith('.other'))
      .map((k) => k.replace(/\.(one|other)$/, ''))
      .filter((base) => !keys.includes(`${base}.one`) || !keys.includes(`${base}.other`));
    expect(incomplete).toEqual([]);
  });

  it('use dotted lower-camel ids', () => {
    const odd = Object.keys(en).filter((k) => !/^[a-z][A-Za-z]*(\.[a-zA-Z0-9]+)+$/.test(k));
    expect(odd).toEqual([]);
  });
});
