import { describe, expect, it } from 'vitest';
import { interpolate, isLocale, pickLocale, placeholders } from './format';

describe('interpolate', () => {
  it('fills named placeholders, several times if need be', () => {
    expect(interpolate('Start {title}', { title: 'Sandbox' })).toBe('Start Sandbox');
    expect(interpolate('{n} of {n}', { n: 3 })).toBe('3 of 3');
  });

  it('leaves a placeholder without a value visible', () => {
    expect(interpolate('Hello {name}', {})).toBe('Hello {name}');
    expect(interpolate('Hello {name}')).toBe('Hello {name}');
  });

  it('does not read inherited properties', () => {
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });

  it('lists placeholders', () => {
    expect(placeholders('{b} and {a}')).toEqual(['a', 'b']);
  });
});

describe('pickLocale', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['zh-TW', 'en'], 'zh-CN'],
    [['ZH-hans-CN'], 'zh-CN'],
    [['en-US', 'zh-CN'], 'en'],
    [['fr-FR', 'zh-CN'], 'zh-CN'],
    [['fr-FR', 'de'], 'en'],
    [[], 'en'],
  ])('%j → %s', (preferred, expected) => {
    expect(pickLocale(preferred)).toBe(expected);
  });

  it('does not mistake a language that merely starts with the same letters', () => {
    expect(pickLocale(['zha'])).toBe('en');
  });
});

describe('isLocale', () => {
  it('accepts only the interface languages', () => {
    expect(isLocale('zh-CN')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('zh')).toBe(false);
    expect(isLocale(null)).toBe(false);
  });
});
