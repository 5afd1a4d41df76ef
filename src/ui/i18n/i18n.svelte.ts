/**
 * The current interface language, and the functions that turn message ids and
 * numbers into text for it.
 *
 * Loading rule: each language's dictionary is its own lazy chunk (`en.ts`, `zh-CN.ts`), and
 * only the one shown is fetched. `main.ts` waits for `i18n.ready` (the first language: the
 * remembered choice, else the browser's) before mounting, so no key is ever shown untranslated.
 * Setting `i18n.locale` to a language not loaded yet fetches it first and keeps the old
 * language on screen meanwhile; `i18n.locale` always names the language being shown.
 *
 * `i18n.locale` is reactive: a component that calls `t(...)` in its markup
 * re-renders when the language changes. Setting it remembers the choice in
 * localStorage and updates `<html lang>`.
 */
import type { Dictionary, MessageKey } from './en';
import { interpolate, isLocale, pickLocale, type Locale, type Params } from './format';
import { preferenceKeys, readPreference, writePreference } from '../preferences';

export { locales, type Locale, type Params } from './format';
export type { MessageKey } from './en';

/** Text given in both languages, as scenario and concept files write it. */
export type LocalizedText = Record<Locale, string>;

/** Message ids that come as a `.one` / `.other` pair, without the suffix. */
export type PluralKey = MessageKey extends infer K
  ? K extends `${infer Base}.other`
    ? Base
    : never
  : never;

/** Fetches one language's dictionary (a dynamic `import()` in the app). */
export type DictionaryLoaders = Record<Locale, () => Promise<Dictionary>>;

const chunks: DictionaryLoaders = {
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
  en: () => import('./en').then((m) => m.en),
};

function initialLocale(): Locale {
  const saved = readPreference(preferenceKeys.locale);
  if (isLocale(saved)) return saved;
  const nav = globalThis.navigator;
  return pickLocale(nav?.languages?.length ? nav.languages : [nav?.language ?? 'en']);
}

export class I18n {
  #locale = $state<Locale>('en');
  /** The dictionary of `#locale`; null only until the first one has loaded. */
  #messages = $state.raw<Dictionary | null>(null);
  readonly #loaders: DictionaryLoaders;
  readonly #loaded: Partial<Record<Locale, Promise<Dictionary>>> = {};
  /** Dictionaries already in, for a synchronous switch. */
  readonly #settled: Partial<Record<Locale, Dictionary>> = {};
  /** The language asked for last: a slower, earlier request must not win. */
  #wanted: Locale;

  /** Resolves once the first language's dictionary is in (it never rejects). */
  readonly ready: Promise<void>;

  constructor(loaders: DictionaryLoaders = chunks, first: Locale = initialLocale()) {
    this.#loaders = loaders;
    this.#locale = this.#wanted = first;
    // Should that chunk fail to load, the other language beats showing message ids.
    const other: Locale = first === 'en' ? 'zh-CN' : 'en';
    this.ready = this.#switchTo(first, false).then(() =>
      this.#messages ? undefined : this.#switchTo(other, false),
    );
  }

  /** The interface language being shown. Setting it saves the choice and sets `<html lang>`. */
  get locale(): Locale {
    return this.#locale;
  }

  set locale(value: Locale) {
    void this.#switchTo(value, true);
  }

  /**
   * Shows `value` once its dictionary is in: at once when it is loaded already (the choice then
   * takes effect synchronously), else after the fetch, with the old language kept meanwhile.
   * A dictionary that fails to load leaves the current language on screen.
   */
  #switchTo(value: Locale, remember: boolean): Promise<void> {
    this.#wanted = value;
    const apply = (messages: Dictionary) => {
      if (this.#wanted !== value) return;
      this.#messages = messages;
      this.#locale = value;
      if (remember) writePreference(preferenceKeys.locale, value);
      this.applyToDocument();
    };
    const cached = this.#settled[value];
    if (cached) {
      apply(cached);
      return Promise.resolve();
    }
    return this.load(value).then(apply, (error: unknown) => {
      console.error(`Could not load the ${value} dictionary`, error);
      delete this.#loaded[value];
      if (this.#wanted === value) this.#wanted = this.#locale;
    });
  }

  /** Fetches a language's dictionary (once) without showing it. */
  load(locale: Locale): Promise<Dictionary> {
    let p = this.#loaded[locale];
    if (!p) {
      p = this.#loaders[locale]().then((messages) => {
        this.#settled[locale] = messages;
        return messages;
      });
      this.#loaded[locale] = p;
    }
    return p;
  }

  /** Writes the language onto `<html lang>`; call once at start-up. */
  applyToDocument(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.#locale;
  }

  /** True when `key` is a message id (for ids built from data, such as concept topics). */
  has = (key: string): key is MessageKey =>
    this.#messages !== null && Object.hasOwn(this.#messages, key);

  /**
   * The message `key` in the current language, with `{name}` placeholders filled.
   * Before the first dictionary is in (never, once `ready` has resolved) it reads as the key.
   */
  t = (key: MessageKey, params?: Params): string =>
    interpolate(this.#messages?.[key] ?? key, params);

  /**
   * A message in both languages, for data that carries its text in both (a problem's
   * message). Each language is read when shown: one not loaded yet reads as the current one,
   * and a language is always loaded before it is shown.
   */
  localized = (key: MessageKey, params?: Params): LocalizedText => {
    const read = (locale: Locale) =>
      interpolate((this.#settled[locale] ?? this.#messages)?.[key] ?? key, params);
    return {
      get 'zh-CN'() {
        return read('zh-CN');
      },
      get en() {
        return read('en');
      },
    };
  };

  /**
   * A counted message: picks `<key>.one` or `<key>.other` by the current
   * language's plural rules and fills `{count}` with the formatted number.
   * @example tc('period.quarter', 8) // '8 quarters' / '8 个季度'
   */
  tc = (key: PluralKey, count: number, params?: Params): string => {
    const rule = new Intl.PluralRules(this.#locale).select(count);
    const full = (rule === 'one' ? `${key}.one` : `${key}.other`) as MessageKey;
    return this.t(full, { ...params, count: this.number(count) });
  };

  /** Picks the current language from a two-language text, falling back to the other one. */
  text = (value: LocalizedText): string => {
    const other: Locale = this.#locale === 'en' ? 'zh-CN' : 'en';
    return value[this.#locale] || value[other] || '';
  };

  /** A number formatted for the current language (grouping, decimals). */
  number = (value: number, options?: Intl.NumberFormatOptions): string =>
    new Intl.NumberFormat(this.#locale, options).format(value);

  /** A share between 0 and 1 as a percentage, e.g. 0.125 → '12.5%'. */
  percent = (share: number, maximumFractionDigits = 1): string =>
    this.number(share, { style: 'percent', maximumFractionDigits });

  /** A date formatted for the current language. */
  date = (value: Date | number, options?: Intl.DateTimeFormatOptions): string =>
    new Intl.DateTimeFormat(this.#locale, options ?? { dateStyle: 'medium' }).format(value);
}

/** The one language state of the app. */
export const i18n = new I18n();

/** Shorthands for markup: `{t('home.title')}`, `{tc('period.week', 4)}`. */
export const { t, tc } = i18n;
