// `npm run simulate -- --scenario <id or path> ...`: the headless runner on the command line.
// Prints the run as JSON (or CSV) on stdout; any bad argument or file is one line on stderr
// and exit status 2, never a stack trace. Usage and output are documented in README.md.

import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { installPeriodEndKernel } from '../engine/kernel.ts';
import { resolveLevers } from '../engine/levers.ts';
import { kernelWasm } from '../../scripts/kernel-wasm.ts';
import { MAX_SEED, runScenario, RunError, type RunResult } from '../scenario/headless.ts';
import { roundMetric, roundMetricKeys } from '../scenario/metrics.ts';
import { loadPolicy, referencePolicy, type Policy } from '../scenario/policy.ts';
import type { Scenario } from '../scenario/types.ts';
import {
  loadScenario,
  MAX_FILE_BYTES,
  toEngineConfig,
  type Problem,
} from '../scenario/validate.ts';

export const EXIT_OK = 0;
/** Something inside failed (a bug): one line on stderr too. */
export const EXIT_INTERNAL = 1;
/** Bad arguments, files, scenario, policy or overrides. */
export const EXIT_USAGE = 2;

const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const SCENARIO_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A problem the user can fix; main prints its message as the one line on stderr. */
class UsageError extends Error {}

/** "<first problem> (and N more)": one line, whatever the number of problems. */
function oneLine(prefix: string, problems: readonly Problem[]): string {
  const first = problems[0]?.message.en ?? 'unknown problem';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `${prefix}${first}${more}`.replace(/\s*\n\s*/g, ' ');
}

