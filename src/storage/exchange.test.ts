// Export and import: a round trip into a fresh database gives the same data; duplicates
// are the user's choice; one failing write changes nothing; and every kind of bad file is
// refused with a problem naming its path, leaving the database byte for byte unchanged.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Population } from '../engine/population.ts';
import type { LoyaltyDb, Run } from './db.ts';
import {
  applyImport,
  exportAll,
  exportRun,
  parseImport,
  progressFileName,
  progressFileText,
  type ImportPreview,
} from './exchange.ts';
import {
  COLUMN_TYPES,
  base64ToBytes,
  bytesToBase64,
  canonicalJson,
  checksumOf,
  decodeTypedArray,
  encodeTypedArray,
  type ProgressFile,
} from './progressFile.ts';
import { listRuns } from './history.ts';
import {
  finishSession,
  getProfile,
  getRun,
  getSetting,
  listConceptViews,
  listQuizResults,
  loadSession,
  markConceptViewed,
  saveProfile,
  saveQuizResult,
  saveRun,
  saveSessionState,
  setSetting,
} from './records.ts';
import { dumpAll, dumpBytes, makeRun, manualClock, sessionAfter, testBrowser } from './testkit.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

function value<T>(r: { ok: true; value: T } | { ok: false; problem: { detail: string } }): T {
  if (!r.ok) throw new Error(r.problem.detail);
  return r.value;
}

function preview(r: Awaited<ReturnType<typeof parseImport>>): ImportPreview {
  if (!r.ok)
    throw new Error(
      JSON.stringify(
        r.problems.map((p) => p.message.en),
        null,
        1,
      ),
    );
  return r.preview;
}

const withoutImportedAt = ({ importedAt: _i, ...rest }: Run) => rest;

/** A learner's browser with some of everything. */
async function learnerDb(name = 'Ann', seeds = [11, 12]): Promise<LoyaltyDb> {
  const db = await testBrowser().open({ now: manualClock() });
  await saveProfile(db, { name, team: 'Group 3', language: 'en' });
  const runs = seeds.map((seed, i) =>
    makeRun(`${name}-run-${i}`, {
      seed,
      label: i ? 'second' : null,
      player: { name, team: 'Group 3' },
    }),
  );
  runs[1].parentRunId = runs[0].id;
  runs[1].branchRound = 2;
  for (const r of runs) await saveRun(db, r);
  await saveQuizResult(db, {
    id: `${name}-quiz`,
    scenarioId: 'sandbox',
    runId: runs[0].id,
    answers: [{ questionId: 'q1', option: 1, correct: true }],
    correct: 1,
    total: 2,
  });
  await saveSessionState(db, `${name}-session`, sessionAfter(2, 5).state, 'tab-x');
  await markConceptViewed(db, 'churn');
  await setSetting(db, 'play.lastScenarioId', 'sandbox');
  return db;
}

