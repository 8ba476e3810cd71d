/** Which view can be drawn from which model. */
import type { RoadmapModel, RoadmapView } from '../../server/src/core/roadmap/model';
import { ROADMAP_VIEWS } from '../../server/src/core/roadmap/model';

/** Views where item cards can be dragged to another column (that column becomes the `horizon`). */
export const MOVABLE_VIEWS: readonly RoadmapView[] = ['quarters', 'horizons'];

export const VIEW_TITLES: Record<RoadmapView, string> = {
  themes: 'Themes',
  quarters: 'Quarters',
  horizons: 'Horizons',
  tech: 'Technology',
  portfolio: 'Portfolio',
  trace: 'Trace',
};

export const VIEW_HINTS: Record<RoadmapView, string> = {
  themes: 'Objectives and their key results; cards counted (for executives)',
  quarters: 'Release plan: one column per quarter of the period',
  horizons: 'Now / Next / Later with falling confidence',
  tech: 'Technology items only',
  portfolio: 'One section per product of a company',
  trace: 'Company KR → product KR → team KR → items, with gaps marked',
};

/** Boards that hold every card of the unit (the tech board holds only `type: tech` items). */
const WHOLE_BOARDS: readonly RoadmapView[] = ['quarters', 'horizons'];

/**
 * True when `view` can be drawn from `model` without asking for a new one: the
 * model's own view, or `themes` (the same lanes, cards only counted) from a
 * board of every card.
 */
export function canDraw(model: RoadmapModel, view: RoadmapView): boolean {
  return view === model.view || (view === 'themes' && WHOLE_BOARDS.includes(model.view));
}

/** The view actually drawn: the requested one when possible, else the model's. */
export function effectiveView(model: RoadmapModel, requested: RoadmapView | undefined): RoadmapView {
  return requested && canDraw(model, requested) ? requested : model.view;
}

/** Views offered in the switcher: all of them with a host that recomputes, else only drawable ones. */
export function availableViews(model: RoadmapModel, hostCanRecompute: boolean): Set<RoadmapView> {
  return new Set(ROADMAP_VIEWS.filter((v) => hostCanRecompute || canDraw(model, v)));
}
