/**
 * The hash routes of the app, as data. Pure: no DOM, unit-tested in Node.
 *
 *   #/                      home       scenario list
 *   #/play/<scenarioId>     play       one scenario
 *     ?seed=<n>                        the run's seed (a workshop shares one), 0..4294967295
 *     &engine=worker|main              where the engine runs (default: by base size)
 *     &branch=<runId>&round=<k>        play on from the start of round k (0-based, as
 *                                      branchPlan takes it) of a finished run, as a new run
 *   #/glossary              glossary   all concepts
 *   #/glossary/<conceptId>  glossary   opened on one concept
 *   #/settings              settings
 *   #/history               history    finished runs and games in progress, per scenario
 *   #/history/<runId>       run        one finished run: its dashboards, lineage, branch
 *   #/compare/<a>/<b>       compare    two runs of one scenario side by side
 *   #/results/<scenarioId>  results    one scenario's results by learner (trainers), printable
 *   #/progress              progress   export and import of progress files
 *   #/dev/<page>            dev        development previews (not linked; README)
 *   anything else           notFound
 *
 * Hash routes keep the site a bundle of static files that works under any
 * sub-path and from any static host, with no server-side rewrites.
 */
export type Route =
  | { name: 'home' }
  | {
      name: 'play';
      scenarioId: string;
      seed?: number;
      engine?: EngineChoice;
      /** Play again from a finished run: its id, and the 0-based round to start from. */
      branch?: string;
      round?: number;
    }
  | { name: 'glossary'; conceptId?: string }
  | { name: 'settings' }
  | { name: 'history' }
  | { name: 'run'; runId: string }
  | { name: 'compare'; a: string; b: string }
  | { name: 'results'; scenarioId: string }
  | { name: 'progress' }
  | { name: 'dev'; page: string }
  | { name: 'notFound'; path: string };

/** Where a play session's engine runs, when the URL says so (tests, trainers on slow laptops). */
export type EngineChoice = 'worker' | 'main';

const segment = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Largest seed: the engine's generator reads seeds as unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

/** A seed as a URL or a form writes it: a whole number 0..MAX_SEED, else undefined. */
export function parseSeed(text: string | null | undefined): number | undefined {
  if (text == null || !/^\d{1,10}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n <= MAX_SEED ? n : undefined;
}

/** Most rounds a branch may start from (scenarios have at most 40). */
const MAX_ROUND = 999;

/** The play route's query (`seed`, `engine`, `branch` + `round`); unknown or malformed keys are ignored. */
function playQuery(query: string): {
  seed?: number;
  engine?: EngineChoice;
  branch?: string;
  round?: number;
} {
  const params = new URLSearchParams(query);
  const out: { seed?: number; engine?: EngineChoice; branch?: string; round?: number } = {};
  const branch = params.get('branch');
  const round = params.get('round');
  if (branch && segment.test(branch) && round && /^\d{1,3}$/.test(round)) {
    const n = Number(round);
    if (n <= MAX_ROUND) {
      out.branch = branch;
      out.round = n;
    }
  }
  const seed = parseSeed(params.get('seed'));
  if (seed !== undefined) out.seed = seed;
  const engine = params.get('engine');
  if (engine === 'worker' || engine === 'main') out.engine = engine;
  return out;
}

/** Reads a route from `location.hash` (with or without the leading '#'). */
export function parseHash(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw === '' || raw === '/') return { name: 'home' };
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return { name: 'notFound', path: raw };
  }
  if (!path.startsWith('/')) return { name: 'notFound', path };
  // A query (`?seed=42`) belongs to the play route only.
  const q = path.indexOf('?');
  const query = q >= 0 ? path.slice(q + 1) : null;
  if (q >= 0) path = path.slice(0, q);
  const parts = path.slice(1).replace(/\/$/, '').split('/');
  const [first, second, ...rest] = parts;
  if (rest.length === 0 && query !== null) {
    if (first === 'play' && second !== undefined && segment.test(second))
      return { name: 'play', scenarioId: second, ...playQuery(query) };
    return { name: 'notFound', path: `${path}?${query}` };
  }
  if (rest.length === 0) {
    if (first === 'dev' && second !== undefined && segment.test(second))
      return { name: 'dev', page: second };
    if (first === 'settings' && second === undefined) return { name: 'settings' };
    if (first === 'history' && second === undefined) return { name: 'history' };
    if (first === 'history' && second !== undefined && segment.test(second))
      return { name: 'run', runId: second };
    if (first === 'results' && second !== undefined && segment.test(second))
      return { name: 'results', scenarioId: second };
    if (first === 'progress' && second === undefined) return { name: 'progress' };
    if (first === 'glossary' && second === undefined) return { name: 'glossary' };
    if (first === 'glossary' && second !== undefined && segment.test(second))
      return { name: 'glossary', conceptId: second };
    if (first === 'play' && second !== undefined && segment.test(second))
      return { name: 'play', scenarioId: second };
  }
  if (
    query === null &&
    first === 'compare' &&
    rest.length === 1 &&
    second !== undefined &&
    segment.test(second) &&
    segment.test(rest[0])
  )
    return { name: 'compare', a: second, b: rest[0] };
  return { name: 'notFound', path };
}

/** The link for a route, to put in `href`. Inverse of `parseHash`. */
export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'play': {
      const query = new URLSearchParams();
      if (route.seed !== undefined) query.set('seed', String(route.seed));
      if (route.engine !== undefined) query.set('engine', route.engine);
      if (route.branch !== undefined && route.round !== undefined) {
        query.set('branch', route.branch);
        query.set('round', String(route.round));
      }
      const q = query.toString();
      return `#/play/${encodeURIComponent(route.scenarioId)}${q ? `?${q}` : ''}`;
    }
    case 'glossary':
      return route.conceptId ? `#/glossary/${encodeURIComponent(route.conceptId)}` : '#/glossary';
    case 'settings':
      return '#/settings';
    case 'history':
      return '#/history';
    case 'run':
      return `#/history/${encodeURIComponent(route.runId)}`;
    case 'compare':
      return `#/compare/${encodeURIComponent(route.a)}/${encodeURIComponent(route.b)}`;
    case 'results':
      return `#/results/${encodeURIComponent(route.scenarioId)}`;
    case 'progress':
      return '#/progress';
    case 'dev':
      return `#/dev/${encodeURIComponent(route.page)}`;
    case 'notFound':
      return `#${route.path}`;
  }
}

/** A string that changes exactly when the page changes (for focus and scroll handling). */
export function routeKey(route: Route): string {
  return href(route);
}
