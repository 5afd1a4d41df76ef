// A Web Worker that replays a finished run on its seed and returns the customer analytics
// of its last period (they are not stored with a run). Replaying a 2,000-customer run of
// twelve rounds takes about a second: off the page, it never freezes it.

import '../play/kernel.ts';
import { analyticsBundle } from '../../engine/analytics';
import { Simulation } from '../../engine/simulation';
import type { ReplayReply, ReplayRequest } from './replay';

self.onmessage = (event: MessageEvent<ReplayRequest>) => {
  const { config, seed, decisions, cumulativeProfit } = event.data;
  let reply: ReplayReply;
  try {
    const sim = Simulation.replay(config, seed, decisions);
    const last = sim.history.at(-1);
    // A scenario changed since the run was played replays differently: show nothing then.
    reply =
      last && last.cumulativeProfit === cumulativeProfit
        ? { ok: true, analytics: analyticsBundle(sim) }
        : { ok: false, reason: 'diverged' };
  } catch (e) {
    reply = { ok: false, reason: String(e) };
  }
  self.postMessage(reply);
};
