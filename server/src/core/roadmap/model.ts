/**
 * The roadmap model: the JSON that `okr roadmap --format json` prints, that the
 * `okr/roadmap` request answers and that the preview draws. Plain data only.
 * Shape fixed by DESIGN.md ("okr roadmap --format json").
 */

import type { KrStatus } from '../history/pace';

export type RoadmapView = 'themes' | 'quarters' | 'horizons' | 'tech' | 'portfolio' | 'trace';
export const ROADMAP_VIEWS: readonly RoadmapView[] = ['themes', 'quarters', 'horizons', 'tech', 'portfolio', 'trace'];

export interface SourceLocation {
  /** Path relative to the cascade root / cwd (CLI) or a URI (language server). */
  file: string;
  /** 0-based line of the entity's id key. */
  line: number;
  /** 0-based character of the entity's id key. */
  character?: number;
}

export interface RoadmapColumn {
  /** `2026-Q3`, `later`, `now`, `next`. */
  id: string;
  /** `Q3 2026`, `Later`, `Now`, `Next`. */
  title: string;
  /** True for the column that holds today (the `--as-of` date). */
  current?: boolean;
}

export interface Outcome {
  /** `unit/KR` */
  ref: string;
  title: string;
  baseline?: number;
  current?: number;
  target?: number;
  /** The metric's unit label (`%`, `ms`), from the KR's `unit:`. */
  unit?: string;
  /** 0..1 (clamped); absent when it cannot be computed. */
  progress?: number;
  /** True when `current` was computed by the KR's roll-up (`rollup:`), not written. */
  computed?: boolean;
  /** Pace status as of the model's date: on-track | at-risk | off-track | done | unknown. */
  status?: KrStatus;
  /** The value expected as of the model's date on a linear path from baseline to target over the KR's period. */
  expected?: number;
  /** How many items and child KRs support this KR (after filtering nothing). */
  supportedBy: number;
  owner?: string;
  location: SourceLocation;
}

export type CardKind = 'item' | 'kr';

export interface Card {
  /** `unit/ID` */
  ref: string;
  kind: CardKind;
  title: string;
  /** A column id of the model. */
  column: string;
  /** The refs (`unit/ID`) this card serves, as written and resolved. */
  supports: string[];
  /** Titles of the supported KRs, same order as `supports` (for display). */
  supportsTitles?: string[];
  /**
   * The KRs of the roadmap's unit (`unit/KR`) that this card's `supports` chain
   * reaches within its lane: the lane outcomes it serves. Absent in the unlinked lane.
   */
  serves?: string[];
  /** References in `supports` that name no KR (broken, unknown unit or the wrong kind), as written. */
  unresolved?: string[];
  confidence?: 'high' | 'medium' | 'low';
  status?: 'idea' | 'planned' | 'active' | 'done' | 'dropped';
  type?: string;
  hypothesis?: string;
  /** The unit that owns the card. */
  unit: string;
  owner?: string;
  horizon?: string;
  due?: string;
  /** For `kr` cards: progress 0..1 when computable. */
  progress?: number;
  dependsOn?: string[];
  location: SourceLocation;
}

export interface Lane {
  /** `unit/OBJECTIVE` */
  id: string;
  title: string;
  owner?: string;
  outcomes: Outcome[];
  cards: Card[];
  location?: SourceLocation;
}

/** A node of the `trace` view: company KR → product KR → team KR → items. */
export interface TraceNode {
  ref: string;
  kind: 'kr' | 'item';
  title: string;
  unit: string;
  progress?: number;
  status?: string;
  /** True where the tree has a gap: a KR with nothing under it. */
  gap?: boolean;
  children: TraceNode[];
  location: SourceLocation;
}

/** One product inside the `portfolio` view of a company. */
export interface PortfolioSection {
  unit: string;
  title: string;
  lanes: Lane[];
  unlinked: Card[];
}

export interface RoadmapModel {
  unit: string;
  /** Display name of the unit. */
  title?: string;
  view: RoadmapView;
  /** `YYYY-MM-DD` used as today. */
  asOf?: string;
  period?: string;
  columns: RoadmapColumn[];
  lanes: Lane[];
  /** Cards whose chain reaches no objective of `unit`. Always present. */
  unlinked: Card[];
  /** Only in the `portfolio` view. */
  sections?: PortfolioSection[];
  /** Only in the `trace` view. */
  trace?: TraceNode[];
  /** Units that can be chosen (for the preview's unit picker). */
  units?: { id: string; title: string; level?: string }[];
}