function readSmallFile(path: string, what: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new UsageError(`${what} ${path} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      `cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((e as Error).message)}`,
    );
  }
  if (size > MAX_FILE_BYTES)
    throw new UsageError(
      `${what} ${path} is ${(size / 1048576).toFixed(1)} MB; at most 2 MB is allowed`,
    );
  return readFileSync(path, 'utf8');
}

function loadScenarioArg(arg: string): Scenario {
  const isPath = arg.includes('/') || arg.includes('\\') || arg.endsWith('.json');
  if (!isPath && !SCENARIO_ID.test(arg))
    throw new UsageError(
      `--scenario: "${arg}" is neither a scenario id (like "sandbox") nor a path to a .json file`,
    );
  const path = isPath ? resolve(arg) : resolve(SCENARIO_DIR, `${arg}.json`);
  let text: string;
  try {
    text = readSmallFile(path, 'scenario file');
  } catch (e) {
    if (!isPath && e instanceof UsageError && /no such file/.test(e.message))
      throw new UsageError(`--scenario: unknown scenario "${arg}" (no file scenarios/${arg}.json)`);
    throw e;
  }
  // Research runs may use a scenario still without its reference policies.
  const r = loadScenario(text, { requireReferencePolicies: false });
  if (!r.ok) throw new UsageError(oneLine(`${path}: `, r.problems));
  return r.scenario;
}

function parseInteger(
  flag: string,
  raw: string | undefined,
  fallback: number | undefined,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max)
    throw new UsageError(`${flag}: "${raw}" is not a whole number from ${min} to ${max}`);
  return Number(raw);
}

function parseSets(raw: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of raw) {
    const eq = item.indexOf('=');
    const path = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (eq <= 0 || value === '') throw new UsageError(`--set: "${item}" is not <path>=<number>`);
    const n = Number(value);
    if (!Number.isFinite(n))
      throw new UsageError(`--set: the value of ${path} ("${value}") is not a number`);
    out[path] = n;
  }
  return out;
}

function policyArg(
  arg: string | undefined,
  scenario: Scenario,
  periods: number | undefined,
): Policy {
  // Without --policy every lever stays at the scenario's default: the "do nothing" baseline.
  if (arg === undefined) return { levers: {} };
  if (arg.startsWith('reference:')) {
    const id = arg.slice('reference:'.length);
    const p = referencePolicy(scenario, id);
    if (!p) {
      const ids = scenario.referencePolicies.map((r) => r.id);
      throw new UsageError(
        `--policy: scenario "${scenario.id}" has no reference policy "${id}" (${ids.length ? `it has: ${ids.join(', ')}` : 'it has none'})`,
      );
    }
    return p;
  }
  const r = loadPolicy(readSmallFile(resolve(arg), 'policy file'), scenario, periods);
  if (!r.ok) throw new UsageError(oneLine(`${arg}: `, r.problems));
  return r.policy;
}

/** The scenario's levers as --list-levers prints them. */
export function leverListing(scenario: Scenario): unknown[] {
  return resolveLevers(toEngineConfig(scenario).levers).map((l) => ({
    id: l.id,
    label: l.label,
    explanation: l.explanation,
    kind: l.kind,
    min: l.min,
    max: l.max,
    step: l.step,
    default: l.default,
    unit: l.unit,
    ...(l.options ? { options: l.options } : {}),
    cost: { basis: l.cost.basis, unitCost: l.cost.unitCost },
    locked: l.locked,
  }));
}

/** One header row of dotted metric names, then one row per period. */
export function toCsv(result: RunResult, scenario: Scenario): string {
  const keys = roundMetricKeys({ complaintTypes: scenario.complaintTypes.map((c) => c.id) });
  const rows = [keys.join(',')];
  result.periods.forEach((_, i) =>
    rows.push(keys.map((k) => String(roundMetric(result.periods, i, k) ?? '')).join(',')),
  );
  return `${rows.join('\n')}\n`;
}

const USAGE =
  'usage: npm run simulate -- --scenario <id or path> [--seed <n>] [--policy <file.json> | --policy reference:<id>] [--periods <n>] [--customers <n>] [--set <path>=<value> ...] [--format json|csv] [--no-budget] [--list-levers]';

/** Runs the command; returns the exit status. Writes only through `out` and `err`. */
export function main(
  argv: readonly string[],
  out: (s: string) => void,
  err: (s: string) => void,
): number {
  try {
    let args;
    try {
      args = parseArgs({
        args: [...argv],
        options: {
          scenario: { type: 'string' },
          seed: { type: 'string' },
          policy: { type: 'string' },
          periods: { type: 'string' },
          customers: { type: 'string' },
          set: { type: 'string', multiple: true },
          format: { type: 'string' },
          'no-budget': { type: 'boolean' },
          'list-levers': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      }).values;
    } catch (e) {
      throw new UsageError(`${(e as Error).message.split('\n')[0]}; ${USAGE}`);
    }
    if (args.help) {
      out(`${USAGE}\n`);
      return EXIT_OK;
    }
    if (args.scenario === undefined) throw new UsageError(`--scenario is required; ${USAGE}`);
    const format = args.format ?? 'json';
    if (format !== 'json' && format !== 'csv')
      throw new UsageError(`--format: "${format}" is not json or csv`);
    const seed = parseInteger('--seed', args.seed, 1, 0, MAX_SEED) as number;
    const periods = parseInteger('--periods', args.periods, undefined, 1, 40);
    const customers = parseInteger('--customers', args.customers, undefined, 1, 1_000_000);
    const set = parseSets(args.set ?? []);

    const scenario = loadScenarioArg(args.scenario);
    if (args['list-levers']) {
      out(`${JSON.stringify(leverListing(scenario), null, 2)}\n`);
      return EXIT_OK;
    }
    const policy = policyArg(args.policy, scenario, periods);
    let result: RunResult;
    try {
      result = runScenario(scenario, {
        seed,
        policy,
        periods,
        customers,
        set,
        enforceBudget: !args['no-budget'],
      });
    } catch (e) {
      if (e instanceof RunError) throw new UsageError(oneLine('', e.problems));
      throw e;
    }
    out(format === 'csv' ? toCsv(result, scenario) : `${JSON.stringify(result, null, 2)}\n`);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`simulate: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return EXIT_USAGE;
    }
    err(
      `simulate: internal error: ${String(e instanceof Error ? e.message : e).replace(/\s*\n\s*/g, ' ')}\n`,
    );
    return EXIT_INTERNAL;
  }
}

// Run when executed (tsx src/cli/simulate.ts), not when imported by a test.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // The WebAssembly passes (stages 4-9, the metrics' count), as the app's engine worker runs
  // them; the JavaScript passes give the same output when they cannot be had (more slowly).
  try {
    installPeriodEndKernel(await kernelWasm());
  } catch {
    // the JavaScript pass
  }
  // exitCode, not exit(): a large JSON piped to another program must be flushed first.
  process.exitCode = main(
    process.argv.slice(2),
    (s) => void process.stdout.write(s),
    (s) => void process.stderr.write(s),
  );
}
