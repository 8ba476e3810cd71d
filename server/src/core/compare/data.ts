/**
 * What each entry of a file means as YAML: the unit's own keys, and each
 * objective's, KR's and item's, read through the parsed document with aliases
 * resolved. Nested entries are left out (a unit's `objectives` and `roadmap`,
 * an objective's `key_results`): they are entities of their own. Keys added
 * to the format later are compared without any change here.
 *
 * Cheap where it can be: in a file without anchors, aliases, tags or
 * directives an entry means what its own lines say, so two entries with the
 * same text are equal without parsing, and one that differs is read by
 * parsing its own lines only. Other files are parsed whole, once.
 */
import { isAlias, isMap, type Document, type Node } from 'yaml';
import { documentOf, parseYaml } from '../document';
import type { Entity, UnitFile } from '../model';
import { lineStartOf, nextLineStart } from '../text-edit';
import { quickEntry, quickMap } from './quick-read';
import { entries, type AnyNode } from '../yaml-nodes';

export type Data = Record<string, unknown>;

export interface FileData {
  unit: Data;
  /** Entity data by the offset of its id key (the model's `keySpan[0]`). */
  entries: Map<number, Data>;
}

const NESTED: Record<'unit' | 'objective' | 'kr' | 'item', string[]> = {
  unit: ['objectives', 'roadmap'],
  objective: ['key_results'],
  kr: [],
  item: [],
};

/** Reads entries' data during one comparison; a file parsed whole is parsed once. */
export class DataReader {
  private readonly cache = new Map<UnitFile, FileData>();
  private readonly plainFiles = new Map<UnitFile, boolean>();

  /** `quick: false`: every entry read by the YAML parser (the reference the fast reader is tested against). */
  constructor(private readonly options: { quick?: boolean } = {}) {}

  /** Everything in the file, from one parse of the whole text. */
  of(file: UnitFile): FileData {
    let d = this.cache.get(file);
    if (!d) this.cache.set(file, (d = readFileData(file)));
    return d;
  }

  entity(file: UnitFile, e: Entity): Data {
    if (this.plain(file)) {
      const text = entityText(file, e);
      const quick = this.options.quick === false ? undefined : quickEntry(text, NESTED[e.kind]);
      if (quick) return quick.id === e.id ? quick.data : this.of(file).entries.get(e.keySpan[0]) ?? {};
      const doc = parseYaml(text);
      const pair = isMap(doc.contents) && doc.errors.length === 0 ? entries(doc.contents)[0] : undefined;
      if (pair && pair.key === e.id) return mapData(doc, pair.value, NESTED[e.kind]);
    }
    return this.of(file).entries.get(e.keySpan[0]) ?? {};
  }

  unit(file: UnitFile): Data {
    if (this.plain(file)) {
      const text = headerText(file);
      const quick = this.options.quick === false || text.includes('\r') ? undefined : quickMap(text.split('\n'), 0, NESTED.unit);
      if (quick) return quick;
      const doc = parseYaml(text);
      if (doc.errors.length === 0 && (isMap(doc.contents) || doc.contents === null)) return mapData(doc, doc.contents as AnyNode, NESTED.unit);
    }
    return this.of(file).unit;
  }

  /** The two entries read the same: their own text is the same, in files where text is all there is. */
  sameEntity(fa: UnitFile, a: Entity, fb: UnitFile, b: Entity): boolean {
    return this.plain(fa) && this.plain(fb) && entityText(fa, a) === entityText(fb, b);
  }

  sameUnit(fa: UnitFile, fb: UnitFile): boolean {
    return fa === fb || fa.text === fb.text || (this.plain(fa) && this.plain(fb) && headerText(fa) === headerText(fb));
  }

  /** No anchor, alias, tag or directive anywhere (a `&`, `*`, `!` in a title only costs a whole parse). */
  private plain(file: UnitFile): boolean {
    let p = this.plainFiles.get(file);
    if (p === undefined) this.plainFiles.set(file, (p = !/[&*!]|^%/m.test(file.text) && !file.syntaxErrors));
    return p;
  }
}

