/**
 * Two cascades in, one plan change set out (DESIGN.md, "Comparing two
 * plans"): what was added, removed, renamed, moved or changed, and what that
 * does to the findings, the coverage, the lanes, the `now` load and the
 * cards of the generated roadmaps. Pure: the sides are handed in as data.
 */
import { coverage, type Coverage } from '../coverage';
import { formatDay, type Day } from '../period';
import type { RoadmapView } from '../roadmap/model';
import { collectChanges } from './changes';
import { traceability, dependsLater, loadChanges } from './consequences';
import { DataReader } from './data';
import { sameField } from './fields';
import { compareFindings } from './findings';
import { match, type Matching } from './match';
import type { Plan } from './plan';
import { affectedRoadmaps, roadmapChanges, type BuildRoadmap, type RoadmapPair } from './roadmaps';
import { scopeOf } from './scope';
import type { ChangeSet, ChangeSummary } from './types';

export type { Plan } from './plan';
export { planOf, parseFiles } from './plan';
export type * from './types';

export interface CompareOptions {
  /** "Today": now/next, the current quarter, the date rules. */
  asOf: Day;
  /** The view whose lanes and cards are compared (default `quarters`). */
  view?: RoadmapView;
  /**
   * The roadmaps to compare, already built (the editor's preview asks for one
   * unit). Default: every roadmap a change can reach, built on both sides.
   */
  roadmaps?: RoadmapPair[];
  /** How the roadmaps a change reaches are built (default: buildRoadmap on the side's index). */
  buildRoadmap?: BuildRoadmap;
}

export interface Comparison {
  changeSet: ChangeSet;
  matching: Matching;
  roadmaps: RoadmapPair[];
}

export function compare(base: Plan, head: Plan, options: CompareOptions): ChangeSet {
  return comparePlans(base, head, options).changeSet;
}

/** The change set with what it was computed from (the matching, the roadmap models compared). */
export function comparePlans(base: Plan, head: Plan, options: CompareOptions): Comparison {
  const ctx = { base, head, data: new DataReader(), same: sameField };
  const m = match(ctx);
  const changes = collectChanges(ctx, m, options.asOf);
  const findings = compareFindings(base, head, m);
  const scope = scopeOf(base, head, m);
  const roadmaps = options.roadmaps ?? affectedRoadmaps(base, head, m, scope, options.asOf, options.view ?? 'quarters', options.buildRoadmap);
  const { lanes, cards } = roadmapChanges(roadmaps, m);
  const trace = traceability(base, head, m, scope);
  const deps = dependsLater(base, head, m, scope, options.asOf);
  const cov = { before: base.coverage?.() ?? coverage(base.index), after: head.coverage?.() ?? coverage(head.index) };
  const count = (kind: string) => changes.filter((c) => c.kind === kind).length;
  const summary: ChangeSummary = {
    added: count('added'),
    removed: count('removed'),
    renamed: count('renamed'),
    moved: count('moved'),
    changed: count('changed'),
    introduced: findings.introduced.length,
    resolved: findings.resolved.length,
    introducedErrors: findings.introduced.filter((f) => f.severity === 'error').length,
    introducedWarnings: findings.introduced.filter((f) => f.severity === 'warning').length,
    coverageDropped: coverageDropped(cov.before, cov.after),
  };
  const changeSet: ChangeSet = {
    base: base.label,
    head: head.label,
    asOf: formatDay(options.asOf),
    changes,
    findings,
    coverage: cov,
    consequences: {
      ...trace,
      dependsLater: deps.introduced,
      dependsLaterResolved: deps.resolved,
      lanes,
      load: loadChanges(m, options.asOf),
      cards,
      roadmaps: roadmaps.map((r) => r.unit),
    },
    summary,
  };
  return { changeSet, matching: m, roadmaps };
}

/** A share that fell: of the totals, or of a level present on both sides. */
export function coverageDropped(before: Coverage, after: Coverage): boolean {
  const fell = (a: number | null, b: number | null) => a !== null && b !== null && b < a;
  if (fell(before.krs.percent, after.krs.percent) || fell(before.items.percent, after.items.percent)) return true;
  const levels = new Map(after.levels.map((l) => [l.level, l]));
  return before.levels.some((l) => {
    const h = levels.get(l.level);
    return !!h && (fell(l.krCoverage, h.krCoverage) || fell(l.itemCoverage, h.itemCoverage));
  });
}
