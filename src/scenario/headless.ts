// The headless runner: plays a whole scenario with a fixed policy on one seed, no browser and
// no learner, and returns every period's metrics and the scenario's score. Used by
// `npm run simulate`, by the debrief's reference runs and by tests.

import { DecisionError, Simulation, type DecisionProblem } from '../engine/simulation.ts';
import type { PeriodMetrics } from '../engine/types.ts';
import {
  RUN_AGGREGATE_KEYS,
  runMetric,
  scoreRun,
  type RunAggregate,
  type ScorePart,
} from './metrics.ts';
import { loadPolicy, policyDecisions, type Policy } from './policy.ts';
import type { Scenario } from './types.ts';
import {
  isRecord,
  loadScenario,
  makeProblem,
  MODEL_PARAM_BOUNDS,
  toEngineConfig,
  type Problem,
} from './validate.ts';

/** Seeds are unsigned 32-bit integers: the generator reads seed >>> 0, so others would alias. */
export const MAX_SEED = 0xffffffff;

export interface RunOptions {
  /** Integer 0..4294967295. Batch experiments use seed base + N for run N. */
  seed: number;
  policy: Policy;
  /** Periods to run. @default the scenario's meta.periods */
  periods?: number;
  /** Size of the starting base. @default the scenario's setting.customers */
  customers?: number;
  /**
   * Overrides, by path: `model.<param>` (any ModelParams key), `setting.customers`,
   * `setting.budgetPerPeriod`, `market.<key>` (competitorAttractiveness, competitorPrice,
   * economy), `segments.<id>.<field>` (a numeric field of that segment). Values are checked
   * like the scenario file's. Unknown paths are an error.
   * @example { 'model.churnPrice': 9, 'segments.price.share': 0.5 }
   */
  set?: Record<string, number>;
  /** Refuse a policy that spends more than the budget in some period. @default true */
  enforceBudget?: boolean;
}

/** The run's totals: the score and every run aggregate of metrics.ts. */
export type FinalSummary = { score: number; scoreParts: ScorePart[] } & Record<
  RunAggregate,
  number
>;

export interface RunResult {
  scenario: string;
  seed: number;
  periods: PeriodMetrics[];
  final: FinalSummary;
}

/** A run that cannot start or go on: bad options, a policy over budget. */
export class RunError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.message.en).join(' '));
    this.name = 'RunError';
  }
}

const SEGMENT_FIELDS = [
  'share',
  'priceSensitivity',
  'buyProbability',
  'spendMedian',
  'spendSigma',
  'voice',
  'baseChurn',
  'expectation',
  'careWeight',
] as const;
const MARKET_FIELDS = ['competitorAttractiveness', 'competitorPrice', 'economy'] as const;

/** Every path `set` accepts, for a scenario (segment paths name its segments). */
export function settablePaths(scenario: Scenario): string[] {
  return [
    ...Object.keys(MODEL_PARAM_BOUNDS).map((k) => `model.${k}`),
    'setting.customers',
    'setting.budgetPerPeriod',
    ...MARKET_FIELDS.map((k) => `market.${k}`),
    ...scenario.segments.flatMap((s) => SEGMENT_FIELDS.map((f) => `segments.${s.id}.${f}`)),
  ];
}

/**
 * A copy of the scenario with the overrides applied, checked again as a whole so an override
 * gets the same range checks as the file. Problems name the override (`set.<path>`).
 */
export function applyOverrides(
  scenario: Scenario,
  set: Record<string, number>,
  customers?: number,
): { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] } {
  const s = structuredClone(scenario);
  const problems: Problem[] = [];
  const where = new Map<string, string>();
  const put = (
    target: Record<string, unknown>,
    key: string,
    value: number,
    filePath: string,
    setPath: string,
  ) => {
    target[key] = value;
    where.set(filePath, setPath);
  };
  if (customers !== undefined)
    put(
      s.setting as unknown as Record<string, unknown>,
      'customers',
      customers,
      'setting.customers',
      'customers',
    );
  const known = new Set(settablePaths(scenario));
  for (const [path, value] of Object.entries(set)) {
    const at = `set.${path}`;
    if (!known.has(path)) {
      problems.push(
        makeProblem(
          at,
          `"${path}" is not a settable path (model.<parameter>, setting.customers, setting.budgetPerPeriod, market.<key>, segments.<segment id>.<field>).`,
          `"${path}" 不是可设置的路径(model.<参数>、setting.customers、setting.budgetPerPeriod、market.<键>、segments.<客户群id>.<字段>)。`,
        ),
      );
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(makeProblem(at, `the value must be a number.`, `值必须是数字。`));
      continue;
    }
    const [head, a, b] = path.split('.');
    if (head === 'model') {
      s.model = { ...(s.model ?? {}) };
      put(s.model as Record<string, unknown>, a, value, path, at);
    } else if (head === 'setting')
      put(s.setting as unknown as Record<string, unknown>, a, value, path, at);
    else if (head === 'market')
      put(
        s.setting.market as unknown as Record<string, unknown>,
        a,
        value,
        `setting.market.${a}`,
        at,
      );
    else {
      const i = s.segments.findIndex((seg) => seg.id === a);
      put(s.segments[i] as unknown as Record<string, unknown>, b, value, `segments[${i}].${b}`, at);
    }
  }
  if (problems.length) return { ok: false, problems };
  const r = loadScenario(s, { requireReferencePolicies: false });
  if (r.ok) return { ok: true, scenario: r.scenario };
  // Point each problem at the override that caused it, when one did.
  return {
    ok: false,
    problems: r.problems.map((p) => {
      const setPath = where.get(p.path);
      if (!setPath) return p;
      return {
        path: setPath,
        message: {
          en: p.message.en.replace(p.path, setPath),
          'zh-CN': p.message['zh-CN'].replace(p.path, setPath),
        },
      };
    }),
  };
}

