// The CLI as a user meets it: spawned with node + tsx, small bases (--customers 300) so the
// handful of runs stays fast. Exit status 2 and one line on stderr for every bad input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'simulate-test-'));

function simulate(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, nothing on stdout, exactly one line on stderr, which matches `words`. */
function expectUsageError(r: ReturnType<typeof simulate>, words: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(words);
  expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
}

describe('npm run simulate', { timeout: 60_000 }, () => {
  it('runs a scenario and prints { scenario, seed, periods, final } as JSON', () => {
    const r = simulate('--scenario', 'sandbox', '--seed', '3', '--customers', '300');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      scenario: string;
      seed: number;
      periods: { period: number }[];
      final: { score: number };
    };
    expect(Object.keys(out)).toEqual(['scenario', 'seed', 'periods', 'final']);
    expect(out.scenario).toBe('sandbox');
    expect(out.seed).toBe(3);
    expect(out.periods).toHaveLength(12);
    expect(out.periods[11].period).toBe(11);
    expect(typeof out.final.score).toBe('number');
  });

  it('prints CSV: a header of metric names, then one row per period', () => {
    const r = simulate(
      '--scenario',
      'scenarios/sandbox.json',
      '--customers',
      '300',
      '--periods',
      '3',
      '--format',
      'csv',
      '--set',
      'model.churnPrice=8',
    );
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const header = lines[0].split(',');
    expect(header.slice(0, 3)).toEqual(['period', 'active', 'newCustomers']);
    expect(header).toEqual(
      expect.arrayContaining([
        'pyramid.atRisk',
        'costs.acquisition',
        'lostReasons.priceGap',
        'complaintTypes.defect',
      ]),
    );
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      expect(cells).toHaveLength(header.length);
      for (const c of cells) expect(Number.isFinite(Number(c))).toBe(true);
    }
  });

  it('lists the levers', () => {
    const r = simulate('--scenario', 'sandbox', '--list-levers');
    expect(r.status).toBe(0);
    const levers = JSON.parse(r.stdout) as {
      id: string;
      label: { en: string };
      min: number;
      max: number;
      step: number;
      default: number;
      cost: { basis: string; unitCost: number };
      locked: boolean;
    }[];
    expect(levers).toHaveLength(17);
    expect(levers[0]).toMatchObject({
      id: 'priceLevel',
      label: { en: 'Price level' },
      min: 0.8,
      max: 1.2,
      default: 1,
      cost: { basis: 'none' },
      locked: false,
    });
  });

  it('unknown scenario: exit 2, one line', () => {
    expectUsageError(
      simulate('--scenario', 'no-such-scenario'),
      /unknown scenario "no-such-scenario"/,
    );
  });

  it('bad --seed: exit 2, one line', () => {
    expectUsageError(
      simulate('--scenario', 'sandbox', '--seed', 'abc'),
      /--seed: "abc" is not a whole number/,
    );
  });

  it('malformed policy file: exit 2, one line naming the first problem and the count', () => {
    const bad = join(dir, 'bad-policy.json');
    writeFileSync(bad, JSON.stringify({ levers: { priceLevel: 3, discounts: 1 } }));
    expectUsageError(
      simulate('--scenario', 'sandbox', '--policy', bad),
      /bad-policy\.json: levers\.discounts: .* \(and 1 more\)\n$/,
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "levers": ');
    expectUsageError(
      simulate('--scenario', 'sandbox', '--policy', broken),
      /not valid JSON at line 1/,
    );
  });

  it('unknown --set path: exit 2, one line', () => {
    expectUsageError(
      simulate('--scenario', 'sandbox', '--set', 'model.noSuchParam=1'),
      /set\.model\.noSuchParam: "model\.noSuchParam" is not a settable path/,
    );
  });
});
