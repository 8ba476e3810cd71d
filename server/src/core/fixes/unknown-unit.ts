/** unknown-unit → the closest unit (for `parent`) or `unit/ID` (for a reference). */
import { changeTo, suggestionFixes } from './replace';
import { refAt, type FixProvider } from './types';

export const unknownUnit: FixProvider = (ctx) => {
  const { file, problem } = ctx;
  if (file.parent && file.parent.span[0] === problem.span[0]) {
    return suggestionFixes(ctx, problem.span, file.parent.value, (s) => `Change the parent to \`${s}\``);
  }
  const ref = refAt(file, problem.span[0]);
  return suggestionFixes(ctx, problem.span, ref?.raw, changeTo(ctx, file.unitId?.value));
};
