// Checks a scenario the way a careful author would before shipping it, with the same checks
// as src/scenario/shipped.test.ts (src/scenario/audit.ts): it loads without problems, its
// content is complete (rounds, events, rules, quiz; texts in both languages; glossary ids),
// and on seeds 1–5 its recommended policy beats every naive one, every lever at maximum and
// every lever at zero on the scenario's own score. Prints a table; exit 1 if anything fails.
// Usage: npx tsx scripts/check-scenario.ts <id or path> [seeds]
import { readFileSync } from 'node:fs';
import {
  auditDominance,
  contentProblems,
  formatDominance,
  textProblems,
  unknownConcepts,
} from '../src/scenario/audit.ts';
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
const content = [
  ...contentProblems(scenario),
  ...textProblems(scenario),
  ...unknownConcepts(scenario),
];
for (const f of content) console.log(`content ${f.path}: ${f.message}`);
const audit = auditDominance(scenario, seeds);
console.log(formatDominance(audit));
for (const f of audit.failures) console.log(`FAIL: ${f.path}: ${f.message}`);
const failed = content.length > 0 || audit.failures.length > 0;
console.log(
  failed
    ? 'scenario check FAILED'
    : `scenario check passed (${scenario.levers.length} levers, ${seeds.length} seeds)`,
);
process.exit(failed ? 1 : 0);
