/**
 * Renaming a unit, objective, KR or item id across every file, in both
 * reference forms: `ID` inside its unit and `unit/ID` anywhere. Renaming a
 * unit rewrites its `unit:`, every `parent:` naming it and every `unit/…`
 * prefix. Edits touch only the id characters, so quoting stays as written.
 */
import type { CascadeIndex } from './link';
import type { Ref, Span, UnitFile } from './model';
import { refSites } from './rules/types';
import { sameEntity, siteAt, targetOf, type Place, type Target } from './navigate/locate';
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
  const aliased = overAliases(index, target, name, edits);
  if (aliased) return { ok: false, message: aliased };
  for (const list of edits.values()) list.sort((a, b) => a.span[0] - b.span[0]);
  return { ok: true, edits };
}

/**
 * References read through an alias (`supports: *wau`): when the anchored text
 * is renamed too, the alias follows it and is left alone; otherwise the alias
 * is replaced by the renamed reference written out. An alias of a list whose
 * anchored text is not renamed cannot be changed for one element: refused.
 */
function overAliases(index: CascadeIndex, target: Target, name: string, edits: Map<string, TextEdit[]>): string | undefined {
  for (const file of index.files) {
    const list = edits.get(file.file);
    if (!list) continue;
    const names = (r: Ref) => {
      if (target.kind === 'unit') return r.unit === target.id;
      const res = index.resolve(r, file.unitId?.value ?? '');
      return res.ok && sameEntity(res.entity, target.entity);
    };
    const sites = refSites(file).filter((s) => s.ref.source && names(s.ref));
    if (!sites.length) continue;
    const renamed = (span: Span) => list.some((e) => e.span[0] >= span[0] && e.span[1] <= span[1]);
    for (const { ref } of sites) {
      const at = list.findIndex((e) => e.span[0] === ref.span[0]);
      if (at < 0) continue;
      if (renamed(ref.source!)) {
        list.splice(at, 1);
        continue;
      }
      if (refSites(file).filter((s) => s.ref.span[0] === ref.span[0]).length > 1) {
        return `\`${ref.raw}\` is written in a list that \`${file.text.slice(ref.span[0], ref.span[1])}\` repeats, and that list is not renamed with it; write the list out in place of the alias, then rename`;
      }
      const written = target.kind === 'unit' ? `${name}/${ref.id}` : ref.unit !== undefined ? `${ref.unit}/${name}` : name;
      list[at] = { span: ref.span, newText: written };
    }
  }
  return undefined;
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
