// Build plugins of vite.config.ts (the dev server and Vitest use them too).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';
import { KERNEL_SOURCE, kernelWasm } from './kernel-wasm.ts';
import { readConcepts } from '../src/ui/glossary/concepts.ts';
import { locales, pickLocale, type Locale } from '../src/ui/i18n/format.ts';
import { preferenceKeys } from '../src/ui/preferences.ts';

const TERMS_ID = 'virtual:concept-terms';

/**
 * `import terms from 'virtual:concept-terms'`: each concept card's id and term, in both
 * languages, read from the concepts file at build time. That is all concept chips and links
 * need; the cards' texts stay in the file, which the Glossary page fetches as data.
 * Cards the glossary would leave out (`readConcepts`) are left out here too.
 */
export function conceptTerms(file: string): Plugin {
  return {
    name: 'loyalty-lab:concept-terms',
    resolveId: (source) => (source === TERMS_ID ? `\0${TERMS_ID}` : null),
    load(id) {
      if (id !== `\0${TERMS_ID}`) return null;
      this.addWatchFile(file);
      let data: unknown = null;
      try {
        data = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        this.warn(`${file} is not readable JSON: concept chips show ids (${String(e)})`);
      }
      const terms = readConcepts(data).concepts.map(({ id, term }) => ({ id, term }));
      return `export default ${JSON.stringify(terms)};`;
    },
  };
}

/**
 * Lets the bundler drop the Chart.js scales the app never registers (logarithmic, radial,
 * time, time series: 6 KiB gzip). Chart.js defines them as classes whose static `defaults`
 * read a property of another module's object (`Ticks.formatters.numeric`, `TimeScale.defaults`);
 * a property read may have side effects, so the bundler kept the unused classes. The reads
 * move to constants at the top of the module (read once, as before, when the module runs) and
 * the time-series defaults become a getter of the same object: the classes are then pure.
 * Only chart.js/dist/chart.js is touched; should its text change, the build warns and
 * leaves the file as it is.
 */
export function chartjsUnusedScales(): Plugin {
  /** Replaces the first `from` after `after` (or after the start) in `code`; null if absent. */
  const swap = (code: string, from: string, to: string, after = ''): string | null => {
    const anchor = after ? code.indexOf(after) : 0;
    const at = anchor < 0 ? -1 : code.indexOf(from, anchor);
    return at < 0 ? null : code.slice(0, at) + to + code.slice(at + from.length);
  };
  return {
    name: 'loyalty-lab:chartjs-unused-scales',
    transform(code, id) {
      if (!/\/node_modules\/chart\.js\/dist\/chart\.js$/.test(id)) return null;
      let out: string | null = code;
      out &&= swap(
        out,
        'callback: Ticks.formatters.logarithmic',
        'callback: formatLogarithmicTick',
        "static id = 'logarithmic';",
      );
      out &&= swap(
        out,
        'callback: Ticks.formatters.numeric',
        'callback: formatNumericTick',
        "static id = 'radialLinear';",
      );
      out &&= swap(
        out,
        'static defaults = TimeScale.defaults;',
        'static get defaults() {\n        return TimeScale.defaults;\n    }',
        "static id = 'timeseries';",
      );
      if (!out) {
        this.warn('chart.js has changed: its unused scales stay in the bundle');
        return null;
      }
      const constants =
        'const formatLogarithmicTick = Ticks.formatters.logarithmic;\n' +
        'const formatNumericTick = Ticks.formatters.numeric;\n';
      return { code: constants + out, map: null };
    },
  };
}

/**
 * Starts fetching the interface language's dictionary with the app's own script instead of
 * after it: main.ts mounts only once the dictionary is in, and the dictionary is a lazy chunk
 * (one per language). A small inline script in index.html picks the language as `i18n` will
 * (the remembered choice, else the browser's, by the same `pickLocale`) and adds a
 * `<link rel="modulepreload">` for that one chunk. Build only; the dev server needs no hint.
 */
