/**
 * What the controller reads off a model and off the page: where each ref is
 * written (to open its source), and the widths a board is laid out in.
 */
import type { RoadmapModel, SourceLocation } from '../../server/src/core/roadmap/model';
import type { Layout } from './fold';

/** The source location of every card, outcome, trace node and gap of a model, by ref (the first one met). */
export function locationIndex(m: RoadmapModel): Map<string, SourceLocation> {
  const index = new Map<string, SourceLocation>();
  const add = (ref: string, loc: SourceLocation | undefined): void => { if (loc && !index.has(ref)) index.set(ref, loc); };
  // (An elided section's cards are skeletons, with no location: only its outcomes.)
  const lanes = [...m.lanes, ...(m.sections ?? []).flatMap((s) => s.lanes)];
  for (const l of lanes) {
    for (const o of l.outcomes) add(o.ref, o.location);
    for (const c of l.cards) if (c.location) add(c.ref, c.location);
  }
  for (const c of [...m.unlinked, ...(m.sections ?? []).flatMap((s) => (s.elided ? [] : s.unlinked))]) add(c.ref, c.location);
  const walk = (nodes: RoadmapModel['trace']): void => nodes?.forEach((n) => { add(n.ref, n.location); walk(n.children); });
  walk(m.trace);
  for (const g of m.gaps ?? []) add(g.ref, g.location);
  return index;
}

/** The width the board has and the widths the stylesheet gives lanes and columns (its custom properties, in px). */
export function measure(root: HTMLElement): Layout {
  const cs = getComputedStyle(root);
  const px = (name: string, fallback: number): number => {
    const v = parseFloat(cs.getPropertyValue(name));
    return Number.isFinite(v) ? v : fallback;
  };
  // Room for a vertical scrollbar, which appears once the board is taller than the panel.
  return { avail: Math.max(0, root.clientWidth - px('--scrollbar-allowance', 16)), laneW: px('--lane-col', 284), colMin: px('--col-min', 216), earlierW: px('--earlier-w', 64) };
}
