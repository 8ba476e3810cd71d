/**
 * Renaming a unit, objective, KR or item id across every file, in both
 * reference forms: `ID` inside its unit and `unit/ID` anywhere. Renaming a
 * unit rewrites its `unit:`, every `parent:` naming it and every `unit/…`
 * prefix. Edits touch only the id characters, so quoting stays as written.
 */
import type { CascadeIndex } from './link';
import type { Span, UnitFile } from './model';
import { siteAt, targetOf, type Place, type Target } from './navigate/locate';
import { declarations, usages } from './navigate/references';
import { ENTITY_ID, UNIT_ID } from './schema';
import type { TextEdit } from './text-edit';

export interface RenameSpot {
  /** The characters a rename replaces (the id, or the unit part of `unit/ID`). */
  span: Span;
  placeholder: string;
  target: Target;
}

/** What a rename at `offset` would rename, or undefined when nothing renameable is there. */
export function prepareRename(index: CascadeIndex, file: UnitFile, offset: number): RenameSpot | undefined {
  const site = siteAt(file, offset);
  const target = site && targetOf(index, site);
  if (!site || !target) return undefined;
  if (target.kind === 'unit' && !index.units.has(target.id)) return undefined;
  const placeholder = target.kind === 'unit' ? target.id : target.entity.id;
  return { span: site.span, placeholder, target };
}

export type RenameResult = { ok: true; edits: Map<string, TextEdit[]> } | { ok: false; message: string };

/** The edits per file that rename `target` to `newName`, or why it is refused. */
export function renameEdits(index: CascadeIndex, target: Target, newName: string, cancelled?: () => boolean): RenameResult {
  const name = newName.trim();
  const refusal = target.kind === 'unit' ? checkUnitName(index, target.id, name) : checkEntityName(index, target, name);
  if (refusal) return { ok: false, message: refusal };
  const places: Place[] = [...declarations(index, target), ...usages(index, target, cancelled)];
  const edits = new Map<string, TextEdit[]>();
  for (const p of places) {
    const list = edits.get(p.file) ?? [];
    if (!list.some((e) => e.span[0] === p.span[0])) list.push({ span: p.span, newText: name });
    edits.set(p.file, list);
  }
  for (const list of edits.values()) list.sort((a, b) => a.span[0] - b.span[0]);
  return { ok: true, edits };
}

function checkUnitName(index: CascadeIndex, from: string, to: string): string | undefined {
  if (to === from) return `The unit is already called \`${to}\``;
  if (!UNIT_ID.test(to)) return `\`${to}\` is not a valid unit id: use lowercase ASCII letters (a–z), digits and -, starting with a letter or digit`;
  if (index.units.has(to)) return `Unit \`${to}\` already exists (${index.units.get(to)!.primary.file}); pick another id`;
  return undefined;
}

function checkEntityName(index: CascadeIndex, target: Target & { kind: 'entity' }, to: string): string | undefined {
  const e = target.entity;
  if (to === e.id) return `It is already called \`${to}\``;
  if (to.includes('/')) return `\`${to}\` is not a valid id: an id has no \`/\` (the unit part of a reference comes from the unit)`;
  if (!ENTITY_ID.test(to)) return `\`${to}\` is not a valid id: start with an ASCII letter or digit and use only ASCII letters (a–z, A–Z), digits, '_', '.' and '-'`;
  const clash = index.units.get(e.unit)?.entities.get(to);
  if (clash) {
    const kind = clash.kind === 'kr' ? 'key result' : clash.kind === 'item' ? 'roadmap item' : 'objective';
    return `\`${e.unit}/${to}\` already exists (the ${kind}${clash.title ? ` "${clash.title.value}"` : ''}); objectives, KRs and items of a unit share one namespace, so pick another id`;
  }
  return undefined;
}
