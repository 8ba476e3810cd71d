/**
 * A model sent as its changes from the one the webview drew last, so that an
 * edit to a large cascade sends the product section it changed, not the whole
 * company: the host (client/src/preview/panel.ts) diffs, the webview applies.
 *
 * Fields are compared by their JSON; the long arrays (`lanes`, `unlinked`,
 * `sections`, `trace`, `gaps`) element by element, each changed element sent
 * with its index, plus the new length. Pure: no DOM, no `vscode`.
 */
import type { RoadmapModel } from '../../server/src/core/roadmap/model';

export const DELTA_ARRAYS = ['lanes', 'unlinked', 'sections', 'trace', 'gaps'] as const;
/** Keys never copied from a delta (they would reach the object's prototype). */
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);
export type DeltaArray = (typeof DELTA_ARRAYS)[number];

export interface ModelDelta {
  /** Fields replaced whole (absent from `set` and `arrays`: unchanged; listed in `unset`: removed). */
  set: Record<string, unknown>;
  unset: string[];
  arrays: { field: DeltaArray; length: number; changed: [index: number, value: unknown][] }[];
}

/** The JSON of a model, field by field and array element by array element: what the next diff compares with. */
export interface ModelPrint {
  fields: Map<string, string>;
  elements: Map<DeltaArray, string[]>;
}

export function printModel(m: RoadmapModel): ModelPrint {
  const fields = new Map<string, string>();
  const elements = new Map<DeltaArray, string[]>();
  for (const [k, v] of Object.entries(m)) {
    if ((DELTA_ARRAYS as readonly string[]).includes(k) && Array.isArray(v)) elements.set(k as DeltaArray, v.map((x) => JSON.stringify(x)));
    else fields.set(k, JSON.stringify(v));
  }
  return { fields, elements };
}

/** What changed from `prev` to `next` (`next`'s print, for the next diff, comes with it). */
export function diffModel(prev: ModelPrint, next: RoadmapModel): { delta: ModelDelta; print: ModelPrint; size: number } {
  const print = printModel(next);
  const delta: ModelDelta = { set: {}, unset: [], arrays: [] };
  let size = 0;
  const raw = next as unknown as Record<string, unknown>;
  for (const [k, json] of print.fields) {
    if (prev.fields.get(k) !== json || prev.elements.has(k as DeltaArray)) { delta.set[k] = raw[k]; size += json.length; }
  }
  for (const [k, list] of print.elements) {
    const old = prev.elements.get(k);
    if (!old) { delta.set[k] = raw[k]; size += list.reduce((n, s) => n + s.length, 0); continue; }
    const changed: [number, unknown][] = [];
    list.forEach((s, i) => { if (old[i] !== s) { changed.push([i, (raw[k] as unknown[])[i]]); size += s.length; } });
    if (changed.length || old.length !== list.length) delta.arrays.push({ field: k, length: list.length, changed });
  }
  for (const k of [...prev.fields.keys(), ...prev.elements.keys()]) if (!(k in raw)) delta.unset.push(k);
  return { delta, print, size };
}

/** `base` with `delta` applied, as a new model (`base` is left as it was; unchanged parts are shared). */
export function applyDelta(base: RoadmapModel, delta: ModelDelta): RoadmapModel {
  const out = { ...base } as unknown as Record<string, unknown>;
  for (const k of delta.unset) if (Object.prototype.hasOwnProperty.call(out, k)) delete out[k];
  for (const [k, v] of Object.entries(delta.set)) if (!UNSAFE.has(k)) out[k] = v;
  for (const a of delta.arrays) {
    const list = Array.isArray(out[a.field]) ? [...(out[a.field] as unknown[])] : [];
    list.length = a.length;
    for (const [i, v] of a.changed) list[i] = v;
    out[a.field] = list;
  }
  return out as unknown as RoadmapModel;
}
