/**
 * Hypothetical edits applied to in-memory texts, with the same minimal edits
 * the editor makes: `cut` deletes an entity's entry (a unit: its file),
 * `drop` sets an item's `status: dropped`, `move` sets its `horizon`. Edits
 * apply in order, each to the text the previous ones left.
 */
import { cutEdits } from '../edits/cut';
import { setHorizonEdits, isHorizon } from '../edits/set-horizon';
import { setStatusEdits } from '../edits/set-status';
import type { CascadeIndex } from '../link';
import type { Entity, UnitFile } from '../model';
import { parseUnitFile } from '../parse';
import { closest } from '../text';
import { applyEdits } from '../text-edit';

export type WhatIfEdit =
  | { op: 'cut'; ref: string }
  | { op: 'drop'; ref: string }
  | { op: 'move'; ref: string; horizon: string };

export interface WhatIfResult {
  /** The files the edits change: their new text, or null for a file cut whole. */
  texts: Map<string, string | null>;
  /** Each edit as the change set's `head.edits` shows it: `cut checkout/KR1`, `move checkout/x=next`. */
  labels: string[];
}

export function describeEdit(e: WhatIfEdit): string {
  return e.op === 'move' ? `move ${e.ref}=${e.horizon}` : `${e.op} ${e.ref}`;
}

const KIND = { objective: 'an objective', kr: 'a key result', item: 'a roadmap item' } as const;

type Target = { kind: 'unit'; unit: string; files: UnitFile[] } | { kind: 'entity'; entity: Entity; ref: string };

/** `unit/ID`, a unique `ID`, or a unit id (for `cut`). */
function resolveRef(index: CascadeIndex, raw: string, units: boolean): Target | { error: string } {
  const ref = raw.trim();
  const slash = ref.indexOf('/');
  if (slash >= 0) {
    const unit = index.units.get(ref.slice(0, slash));
    const e = unit?.entities.get(ref.slice(slash + 1));
    if (e) return { kind: 'entity', entity: e, ref: `${e.unit}/${e.id}` };
    const all = [...index.units.values()].flatMap((u) => [...u.entities.values()].map((x) => `${x.unit}/${x.id}`));
    const near = closest(ref, all, false);
    return { error: `there is no \`${ref}\` in the cascade${near.length ? `; did you mean \`${near[0]}\`?` : ''}` };
  }
  const matches: Entity[] = [];
  for (const u of index.units.values()) {
    const e = u.entities.get(ref);
    if (e) matches.push(e);
  }
  const unit = units ? index.units.get(ref) : undefined;
  if (unit && !matches.length) return { kind: 'unit', unit: unit.id, files: unit.files };
  if (matches.length === 1 && !unit) return { kind: 'entity', entity: matches[0], ref: `${matches[0].unit}/${matches[0].id}` };
  if (matches.length + (unit ? 1 : 0) > 1) {
    const names = [...(unit ? [`unit ${unit.id}`] : []), ...matches.map((e) => `${e.unit}/${e.id}`)];
    return { error: `\`${ref}\` is ambiguous (${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}); write it as unit/ID` };
  }
  const ids = [...index.units.values()].flatMap((u) => [...u.entities.keys(), ...(units ? [u.id] : [])]);
  const near = closest(ref, ids, false);
  return { error: `there is no \`${ref}\` in the cascade${near.length ? `; did you mean \`${near[0]}\`?` : ''}` };
}

/** The new texts, or the first edit that cannot be made (a message for the user). */
export function applyWhatIf(index: CascadeIndex, edits: readonly WhatIfEdit[]): WhatIfResult | { error: string } {
  const texts = new Map<string, string | null>();
  const current = (f: UnitFile): UnitFile | null => {
    const t = texts.get(f.file);
    return t === undefined ? f : t === null ? null : parseUnitFile(f.file, t);
  };
  const labels: string[] = [];
  for (const edit of edits) {
    const flag = `--${edit.op}`;
    if (edit.op === 'move' && !isHorizon(edit.horizon)) return { error: `${flag} ${edit.ref}=${edit.horizon}: "${edit.horizon}" is not a horizon (now, next, later or a quarter like 2026-Q3)` };
    const target = resolveRef(index, edit.ref, edit.op === 'cut');
    if ('error' in target) return { error: `${flag} ${edit.ref}: ${target.error}` };
    if (target.kind === 'unit') {
      if (target.files.every((f) => texts.get(f.file) === null)) return { error: `${flag} ${edit.ref}: unit \`${target.unit}\` is already cut` };
      for (const f of target.files) texts.set(f.file, null);
      labels.push(describeEdit({ ...edit, ref: target.unit } as WhatIfEdit));
      continue;
    }
    const e = target.entity;
    if (edit.op !== 'cut' && e.kind !== 'item') return { error: `${flag} takes a roadmap item; \`${target.ref}\` is ${KIND[e.kind]}${edit.op === 'drop' ? ' (use --cut)' : ''}` };
    const source = index.units.get(e.unit)?.files.find((f) => f.file === e.file);
    const file = source && current(source);
    if (!file) return { error: `${flag} ${edit.ref}: its file is already cut` };
    const result =
      edit.op === 'cut' ? cutEdits(file, e.id)
      : edit.op === 'drop' ? setStatusEdits(file, e.id, 'dropped')
      : setHorizonEdits(file, e.id, edit.horizon);
    if ('error' in result) return { error: `${flag} ${edit.ref}: ${result.error}` };
    texts.set(file.file, applyEdits(file.text, result));
    labels.push(describeEdit({ ...edit, ref: target.ref } as WhatIfEdit));
  }
  return { texts, labels };
}

/** The files of the hypothetical side: every file, with the edited ones replaced and the cut ones left out. */
export function editedFiles(files: readonly UnitFile[], texts: ReadonlyMap<string, string | null>): [string, string | UnitFile][] {
  const out: [string, string | UnitFile][] = [];
  for (const f of files) {
    const t = texts.get(f.file);
    if (t === null) continue;
    out.push([f.file, t === undefined ? f : t]);
  }
  return out;
}
