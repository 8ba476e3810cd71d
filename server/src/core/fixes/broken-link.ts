/** broken-link → replace the reference with each closest id (the best one preferred). */
import { changeTo, suggestionFixes } from './replace';
import { refAt, type FixProvider } from './types';

export const brokenLink: FixProvider = (ctx) => {
  const ref = refAt(ctx.file, ctx.problem.span[0]);
  return suggestionFixes(ctx, ctx.problem.span, ref?.raw, changeTo(ctx, ctx.file.unitId?.value));
};
