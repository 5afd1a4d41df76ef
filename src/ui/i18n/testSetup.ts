// Vitest setup (both projects): both dictionaries in before any test, as the app has the
// current one in before it mounts; a test may then switch `i18n.locale` synchronously.
import { i18n, locales } from './i18n.svelte';

await Promise.all(locales.map((locale) => i18n.load(locale)));
await i18n.ready;
