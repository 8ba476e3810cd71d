import type { Rule } from './types';

/**
 * Ids repeated inside one file are found while parsing; this adds a unit
 * declared by more than one file, marked at the `unit:` value of each.
 */
export const duplicateId: Rule = {
  code: 'duplicate-id',
  severity: 'error',
  summary: 'The same id twice in one unit, or the same unit declared in two files.',
  help: 'Give each objective, KR and item of a unit its own id, and declare each unit in exactly one file.',
  check(file, ctx) {
    const id = file.unitId?.value;
    const info = id ? ctx.index.units.get(id) : undefined;
    if (!info || info.files.length < 2 || !file.unitId) return;
    const others = info.files.filter((f) => f !== file).map((f) => f.file.slice(f.file.lastIndexOf('/') + 1));
    ctx.report(file.unitId.span, `Unit \`${id}\` is also declared in ${others.join(', ')}; each unit lives in one file, so rename one unit or merge the files`, { entity: id });
  },
};
