/**
 * The current interface language, and the functions that turn message ids and
 * numbers into text for it.
 *
 * `i18n.locale` is reactive: a component that calls `t(...)` in its markup
 * re-renders when the language changes. Setting it remembers the choice in
 * localStorage and updates `<html lang>`.
 */
import { en, type Dictionary, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { interpolate, isLocale, pickLocale, type Locale, type Params } from './format';
import { preferenceKeys, readPreference, writePreference } from '../preferences';

export { locales, type Locale, type Params } from './format';
export type { MessageKey } from './en';

const dictionaries: Record<Locale, Dictionary> = { 'zh-CN': zhCN, en };

/** Text given in both languages, as scenario and concept files write it. */
export type LocalizedText = Record<Locale, string>;

/** Message ids that come as a `.one` / `.other` pair, without the suffix. */
export type PluralKey = MessageKey extends infer K
  ? K extends `${infer Base}.other`
    ? Base
    : never
  : never;

function initialLocale(): Locale {
  const saved = readPreference(preferenceKeys.locale);
  if (isLocale(saved)) return saved;
  const nav = globalThis.navigator;
  return pickLocale(nav?.languages?.length ? nav.languages : [nav?.language ?? 'en']);
}

class I18n {
  #locale = $state<Locale>(initialLocale());

  /** The interface language. Setting it saves the choice and sets `<html lang>`. */
  get locale(): Locale {
    return this.#locale;
  }

  set locale(value: Locale) {
    this.#locale = value;
    writePreference(preferenceKeys.locale, value);
    this.applyToDocument();
  }

  /** Writes the language onto `<html lang>`; call once at start-up. */
  applyToDocument(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.#locale;
  }

  /** True when `key` is a message id (for ids built from data, such as concept topics). */
  has = (key: string): key is MessageKey => Object.hasOwn(en, key);

  /** The message `key` in the current language, with `{name}` placeholders filled. */
  t = (key: MessageKey, params?: Params): string =>
    interpolate(dictionaries[this.#locale][key], params);

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