describe('export then import', () => {
  it('exportAll into a fresh database gives the same runs, sessions and the rest', async () => {
    const source = await learnerDb();
    const file = value(await exportAll(source));
    expect(file).toMatchObject({
      format: 'loyalty-lab-progress',
      formatVersion: 1,
      app: { name: 'loyalty-lab' },
    });
    expect(file.checksum).toBe(await checksumOf(file.data));
    expect(progressFileName(file)).toMatch(/^loyalty-lab-progress-\d{4}-\d{2}-\d{2}\.json$/);
    const text = progressFileText(file);

    const target = await testBrowser().open();
    const p = preview(await parseImport(target, text, { knownScenarios: ['sandbox'] }));
    expect(p.duplicates).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(p.runs.map((r) => r.id)).toEqual(['Ann-run-0', 'Ann-run-1']);
    expect(p.sessions.map((s) => [s.id, s.round])).toEqual([['Ann-session', 2]]);
    expect(p.profile).toEqual({ name: 'Ann', team: 'Group 3', language: 'en' });
    const report = value(await applyImport(target, p, { onDuplicate: 'skip' }));
    expect(report.added.sort()).toEqual(['Ann-run-0', 'Ann-run-1', 'Ann-session']);

    for (const id of ['Ann-run-0', 'Ann-run-1']) {
      const a = value(await getRun(source, id))!;
      const b = value(await getRun(target, id))!;
      expect(withoutImportedAt(b)).toEqual(withoutImportedAt(a));
      expect(b.importedAt).toEqual(expect.any(Number));
    }
    const s1 = value(await loadSession(source, 'Ann-session'))!;
    const s2 = value(await loadSession(target, 'Ann-session'))!;
    expect(s2.saved.engine).toEqual(s1.saved.engine);
    expect(s2.saved.engine.columns.spend).toBeInstanceOf(Float32Array);
    expect(s2.saved.machine).toEqual(s1.saved.machine);
    expect(s2.session.lease).toBeNull();
    expect(s2.session.engineFingerprint).toBe(s1.session.engineFingerprint);
    expect(value(await listQuizResults(target))).toEqual(value(await listQuizResults(source)));
    expect(value(await listConceptViews(target))).toEqual(value(await listConceptViews(source)));
    expect(value(await getSetting(target, 'play.lastScenarioId'))).toBe('sandbox');
    expect(value(await getProfile(target))).toMatchObject({ name: 'Ann', team: 'Group 3' });

    // And back out again: the same data gives the same checksum.
    const again = value(await exportAll(target));
    const strip = (f: ProgressFile) => ({ ...f.data, runs: f.data.runs.map(withoutImportedAt) });
    expect(strip(again)).toEqual(strip(file));
  });

  it('a trainer imports many students’ run files; each run keeps its player', async () => {
    const trainer = await testBrowser().open();
    await saveProfile(trainer, { name: 'Prof. Zhang', language: 'zh-CN' });
    for (const [i, name] of ['Li', 'Wang', 'Zhao'].entries()) {
      const student = await learnerDb(name, [20 + i, 30 + i]);
      const file = value(await exportRun(student, `${name}-run-0`))!;
      expect(file.data.scope).toBe('run');
      expect(file.data.runs).toHaveLength(1);
      expect(file.data.quizResults).toHaveLength(1);
      expect(progressFileName(file)).toMatch(/^loyalty-lab-run-sandbox-/);
      const p = preview(await parseImport(trainer, progressFileText(file)));
      value(await applyImport(trainer, p, { onDuplicate: 'skip' }));
    }
    const runs = value(await listRuns(trainer, 'sandbox'));
    expect(runs.map((r) => r.player?.name).sort()).toEqual(['Li', 'Wang', 'Zhao']);
    // The trainer stays the trainer.
    expect(value(await getProfile(trainer))?.name).toBe('Prof. Zhang');
    expect(value(await exportRun(trainer, 'nope'))).toBeUndefined();
  });

  it('duplicates: detected by id; skip, replace or keep both, never silently overwritten', async () => {
    const db = await learnerDb();
    const file = value(await exportAll(db));
    // The file's copy differs from what is stored now.
    await saveRun(db, { ...value(await getRun(db, 'Ann-run-0'))!, label: 'renamed here' });
    const text = progressFileText(file);

    const p = preview(await parseImport(db, text));
    expect(p.duplicates.sort()).toEqual(['Ann-run-0', 'Ann-run-1', 'Ann-session']);
    expect(p.runs.every((r) => r.duplicate)).toBe(true);

    const before = await dumpBytes(db);
    const skipped = value(await applyImport(db, p, { onDuplicate: 'skip' }));
    expect(skipped.added).toEqual([]);
    expect(skipped.skipped.sort()).toEqual(['Ann-run-0', 'Ann-run-1', 'Ann-session']);
    // Skipped: runs and sessions untouched; concept views merge to the same, settings and
    // profile are kept: nothing changed at all.
    expect((await dumpBytes(db)).equals(before)).toBe(true);

    const kept = value(
      await applyImport(db, preview(await parseImport(db, text)), { onDuplicate: 'keepBoth' }),
    );
    expect(Object.keys(kept.renamed).sort()).toEqual(['Ann-run-0', 'Ann-run-1', 'Ann-session']);
    const copy0 = value(await getRun(db, kept.renamed['Ann-run-0']))!;
    const copy1 = value(await getRun(db, kept.renamed['Ann-run-1']))!;
    expect(copy0.label).toBeNull();
    expect(copy1.parentRunId).toBe(copy0.id); // the branch follows its renamed parent
    expect(value(await getRun(db, 'Ann-run-0'))!.label).toBe('renamed here');
    expect(value(await listRuns(db))).toHaveLength(4);
    expect(value(await listQuizResults(db, { runId: copy0.id }))).toHaveLength(1);

    const replaced = value(
      await applyImport(db, preview(await parseImport(db, text)), { onDuplicate: 'replace' }),
    );
    expect(replaced.replaced.sort()).toEqual(['Ann-run-0', 'Ann-run-1', 'Ann-session']);
    expect(value(await getRun(db, 'Ann-run-0'))!.label).toBeNull();
  });

  it('a session finished since the export is never brought back over its run', async () => {
    const db = await learnerDb();
    const text = progressFileText(value(await exportAll(db)));
    const run = value(await finishSession(db, 'Ann-session', { score: { total: 70, parts: [] } }))!;
    const p = preview(await parseImport(db, text));
    expect(p.sessions[0].duplicate).toBe(true);
    expect(p.duplicates).toContain('Ann-session');
    const r = value(await applyImport(db, p, { onDuplicate: 'replace' }));
    expect(r.skipped).toContain('Ann-session');
    expect(value(await loadSession(db, 'Ann-session'))).toBeUndefined();
    expect(value(await getRun(db, 'Ann-session'))).toEqual(run);
    const kept = value(
      await applyImport(db, preview(await parseImport(db, text)), { onDuplicate: 'keepBoth' }),
    );
    const copy = kept.renamed['Ann-session'];
    expect(value(await loadSession(db, copy))?.session.round).toBe(2);
  });

  it('a write failing during the import changes nothing', async () => {
    const source = await learnerDb();
    const text = progressFileText(value(await exportAll(source)));
    const target = await learnerDb('Bob', [40, 41]);
    const before = await dumpBytes(target);
    const p = preview(await parseImport(target, text));
    vi.spyOn(target.sessionEngines, 'put').mockRejectedValue(
      new DOMException('full', 'QuotaExceededError'),
    );
    const r = await applyImport(target, p, { onDuplicate: 'replace' });
    expect(!r.ok && r.problem.code).toBe('quota');
    expect((await dumpBytes(target)).equals(before)).toBe(true);
  });

  it('names with script text are stored as typed, with a warning, and nothing runs', async () => {
    const evil = '<img src=x onerror="globalThis.pwned=1"><script>globalThis.pwned=2</script>';
    const source = await testBrowser().open();
    await saveProfile(source, { name: evil, language: 'en' });
    await saveRun(
      source,
      makeRun('r', { label: 'javascript:alert(1)', player: { name: evil, team: null } }),
    );
    const text = progressFileText(value(await exportAll(source)));
    const target = await testBrowser().open();
    const p = preview(await parseImport(target, text));
    expect(p.warnings.map((w) => w.path).sort()).toEqual([
      'data.profile.name',
      'data.runs[0].label',
      'data.runs[0].player.name',
    ]);
    expect(p.warnings[0].message['zh-CN']).toMatch(/纯文本/);
    value(await applyImport(target, p, { onDuplicate: 'skip' }));
    const run = value(await getRun(target, 'r'))!;
    expect(run.player?.name).toBe(evil);
    expect(run.label).toBe('javascript:alert(1)');
    expect(value(await getProfile(target))?.name).toBe(evil);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('unknown scenarios are kept with a warning', async () => {
    const source = await testBrowser().open();
    await saveRun(source, makeRun('r', { scenarioId: 'from-the-future' }));
    const p = preview(
      await parseImport(
        await testBrowser().open(),
        progressFileText(value(await exportAll(source))),
        { knownScenarios: ['sandbox'] },
      ),
    );
    expect(p.warnings.map((w) => w.path)).toEqual(['data.runs[0].scenarioId']);
    expect(p.warnings[0].message.en).toMatch(/from-the-future/);
  });

  it('the engine column list matches the engine’s population', () => {
    const cols = new Population(1).cols as unknown as Record<string, ArrayBufferView>;
    expect(
      Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v.constructor.name])),
    ).toEqual(COLUMN_TYPES);
  });

  it('base64 of every length and typed arrays of every type round-trip exactly', () => {
    for (let n = 0; n < 9; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 251) & 255);
      const b64 = bytesToBase64(bytes);
      expect(b64).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(b64)).toEqual(bytes);
    }
    const arrays = [
      Uint8Array.of(0, 255),
      Int8Array.of(-128, 127),
      Uint16Array.of(0, 65535),
      Int16Array.of(-32768, 32767),
      Uint32Array.of(0, 4294967295),
      Int32Array.of(-2147483648, 2147483647),
      Float32Array.of(-0, 1.5, Number.NaN, Infinity, 3.4e38),
      Float64Array.of(Math.PI, -0, Number.MIN_VALUE),
    ];
    for (const a of arrays) {
      const e = encodeTypedArray(a);
      expect(e.type).toBe(a.constructor.name);
      const back = decodeTypedArray(JSON.parse(JSON.stringify(e)));
      expect(back).toBeInstanceOf(a.constructor);
      expect(Buffer.from(back.buffer, back.byteOffset, back.byteLength)).toEqual(
        Buffer.from(a.buffer),
      );
    }
    // A view into a larger buffer encodes only its own bytes.
    const big = Float32Array.of(1, 2, 3, 4);
    expect(decodeTypedArray(encodeTypedArray(big.subarray(1, 3)))).toEqual(Float32Array.of(2, 3));
  });

  it('canonical JSON sorts keys at every level and survives a JSON round trip', async () => {
    const v = { b: [1, { d: 1, c: -0 }], a: 'x', u: undefined, n: null };
    expect(canonicalJson(v)).toBe('{"a":"x","b":[1,{"c":0,"d":1}],"n":null}');
    expect(canonicalJson(JSON.parse(JSON.stringify(v)))).toBe(canonicalJson(v));
    expect(await checksumOf(v)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

// ---------------------------------------------------------------- bad files

describe('bad files are refused and change nothing', () => {
  let good: ProgressFile;
  let target: LoyaltyDb;

  beforeAll(async () => {
    good = value(await exportAll(await learnerDb()));
    target = await learnerDb('Existing', [50, 51]);
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits reach any path of the JSON
  type Editable = Record<string, any>;

  /** The good file changed by `edit`, with a checksum that matches again (so only `edit` is wrong). */
  async function edited(edit: (f: Editable) => void, rehash = true): Promise<string> {
    const f = JSON.parse(progressFileText(good)) as Editable;
    edit(f);
    if (rehash) f.checksum = await checksumOf(f.data);
    return JSON.stringify(f);
  }

  async function refused(text: string, path: string, pattern?: RegExp) {
    const before = await dumpBytes(target);
    const r = await parseImport(target, text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const hit = r.problems.find((p) => p.path === path && (!pattern || pattern.test(p.message.en)));
    expect(
      hit,
      `no problem at "${path}" in ${JSON.stringify(r.problems.map((p) => p.message.en))}`,
    ).toBeDefined();
    expect(hit!.message['zh-CN'].length).toBeGreaterThan(0);
    expect(hit!.message.en.startsWith(path || '(file)')).toBe(true);
    expect((await dumpBytes(target)).equals(before)).toBe(true);
    return r.problems;
  }

  it('the unedited file is accepted (the cases below fail for their edit only)', async () => {
    const r = await parseImport(target, await edited(() => undefined));
    expect(r.ok).toBe(true);
  });

  it('1. not JSON', async () => {
    await refused('this is not json {', '', /not valid JSON/);
  });

  it('2. truncated', async () => {
    const text = progressFileText(good);
    await refused(text.slice(0, Math.floor(text.length * 0.6)), '', /truncated/);
  });

  it('3. empty', async () => {
    await refused('   ', '', /empty/);
  });

  it('4. wrong format name (e.g. a scenario file)', async () => {
    await refused(
      await edited((f) => (f.format = 'something-else')),
      'format',
      /not a Loyalty Lab progress file/,
    );
    await refused(
      JSON.stringify({ formatVersion: 1, id: 'sandbox', meta: {}, levers: [] }),
      'format',
      /scenario file/,
    );
  });

  it('5. wrong format version', async () => {
    await refused(await edited((f) => (f.formatVersion = 0)), 'formatVersion');
    await refused(await edited((f) => (f.formatVersion = '1')), 'formatVersion');
  });

  it('6. future format version', async () => {
    const problems = await refused(
      await edited((f) => (f.formatVersion = 2)),
      'formatVersion',
      /newer version of Loyalty Lab/,
    );
    expect(problems).toHaveLength(1);
  });

  it('7. checksum mismatch (tampered)', async () => {
    await refused(
      await edited((f) => (f.data.runs[0].score = 119), false),
      'checksum',
      /changed after it was exported/,
    );
    await refused(await edited((f) => (f.checksum = 'md5:abc'), false), 'checksum', /sha256/);
  });

  it('8. missing fields', async () => {
    await refused(await edited((f) => delete f.data.runs[0].seed), 'data.runs[0].seed', /missing/);
    await refused(await edited((f) => delete f.data), 'data', /missing/);
    await refused(
      await edited((f) => delete f.data.sessions[0].engine.columns.spend),
      'data.sessions[0].engine.columns.spend',
      /missing/,
    );
  });

  it('9. wrong types', async () => {
    await refused(
      await edited((f) => (f.data.runs[0].rounds = '4')),
      'data.runs[0].rounds',
      /expected a number/,
    );
    await refused(await edited((f) => (f.data.runs = {})), 'data.runs', /expected a list/);
    await refused(
      await edited((f) => (f.data.sessions[0].engine.columns.spend.type = 'Float64Array')),
      'data.sessions[0].engine.columns.spend.type',
    );
    await refused(
      await edited((f) => (f.data.runs[0].metrics[1].revenue = 'lots')),
      'data.runs[0].metrics[1].revenue',
    );
  });

  it('10. out-of-range numbers', async () => {
    await refused(
      await edited((f) => (f.data.runs[0].score = 500)),
      'data.runs[0].score',
      /maximum/,
    );
    await refused(await edited((f) => (f.data.runs[0].seed = -1)), 'data.runs[0].seed', /minimum/);
    await refused(
      await edited((f) => (f.data.runs[0].metrics[0].retentionRate = 3)),
      'data.runs[0].metrics[0].retentionRate',
    );
    await refused(
      await edited((f) => (f.data.runs[0].rounds = 3)),
      'data.runs[0].metrics',
      /rounds/,
    );
  });

  it('11. huge arrays', async () => {
    await refused(
      await edited((f) => (f.data.runs[0].personas = new Array(20_000).fill(0))),
      'data.runs[0].personas',
      /at most 10000/,
    );
  });

  it('12. __proto__ and constructor keys', async () => {
    const before = Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');
    const text = await edited((f) => {
      f.data.runs[0].player = JSON.parse('{"name":"x","team":null,"__proto__":{"polluted":true}}');
    });
    expect(text).toContain('"__proto__"');
    await refused(text, 'data.runs[0].player.__proto__', /not allowed/);
    await refused(
      await edited(
        (f) => (f.data.settings[0].value = JSON.parse('{"constructor":{"prototype":{}}}')),
      ),
      'data.settings[0].value.constructor',
    );
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(before);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('13. strings too long', async () => {
    await refused(
      await edited((f) => (f.data.runs[0].label = 'x'.repeat(30_000))),
      'data.runs[0].label',
      /characters/,
    );
    await refused(
      await edited((f) => (f.data.profile.name = 'x'.repeat(101))),
      'data.profile.name',
      /at most 100/,
    );
  });

  it('14. engine columns that do not decode to the customer count', async () => {
    await refused(
      await edited(
        (f) =>
          (f.data.sessions[0].engine.columns.spend.base64 =
            f.data.sessions[0].engine.columns.spend.base64.slice(8)),
      ),
      'data.sessions[0].engine.columns.spend.base64',
      /base64/,
    );
    await refused(
      await edited((f) => (f.data.sessions[0].engine.count += 1)),
      'data.sessions[0].engine.columns.segment.length',
    );
  });

  it('15. duplicate ids inside one file and inconsistent halves of a session', async () => {
    await refused(
      await edited((f) => (f.data.runs[1].id = f.data.runs[0].id)),
      'data.runs[1].id',
      /unique/,
    );
    await refused(
      await edited((f) => (f.data.sessions[0].engine.seed += 1)),
      'data.sessions[0].engine.seed',
    );
  });

  it('16. unknown fields and control characters', async () => {
    await refused(
      await edited((f) => (f.data.runs[0].extra = 1)),
      'data.runs[0].extra',
      /not a known field/,
    );
    await refused(
      await edited((f) => (f.data.profile.team = 'a\u0000b')),
      'data.profile.team',
      /control/,
    );
  });

  it('reports every problem, not only the first', async () => {
    const r = await parseImport(
      target,
      await edited((f) => {
        f.data.runs[0].seed = -1;
        f.data.runs[1].score = 'x';
        f.data.quizResults[0].correct = 9;
      }),
    );
    expect(!r.ok && r.problems.map((p) => p.path).sort()).toEqual([
      'data.quizResults[0].correct',
      'data.runs[0].seed',
      'data.runs[1].score',
    ]);
    expect(await dumpAll(target)).toBeDefined();
  });
});
