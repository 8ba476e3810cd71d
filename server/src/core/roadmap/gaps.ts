/**
 * The gaps of the `trace` view: what breaks the chain from the work up to the
 * key results of a unit, for that unit and every unit below it. The same
 * conditions as the rules `broken-link`, `unknown-unit`, `link-wrong-kind`,
 * `untraceable-item`, `orphan-kr` and `kr-without-roadmap` (so the Trace view
 * and `okr check` never disagree), plus the items whose links resolve but
 * reach no objective of the unit.
 */
import type { Entity, Item, KeyResult, Ref } from '../model';
import { positionAt } from '../text';
import { compact, locate, reach, ref, titleOf, type ViewContext } from './cards';
import type { SourceLocation, TraceGap } from './model';

const KIND_WORD = { objective: 'an objective', kr: 'a key result', item: 'a roadmap item' } as const;

export function traceGaps(v: ViewContext): TraceGap[] {
  const out: TraceGap[] = [];
  for (const u of v.index.descendants(v.unit.id)) {
    for (const file of u.files) {
      for (const kr of file.krs) krGaps(v, kr, file.parent?.value, out);
      for (const it of file.items) itemGaps(v, it, out);
    }
  }
  return out.filter((g) => !silenced(v, g)).sort((a, b) => (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0)
    || a.location.line - b.location.line || (a.location.character ?? 0) - (b.location.character ?? 0));
}

function krGaps(v: ViewContext, kr: KeyResult, parent: string | undefined, out: TraceGap[]): void {
  for (const r of kr.supports) brokenLink(v, kr, r, 'supports', 'kr', out);
  if (!kr.supports.length && parent) {
    out.push(gap(v, kr, 'orphan-kr', 'orphan-kr', `supports nothing: add \`supports:\` naming the KR of ${parent} that it moves`));
  }
  if (!v.index.supportersOf(kr).length) {
    out.push(gap(v, kr, 'unsupported-kr', 'kr-without-roadmap', 'nothing supports it: add a roadmap item, or a KR below, that names it in `supports:`'));
  }
}

function itemGaps(v: ViewContext, it: Item, out: TraceGap[]): void {
  for (const r of it.supports) brokenLink(v, it, r, 'supports', 'kr', out);
  for (const r of it.dependsOn) brokenLink(v, it, r, 'depends_on', 'item', out);
  // As the rule: an item none of whose references reaches a key result is untraceable
  // (its bad references are gaps of their own besides this one).
  const resolved = v.index.supportedKrs(it);
  if (!resolved.length) {
    const message = it.supports.length
      ? `supports no key result: what \`supports\` names (${it.supports.map((r) => r.raw).join(', ')}) is not an existing KR; point it at the KR it is meant to move`
      : 'supports no key result: add `supports:` naming the KR it is meant to move';
    out.push(gap(v, it, 'untraceable-item', 'untraceable-item', message));
    return;
  }
  if (!reach(v.index, it, v.unit.id).size) {
    const via = resolved.map(ref).join(', ');
    out.push(gap(v, it, 'unlinked-item', undefined, `supports ${via}, which leads to no objective of ${v.unit.id}: link it to a KR that does`));
  }
}

/** A reference of `owner` that names nothing, an unknown unit or the wrong kind of thing. */
function brokenLink(v: ViewContext, owner: KeyResult | Item, r: Ref, field: 'supports' | 'depends_on', expects: 'kr' | 'item', out: TraceGap[]): void {
  const res = v.index.resolve(r, owner.unit);
  let code: string;
  let why: string;
  if (!res.ok && res.reason === 'unknown-unit') {
    code = 'unknown-unit';
    why = `names unit ${res.unit}, which does not exist: name a unit of the cascade`;
  } else if (!res.ok) {
    code = 'broken-link';
    why = `names nothing: there is no ${r.id} in ${r.unit === undefined ? 'this unit' : `unit ${r.unit}`}; point it at ${KIND_WORD[expects]} that exists`;
  } else if (res.entity.kind !== expects) {
    code = 'link-wrong-kind';
    why = `is ${KIND_WORD[res.entity.kind]}; \`${field}\` must name ${KIND_WORD[expects]}`;
  } else {
    return;
  }
  out.push(compact<TraceGap>({
    ...gap(v, owner, 'broken-link', code, `\`${field}: ${r.raw}\` ${why}`),
    link: r.raw,
    field,
    location: spanLocation(v, owner, r.span[0]),
  }));
}

function gap(v: ViewContext, e: KeyResult | Item, kind: TraceGap['kind'], code: string | undefined, message: string): TraceGap {
  return compact<TraceGap>({
    kind,
    code,
    ref: ref(e),
    entity: e.kind,
    title: titleOf(e),
    unit: e.unit,
    message,
    location: locate(v, e),
  });
}

/** A gap whose finding `# okr-ignore: <code>` silences on its line (as `okr check` does). */
function silenced(v: ViewContext, g: TraceGap): boolean {
  const e = v.index.entity(g.ref);
  const file = e && v.index.units.get(e.unit)?.files.find((f) => f.file === e.file);
  return !!(g.code && file?.ignores.get(g.location.line)?.has(g.code));
}

function spanLocation(v: ViewContext, e: Entity, offset: number): SourceLocation {
  const file = v.index.units.get(e.unit)?.files.find((f) => f.file === e.file);
  if (!file) return locate(v, e);
  const pos = positionAt(file.lineStarts, offset);
  return { file: v.path(e.file), line: pos.line, character: pos.character };
}
