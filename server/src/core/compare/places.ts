/**
 * Where a roadmap puts its cards, and nothing else: the lanes (id, title)
 * and, in each, the cards' ref, kind, title and column; the unlinked cards.
 * That is all a change set reads of a roadmap (roadmaps.ts `roadmapChanges`),
 * so `okr diff` builds this instead of the whole model (outcomes, paces,
 * locations, card fields), which costs several times more. The quarters
 * view only (the one a diff compares); any other view is built whole.
 * Placed exactly as core/roadmap/cards.ts `buildLanes` places them
 * (test/unit/compare/places.test.ts holds the two equal).
 */
import type { CascadeIndex } from '../link';
import { dayQuarter } from '../period';
import { objectivesOf, reach, ref, titleOf } from '../roadmap/cards';
import { columnPeriod, krQuarter, quarterColumns } from '../roadmap/columns';
import { buildRoadmap, type RoadmapOptions } from '../roadmap/index';
import type { Card, Lane, RoadmapModel } from '../roadmap/model';

/** The lanes and card places of a roadmap (quarters view); the whole model for another view. */
export function placeCards(index: CascadeIndex, options: RoadmapOptions & { unit: string }): RoadmapModel {
  const unit = index.units.get(options.unit);
  if (options.view !== 'quarters' || !unit) return buildRoadmap(index, options);
  const todayQuarter = dayQuarter(options.asOf);
  const period = columnPeriod(unit.primary.period?.value, todayQuarter);
  const columns = quarterColumns(period, todayQuarter);
  const lanes = new Map<string, Lane>();
  for (const o of objectivesOf(unit)) lanes.set(o.id, { id: ref(o), title: titleOf(o), cards: [] } as unknown as Lane);
  const unlinked: Card[] = [];
  for (const u of index.descendants(unit.id)) {
    for (const e of u.entities.values()) {
      if (e.kind === 'item') {
        const card = { ref: ref(e), kind: 'item', title: titleOf(e), column: columns.horizon(e.horizon?.value) } as Card;
        const reached = reach(index, e, unit.id);
        if (!reached.size) unlinked.push(card);
        for (const objective of reached.keys()) lanes.get(objective)?.cards.push(card);
      } else if (e.kind === 'kr' && u !== unit) {
        const reached = reach(index, e, unit.id);
        if (!reached.size) continue;
        const card = { ref: ref(e), kind: 'kr', title: titleOf(e), column: columns.quarter(krQuarter(index, e, todayQuarter, period)) } as Card;
        for (const objective of reached.keys()) lanes.get(objective)?.cards.push(card);
      }
    }
  }
  return { unit: unit.id, lanes: [...lanes.values()], unlinked } as unknown as RoadmapModel;
}
