// Checks a scenario the way a careful author would before shipping it: it loads without
// problems, and on seeds 1–5 its recommended policy beats every naive one, every lever at
// maximum and every lever at zero on the scenario's own score. Prints a table; exit 1 if not.
// Usage: npx tsx scripts/check-scenario.ts <id or path> [seeds]
import { readFileSync } from 'node:fs';
import { LEVER_CATALOGUE } from '../src/engine/levers.ts';
import { runScenario } from '../src/scenario/headless.ts';
import { referencePolicy, type Policy } from '../src/scenario/policy.ts';
import { loadScenario } from '../src/scenario/validate.ts';

const arg = process.argv[2] ?? 'sandbox';
const seeds = Array.from({ length: Number(process.argv[3] ?? 5) }, (_, k) => k + 1);
const file = arg.endsWith('.json') ? arg : `scenarios/${arg}.json`;
const loaded = loadScenario(readFileSync(file, 'utf8'));
if (!loaded.ok) {
  for (const p of loaded.problems) console.log(`problem ${p.path}: ${p.message.en}`);
  process.exit(1);
}
const scenario = loaded.scenario;
const offered = new Set(scenario.levers.map((l) => l.id));
const extreme = (pick: 'min' | 'max'): Policy => ({
  levers: Object.fromEntries(
    scenario.levers.filter((l) => !l.locked).map((l) => {
      const def = LEVER_CATALOGUE.find((d) => d.id === l.id)!;
      return [l.id, pick === 'max' ? (l.max ?? def.max) : (l.min ?? def.min)];
    }),
  ),
});
const policies: [string, Policy, boolean][] = scenario.referencePolicies.map((p) => [p.id, referencePolicy(scenario, p.id)!, true]);
policies.push(['every-lever-max', extreme('max'), false], ['every-lever-zero', extreme('min'), false]);
let failed = false;
const scores = new Map<string, number[]>();
for (const [id, policy, budget] of policies) {
  const row: number[] = [];
  for (const seed of seeds) {
    try {
      row.push(runScenario(scenario, { seed, policy, enforceBudget: budget }).final.score);
    } catch (e) {
      console.log(`${id} seed ${seed}: ${(e as Error).message}`);
      failed = true;
      row.push(NaN);
    }
  }
  scores.set(id, row);
  console.log(`${id.padEnd(22)} ${row.map((s) => s.toFixed(1).padStart(6)).join(' ')}`);
}
const rec = scores.get('recommended');
if (!rec) {
  console.log('no recommended policy');
  process.exit(1);
}
for (const [id, row] of scores) {
  if (id === 'recommended') continue;
  seeds.forEach((seed, k) => {
    if (!(rec[k] > row[k])) {
      console.log(`FAIL: ${id} scores ${row[k].toFixed(1)} >= recommended ${rec[k].toFixed(1)} on seed ${seed}`);
      failed = true;
    }
  });
}
console.log(failed ? 'scenario check FAILED' : `scenario check passed (${offered.size} levers, ${seeds.length} seeds)`);
process.exit(failed ? 1 : 0);
