/** Every rule, in the order of DESIGN.md's table. */
import { behindPace } from './behind-pace';
import { brokenLink } from './broken-link';
import { cycle } from './cycle';
import { datedLater } from './dated-later';
import { dependsOnLater } from './depends-on-later';
import { duePassed } from './due-passed';
import { duplicateId } from './duplicate-id';
import { horizonOutsidePeriod } from './horizon-outside-period';
import { invalidatedBet } from './invalidated-bet';
import { krNotMeasurable } from './kr-not-measurable';
import { krWithoutRoadmap } from './kr-without-roadmap';
import { linkWrongKind } from './link-wrong-kind';
import { missingHypothesis } from './missing-hypothesis';
import { notParentLink } from './not-parent-link';
import { orphanKr } from './orphan-kr';
import { overloadedNow } from './overloaded-now';
import { overPromised } from './over-promised';
import { rollupUnitMismatch } from './rollup-unit-mismatch';
import { schema } from './schema';
import { staleReview } from './stale-review';
import { tooManyObjectives } from './too-many-objectives';
import type { Rule } from './types';
import { underCovered } from './under-covered';
import { unknownUnit } from './unknown-unit';
import { untraceableItem } from './untraceable-item';
import { weakHypothesis } from './weak-hypothesis';
import { yamlSyntax } from './yaml-syntax';

export const RULES: readonly Rule[] = [
  yamlSyntax, schema, duplicateId, unknownUnit, brokenLink, linkWrongKind, cycle, notParentLink, orphanKr,
  untraceableItem, missingHypothesis, weakHypothesis, krNotMeasurable, krWithoutRoadmap, horizonOutsidePeriod,
  overloadedNow, dependsOnLater, datedLater, tooManyObjectives, staleReview,
  duePassed, behindPace, underCovered, overPromised, rollupUnitMismatch, invalidatedBet,
];

