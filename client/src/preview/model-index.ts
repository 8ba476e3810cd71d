/** Lookups into a RoadmapModel: every card, outcome and trace node by ref. Pure. */
import type { Card, RoadmapModel, SourceLocation, TraceNode } from '../../../server/src/protocol';

export interface Located {
  ref: string;
  kind: 'item' | 'kr' | 'outcome';
  location: SourceLocation;
  card?: Card;
  /** Other places of this entity the preview may open: its trace gaps (a broken reference's line). */
  also?: SourceLocation[];
}

export function indexModel(m: RoadmapModel): Map<string, Located> {
  const out = new Map<string, Located>();
  // A card of an elided portfolio section (core/roadmap/elide.ts) has no location: nothing to open.
  const add = (x: Located) => { if (x.location && !out.has(x.ref)) out.set(x.ref, x); };
  const lanes = [...m.lanes, ...(m.sections ?? []).flatMap((s) => s.lanes)];
  for (const lane of lanes) {
    for (const c of lane.cards) add({ ref: c.ref, kind: c.kind, location: c.location, card: c });
    for (const o of lane.outcomes) add({ ref: o.ref, kind: 'outcome', location: o.location });
  }
  for (const c of [...m.unlinked, ...(m.sections ?? []).flatMap((s) => s.unlinked)]) add({ ref: c.ref, kind: c.kind, location: c.location, card: c });
  const walk = (nodes: TraceNode[] | undefined) => nodes?.forEach((n) => {
    add({ ref: n.ref, kind: n.kind, location: n.location });
    walk(n.children);
  });
  walk(m.trace);
  for (const g of m.gaps ?? []) {
    const known = out.get(g.ref);
    if (!known) out.set(g.ref, { ref: g.ref, kind: g.entity, location: g.location });
    else if (!sameLocation(known.location, g.location)) (known.also ??= []).push(g.location);
  }
  return out;
}

export function sameLocation(a: SourceLocation, b: SourceLocation): boolean {
  return a.file === b.file && a.line === b.line && (a.character ?? 0) === (b.character ?? 0);
}

/** Every `location` in the model with its `file` mapped (e.g. URI → workspace-relative path for exports). */
export function mapLocations(m: RoadmapModel, f: (file: string) => string): RoadmapModel {
  const seen = new Map<string, string>();
  const map = (file: string) => {
    let r = seen.get(file);
    if (r === undefined) seen.set(file, (r = f(file)));
    return r;
  };
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (typeof x !== 'object' || x === null) return x;
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      o[k] = k === 'location' && typeof v === 'object' && v !== null && typeof (v as SourceLocation).file === 'string'
        ? { ...(v as SourceLocation), file: map((v as SourceLocation).file) }
        : walk(v);
    }
    return o;
  };
  return walk(m) as RoadmapModel;
}
