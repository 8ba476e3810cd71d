/**
 * audience-leak → mark the entity the leaking text belongs to `private: true`
 * (or the unit, for a unit's own text): audiences that hide private entries
 * then no longer see it. One minimal edit: a `private: true` line in the
 * entity's map (`, private: true` in a flow map), or `false` turned to `true`.
 */
import { isMap } from 'yaml';
import { documentOf } from '../document';
import type { Entity, UnitFile } from '../model';
import { columnOf, eolOf, nextLineStart, type TextEdit } from '../text-edit';
import { guarded, setEntry } from './edit';
import type { Fix, FixProvider } from './types';

const KIND = { objective: 'objective', kr: 'key result', item: 'item' } as const;

export const audienceLeak: FixProvider = ({ file, problem }) => {
  const owner = problem.data?.entity;
  if (!owner) return unitFix(file);
  const id = owner.slice(owner.lastIndexOf('/') + 1);
  const e = [...file.objectives, ...file.krs, ...file.items].find((x) => x.id === id && `${x.unit}/${x.id}` === owner);
  if (!e) return [];
  const edit = e.private ? flip(file, e) : setEntry(file, e.keySpan[0], 'private', true, ['title']);
  return edit ? [fix(`Mark ${KIND[e.kind]} \`${e.id}\` private (audiences that hide private entries will not see it)`, edit)] : [];
};

/** `private: false` (or any non-true value) → `private: true`, on the value only. */
function flip(file: UnitFile, e: Entity): TextEdit | undefined {
  if (!e.private || e.private.value === true) return undefined;
  return guarded(file, `${e.kind}:${e.id}`, { span: e.private.span, newText: 'true' });
}

/** The unit's own text leaks (its name): `private: true` after `unit:`, for the whole unit. */
function unitFix(file: UnitFile): Fix[] {
  const unit = file.unitId;
  if (!unit) return [];
  if (file.private) {
    if (file.private.value === true) return [];
    return [fix(`Mark unit \`${unit.value}\` private`, { span: file.private.span, newText: 'true' })];
  }
  const root = documentOf(file).contents;
  if (!isMap(root) || root.flow) return [];
  const text = file.text;
  const indent = ' '.repeat(columnOf(text, lineKeyStart(text, unit.span[0])));
  const at = nextLineStart(text, unit.span[1]);
  const eol = eolOf(text);
  const edit: TextEdit = at === text.length && !/\n$/.test(text) ? { span: [at, at], newText: `${eol}${indent}private: true` } : { span: [at, at], newText: `${indent}private: true${eol}` };
  return [fix(`Mark unit \`${unit.value}\` private, with all its objectives, key results and items`, edit)];
}

/** The start of the key on the line of `offset` (the first non-blank character). */
function lineKeyStart(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n') s--;
  while (text[s] === ' ') s++;
  return s;
}

const fix = (title: string, edit: TextEdit): Fix => ({ title, edits: [edit] });
