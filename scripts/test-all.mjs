#!/usr/bin/env node
// `npm test`: every check, in order, stopping at the first stage that fails.
//
//   1. svelte-check --fail-on-warnings   types of .ts and .svelte files
//   2. vitest run                         unit and component tests
//   3. playwright test                    browser tests
//
// Counts come from the JSON reports both write (test-results/{unit,e2e}-<pid>.json,
// removed at the end).
//
// The last line printed, alone, is `N passed, N failed`: the unit and browser tests
// that ran, added up. The exit code is the failing stage's, or 0.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

// Reports named after this process, so two runs in one checkout do not read each other's.
const reports = {
  unit: `test-results/unit-${process.pid}.json`,
  e2e: `test-results/e2e-${process.pid}.json`,
};
mkdirSync('test-results', { recursive: true });
const cleanUp = () => Object.values(reports).forEach((file) => rmSync(file, { force: true }));
cleanUp();

const stages = [
  {
    name: 'type check (svelte-check)',
    command: ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings'],
  },
  {
    name: 'unit tests (vitest)',
    command: [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reports.unit}`,
    ],
    count: () => {
      const r = readJson(reports.unit);
      return r && { passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0 };
    },
  },
  {
    name: 'browser tests (playwright)',
    command: ['playwright', 'test'],
    count: () => {
      const stats = readJson(reports.e2e)?.stats;
      return stats && { passed: stats.expected + stats.flaky, failed: stats.unexpected };
    },
  },
];

function readJson(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

let passed = 0;
let failed = 0;
let exitCode = 0;

for (const stage of stages) {
  console.log(`\n▶ ${stage.name}`);
  const started = Date.now();
  const [bin, ...args] = stage.command;
  const run = spawnSync(`node_modules/.bin/${bin}`, args, {
    stdio: 'inherit',
    env: { ...process.env, E2E_JSON: reports.e2e },
  });
  const code = run.status ?? 1;
  const counted = stage.count?.();
  if (counted) {
    passed += counted.passed;
    failed += counted.failed;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code !== 0) {
    if (stage.count && !counted) failed += 1; // it crashed before reporting: count the stage once
    console.log(
      `\n✖ ${stage.name} failed (exit code ${code}, ${seconds} s); later stages skipped.`,
    );
    exitCode = code;
    break;
  }
  console.log(`✔ ${stage.name} (${seconds} s)`);
}

cleanUp();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exitCode !== 0 ? exitCode : failed > 0 ? 1 : 0);
