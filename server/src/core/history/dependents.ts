/**
 * Which other files the pace and roll-up findings of a file's KRs reach, so
 * the incremental engine (core/cascade.ts) re-checks exactly those:
 *
 * - a KR's numbers, unit or roll-up feed the KRs above it (their computed
 *   current, nested roll-ups all the way up, and their contribution);
 * - a KR's `rollup` and `unit` decide `rollup-unit-mismatch` on the KRs that
 *   support it;
 * - a unit's `period` (or `parent`) is the period of every unit below that
 *   has none of its own.
 */
import type { CascadeIndex } from '../link';
import type { KeyResult, UnitFile } from '../model';

/** Everything about a file that pace and roll-up findings in other files read. */
export function paceSignature(f: UnitFile): string {
  const parts = [f.period?.value.text ?? ''];
  for (const k of f.krs) parts.push(`${k.id}:${k.baseline?.value}|${k.target?.value}|${k.current?.value}|${k.metricUnit?.value.trim() ?? ''}|${k.rollup?.value ?? ''}`);
  return parts.join('\n');
}

/**
 * The files whose findings can change through `f`'s KRs and period (the KRs
 * above them, transitively; the KRs that support them; and, when `other` —
 * the file's other version — has a different period or parent, every unit
 * below). Read from `index` as it stands: call it before and after an update.
 * `supporters`: when given, the files of the KRs that support `f`'s KRs go
 * there instead (only their `rollup-unit-mismatch` reads `f`'s KRs).
 */
export function paceDependents(index: CascadeIndex, f: UnitFile, other: UnitFile | undefined, supporters?: Set<string>): Set<string> {
  const out = new Set<string>();
  const seen = new Set<KeyResult>();
  const queue: KeyResult[] = [...f.krs];
  while (queue.length) {
    const kr = queue.pop()!;
    if (seen.has(kr)) continue;
    seen.add(kr);
    for (const up of index.supportedKrs(kr)) {
      out.add(up.file);
      queue.push(up);
    }
  }
  for (const kr of f.krs) for (const s of index.supportersOf(kr)) (supporters ?? out).add(s.file);
  const unit = f.unitId?.value;
  if (unit && (other?.period?.value.text !== f.period?.value.text || other?.parent?.value !== f.parent?.value)) {
    for (const u of index.descendants(unit)) for (const x of u.files) out.add(x.file);
  }
  return out;
}
