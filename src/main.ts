/**
 * Entry point: applies the remembered theme to <html>, waits for the interface language's
 * dictionary (its own small chunk, so no message id ever shows untranslated), then mounts the app;
 * the service worker for offline use registers after the page has loaded.
 */
import { mount } from 'svelte';
import './ui/styles/global.css';
import App from './ui/App.svelte';
import { i18n } from './ui/i18n/i18n.svelte';
import { offline } from './ui/offline.svelte';
import { settings } from './ui/settings.svelte';

i18n.applyToDocument();
settings.applyToDocument();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// Not a top-level await: that would make every lazy chunk that shares a module with this
// entry wait on it, and split the first screen into many small files.
void i18n.ready.then(() => mount(App, { target }));
offline.start();
