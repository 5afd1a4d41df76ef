// What lives here: the messages between the page (WorkerEngine) and the engine's Web Worker
// (engine.worker.ts). Everything is structured-clone data. Each request carries an id and
// gets exactly one reply with the same id. Replies that change the run carry a Mirror: what
// the page reads synchronously until the next change (decision checks on every slider move,
// costs, pending events and inbox, the history, stories and analytics). A run's page uses
// the same worker, with one 'replay' request, so the engine ships in one worker bundle.

import type { AnalyticsBundle } from '../../engine/analytics.ts';
import type { DecisionView, SimulationSnapshot } from '../../engine/simulation.ts';
import type {
  EngineConfig,
  PeriodDecisions,
  PeriodMetrics,
  PersonaStory,
} from '../../engine/types.ts';
import type { ReferencePolicy } from '../../scenario/types.ts';

export type EngineRequest =
  | { id: number; type: 'create'; config: EngineConfig; seed: number }
  | { id: number; type: 'restore'; config: EngineConfig; snapshot: SimulationSnapshot }
  | { id: number; type: 'step'; decisions: PeriodDecisions }
  | { id: number; type: 'reset' }
  | { id: number; type: 'snapshot' }
  | { id: number; type: 'reference'; policy: ReferencePolicy; seed: number }
  // A finished run played again on its seed, for the analytics of its last period (a run's
  // page): null when it lands elsewhere than `cumulativeProfit` (the scenario has changed).
  | {
      id: number;
      type: 'replay';
      config: EngineConfig;
      seed: number;
      decisions: PeriodDecisions[];
      cumulativeProfit: number;
    };

/** The run as the page sees it between two changes. */
export interface Mirror {
  seed: number;
  period: number;
  view: DecisionView;
  defaultLevers: Record<string, number>;
  /** The whole history (after create, restore, reset) or only the new period (after step). */
  history: PeriodMetrics[];
  historyFrom: number;
  personas: PersonaStory[];
  analytics: AnalyticsBundle | null;
}

export type EngineReply =
  | {
      id: number;
      ok: true;
      mirror?: Mirror;
      metrics?: PeriodMetrics;
      snapshot?: SimulationSnapshot;
      reference?: PeriodMetrics[];
      replayed?: AnalyticsBundle | null;
    }
  | { id: number; ok: false; error: { name: string; message: string } };
