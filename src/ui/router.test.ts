import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { href, parseHash, type Route } from './router';

describe('parseHash', () => {
  it.each<[string, Route]>([
    ['', { name: 'home' }],
    ['#', { name: 'home' }],
    ['#/', { name: 'home' }],
    ['#/play/sandbox', { name: 'play', scenarioId: 'sandbox' }],
    ['#/play/sandbox/', { name: 'play', scenarioId: 'sandbox' }],
    ['#/glossary', { name: 'glossary' }],
    ['#/glossary/customer-loyalty', { name: 'glossary', conceptId: 'customer-loyalty' }],
    ['#/settings', { name: 'settings' }],
    ['#/nowhere', { name: 'notFound', path: '/nowhere' }],
    ['#/play', { name: 'notFound', path: '/play' }],
    ['#/play/a/b', { name: 'notFound', path: '/play/a/b' }],
    ['#/settings/extra', { name: 'notFound', path: '/settings/extra' }],
    ['#main', { name: 'notFound', path: 'main' }],
    ['#/play/%E0%A4%A', { name: 'notFound', path: '/play/%E0%A4%A' }],
    ['#/play/sandbox?seed=42', { name: 'play', scenarioId: 'sandbox', seed: 42 }],
    ['#/play/sandbox?seed=0', { name: 'play', scenarioId: 'sandbox', seed: 0 }],
    ['#/play/sandbox?seed=4294967295', { name: 'play', scenarioId: 'sandbox', seed: 4294967295 }],
    ['#/play/sandbox?seed=4294967296', { name: 'play', scenarioId: 'sandbox' }],
    ['#/play/sandbox?seed=-1', { name: 'play', scenarioId: 'sandbox' }],
    [
      '#/play/sandbox?seed=abc&engine=worker',
      { name: 'play', scenarioId: 'sandbox', engine: 'worker' },
    ],
    ['#/play/sandbox?engine=gpu', { name: 'play', scenarioId: 'sandbox' }],
    ['#/settings?x=1', { name: 'notFound', path: '/settings?x=1' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });
});

describe('href', () => {
  it('is undone by parseHash for every route with a well-formed id', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/);
    const route: fc.Arbitrary<Route> = fc.oneof(
      fc.constant<Route>({ name: 'home' }),
      fc.constant<Route>({ name: 'settings' }),
      fc.constant<Route>({ name: 'glossary' }),
      id.map<Route>((scenarioId) => ({ name: 'play', scenarioId })),
      fc
        .tuple(id, fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom('worker', 'main'))
        .map<Route>(([scenarioId, seed, engine]) => ({
          name: 'play',
          scenarioId,
          seed,
          engine: engine as 'worker' | 'main',
        })),
      id.map<Route>((conceptId) => ({ name: 'glossary', conceptId })),
    );
    fc.assert(
      fc.property(route, (r) => {
        expect(parseHash(href(r))).toEqual(r);
      }),
    );
  });
});
