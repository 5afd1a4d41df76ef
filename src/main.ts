/**
 * Entry point: applies the remembered language and theme to <html>, then mounts the app.
 */
import { mount } from 'svelte';
import './ui/styles/global.css';
import App from './ui/App.svelte';
import { i18n } from './ui/i18n/i18n.svelte';
import { settings } from './ui/settings.svelte';

i18n.applyToDocument();
settings.applyToDocument();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
