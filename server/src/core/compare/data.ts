/**
 * What each entry of a file means as YAML: the unit's own keys, and each
 * objective's, KR's and item's, read through the parsed document with aliases
 * resolved. Nested entries are left out (a unit's `objectives` and `roadmap`,
 * an objective's `key_results`): they are entities of their own. Keys added
 * to the format later are compared without any change here.
 */
import { isAlias, isMap, type Document, type Node } from 'yaml';
import { documentOf } from '../document';
import type { UnitFile } from '../model';
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

/** Reads each file's data once per comparison (a fresh parse of the file's text). */
export class DataReader {
  private readonly cache = new Map<UnitFile, FileData>();

  of(file: UnitFile): FileData {
    let d = this.cache.get(file);
    if (!d) this.cache.set(file, (d = readFileData(file)));
    return d;
  }
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
