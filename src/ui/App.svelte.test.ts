// Component tests in happy-dom: runes really run (the `browser` resolve condition),
// so state changes show up in the DOM after flushSync.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { i18n } from './i18n/i18n.svelte';
import { settings } from './settings.svelte';
import { en } from './i18n/en';
import { zhCN } from './i18n/zh-CN';

let app: ReturnType<typeof mount> | undefined;

function h1(): string {
  return document.querySelector('h1')?.textContent?.trim() ?? '';
}

function goTo(hash: string) {
  window.location.hash = hash;
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  flushSync();
}

function button(name: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].find(
    (b) => b.textContent?.trim() === name,
  );
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

beforeEach(() => {
  localStorage.clear();
  i18n.locale = 'en';
  window.location.hash = '#/';
  app = mount(App, { target: document.body });
  flushSync();
});

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
});

describe('the app shell under happy-dom', () => {
  it('renders the home page with landmarks and one h1', () => {
    expect(h1()).toBe(en['home.title']);
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    for (const selector of ['header', 'nav', 'main', 'footer']) {
      expect(document.querySelector(selector), selector).not.toBeNull();
    }
  });

  it('switches language when the switch is pressed, and remembers it', () => {
    button('中文').click();
    flushSync();
    expect(h1()).toBe(zhCN['home.title']);
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem('loyalty-lab.locale')).toBe('zh-CN');
    expect(button('中文').getAttribute('aria-pressed')).toBe('true');
    expect(button('English').getAttribute('aria-pressed')).toBe('false');

    button('English').click();
    flushSync();
    expect(h1()).toBe(en['home.title']);
  });

  it('follows hash changes to each route', async () => {
    goTo('#/settings');
    expect(h1()).toBe(en['settings.title']);
    expect(document.querySelector('nav a[aria-current="page"]')?.getAttribute('href')).toBe(
      '#/settings',
    );
    // Play is loaded lazily (it brings the engine): its page arrives a moment later.
    goTo('#/play/no-such-scenario');
    await vi.waitFor(
      () => {
        flushSync();
        expect(h1()).toBe(en['play.notFound.title']);
      },
      { timeout: 15_000 },
    );
    goTo('#/somewhere/else');
    expect(h1()).toBe(en['notFound.title']);
    goTo('#/');
    expect(h1()).toBe(en['home.title']);
  });

  it('applies a theme choice to <html> and stores it', () => {
    goTo('#/settings');
    settings.theme = 'dark';
    flushSync();
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('loyalty-lab.theme')).toBe('dark');
    const dark = document.querySelector<HTMLInputElement>('input[name="theme"][value="dark"]');
    expect(dark?.checked).toBe(true);
    settings.theme = 'system';
    flushSync();
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });
});
