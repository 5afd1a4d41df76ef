/**
 * Pure helpers for interface text: placeholder filling and locale choice.
 * No DOM, no runes: unit-tested in Node.
 */

/** Values for `{name}` placeholders. */
export type Params = Record<string, string | number>;

/** The interface languages, in the order the language switch shows them. */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

/**
 * Replaces each `{name}` in `template` by `params.name`.
 * A placeholder without a value is left as written, so a forgotten parameter is
 * visible on screen instead of silently vanishing.
 * @example interpolate('Start {title}', { title: 'Café' }) // 'Start Café'
 */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The placeholder names used in a template, sorted; for dictionary tests. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

/**
 * Picks the interface language from the browser's preference list:
 * the first entry that is Chinese (`zh`, `zh-CN`, `zh-Hans`, `zh-TW`...) or English wins;
 * anything else falls through to the next entry, and to English at the end.
 * @example pickLocale(['fr-FR', 'zh-CN', 'en']) // 'zh-CN'
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** Narrows an unknown value (for instance, read from localStorage) to a Locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
