// What lives here: one session, one tab. A session record carries a lease (tab id +
// heartbeat). A tab claims the lease before it plays a session, holds it while playing
// (heartbeats), and releases it when the page goes away. Saves check the lease inside
// their transaction (saveSessionState), so a tab that lost the session can never
// overwrite the newer state of the tab that took it over: that is what keeps two tabs from
// corrupting one session.
//
// Three signals, each used where it is available (all feature-detected):
// - the lease in IndexedDB: always; the only one in Node tests (fake-indexeddb). A lease
//   whose heartbeat is older than `staleMs` belongs to a tab that is gone.
// - Web Locks (navigator.locks): the holding tab keeps a lock named after the session; the
//   browser drops it when that tab closes or crashes. A claim asks whether the lock is
//   held, which is exact even when a hidden tab's heartbeat timer is throttled. A take-over
//   steals the lock, which tells the old tab at once.
// - BroadcastChannel: a take-over is announced, so the old tab hears of it at once
//   (instead of at its next heartbeat).
//
// Tab ids are made per page load (newTabId): a reload is a new tab whose old lease was
// released on pagehide, or whose lock the browser dropped.

import { STORAGE_KEYS, type Lease, type LoyaltyDb } from './db.ts';
import { attempt, type Stored } from './problems.ts';
import { randomId } from './portable.ts';

/** A lease older than this (ms without a heartbeat) belongs to a tab that is gone. */
export const LEASE_STALE_MS = 15_000;
/** How often a holding tab renews its lease, in ms. */
export const HEARTBEAT_MS = 5_000;

export function newTabId(): string {
  return randomId();
}

export function leaseIsLive(lease: Lease | null, now: number, staleMs = LEASE_STALE_MS): boolean {
  return lease !== null && now - lease.heartbeat < staleMs;
}

// ---------------------------------------------------------------- feature detection

interface LockManagerLike {
  request(
    name: string,
    options: { steal?: boolean; ifAvailable?: boolean },
    cb: () => Promise<void>,
  ): Promise<void>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

function webLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : null;
}

function openChannel(): BroadcastChannel | null {
  if (typeof BroadcastChannel !== 'function') return null;
  try {
    const ch = new BroadcastChannel(STORAGE_KEYS.channel);
    // Node keeps its event loop alive for an open channel; browsers have no unref.
    (ch as { unref?: () => void }).unref?.();
    return ch;
  } catch {
    return null;
  }
}

export const lockName = (sessionId: string) => STORAGE_KEYS.sessionLockPrefix + sessionId;

interface TakeoverMessage {
  type: 'session.takenOver';
  sessionId: string;
  tabId: string;
}

