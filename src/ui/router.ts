/**
 * The hash routes of the app, as data. Pure: no DOM, unit-tested in Node.
 *
 *   #/                      home       scenario list
 *   #/play/<scenarioId>     play       one scenario
 *   #/glossary              glossary   all concepts
 *   #/glossary/<conceptId>  glossary   opened on one concept
 *   #/settings              settings
 *   anything else           notFound
 *
 * Hash routes keep the site a bundle of static files that works under any
 * sub-path and from any static host, with no server-side rewrites.
 */
export type Route =
  | { name: 'home' }
  | { name: 'play'; scenarioId: string }
  | { name: 'glossary'; conceptId?: string }
  | { name: 'settings' }
  | { name: 'notFound'; path: string };

const segment = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

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
  const parts = path.slice(1).replace(/\/$/, '').split('/');
  const [first, second, ...rest] = parts;
  if (rest.length === 0) {
    if (first === 'settings' && second === undefined) return { name: 'settings' };
    if (first === 'glossary' && second === undefined) return { name: 'glossary' };
    if (first === 'glossary' && second !== undefined && segment.test(second))
      return { name: 'glossary', conceptId: second };
    if (first === 'play' && second !== undefined && segment.test(second))
      return { name: 'play', scenarioId: second };
  }
  return { name: 'notFound', path };
}

/** The link for a route, to put in `href`. Inverse of `parseHash`. */
export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'play':
      return `#/play/${encodeURIComponent(route.scenarioId)}`;
    case 'glossary':
      return route.conceptId ? `#/glossary/${encodeURIComponent(route.conceptId)}` : '#/glossary';
    case 'settings':
      return '#/settings';
    case 'notFound':
      return `#${route.path}`;
  }
}

/** A string that changes exactly when the page changes (for focus and scroll handling). */
export function routeKey(route: Route): string {
  return href(route);
}
