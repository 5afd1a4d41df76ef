// Build plugins of vite.config.ts (the dev server and Vitest use them too).
import { readFileSync } from 'node:fs';
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