export function preloadDictionary(): Plugin {
  return {
    name: 'loyalty-lab:preload-dictionary',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return undefined;
        const files: Partial<Record<Locale, string>> = {};
        for (const chunk of Object.values(ctx.bundle)) {
          if (chunk.type !== 'chunk' || !chunk.facadeModuleId) continue;
          const locale = locales.find((l) =>
            chunk.facadeModuleId!.endsWith(`/src/ui/i18n/${l}.ts`),
          );
          if (locale) files[locale] = `./${chunk.fileName}`;
        }
        if (locales.some((l) => !files[l])) {
          this.warn('no dictionary chunk found: the first screen waits for its dictionary');
          return undefined;
        }
        const script = `(() => {
  const files = ${JSON.stringify(files)};
  const pickLocale = ${pickLocale.toString()};
  let locale = null;
  try {
    locale = localStorage.getItem(${JSON.stringify(preferenceKeys.locale)});
  } catch {}
  if (!Object.hasOwn(files, locale))
    locale = pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en']);
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.crossOrigin = '';
  link.href = files[locale];
  document.head.append(link);
})();`;
        // Before the stylesheet: an inline script after it would wait for the stylesheet to load.
        return [{ tag: 'script', children: script, injectTo: 'head-prepend' }];
      },
    },
  };
}

const KERNEL_ID = 'virtual:period-end-kernel';

/**
 * `import kernel from 'virtual:period-end-kernel'`: the engine's WebAssembly kernel
 * (assembly/periodEnd.ts), compiled at build time, as base64 (about 7 KiB, 3.4 gzipped), so
 * the engine's workers install it synchronously, with nothing to fetch (or miss offline).
 */
export function periodEndKernel(): Plugin {
  return {
    name: 'loyalty-lab:period-end-kernel',
    resolveId: (source) => (source === KERNEL_ID ? `\0${KERNEL_ID}` : null),
    async load(id) {
      if (id !== `\0${KERNEL_ID}`) return null;
      this.addWatchFile(KERNEL_SOURCE);
      const bytes = await kernelWasm();
      return `export default ${JSON.stringify(Buffer.from(bytes).toString('base64'))};`;
    },
  };
}

/**
 * `sw.js`, the service worker that lets the site run offline (self-learners on a train, a
 * classroom with no network): it keeps every file of this build (index.html, every chunk and
 * stylesheet, the workers, the concept cards, the public files) in a cache named after the
 * build, fetched in the background once the first page has loaded. Pages are tried on the
 * network first (a new deploy shows at once), with the cached index.html when there is none;
 * everything else comes from the cache. A new build's worker waits until no tab runs the old
 * build, then drops the old build's cache (so an open game never loses a chunk it may still
 * load) and takes over the open pages. Build only: the dev server has no service worker (main.ts registers it in PROD).
 */
export function offlineCache(): Plugin {
  let publicDir = '';
  return {
    name: 'loyalty-lab:offline-cache',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        if (!bundle['index.html']) this.error('offline cache: no index.html in the bundle');
        const hash = createHash('sha256');
        const files = Object.keys(bundle).sort();
        for (const name of files) {
          const file = bundle[name];
          hash.update(name).update(file.type === 'chunk' ? file.code : file.source);
        }
        const publicFiles = publicDir && existsSync(publicDir) ? listFiles(publicDir) : [];
        for (const path of publicFiles) hash.update(path).update(readFileSync(path));
        const urls = [
          './',
          ...files.filter((name) => name !== 'index.html'),
          ...publicFiles.map((path) => relative(publicDir, path).split(sep).join('/')),
        ].map((name) => (name === './' ? name : `./${name}`));
        this.emitFile({
          type: 'asset',
          fileName: 'sw.js',
          source: serviceWorkerSource(hash.digest('hex').slice(0, 16), urls),
        });
      },
    },
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The service worker's text: plain JS for the browser, with the build's id and file list. */
export function serviceWorkerSource(build: string, urls: string[]): string {
  return `// Loyalty Lab's service worker (generated by scripts/vite-plugins.ts offlineCache): this
// build's files, kept for offline use.
const PREFIX = 'loyalty-lab-offline-';
const CACHE = PREFIX + ${JSON.stringify(build)};
const FILES = ${JSON.stringify(urls)};
const INDEX = new URL('./', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

// Taking over open pages is safe: this build activates only once no page runs an older one,
// and then a page that loaded before it (the first visit) can still fetch its chunks offline.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

/** The network's answer, or undefined after 4 s or on failure (offline, lie-fi). */
function network(request) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 4000);
    fetch(request)
      .then((response) => resolve(response.ok ? response : undefined))
      .catch(() => resolve(undefined))
      .finally(() => clearTimeout(timer));
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      network(request).then(
        async (response) =>
          response ?? (await caches.match(INDEX, { cacheName: CACHE })) ?? Response.error(),
      ),
    );
    return;
  }
  // ignoreVary: servers answer with Vary: Origin, and a module script's request carries an
  // Origin that the install's requests did not.
  event.respondWith(
    caches
      .match(request, { cacheName: CACHE, ignoreSearch: true, ignoreVary: true })
      .then((hit) => hit ?? fetch(request)),
  );
});
`;
}
