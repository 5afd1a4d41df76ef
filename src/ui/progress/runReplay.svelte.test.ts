// What a run's page loads besides the run: its scenario once per scenario id, its replayed
// analytics once per run id (a rename replays nothing), and nothing from a run it has left.
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../scenario/types';
import type { Run } from '../../storage/db';
import { makeRun } from '../../storage/testkit';
import type { RunAnalytics } from './replay';
import { RunReplay } from './runReplay.svelte';

const pending = vi.hoisted(() => ({
  scenarios: new Map<string, (s: unknown) => void>(),
  replays: [] as { runId: string; label: string | null; resolve: (a: unknown) => void }[],
}));

vi.mock('./scenarios', () => ({
  scenarioById: (id: string) => new Promise((resolve) => pending.scenarios.set(id, resolve)),
}));

vi.mock('./replay', () => ({
  runAnalytics: (_scenario: unknown, run: Run) =>
    new Promise((resolve) => pending.replays.push({ runId: run.id, label: run.label, resolve })),
}));

const scenario = (currency: string) =>
  ({
    setting: { currency },
    segments: [{ id: 'price', label: { en: 'Price', 'zh-CN': '价格' } }],
    complaintTypes: [{ id: 'late', label: { en: 'Late', 'zh-CN': '迟到' } }],
  }) as unknown as Scenario;

const shown = (period: number): RunAnalytics => ({
  state: 'shown',
  analytics: { period, crmLevel: 1, views: [] },
});

/** Lets resolved promises land, then Svelte update. */
async function settle() {
  await new Promise((r) => setTimeout(r, 0));
  flushSync();
}

let run = $state.raw<Run | null>(null);
let stop: (() => void) | undefined;
let replay: RunReplay;
let seen: { scenario: unknown; analytics: RunAnalytics | null }[];

beforeEach(() => {
  pending.scenarios.clear();
  pending.replays.length = 0;
  run = null;
  seen = [];
  replay = new RunReplay(() => run);
  stop = $effect.root(() => {
    $effect(() => {
      seen.push({ scenario: replay.scenario, analytics: replay.analytics });
    });
  });
  flushSync();
});

afterEach(() => stop?.());

describe('RunReplay', () => {
  it('loads the scenario, then replays the run once; a rename replays nothing', async () => {
    expect(replay.scenario).toBeUndefined();
    expect(replay.currency).toBe('CNY');
    expect(replay.segments).toEqual([]);

    run = makeRun('r1');
    flushSync();
    expect(replay.scenario).toBeUndefined();
    expect(pending.replays).toHaveLength(0); // waits for the scenario
    pending.scenarios.get('sandbox')!(scenario('EUR'));
    await settle();
    expect(replay.currency).toBe('EUR');
    expect(replay.segments.map((s) => s.id)).toEqual(['price']);
    expect(replay.complaintTypes.map((c) => c.id)).toEqual(['late']);
    expect(pending.replays.map((r) => r.runId)).toEqual(['r1']);
    expect(replay.analytics).toBeNull();

    pending.replays[0].resolve(shown(4));
    await settle();
    expect(replay.analytics).toEqual(shown(4));

    // Renamed in another tab: the live query gives a new object with the same id.
    run = { ...run, label: 'renamed' };
    await settle();
    expect(pending.replays).toHaveLength(1);
    expect(replay.analytics).toEqual(shown(4));
    expect(seen.at(-1)?.analytics).toEqual(shown(4));
  });

  it('drops a replay that lands after the page moved on to another run', async () => {
    run = makeRun('r1');
    flushSync();
    pending.scenarios.get('sandbox')!(scenario('CNY'));
    await settle();
    run = makeRun('r2');
    await settle();
    expect(pending.replays.map((r) => r.runId)).toEqual(['r1', 'r2']);
    expect(replay.analytics).toBeNull();

    pending.replays[0].resolve(shown(1)); // r1's, too late
    await settle();
    expect(replay.analytics).toBeNull();
    pending.replays[1].resolve(shown(2));
    await settle();
    expect(replay.analytics).toEqual(shown(2));
    expect(seen.some((s) => s.analytics?.analytics?.period === 1)).toBe(false);
  });

  it('a scenario this app does not have is null, with the defaults for the dashboards', async () => {
    run = makeRun('r1', { scenarioId: 'elsewhere' });
    flushSync();
    pending.scenarios.get('elsewhere')!(null);
    await settle();
    expect(replay.scenario).toBeNull();
    expect(replay.currency).toBe('CNY');
    expect(replay.complaintTypes).toEqual([]);
    expect(pending.replays.map((r) => r.runId)).toEqual(['r1']);
  });
});
