/** broken-link → replace the reference with each closest id (the best one preferred). */
import { changeTo, suggestionFixes } from './replace';
import { refSiteAt, type FixProvider } from './types';

export const brokenLink: FixProvider = (ctx) => {
  const unit = ctx.file.unitId?.value ?? '';
  // Several references can share one span (an alias of a list): the one that resolves to nothing.
  const site = refSiteAt(ctx.file, ctx.problem.span[0], (r) => !ctx.index.resolve(r, unit).ok);
  return suggestionFixes(ctx, ctx.problem.span, site?.ref.raw, changeTo(ctx, ctx.file.unitId?.value), site && `${site.owner.kind}:${site.owner.id}`);
};
