/**
 * Display settings: colour theme and large type, remembered in localStorage.
 *
 * The theme is applied as `data-theme` on `<html>` only when the person chose
 * light or dark; with 'system' the stylesheet follows `prefers-color-scheme`.
 * `resolvedTheme` tells code that draws (charts) which palette is showing.
 */
import { MediaQuery } from 'svelte/reactivity';
import { preferenceKeys, readPreference, writePreference } from './preferences';

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (themeChoices as readonly string[]).includes(value);
}

class Settings {
  #theme = $state<ThemeChoice>(
    ((saved) => (isThemeChoice(saved) ? saved : 'system'))(readPreference(preferenceKeys.theme)),
  );
  #largeType = $state(readPreference(preferenceKeys.largeType) === 'true');
  #prefersDark = new MediaQuery('(prefers-color-scheme: dark)', false);

  /** @default 'system' */
  get theme(): ThemeChoice {
    return this.#theme;
  }

  set theme(value: ThemeChoice) {
    this.#theme = value;
    writePreference(preferenceKeys.theme, value);
    this.applyToDocument();
  }

  /** The palette actually on screen, after resolving 'system'. */
  get resolvedTheme(): 'light' | 'dark' {
    if (this.#theme !== 'system') return this.#theme;
    return this.#prefersDark.current ? 'dark' : 'light';
  }

  /** Projector-sized text. @default false */
  get largeType(): boolean {
    return this.#largeType;
  }

  set largeType(value: boolean) {
    this.#largeType = value;
    writePreference(preferenceKeys.largeType, String(value));
    this.applyToDocument();
  }

  /** Writes the choices onto `<html>`; call once at start-up. */
  applyToDocument(): void {
    if (typeof document === 'undefined') return;
    const root = document.documentElement;
    if (this.#theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = this.#theme;
    root.classList.toggle('large-type', this.#largeType);
  }
}

/** The one settings state of the app. */
export const settings = new Settings();
