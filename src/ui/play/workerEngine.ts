// What lives here: WorkerEngine, the PlayEngine whose Simulation runs on a Web Worker
// (engine.worker.ts). The reads a session needs at once (checkDecisions on every slider
// move, costOf, pending events and inbox, history) answer from a mirror the worker sends
// after each change, with the engine's own pure functions (checkDecisionsFor,
// leverCostBreakdown), so the page and the worker cannot disagree. Work that takes long
// (step, reset, snapshot, reference runs) is a message and a Promise.

import type { AnalyticsBundle } from '../../engine/analytics.ts';
import { leverCostBreakdown } from '../../engine/levers.ts';
import {
  checkDecisionsFor,
  type DecisionProblem,
  type SimulationSnapshot,
} from '../../engine/simulation.ts';
import type {
  ComplaintRecord,
  EngineConfig,
  EventSpec,
  LeverValues,
  PeriodDecisions,
  PeriodMetrics,
  PersonaStory,
} from '../../engine/types.ts';
import type { DraftCost } from '../../scenario/engineAdapter.ts';
import type { ReferenceRunner } from '../../scenario/sessionReference.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { EngineOptions, PlayEngine } from './engine.ts';
import type { EngineReply, EngineRequest, Mirror } from './engineProtocol.ts';

type Request = EngineRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;
type Ok = Extract<EngineReply, { ok: true }>;

function abortError(): Error {
  const e = new Error('step aborted');
  e.name = 'AbortError';
  return e;
}

export class WorkerEngine implements PlayEngine {
  readonly kind = 'worker' as const;
  readonly runReference: ReferenceRunner;
  #worker: Worker;
  #nextId = 1;
  #waiting = new Map<number, { resolve: (r: Ok) => void; reject: (e: Error) => void }>();
  #mirror!: Mirror;
  #history: PeriodMetrics[] = [];

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.onmessage = (e: MessageEvent<EngineReply>) => this.#receive(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      const error = new Error(e.message || 'the engine worker failed');
      for (const w of this.#waiting.values()) w.reject(error);
      this.#waiting.clear();
    };
    this.runReference = async (policy, seed) =>
      (await this.#call({ type: 'reference', policy, seed })).reference ?? [];
  }

  /** Starts a worker with a fresh run on `seed`, or the saved run of `options.snapshot`. */
  static async create(
    _scenario: Scenario,
    config: EngineConfig,
    seed: number,
    options: EngineOptions = {},
  ): Promise<WorkerEngine> {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    const engine = new WorkerEngine(worker);
    try {
      if (options.snapshot)
        await engine.#call({ type: 'restore', config, snapshot: options.snapshot });
      else await engine.#call({ type: 'create', config, seed });
    } catch (e) {
      engine.dispose();
      throw e;
    }
    return engine;
  }

  #receive(reply: EngineReply): void {
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#waiting.delete(reply.id);
    if (!reply.ok) {
      const error = new Error(reply.error.message);
      error.name = reply.error.name;
      waiting.reject(error);
      return;
    }
    if (reply.mirror) this.#apply(reply.mirror);
    waiting.resolve(reply);
  }

  #apply(m: Mirror): void {
    this.#history = [...this.#history.slice(0, m.historyFrom), ...m.history];
    this.#mirror = m;
  }

  #call(request: Request): Promise<Ok> {
    const id = this.#nextId++;
    return new Promise<Ok>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ ...request, id } as EngineRequest);
    });
  }

  get seed(): number {
    return this.#mirror.seed;
  }
  get period(): number {
    return this.#mirror.period;
  }
  history(): readonly PeriodMetrics[] {
    return this.#history;
  }
  defaultLevers(): Record<string, number> {
    return { ...this.#mirror.defaultLevers };
  }
  pendingEvents(): readonly EventSpec[] {
    return this.#mirror.view.pendingEvents;
  }
  pendingComplaints(): readonly ComplaintRecord[] {
    return this.#mirror.view.inbox;
  }
  checkDecisions(decisions: PeriodDecisions): DecisionProblem[] {
    return checkDecisionsFor(this.#mirror.view, decisions);
  }
  costOf(levers: LeverValues): DraftCost {
    const { view } = this.#mirror;
    const byLever = leverCostBreakdown(view.levers, levers, view.basis);
    let total = 0;
    for (const v of Object.values(byLever)) total += v ?? 0;
    return { byLever, total, budget: view.budget };
  }
  async step(decisions: PeriodDecisions, signal?: AbortSignal): Promise<PeriodMetrics> {
    if (signal?.aborted) throw abortError();
    const reply = await this.#call({ type: 'step', decisions });
    if (!reply.metrics) throw new Error('the engine worker sent no metrics');
    return reply.metrics;
  }
  async reset(): Promise<void> {
    await this.#call({ type: 'reset' });
  }
  async snapshot(): Promise<SimulationSnapshot> {
    const reply = await this.#call({ type: 'snapshot' });
    if (!reply.snapshot) throw new Error('the engine worker sent no snapshot');
    return reply.snapshot;
  }
  personas(): readonly PersonaStory[] {
    return this.#mirror.personas;
  }
  analytics(): AnalyticsBundle | null {
    return this.#mirror.analytics;
  }
  dispose(): void {
    this.#worker.terminate();
    const error = new Error('the engine worker was stopped');
    for (const w of this.#waiting.values()) w.reject(error);
    this.#waiting.clear();
  }
}