/** Whether some tab holds the session's Web Lock; null when Web Locks are not available. */
async function lockHeld(sessionId: string): Promise<boolean | null> {
  const locks = webLocks();
  if (!locks) return null;
  try {
    const { held = [] } = await locks.query();
    return held.some((l) => l.name === lockName(sessionId));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- claim, take over, release

export type ClaimOutcome = 'ok' | 'elsewhere' | 'missing';

export interface ClaimOptions {
  /** @default LEASE_STALE_MS */
  staleMs?: number;
}

/**
 * Claims a session for this tab before playing it.
 * - 'ok': it is this tab's now (it was free, already ours, or its holder is gone);
 * - 'elsewhere': another live tab plays it: offer "take over" (takeOverSession);
 * - 'missing': no such session (deleted or finished in another tab).
 */
export async function claimSession(
  db: LoyaltyDb,
  id: string,
  tabId: string,
  options: ClaimOptions = {},
): Promise<Stored<ClaimOutcome>> {
  const staleMs = options.staleMs ?? LEASE_STALE_MS;
  const seen = await attempt(db, 'read', () => db.sessions.get(id));
  if (!seen.ok) return seen;
  if (!seen.value) return { ok: true, value: 'missing' };
  const lease = seen.value.lease;
  let free = !lease || lease.tabId === tabId;
  if (!free && lease) {
    // Asked outside the transaction: awaiting anything but IndexedDB inside one commits it.
    const held = await lockHeld(id);
    free = held === null ? !leaseIsLive(lease, db.now(), staleMs) : !held;
  }
  if (!free) return { ok: true, value: 'elsewhere' };
  return attempt(db, 'write', () =>
    db.transaction('rw', db.sessions, async () => {
      const rec = await db.sessions.get(id);
      if (!rec) return 'missing' as const;
      // Compare-and-set: if the lease moved since we looked, someone else was faster.
      if (rec.lease?.tabId !== lease?.tabId || rec.lease?.heartbeat !== lease?.heartbeat)
        return rec.lease?.tabId === tabId ? ('ok' as const) : ('elsewhere' as const);
      await db.sessions.update(id, { lease: { tabId, heartbeat: db.now() } });
      return 'ok' as const;
    }),
  );
}

/**
 * Takes a session over from the tab playing it (after the learner agreed). The other tab
 * is told (BroadcastChannel now, or its next heartbeat) and its saves are refused from now
 * on. Then hold the session (holdSession) and restore it from storage: the other tab's last
 * save is the newest state.
 */
export async function takeOverSession(
  db: LoyaltyDb,
  id: string,
  tabId: string,
): Promise<Stored<'ok' | 'missing'>> {
  const r = await attempt(db, 'write', () =>
    db.transaction('rw', db.sessions, async () => {
      const n = await db.sessions.update(id, { lease: { tabId, heartbeat: db.now() } });
      return n > 0 ? ('ok' as const) : ('missing' as const);
    }),
  );
  if (r.ok && r.value === 'ok') {
    const ch = openChannel();
    if (ch) {
      const msg: TakeoverMessage = { type: 'session.takenOver', sessionId: id, tabId };
      ch.postMessage(msg);
      ch.close();
    }
  }
  return r;
}

/** Gives a session's lease up (leaving the page, pagehide). Only this tab's lease. */
export function releaseSession(db: LoyaltyDb, id: string, tabId: string): Promise<Stored<void>> {
  return attempt(db, 'write', () =>
    db.transaction('rw', db.sessions, async () => {
      const rec = await db.sessions.get(id);
      if (rec?.lease?.tabId === tabId) await db.sessions.update(id, { lease: null });
    }),
  );
}

// ---------------------------------------------------------------- holding

export interface LostInfo {
  /** 'takenOver': another tab has it; 'deleted': it no longer exists (finished or deleted). */
  reason: 'takenOver' | 'deleted';
  /** The tab that has it now, when known. */
  byTabId: string | null;
}

export interface HoldOptions {
  /** Called once when the session is no longer this tab's. Stop autosave; show the dialog. */
  onLost: (info: LostInfo) => void;
  /** Heartbeat period in ms; 0 = no timer (call beat() yourself). @default HEARTBEAT_MS */
  heartbeatMs?: number;
}

export interface SessionHold {
  /** Renews the lease now (e.g. on visibilitychange); finds out if it was lost. */
  beat(): Promise<Stored<'held' | 'lost'>>;
  /** Stops holding and gives the lease up. */
  release(): Promise<Stored<void>>;
  /** Stops holding without touching the lease (the tab lost it, or the page is going). */
  stop(): void;
  readonly lost: boolean;
}

/**
 * Holds a claimed session while this tab plays it: heartbeats, listens for a take-over,
 * keeps the Web Lock. Call after claimSession or takeOverSession said 'ok'.
 * @example
 * const hold = holdSession(db, id, tabId, { onLost: () => { autosave.dispose(); showTakenOver(); } });
 * addEventListener('pagehide', () => { void autosave.flush(); void hold.release(); });
 */
export function holdSession(
  db: LoyaltyDb,
  id: string,
  tabId: string,
  options: HoldOptions,
): SessionHold {
  let lost = false;
  let stopped = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let releaseLock: (() => void) | undefined;
  const channel = openChannel();

  const finish = () => {
    stopped = true;
    if (timer !== undefined) clearInterval(timer);
    channel?.close();
    releaseLock?.();
  };
  const lose = (info: LostInfo) => {
    if (lost || stopped) return;
    lost = true;
    finish();
    options.onLost(info);
  };

  if (channel)
    channel.onmessage = (ev: MessageEvent) => {
      const m = ev.data as Partial<TakeoverMessage> | null;
      if (m?.type === 'session.takenOver' && m.sessionId === id && m.tabId !== tabId)
        lose({ reason: 'takenOver', byTabId: m.tabId ?? null });
    };

  const locks = webLocks();
  if (locks) {
    // steal: this tab has the lease now; if an old holder still has the lock, it learns of
    // the take-over at once (its request rejects).
    locks
      .request(lockName(id), { steal: true }, () => new Promise<void>((r) => (releaseLock = r)))
      .catch(() => {
        if (!stopped) lose({ reason: 'takenOver', byTabId: null });
      });
  }

  const beat = async (): Promise<Stored<'held' | 'lost'>> => {
    if (lost) return { ok: true, value: 'lost' };
    const r = await attempt(db, 'write', () =>
      db.transaction('rw', db.sessions, async () => {
        const rec = await db.sessions.get(id);
        if (!rec) return { reason: 'deleted', byTabId: null } satisfies LostInfo;
        if (rec.lease && rec.lease.tabId !== tabId)
          return { reason: 'takenOver', byTabId: rec.lease.tabId } satisfies LostInfo;
        await db.sessions.update(id, { lease: { tabId, heartbeat: db.now() } });
        return null;
      }),
    );
    if (!r.ok) return r;
    if (r.value) {
      lose(r.value);
      return { ok: true, value: 'lost' };
    }
    return { ok: true, value: lost ? 'lost' : 'held' };
  };

  const ms = options.heartbeatMs ?? HEARTBEAT_MS;
  if (ms > 0) {
    timer = setInterval(() => void beat(), ms);
    (timer as { unref?: () => void }).unref?.();
  }

  return {
    beat,
    async release() {
      finish();
      return releaseSession(db, id, tabId);
    },
    stop: finish,
    get lost() {
      return lost;
    },
  };
}
