// The engine on a Web Worker: one Simulation per worker, driven by EngineRequest messages
// (engineProtocol.ts). After each change it sends the page a Mirror, so the page can check
// decisions and show costs without asking. Reference runs of the debrief run here too: the
// same loop as runScenario (headless.ts) on the same config, without its checks of the
// policy, which the scenario loader already made (and which would bring the glossary here).
// A run's page asks it to replay a finished run (replay.ts): one worker bundle, not two.

import './kernel.ts';
import { analyticsBundle } from '../../engine/analytics.ts';
import { Simulation } from '../../engine/simulation.ts';
import type { EngineConfig, PeriodMetrics } from '../../engine/types.ts';
import { policyDecisions } from '../../scenario/policy.ts';
import type { ReferencePolicy } from '../../scenario/types.ts';
import type { EngineReply, EngineRequest, Mirror } from './engineProtocol.ts';

let sim: Simulation | null = null;
let config: EngineConfig | null = null;

/** A reference policy played from the start on `seed`, like runScenario does. */
function reference(policy: ReferencePolicy, seed: number): PeriodMetrics[] {
  if (!config) throw new Error('no run');
  const { id: _id, label: _label, description: _description, ...rest } = policy;
  const run = Simulation.create(config, seed, { enforceBudget: true });
  while (!run.finished) run.step(policyDecisions(rest, run));
  return [...run.history];
}

function mirror(from: number): Mirror {
  if (!sim) throw new Error('no run: create or restore one first');
  return {
    seed: sim.seed,
    period: sim.period,
    view: sim.decisionView(),
    defaultLevers: sim.defaultLevers(),
    history: sim.history.slice(from),
    historyFrom: from,
    // postMessage clones: the page gets a copy, never the live records.
    personas: [...sim.personas()],
    analytics: sim.period > 0 ? analyticsBundle(sim) : null,
  };
}

async function handle(req: EngineRequest): Promise<EngineReply> {
  switch (req.type) {
    case 'create':
      config = req.config;
      sim = Simulation.create(req.config, req.seed);
      return { id: req.id, ok: true, mirror: mirror(0) };
    case 'restore':
      config = req.config;
      sim = Simulation.restore(req.config, req.snapshot);
      return { id: req.id, ok: true, mirror: mirror(0) };
    case 'step': {
      if (!sim) throw new Error('no run');
      const from = sim.period;
      const metrics = sim.step(req.decisions);
      return { id: req.id, ok: true, metrics, mirror: mirror(from) };
    }
    case 'reset':
      if (!sim || !config) throw new Error('no run');
      sim = Simulation.create(config, sim.seed);
      return { id: req.id, ok: true, mirror: mirror(0) };
    case 'snapshot':
      if (!sim) throw new Error('no run');
      return { id: req.id, ok: true, snapshot: sim.snapshot() };
    case 'reference':
      return { id: req.id, ok: true, reference: reference(req.policy, req.seed) };
    case 'replay': {
      const run = Simulation.replay(req.config, req.seed, req.decisions);
      const last = run.history.at(-1);
      const landed = last !== undefined && last.cumulativeProfit === req.cumulativeProfit;
      return { id: req.id, ok: true, replayed: landed ? analyticsBundle(run) : null };
    }
  }
}

self.onmessage = async (e: MessageEvent<EngineRequest>) => {
  const req = e.data;
  let reply: EngineReply;
  try {
    reply = await handle(req);
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    reply = { id: req.id, ok: false, error: { name: error.name, message: error.message } };
  }
  self.postMessage(reply);
};
