/** Replacing a value by one of the finding's suggestions (the best one preferred). */
import type { Span } from '../model';
import { rawSpan } from '../text-edit';
import { described, type Fix, type FixContext } from './types';

export function suggestionFixes(ctx: FixContext, span: Span, raw: string | undefined, titleOf: (s: string) => string): Fix[] {
  const target = raw === undefined ? span : rawSpan(ctx.file.text, span, raw);
  return (ctx.problem.data?.suggestions ?? []).map((s, i) => ({
    title: titleOf(s),
    edits: [{ span: target, newText: s }],
    preferred: i === 0,
  }));
}

/** `Change to `acme/KR2` (Grow TPV)` when the suggestion names an entity. */
export function changeTo(ctx: FixContext, fromUnit: string | undefined) {
  return (s: string) => {
    const slash = s.indexOf('/');
    const unit = slash < 0 ? fromUnit : s.slice(0, slash);
    const e = unit ? ctx.index.units.get(unit)?.entities.get(s.slice(slash + 1)) : undefined;
    return `Change to ${described(s, e?.title?.value)}`;
  };
}
