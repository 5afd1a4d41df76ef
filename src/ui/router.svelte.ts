/**
 * The current route, read from `location.hash`.
 *
 * Nothing is stored: `router.route` parses the hash on each read, and
 * `createSubscriber` re-runs the readers when a `hashchange` event arrives,
 * listening only while something on screen depends on it.
 */
import { createSubscriber } from 'svelte/reactivity';
import { parseHash, type Route } from './router';

export { href, routeKey, type Route } from './router';

class Router {
  #subscribe = createSubscriber((update) => {
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  });

  /** The route on screen now. */
  get route(): Route {
    this.#subscribe();
    return parseHash(globalThis.location?.hash ?? '');
  }
}

/** The one router of the app. */
export const router = new Router();
