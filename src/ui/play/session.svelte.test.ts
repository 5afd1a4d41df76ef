// The runes adapter around a session: `current` follows the actor while something reads it,
// send/can go to the machine, and the engine's data (history, stories) is replaced whole
// after each simulated period and after a restart.
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import sandboxFile from '../../../scenarios/sandbox.json';
import type { Scenario } from '../../scenario/types';
import { PlaySession } from './session.svelte';

const scenario = () => structuredClone(sandboxFile) as unknown as Scenario;
let session: PlaySession | undefined;
let stopRoot: (() => void) | undefined;

afterEach(() => {
  stopRoot?.();
  session?.dispose();
  session = undefined;
});

describe('PlaySession', () => {
  it('shows machine state changes to effects that read current', async () => {
    session = await PlaySession.start({ scenario: scenario(), seed: 3, minSimulatingMs: 0 });
    const s = session;
    const seen: string[] = [];
    stopRoot = $effect.root(() => {
      $effect(() => {
        seen.push(JSON.stringify(s.current.value));
      });
    });
    flushSync();
    expect(seen).toEqual(['"briefing"']);
    expect(s.can({ type: 'round.begin' })).toBe(false);
    s.send({ type: 'session.start' });
    flushSync();
    expect(seen.at(-1)).toBe(JSON.stringify({ round: 'review' }));
    expect(s.can({ type: 'round.begin' })).toBe(true);
    // An event the machine refuses changes nothing.
    s.send({ type: 'quiz.next' });
    flushSync();
    expect(seen.at(-1)).toBe(JSON.stringify({ round: 'review' }));
  });

  it('replaces the history after a period and empties it on restart', async () => {
    session = await PlaySession.start({ scenario: scenario(), seed: 3, minSimulatingMs: 0 });
    const s = session;
    expect(s.seed).toBe(3);
    expect(s.history).toEqual([]);
    s.send({ type: 'session.start' });
    s.send({ type: 'round.begin' });
    s.send({ type: 'round.submit' });
    await vi.waitFor(() => expect(s.current.matches('roundReport')).toBe(true));
    expect(s.history).toHaveLength(1);
    expect(s.personas.length).toBe(scenario().personas.length);
    expect(s.analytics?.period).toBe(1);
    const first = s.history;
    s.send({ type: 'report.continue' });
    expect(s.history).toBe(first);
    s.send({ type: 'session.restart' });
    await vi.waitFor(() => expect(s.current.matches('briefing')).toBe(true));
    expect(s.history).toEqual([]);
  });

  it('previews what lever values would cost without touching the draft', async () => {
    session = await PlaySession.start({ scenario: scenario(), seed: 3, minSimulatingMs: 0 });
    const before = session.current.context.draft;
    const cost = session.previewCost({ ...before.levers, acquisitionSpend: 1 });
    expect(cost.byLever.acquisitionSpend).toBeGreaterThan(0);
    expect(session.current.context.draft).toBe(before);
  });
});
