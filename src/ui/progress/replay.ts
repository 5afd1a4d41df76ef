// What lives here: the customer analytics of a finished run (RFM, lifetime value, Pareto,
// cohorts, the at-risk list), which a run does not store: they depend on every customer.
// They are what the run's last CRM level revealed, so:
// - no CRM in the last round: nothing was revealed, and nothing needs replaying;
// - otherwise the run is replayed on its seed in the engine's Web Worker (engine.worker.ts,
//   a 'replay' request), and the result is used only if it lands on the stored figures
//   (same scenario version).

import type { AnalyticsBundle } from '../../engine/analytics';
import type { Scenario } from '../../scenario/types';
import { toEngineConfig } from '../../scenario/validate';
import type { Run } from '../../storage/db';
import type { EngineReply, EngineRequest } from '../play/engineProtocol';

/** 'shown': the analytics; 'none': the run had no CRM (nothing to show); 'unavailable'. */
export type RunAnalytics =
  | { state: 'shown' | 'none'; analytics: AnalyticsBundle }
  | { state: 'unavailable'; analytics: null };

/** How long a replay may take before the page gives up, in ms. */
export const REPLAY_TIMEOUT_MS = 60_000;

export function runAnalytics(scenario: Scenario | null, run: Run): Promise<RunAnalytics> {
  const last = run.metrics.at(-1);
  const crmLevel = last?.levers.crmAnalytics ?? 0;
  if (!last || crmLevel < 1)
    return Promise.resolve({
      state: 'none',
      analytics: { period: run.metrics.length, crmLevel, views: [] },
    });
  const unavailable: RunAnalytics = { state: 'unavailable', analytics: null };
  if (!scenario || typeof Worker !== 'function') return Promise.resolve(unavailable);
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('../play/engine.worker.ts', import.meta.url), {
        type: 'module',
      });
    } catch {
      resolve(unavailable);
      return;
    }
    const done = (result: RunAnalytics) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => done(unavailable), REPLAY_TIMEOUT_MS);
    worker.onmessage = (event: MessageEvent<EngineReply>) => {
      const reply = event.data;
      done(
        reply.ok && reply.replayed ? { state: 'shown', analytics: reply.replayed } : unavailable,
      );
    };
    worker.onerror = () => done(unavailable);
    const request: EngineRequest = {
      id: 0,
      type: 'replay',
      config: toEngineConfig(scenario),
      seed: run.seed,
      decisions: run.decisions,
      cumulativeProfit: last.cumulativeProfit,
    };
    try {
      worker.postMessage(request);
    } catch {
      done(unavailable);
    }
  });
}
