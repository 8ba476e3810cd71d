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

/** One value of a KR's history (DESIGN.md "The review": `history`). */
export interface OutcomePoint {
  /** `YYYY-MM-DD` */
  date: string;
  value: number;
  source: 'git' | 'checkin';
  note?: string;
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
  /** Its values over its period, oldest first (hand check-ins; git history when handed in), when there are any. */
  history?: OutcomePoint[];
  /** With `history`: the first and last day of the period it is judged over (`YYYY-MM-DD`), for the pace line. */
  periodDays?: { first: string; last: string };
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

/** What breaks the chain from the work up to a unit's key results (the `trace` view's gaps). */
export type TraceGapKind =
  /** A `supports` or `depends_on` reference that names nothing, an unknown unit or the wrong kind. */
  | 'broken-link'
  /** An item with no `supports` at all. */
  | 'untraceable-item'
  /** An item whose links resolve, but whose chain reaches no objective of the unit. */
  | 'unlinked-item'
  /** A KR of a unit that has a parent, supporting nothing. */
  | 'orphan-kr'
  /** A KR that no item and no KR below supports. */
  | 'unsupported-kr';

/**
 * One gap of the `trace` view: the findings of `okr check` that break
 * traceability (`broken-link`, `unknown-unit`, `link-wrong-kind`,
 * `untraceable-item`, `orphan-kr`, `kr-without-roadmap`) for the unit and every
 * unit below it, plus the items whose chain reaches none of its objectives.
 */
export interface TraceGap {
  kind: TraceGapKind;
  /** The `okr check` code that reports it; absent for `unlinked-item`, which no single rule reports. */
  code?: string;
  /** The KR or item (`unit/ID`). */
  ref: string;
  entity: 'kr' | 'item';
  title: string;
  unit: string;
  /** For `broken-link`: the reference as written, and the key it was written under. */
  link?: string;
  field?: 'supports' | 'depends_on';
  /** What is wrong, in plain words. */
  message: string;
  /** Where to fix it: the broken reference, else the entity's id key. */
  location: SourceLocation;
}

/** One product inside the `portfolio` view of a company. */
export interface PortfolioSection {
  unit: string;
  title: string;
  /** The unit's `level` (`product`, `team`, …), when it declares one. */
  level?: string;
  lanes: Lane[];
  unlinked: Card[];
  /**
   * Set when the section's cards were left out (core/roadmap/elide.ts: a large
   * portfolio as the preview first gets it): its lanes keep their outcomes with
   * no cards, and `tally` says what each card was, enough to count and filter.
   * Never set in `okr roadmap --format json`.
   */
  elided?: true;
  /** An elided section's cards, interned (see SectionTally). */
  tally?: SectionTally;
}

/**
 * The cards of an elided portfolio section, as its counts and filters read them:
 * the distinct `[kind, column, unit, confidence, status, type]` of its cards
 * (`''` for a field a card lacks), and per lane (in the order of `lanes`) and
 * for its unlinked cards, the index in `kinds` of each card, in order.
 */
export interface SectionTally {
  kinds: [kind: 'item' | 'kr', column: string, unit: string, confidence: string, status: string, type: string][];
  lanes: number[][];
  unlinked: number[];
}

export interface RoadmapModel {
  unit: string;
  /** Display name of the unit. */
  title?: string;
  /** The unit's `level` (`company`, `product`, `team`, …), when it declares one. */
  level?: string;
  view: RoadmapView;
  /**
   * Set on a model redacted for an audience (core/audience): ids are opaque
   * keys, hidden fields and file locations are absent (see DESIGN.md, "Audiences").
   */
  audience?: string;
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
  /** Only in the `trace` view: every gap of the unit and the units below it, by file and position. */
  gaps?: TraceGap[];
  /** Units that can be chosen (for the preview's unit picker). */
  units?: { id: string; title: string; level?: string }[];
}
