/**
 * Interface preferences kept in localStorage: what is saved, under which key.
 *
 * - `loyalty-lab.locale`     'zh-CN' | 'en'                  interface language
 * - `loyalty-lab.theme`      'system' | 'light' | 'dark'     colour theme
 * - `loyalty-lab.largeType`  'true' | 'false'                projector-sized text
 *
 * Game progress does not live here; it is in IndexedDB (see `src/storage/`).
 * Storage can be missing or refuse writes (private windows, full disk, file://
 * in some browsers): reads then return `null` and writes are dropped, never thrown.
 */
export const preferenceKeys = {
  locale: 'loyalty-lab.locale',
  theme: 'loyalty-lab.theme',
  largeType: 'loyalty-lab.largeType',
} as const;

export type PreferenceKey = (typeof preferenceKeys)[keyof typeof preferenceKeys];

export function readPreference(key: PreferenceKey): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writePreference(key: PreferenceKey, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Not saved: the choice still applies until the page is closed.
  }
}