function decisionProblem(
  period: number,
  d: DecisionProblem,
  overspend?: { total: number; budget: number },
): Problem {
  const at = `periods[${period}]${d.path ? `.${d.path}` : ''}`;
  if (d.code === 'overBudget' && overspend) {
    const f = (n: number) => Math.round(n).toLocaleString('en-US');
    return makeProblem(
      at,
      `in period ${period} the policy's levers cost ${f(overspend.total)}, ${f(overspend.total - overspend.budget)} over the budget of ${f(overspend.budget)} (use --no-budget to lift the limit for research).`,
      `第 ${period} 期策略的杠杆花费 ${f(overspend.total)},超出预算 ${f(overspend.budget)} 共 ${f(overspend.total - overspend.budget)}(研究时可用 --no-budget 取消限制)。`,
    );
  }
  const detail = d.detail !== undefined ? ` (${d.detail})` : '';
  return makeProblem(
    at,
    `the engine refused the policy's decision in period ${period}: ${d.code}${detail}.`,
    `第 ${period} 期引擎拒绝了策略的决策:${d.code}${detail}。`,
  );
}

/** Problems with run options before anything runs (seed, sizes). */
export function checkRunOptions(options: RunOptions): Problem[] {
  const out: Problem[] = [];
  const int = (v: unknown, min: number, max: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  if (!int(options.seed, 0, MAX_SEED))
    out.push(
      makeProblem(
        'seed',
        `the seed must be a whole number from 0 to ${MAX_SEED}, not ${String(options.seed)}.`,
        `种子必须是 0 到 ${MAX_SEED} 之间的整数,而不是 ${String(options.seed)}。`,
      ),
    );
  if (options.periods !== undefined && !int(options.periods, 1, 40))
    out.push(
      makeProblem(
        'periods',
        `periods must be a whole number from 1 to 40, not ${String(options.periods)}.`,
        `期数必须是 1 到 40 之间的整数,而不是 ${String(options.periods)}。`,
      ),
    );
  if (options.customers !== undefined && !int(options.customers, 1, 1_000_000))
    out.push(
      makeProblem(
        'customers',
        `customers must be a whole number from 1 to 1,000,000, not ${String(options.customers)}.`,
        `客户数必须是 1 到 1,000,000 之间的整数,而不是 ${String(options.customers)}。`,
      ),
    );
  if (options.set !== undefined && !isRecord(options.set))
    out.push(
      makeProblem(
        'set',
        'set must be an object of path -> number.',
        'set 必须是 路径 -> 数字 的对象。',
      ),
    );
  return out;
}

/**
 * Plays the scenario with the policy from the first period to the last.
 * Throws RunError (with every problem found before the run, or the first period the engine
 * refuses, e.g. over budget) and nothing else for bad input.
 * @example
 * const r = runScenario(scenario, { seed: 1, policy: referencePolicy(scenario, 'recommended')! });
 * r.final.score; // 0..120
 */
export function runScenario(scenario: Scenario, options: RunOptions): RunResult {
  const problems = checkRunOptions(options);
  if (problems.length) throw new RunError(problems);
  const over = applyOverrides(scenario, options.set ?? {}, options.customers);
  if (!over.ok) throw new RunError(over.problems);
  const periods = options.periods ?? over.scenario.meta.periods;
  const checked = loadPolicy(options.policy, over.scenario, periods);
  if (!checked.ok)
    throw new RunError(
      checked.problems.map((p) => ({
        path: `policy${p.path ? `.${p.path}` : ''}`,
        message: p.message,
      })),
    );
  const policy = checked.policy;

  const config = { ...toEngineConfig(over.scenario), periods };
  const sim = Simulation.create(config, options.seed, {
    enforceBudget: options.enforceBudget ?? true,
  });
  while (!sim.finished) {
    const decisions = policyDecisions(policy, sim);
    const refused = sim.checkDecisions(decisions);
    if (refused.length) {
      const cost = sim.costOf(decisions.levers);
      throw new RunError(refused.map((d) => decisionProblem(sim.period, d, cost)));
    }
    try {
      sim.step(decisions);
    } catch (e) {
      // checkDecisions said yes, so this is an engine fault: let it surface as one.
      if (e instanceof DecisionError)
        throw new RunError(e.problems.map((d) => decisionProblem(sim.period, d)));
      throw e;
    }
  }
  const history = [...sim.history];
  const score = scoreRun(over.scenario.objectives, history);
  const aggregates = Object.fromEntries(
    RUN_AGGREGATE_KEYS.map((k) => [k, runMetric(history, k) ?? 0]),
  ) as Record<RunAggregate, number>;
  return {
    scenario: over.scenario.id,
    seed: options.seed,
    periods: history,
    final: { score: score.total, scoreParts: score.parts, ...aggregates },
  };
}
