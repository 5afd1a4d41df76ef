/**
 * Offline use: registers the built site's service worker (`sw.js`, made by the offlineCache
 * build plugin) once the page has loaded, and tells Settings whether this device can run the
 * site without a network yet.
 */

export type OfflineStatus = 'dev' | 'unsupported' | 'preparing' | 'ready' | 'failed';

class Offline {
  #status = $state<OfflineStatus>(import.meta.env.PROD ? 'preparing' : 'dev');

  get status(): OfflineStatus {
    return this.#status;
  }

  /**
   * Registers `./sw.js` (relative, so a site under a sub-path works) after the page's load
   * event, so that fetching every file for later never competes with the first screen.
   * Service workers need a secure context (https or localhost); elsewhere the site still works
   * online and says so.
   */
  start(): void {
    if (!import.meta.env.PROD) return;
    if (!('serviceWorker' in navigator) || !window.isSecureContext) {
      this.#status = 'unsupported';
      return;
    }
    const register = () => {
      const container = navigator.serviceWorker;
      // Ready once the worker has every file and serves this page (it takes the page over
      // when it activates), so a chunk this page has not loaded yet comes from the cache.
      const serving = () => {
        if (container.controller) this.#status = 'ready';
        else container.addEventListener('controllerchange', serving, { once: true });
      };
      container.register('./sw.js').then(
        () => void container.ready.then(serving),
        () => (this.#status = 'failed'),
      );
    };
    if (document.readyState === 'complete') register();
    else addEventListener('load', register, { once: true });
  }
}

export const offline = new Offline();
