// One session, one tab: two handles on one fake IndexedDB are two tabs. Node has no Web
// Locks, so these tests exercise the lease (and BroadcastChannel, which Node has).

import { describe, expect, it } from 'vitest';
import {
  claimSession,
  holdSession,
  leaseIsLive,
  releaseSession,
  takeOverSession,
  type LostInfo,
} from './lease.ts';
import { deleteSession, loadSession, saveSessionState } from './records.ts';
import { manualClock, sessionAfter, testBrowser } from './testkit.ts';

async function twoTabs() {
  const clock = manualClock();
  const browser = testBrowser();
  const a = await browser.open({ now: clock });
  const b = await browser.open({ now: clock });
  const { state } = sessionAfter(1);
  const saved = await saveSessionState(a, 's', state, 'A');
  expect(saved).toEqual({ ok: true, value: 'saved' });
  return { clock, a, b, state };
}

describe('one session, one tab', () => {
  it('the second tab is told the session is open elsewhere; the first keeps it', async () => {
    const { a, b } = await twoTabs();
    expect(await claimSession(a, 's', 'A')).toEqual({ ok: true, value: 'ok' });
    expect(await claimSession(b, 's', 'B')).toEqual({ ok: true, value: 'elsewhere' });
    expect(await claimSession(b, 'nope', 'B')).toEqual({ ok: true, value: 'missing' });
    const rec = await b.sessions.get('s');
    expect(rec?.lease?.tabId).toBe('A');
  });

  it('taking over moves the lease; the old tab hears of it and its saves are refused', async () => {
    const { a, b, state } = await twoTabs();
    const lostA: LostInfo[] = [];
    const holdA = holdSession(a, 's', 'A', { onLost: (i) => lostA.push(i), heartbeatMs: 0 });
    expect(await holdA.beat()).toEqual({ ok: true, value: 'held' });

    expect(await takeOverSession(b, 's', 'B')).toEqual({ ok: true, value: 'ok' });
    const holdB = holdSession(b, 's', 'B', { onLost: () => expect.unreachable(), heartbeatMs: 0 });
    // Told at once through BroadcastChannel, or at the latest by the next heartbeat.
    await Promise.race([
      new Promise<void>((resolve) => {
        const t = setInterval(() => lostA.length && (clearInterval(t), resolve()), 5);
      }),
      new Promise((r) => setTimeout(r, 500)),
    ]);
    // Node has BroadcastChannel, as browsers do: the old tab knew before any heartbeat.
    expect(lostA).toHaveLength(typeof BroadcastChannel === 'function' ? 1 : 0);
    expect(await holdA.beat()).toEqual({ ok: true, value: 'lost' });
    expect(lostA).toHaveLength(1);
    expect(lostA[0]).toEqual({ reason: 'takenOver', byTabId: 'B' });
    expect(holdA.lost).toBe(true);

    // The old tab's save cannot overwrite the new owner's state.
    const { state: later } = sessionAfter(2);
    expect(await saveSessionState(a, 's', later, 'A')).toEqual({ ok: true, value: 'elsewhere' });
    const loaded = await loadSession(b, 's');
    expect(loaded.ok && loaded.value?.saved.engine.period).toBe(state.engine.period);
    expect(await saveSessionState(b, 's', later, 'B')).toEqual({ ok: true, value: 'saved' });
    expect(await holdB.beat()).toEqual({ ok: true, value: 'held' });
    holdB.stop();
  });

  it('a lease without heartbeat for longer than staleMs can be claimed (the tab is gone)', async () => {
    const { clock, b } = await twoTabs();
    clock.advance(10_000);
    expect(await claimSession(b, 's', 'B', { staleMs: 15_000 })).toEqual({
      ok: true,
      value: 'elsewhere',
    });
    clock.advance(6_000);
    expect(await claimSession(b, 's', 'B', { staleMs: 15_000 })).toEqual({ ok: true, value: 'ok' });
    expect((await b.sessions.get('s'))?.lease).toEqual({ tabId: 'B', heartbeat: clock() });
  });

  it('heartbeats keep a lease live; a released lease is free at once', async () => {
    const { clock, a, b } = await twoTabs();
    const hold = holdSession(a, 's', 'A', { onLost: () => expect.unreachable(), heartbeatMs: 0 });
    clock.advance(14_000);
    await hold.beat();
    clock.advance(14_000);
    expect(await claimSession(b, 's', 'B')).toEqual({ ok: true, value: 'elsewhere' });
    expect(await hold.release()).toEqual({ ok: true, value: undefined });
    expect((await a.sessions.get('s'))?.lease).toBeNull();
    expect(await claimSession(b, 's', 'B')).toEqual({ ok: true, value: 'ok' });
    // Releasing someone else's lease does nothing.
    await releaseSession(a, 's', 'A');
    expect((await a.sessions.get('s'))?.lease?.tabId).toBe('B');
  });

  it('a held session deleted in another tab is reported lost as deleted', async () => {
    const { a, b } = await twoTabs();
    const lost: LostInfo[] = [];
    const hold = holdSession(a, 's', 'A', { onLost: (i) => lost.push(i), heartbeatMs: 0 });
    await deleteSession(b, 's');
    expect(await hold.beat()).toEqual({ ok: true, value: 'lost' });
    expect(lost).toEqual([{ reason: 'deleted', byTabId: null }]);
    expect(await takeOverSession(b, 's', 'B')).toEqual({ ok: true, value: 'missing' });
  });

  it('the heartbeat timer renews the lease by itself', async () => {
    const browser = testBrowser();
    let t = 1_000;
    const a = await browser.open({ now: () => t });
    await saveSessionState(a, 's', sessionAfter(0).state, 'A');
    const hold = holdSession(a, 's', 'A', { onLost: () => expect.unreachable(), heartbeatMs: 10 });
    t = 5_000;
    await new Promise((r) => setTimeout(r, 80));
    expect((await a.sessions.get('s'))?.lease?.heartbeat).toBe(5_000);
    hold.stop();
    expect(leaseIsLive({ tabId: 'A', heartbeat: 5_000 }, 19_999)).toBe(true);
    expect(leaseIsLive({ tabId: 'A', heartbeat: 5_000 }, 20_000)).toBe(false);
    expect(leaseIsLive(null, 0)).toBe(false);
  });
});
