// Keeps scenarios/schema/scenario.schema.json and the loader (validate.ts, the source of truth)
// from drifting apart: every shipped scenario fits the schema's fields; the schema lists no
// field the loader refuses, marks required exactly what the loader requires, and its enums
// match the engine's lists. A small walker over properties/items/$ref, no schema library.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEVER_IDS } from '../engine/levers.ts';
import { MODEL_DEFAULTS } from '../engine/params.ts';
import { maximalScenario } from './fixtures.ts';
import { EFFECT_TARGETS, loadScenario } from './validate.ts';

type SchemaNode = {
  $ref?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  propertyNames?: SchemaNode;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
};

const schemaUrl = new URL('../../scenarios/schema/scenario.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as SchemaNode & {
  $schema: string;
  $defs: Record<string, SchemaNode>;
};

function resolve(node: SchemaNode): SchemaNode {
  let n = node;
  while (n.$ref) {
    const name = n.$ref.replace('#/$defs/', '');
    const def = schema.$defs[name];
    if (!def) throw new Error(`dangling $ref ${n.$ref}`);
    n = { ...def, ...Object.fromEntries(Object.entries(n).filter(([k]) => k !== '$ref')) };
    if (def.$ref) n.$ref = def.$ref;
  }
  return n;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

interface Visit {
  /** Object paths with the schema node that described them (for the required/optional test). */
  objects: { path: (string | number)[]; node: SchemaNode }[];
  problems: string[];
}

/** Checks field names (properties, required, propertyNames) of data against the schema. */
function walk(node: SchemaNode, data: unknown, path: (string | number)[], out: Visit): void {
  const n = resolve(node);
  const where = path.join('.') || '(top)';
  if (Array.isArray(data)) {
    if (n.items) data.forEach((x, i) => walk(n.items as SchemaNode, x, [...path, i], out));
    return;
  }
  if (!isObj(data)) return;
  if (n.oneOf) {
    for (const branch of n.oneOf) {
      const b = resolve(branch);
      if (b.properties) walk(b, data, path, out);
    }
  }
  if (n.properties) {
    out.objects.push({ path, node: n });
    for (const k of n.required ?? [])
      if (!(k in data)) out.problems.push(`${where}: required "${k}" missing`);
  }
  for (const [k, v] of Object.entries(data)) {
    const prop = n.properties?.[k];
    if (n.propertyNames) {
      const pn = resolve(n.propertyNames);
      if (pn.enum && !pn.enum.includes(k)) out.problems.push(`${where}: name "${k}" not in enum`);
      if (pn.pattern && !new RegExp(pn.pattern).test(k))
        out.problems.push(`${where}: name "${k}" does not match`);
    }
    if (prop) walk(prop, v, [...path, k], out);
    else if (isObj(n.additionalProperties)) walk(n.additionalProperties, v, [...path, k], out);
    else if (n.properties && n.additionalProperties === false)
      out.problems.push(`${where}: "${k}" not allowed`);
  }
}

function visit(data: unknown): Visit {
  const out: Visit = { objects: [], problems: [] };
  walk(schema, data, [], out);
  return out;
}

const scenarioDir = new URL('../../scenarios/', import.meta.url);
const scenarioFiles = readdirSync(scenarioDir).filter((f) => f.endsWith('.json'));

describe('scenario JSON Schema', () => {
  it('is draft 2020-12 and every $ref resolves', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const r of refs) expect(() => resolve({ $ref: r.slice(8, -1) })).not.toThrow();
  });

  it.each(scenarioFiles)('%s: every field is allowed by the schema and points at it', (file) => {
    const data = JSON.parse(readFileSync(new URL(file, scenarioDir), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(visit(data).problems).toEqual([]);
    expect(data.$schema).toBe('./schema/scenario.schema.json');
  });

  it('lists no field the loader refuses (a scenario with every field passes both)', () => {
    const s = maximalScenario();
    const r = loadScenario(s);
    expect(r.ok ? [] : r.problems.map((p) => p.message.en)).toEqual([]);
    const v = visit(s);
    expect(v.problems).toEqual([]);
    // Every property the schema names was present somewhere in the maximal scenario.
    const seen = new Map<SchemaNode['properties'], Set<string>>();
    for (const { path, node } of v.objects) {
      let at: unknown = s;
      for (const p of path) at = (at as Record<string | number, unknown>)[p];
      const keys = seen.get(node.properties) ?? new Set<string>();
      for (const k of Object.keys(at as object)) keys.add(k);
      seen.set(node.properties, keys);
    }
    const unseen: string[] = [];
    for (const [props, keys] of seen)
      for (const k of Object.keys(props ?? {})) if (!keys.has(k)) unseen.push(k);
    expect(unseen).toEqual([]);
  });

  it('marks required exactly the fields the loader requires', () => {
    const base = maximalScenario();
    const v = visit(base);
    const mismatches: string[] = [];
    const done = new Set<string>();
    for (const { path, node } of v.objects) {
      for (const k of Object.keys(node.properties ?? {})) {
        const at = [...path, k].join('.');
        // One check per field per kind of object is enough (segments[0] stands for all).
        const kind = `${path.filter((p) => typeof p === 'string').join('.')}.${k}`;
        if (done.has(kind)) continue;
        done.add(kind);
        const s = structuredClone(base) as unknown as Record<string, unknown>;
        let parent: unknown = s;
        for (const p of path) parent = (parent as Record<string | number, unknown>)[p];
        if (!isObj(parent) || !(k in parent)) continue;
        delete parent[k];
        const r = loadScenario(s);
        // The loader's path notation: segments[0].label.en
        const loaderPath = [...path, k]
          .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
          .join('');
        const missing = !r.ok && r.problems.some((p) => p.path === loaderPath);
        const schemaRequired = (node.required ?? []).includes(k);
        if (missing !== schemaRequired)
          mismatches.push(
            `${at}: schema ${schemaRequired ? 'requires' : 'allows leaving out'}, loader ${missing ? 'requires' : 'does not'}`,
          );
      }
    }
    expect(done.size).toBeGreaterThan(100);
    expect(mismatches).toEqual([]);
  });

  it("enums match the engine's lists", () => {
    expect(schema.$defs.leverId.enum).toEqual([...LEVER_IDS]);
    expect(resolve(schema.$defs.effect).properties?.target.enum).toEqual([...EFFECT_TARGETS]);
    expect(Object.keys(schema.properties?.model.properties ?? {})).toEqual(
      Object.keys(MODEL_DEFAULTS),
    );
  });
});
