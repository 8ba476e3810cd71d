/** unknown-unit → the closest unit (for `parent`) or `unit/ID` (for a reference). */
import { changeTo, suggestionFixes } from './replace';
import { refSiteAt, type FixProvider } from './types';

export const unknownUnit: FixProvider = (ctx) => {
  const { file, problem, index } = ctx;
  if (file.parent && file.parent.span[0] === problem.span[0]) {
    return suggestionFixes(ctx, problem.span, file.parent.value, (s) => `Change the parent to \`${s}\``);
  }
  const site = refSiteAt(file, problem.span[0], (r) => r.unit !== undefined && !index.units.has(r.unit));
  return suggestionFixes(ctx, problem.span, site?.ref.raw, changeTo(ctx, file.unitId?.value), site && `${site.owner.kind}:${site.owner.id}`);
};
