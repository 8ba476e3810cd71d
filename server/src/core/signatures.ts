/**
 * What other files can see of a file, as comparable strings: equal
 * signatures before and after an edit bound which files the edit can reach
 * (see Cascade.update).
 */
import type { UnitFile } from './model';

/**
 * Everything about a file that other files' findings can depend on: its unit,
 * parent, ids and kinds, references and horizons. Equal signatures mean an
 * edit (a title, a hypothesis, a comment) cannot change any other file.
 */
export function linkSignature(f: UnitFile): string {
  const parts: string[] = [f.unitId?.value ?? '', f.parent?.value ?? ''];
  for (const o of f.objectives) parts.push(`o:${o.id}`);
  for (const k of f.krs) parts.push(`k:${k.id}>${k.supports.map((r) => r.raw).join(',')}`);
  for (const i of f.items) parts.push(`i:${i.id}@${i.horizon?.value ?? ''}>${i.supports.map((r) => r.raw).join(',')}|${i.dependsOn.map((r) => r.raw).join(',')}`);
  return parts.join('\n');
}

/**
 * What other files' findings can read of a file besides its references: its
 * unit and parent, the ids and kinds it declares, its items' horizons. Equal
 * signatures with different link signatures mean only the file's own
 * references changed: then only the files of the units they name can see it
 * (a KR that gains or loses a supporter), plus loops.
 */
export function declarationSignature(f: UnitFile): string {
  const parts: string[] = [f.unitId?.value ?? '', f.parent?.value ?? ''];
  for (const o of f.objectives) parts.push(`o:${o.id}`);
  for (const k of f.krs) parts.push(`k:${k.id}`);
  for (const i of f.items) parts.push(`i:${i.id}@${i.horizon?.value ?? ''}`);
  return parts.join('\n');
}
