/**
 * Cascade → RoadmapModel: the roadmap that follows mechanically from the OKRs
 * (DESIGN.md, "The generated roadmap"). One file per view; this one picks the
 * unit and the view and fills the model's header.
 */
import type { PaceThresholds } from '../config';
import { KrPaces } from '../history/status';
import type { CascadeIndex, UnitInfo } from '../link';
import { dayQuarter, formatDay, type Day } from '../period';
import { closest } from '../text';
import { compact, compareRefs, type ViewContext, type ViewResult } from './cards';
import { columnPeriod } from './columns';
import { horizonsView } from './horizons';
import { ROADMAP_VIEWS, type RoadmapModel, type RoadmapView } from './model';
import { portfolioView } from './portfolio';
import { quartersView } from './quarters';
import { techView } from './tech';
import { themesView } from './themes';
import { traceView } from './trace';

export interface RoadmapOptions {
  unit?: string;
  view: RoadmapView;
  asOf: Day;
  /** file key → path shown in locations */
  path?: (file: string) => string;
  /** Pace thresholds (okr.config.yaml `pace:`); the defaults when absent. */
  pace?: PaceThresholds;
  /** The model's `units` list, made once by `roadmapUnitList` when many roadmaps of one cascade are built (a comparison builds one per unit a change reaches). */
  unitList?: NonNullable<RoadmapModel['units']>;
}

/** The roadmap cannot be built as asked (an unknown unit or view, an empty cascade). */
export class RoadmapError extends Error {
  override readonly name = 'RoadmapError';
  constructor(message: string, readonly units: string[] = []) {
    super(message);
  }
}

const VIEWS: Record<RoadmapView, (v: ViewContext) => ViewResult> = {
  themes: themesView,
  quarters: quartersView,
  horizons: horizonsView,
  tech: techView,
  portfolio: portfolioView,
  trace: traceView,
};

/**
 * Builds the model of one view for one unit (`options.unit`, else
 * {@link defaultRoadmapUnit}). Broken links, missing periods and cycles
 * degrade gracefully; only an unknown unit or view, or a cascade without
 * units, throws a {@link RoadmapError}.
 */
export function buildRoadmap(index: CascadeIndex, options: RoadmapOptions): RoadmapModel {
  // Sorted only for an error: a roadmap built for each of many units must not sort them all each time.
  const knownUnits = () => [...index.units.keys()].sort(compareRefs);
  if (!ROADMAP_VIEWS.includes(options.view)) {
    throw new RoadmapError(`Unknown view "${String(options.view)}"; the views are ${ROADMAP_VIEWS.join(', ')}`, knownUnits());
  }
  const unitId = options.unit ?? defaultRoadmapUnit(index);
  if (unitId === undefined) throw new RoadmapError('The cascade has no units: no file declares `unit:`', knownUnits());
  const unit = index.units.get(unitId);
  if (!unit) {
    const known = knownUnits();
    const near = closest(unitId, known, false);
    const hint = near.length ? ` Did you mean ${near.map((u) => `"${u}"`).join(' or ')}?` : '';
    throw new RoadmapError(`Unknown unit "${unitId}".${hint} Known units: ${known.join(', ') || '(none)'}`, known);
  }
  const todayQuarter = dayQuarter(options.asOf);
  const ownPeriod = unit.primary.period?.value;
  const ctx: ViewContext = {
    index,
    todayQuarter,
    path: options.path ?? ((f) => f),
    paces: new KrPaces(index, options.asOf, options.pace),
    unit,
    period: columnPeriod(ownPeriod, todayQuarter),
  };
  const body = VIEWS[options.view](ctx);
  return compact<RoadmapModel>({
    unit: unit.id,
    title: unitTitle(unit),
    level: levelOf(unit),
    view: options.view,
    asOf: formatDay(options.asOf),
    period: ownPeriod?.text,
    columns: body.columns,
    lanes: body.lanes,
    unlinked: body.unlinked,
    sections: body.sections,
    trace: body.trace,
    gaps: body.gaps,
    units: options.unitList ?? roadmapUnitList(index),
  });
}

/** Every unit of the cascade, by id: the `units` list of a roadmap model (for the preview's unit picker). */
export function roadmapUnitList(index: CascadeIndex): NonNullable<RoadmapModel['units']> {
  return [...index.units.values()]
    .sort((a, b) => compareRefs(a.id, b.id))
    .map((u) => compact({ id: u.id, title: unitTitle(u), level: levelOf(u) }));
}

/** The unit whose roadmap a file should show: a product for a product file; for a team file, the nearest ancestor whose level is `product` (else its parent); for a company, itself. */
export function roadmapUnitFor(index: CascadeIndex, file: string): string | undefined {
  const unit = [...index.units.values()].find((u) => u.files.some((f) => f.file === file));
  return unit && roadmapUnitOf(index, unit);
}

/** {@link roadmapUnitFor} for a unit in hand: a product or company is its own roadmap, else the first product above it, else its parent, else itself. */
export function roadmapUnitOf(index: CascadeIndex, unit: UnitInfo): string {
  const level = levelOf(unit);
  if (level === 'product' || level === 'company') return unit.id;
  const seen = new Set([unit.id]);
  for (let u = index.parentOf(unit.id); u && !seen.has(u.id); u = index.parentOf(u.id)) {
    if (levelOf(u) === 'product') return u.id;
    seen.add(u.id);
  }
  return index.parentOf(unit.id)?.id ?? unit.id;
}

/** When options.unit is absent: the default unit: the first unit with level `product` (by id), else the top unit. */
export function defaultRoadmapUnit(index: CascadeIndex): string | undefined {
  const units = [...index.units.values()].sort((a, b) => compareRefs(a.id, b.id));
  return (units.find((u) => levelOf(u) === 'product') ?? units.find((u) => !index.parentOf(u.id)) ?? units[0])?.id;
}

const unitTitle = (u: UnitInfo): string => u.primary.name?.value ?? u.id;
const levelOf = (u: UnitInfo): string | undefined => u.primary.level?.value;