/** From the id key (its line, when the key starts it) to the end of the entry's value. */
function entityText(file: UnitFile, e: Entity): string {
  const start = lineStartOf(file.text, e.keySpan[0]);
  const from = /^[ \t]*$/.test(file.text.slice(start, e.keySpan[0])) ? start : e.keySpan[0];
  return file.text.slice(from, e.span[1]);
}

/** The file without its `objectives` and `roadmap` entries: the unit's own keys. */
function headerText(file: UnitFile): string {
  const cuts: [number, number][] = [];
  const whole = (s: number, e: number): [number, number] => [lineStartOf(file.text, s), nextLineStart(file.text, Math.max(s, e - 1))];
  if (file.objectivesKey) cuts.push(whole(file.objectivesKey[0], Math.max(file.objectivesKey[1], ...file.objectives.map((o) => o.span[1]))));
  if (file.roadmapKey) cuts.push(whole(file.roadmapKey[0], file.roadmapSpan?.[1] ?? file.roadmapKey[1]));
  cuts.sort((x, y) => x[0] - y[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of cuts) {
    if (s < at) continue;
    out += file.text.slice(at, s);
    at = e;
  }
  return out + file.text.slice(at);
}

function readFileData(file: UnitFile): FileData {
  const out: FileData = { unit: {}, entries: new Map() };
  let doc: Document.Parsed;
  try {
    doc = documentOf(file);
  } catch {
    return out;
  }
  const root = deref(doc, doc.contents as AnyNode);
  out.unit = mapData(doc, root, NESTED.unit);
  const section = (key: string) => deref(doc, entries(root).find((e) => e.key === key)?.value);
  for (const o of entries(section('objectives'))) {
    const value = deref(doc, o.value);
    out.entries.set(o.keySpan[0], mapData(doc, value, NESTED.objective));
    for (const kr of entries(deref(doc, entries(value).find((e) => e.key === 'key_results')?.value))) {
      out.entries.set(kr.keySpan[0], mapData(doc, deref(doc, kr.value), NESTED.kr));
    }
  }
  for (const it of entries(section('roadmap'))) out.entries.set(it.keySpan[0], mapData(doc, deref(doc, it.value), NESTED.item));
  return out;
}

/** An alias stands for the node it names. */
function deref(doc: Document.Parsed, node: AnyNode): AnyNode {
  if (!isAlias(node)) return node;
  try {
    return node.resolve(doc) as Node | undefined;
  } catch {
    return undefined;
  }
}

/** A map's keys and their plain values (aliases resolved), minus the nested entity maps. */
function mapData(doc: Document.Parsed, node: AnyNode, skip: string[]): Data {
  const out: Data = {};
  if (!isMap(node)) return out;
  for (const e of entries(node)) {
    if (skip.includes(e.key) || e.key in out) continue;
    out[e.key] = plain(doc, e.value);
  }
  return out;
}

function plain(doc: Document.Parsed, node: AnyNode): unknown {
  if (!node) return null;
  try {
    return jsonSafe(node.toJS(doc, { maxAliasCount: 1000 }));
  } catch {
    // An alias bomb or a broken alias: what is written is all there is to compare.
    return null;
  }
}

/** Plain JSON: `undefined` → null, Maps and Sets → objects and arrays, non-finite numbers → text. */
function jsonSafe(v: unknown, depth = 0): unknown {
  if (v === undefined || v === null || depth > 64) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return String(v);
  if (typeof v !== 'object') return v;
  if (Array.isArray(v) || v instanceof Set) return [...v].map((x) => jsonSafe(x, depth + 1));
  const out: Data = {};
  const pairs = v instanceof Map ? [...v.entries()] : Object.entries(v as object);
  for (const [k, x] of pairs) out[String(k)] = jsonSafe(x, depth + 1);
  return out;
}

/** Deep equality of plain JSON values; map key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameValue(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Data)[k], (b as Data)[k]));
}
