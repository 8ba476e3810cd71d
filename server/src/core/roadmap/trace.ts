/**
 * The `trace` view: one tree per KR of the unit, company KR → product KR →
 * team KR → items, following who supports whom downward. A KR with nothing
 * under it is a gap; `gaps` lists every other break in the chain (gaps.ts). No lanes; the quarters columns are kept so that the
 * unlinked cards' columns still name columns of the model.
 */
import type { Item, KeyResult } from '../model';
import { quarterColumns } from './columns';
import { buildLanes, compact, compareRefs, locate, objectivesOf, ref, titleOf, type BuildContext, type ViewContext, type ViewResult } from './cards';
import { traceGaps } from './gaps';
import type { TraceNode } from './model';
import { krProgress } from './progress';

export function traceView(v: ViewContext): ViewResult {
  const columns = quarterColumns(v.period, v.todayQuarter);
  const { unlinked } = buildLanes(v, v.unit, { columns });
  const trace = objectivesOf(v.unit).flatMap((o) => o.krs.map((kr) => traceNode(v, kr, new Set())));
  return { columns: columns.columns, lanes: [], unlinked, trace, gaps: traceGaps(v) };
}

/** A node and everything that supports it; `above` holds the KRs on the path from the root (cycle guard). */
function traceNode(ctx: BuildContext, e: KeyResult | Item, above: Set<string>): TraceNode {
  const key = ref(e);
  const children: TraceNode[] = [];
  if (e.kind === 'kr') {
    above.add(key);
    const seen = new Set<string>();
    const supporters = ctx.index
      .supportersOf(e)
      .filter((s) => !above.has(ref(s)) && !seen.has(ref(s)) && seen.add(ref(s)))
      .sort((a, b) => (a.kind === b.kind ? compareRefs(ref(a), ref(b)) : a.kind === 'kr' ? -1 : 1));
    for (const s of supporters) children.push(traceNode(ctx, s, above));
    above.delete(key);
  }
  return compact<TraceNode>({
    ref: key,
    kind: e.kind,
    title: titleOf(e),
    unit: e.unit,
    progress: e.kind === 'kr' ? krProgress(e) : undefined,
    status: e.kind === 'item' ? e.status?.value : undefined,
    gap: e.kind === 'kr' && children.length === 0 ? true : undefined,
    children,
    location: locate(ctx, e),
  });
}
