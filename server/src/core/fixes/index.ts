/** Quick fixes by diagnostic code: the code and `diagnostic.data` are how a fix finds its finding. */
import type { Code } from '../model';
import { audienceLeak } from './audience-leak';
import { brokenLink } from './broken-link';
import { krNotMeasurable } from './kr-not-measurable';
import { missingHypothesis } from './missing-hypothesis';
import { orphanKr } from './orphan-kr';
import { schema } from './schema';
import type { Fix, FixContext, FixProvider } from './types';
import { unknownUnit } from './unknown-unit';
import { untraceableItem } from './untraceable-item';

export type { Fix, FixContext } from './types';

export const FIXES: Partial<Record<Code, FixProvider>> = {
  'broken-link': brokenLink,
  'unknown-unit': unknownUnit,
  'untraceable-item': untraceableItem,
  'orphan-kr': orphanKr,
  'missing-hypothesis': missingHypothesis,
  'kr-not-measurable': krNotMeasurable,
  'audience-leak': audienceLeak,
  schema,
};

/** The fixes for one finding (none when its code has no fix). */
export function fixesFor(ctx: FixContext): Fix[] {
  return FIXES[ctx.problem.code]?.(ctx) ?? [];
}
