// The language state with dictionaries loaded lazily: the first one before anything shows,
// and on a switch the old language stays until the new one is in (never a message id).
import { describe, expect, it, vi } from 'vitest';
import { I18n, type DictionaryLoaders } from './i18n.svelte';
import { en, type Dictionary } from './en';
import { zhCN } from './zh-CN';

/** Loaders that resolve only when the test says so. */
function manualLoaders() {
  const pending: Partial<
    Record<string, { resolve: (d: Dictionary) => void; reject: (e: unknown) => void }>
  > = {};
  const calls = { en: 0, 'zh-CN': 0 };
  const loaders: DictionaryLoaders = {
    en: () => {
      calls.en++;
      return new Promise((resolve, reject) => (pending.en = { resolve, reject }));
    },
    'zh-CN': () => {
      calls['zh-CN']++;
      return new Promise((resolve, reject) => (pending['zh-CN'] = { resolve, reject }));
    },
  };
  return { loaders, pending, calls };
}

describe('i18n with lazy dictionaries', () => {
  it('loads only the first language, and is ready once it is in', async () => {
    const { loaders, pending, calls } = manualLoaders();
    const i18n = new I18n(loaders, 'zh-CN');
    expect(calls).toEqual({ en: 0, 'zh-CN': 1 });
    pending['zh-CN']!.resolve(zhCN);
    await i18n.ready;
    expect(i18n.locale).toBe('zh-CN');
    expect(i18n.t('home.title')).toBe(zhCN['home.title']);
    expect(calls.en).toBe(0);
  });

  it('keeps the old language on screen until the new dictionary is in', async () => {
    const { loaders, pending } = manualLoaders();
    const i18n = new I18n(loaders, 'en');
    pending.en!.resolve(en);
    await i18n.ready;

    i18n.locale = 'zh-CN';
    expect(i18n.locale).toBe('en');
    expect(i18n.t('home.title')).toBe(en['home.title']);

    pending['zh-CN']!.resolve(zhCN);
    await vi.waitFor(() => expect(i18n.locale).toBe('zh-CN'));
    expect(i18n.t('home.title')).toBe(zhCN['home.title']);
    expect(localStorage.getItem('loyalty-lab.locale')).toBe('zh-CN');

    // Both loaded now: a switch back takes effect at once.
    i18n.locale = 'en';
    expect(i18n.t('home.title')).toBe(en['home.title']);
  });

  it('lets the last choice win when an earlier one loads late', async () => {
    const { loaders, pending } = manualLoaders();
    const i18n = new I18n(loaders, 'en');
    pending.en!.resolve(en);
    await i18n.ready;

    i18n.locale = 'zh-CN';
    i18n.locale = 'en';
    pending['zh-CN']!.resolve(zhCN);
    await new Promise((r) => setTimeout(r, 0));
    expect(i18n.locale).toBe('en');
    expect(i18n.t('home.title')).toBe(en['home.title']);
  });

  it('stays in the current language when a dictionary cannot be loaded', async () => {
    const { loaders, pending } = manualLoaders();
    const i18n = new I18n(loaders, 'en');
    pending.en!.resolve(en);
    await i18n.ready;
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});

    i18n.locale = 'zh-CN';
    pending['zh-CN']!.reject(new Error('offline'));
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    expect(i18n.locale).toBe('en');
    expect(i18n.t('home.title')).toBe(en['home.title']);
    error.mockRestore();
  });

  it('falls back to the other language when the first one cannot be loaded', async () => {
    const { loaders, pending } = manualLoaders();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const i18n = new I18n(loaders, 'zh-CN');
    pending['zh-CN']!.reject(new Error('offline'));
    await vi.waitFor(() => expect(pending.en).toBeDefined());
    pending.en!.resolve(en);
    await i18n.ready;
    expect(i18n.locale).toBe('en');
    expect(i18n.t('home.title')).toBe(en['home.title']);
    error.mockRestore();
  });

  it('gives a message in both languages, each read from its dictionary once loaded', async () => {
    const { loaders, pending } = manualLoaders();
    const i18n = new I18n(loaders, 'en');
    pending.en!.resolve(en);
    await i18n.ready;
    const text = i18n.localized('app.pageTitle', { page: 'P', app: 'A' });
    expect(text.en).toBe('P · A');
    i18n.locale = 'zh-CN';
    pending['zh-CN']!.resolve(zhCN);
    await vi.waitFor(() => expect(i18n.locale).toBe('zh-CN'));
    expect(text['zh-CN']).toBe(zhCN['app.pageTitle'].replace('{page}', 'P').replace('{app}', 'A'));
    expect(i18n.text(text)).toBe(text['zh-CN']);
  });
});
