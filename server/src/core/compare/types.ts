/**
 * The plan change set: what `okr diff` and `okr what-if` print, what the
 * `okr/compare` request answers. Plain data, stable JSON; the shape is fixed
 * by DESIGN.md ("Comparing two plans") and documented in docs/format.md.
 * Fields may be added, never renamed.
 */
import type { Coverage } from '../coverage';
import type { Severity } from '../model';
import type { LineChar } from '../text';

export type ChangeKind = 'added' | 'removed' | 'renamed' | 'moved' | 'changed';
export type ChangeEntity = 'unit' | 'objective' | 'kr' | 'item';

/** A place in one side's files: the file as shown (relative path or URI), 0-based line and character. */
export interface PlanLocation {
  file: string;
  line: number;
  character: number;
}

/** One field that differs: its YAML value on each side, `null` where absent. */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

/** What happened to a roadmap item (the `okr review` vocabulary). */
export type ItemEvent = 'slipped' | 'pulled-in' | 'done' | 'dropped' | 'revived' | 'validated' | 'invalidated' | 'confidence-up' | 'confidence-down';

export interface Change {
  kind: ChangeKind;
  entity: ChangeEntity;
  /** `unit/ID` (a unit: its id) on the newer side; for `removed`, on the older side. */
  ref: string;
  /** `renamed` / `moved`: the ref on the older side, when it differs. */
  from?: string;
  /** The title (a unit: its name) on the newer side, else the older one. */
  title?: string;
  /** Where it is on the newer side (absent for `removed`). */
  location?: PlanLocation;
  /** Where it was on the older side (absent for `added`). */
  before?: PlanLocation;
  /** Every field that differs, named as in the YAML. `objective` on a KR: the objective it sits under. */
  fields?: Record<string, FieldChange>;
  /** Items: true when the horizon moved later in time, false when earlier; absent when neither. */
  slipped?: boolean;
  events?: ItemEvent[];
  /** KRs: progress 0..1 on each side (`null` when it cannot be computed), when it changed. */
  progress?: { before: number | null; after: number | null };
}

/** A finding as `okr check --format json` prints it, located in the side it belongs to. */
export interface PlanFinding {
  file: string;
  range: { start: LineChar; end: LineChar };
  severity: Severity;
  code: string;
  message: string;
}

export interface Side {
  /** A short commit id, `working tree`, `index`, `what-if`, or absent for a folder. */
  rev?: string;
  /** A folder compared without git. */
  path?: string;
  /** What-if: the hypothetical edits, as given (`cut checkout/KR1`). */
  edits?: string[];
}

/** A ref with where it sits, for the lists of consequences. */
export interface RefAt {
  ref: string;
  title?: string;
  location?: PlanLocation;
}

export interface DependencyLater {
  /** The item that depends, and what it depends on: both `unit/ID`. */
  ref: string;
  on: string;
  horizon: string;
  dependencyHorizon: string;
  location?: PlanLocation;
}

export interface LaneChange {
  /** The roadmap's unit. */
  unit: string;
  /** The lane id, `unit/OBJECTIVE`. */
  lane: string;
  title: string;
  change: 'created' | 'removed' | 'emptied' | 'filled';
  cards: { before: number; after: number };
}

export interface LoadChange {
  unit: string;
  capacity: { before: number | null; after: number | null };
  /** Items in `now` that are neither done nor dropped. */
  now: { before: number; after: number };
  overloaded: { before: boolean; after: boolean };
}

export interface CardPlace {
  lane: string;
  column: string;
}

export interface CardMove {
  /** The roadmap's unit. */
  unit: string;
  ref: string;
  from?: string;
  kind: 'item' | 'kr';
  title: string;
  /** Where the card was / is (`null`: not on this roadmap on that side). Unlinked cards have lane `unlinked`. */
  before: CardPlace[] | null;
  after: CardPlace[] | null;
}

export interface Consequences {
  /** Items that supported a KR and no longer do. */
  untraceable: RefAt[];
  /** Items that supported no KR and now do. */
  traced: RefAt[];
  /** KRs that something supported and nothing does now. */
  unsupported: RefAt[];
  /** KRs that nothing supported and something does now. */
  supported: RefAt[];
  /** Dependencies that now point at an item planned later. */
  dependsLater: DependencyLater[];
  /** …and those that no longer do. */
  dependsLaterResolved: DependencyLater[];
  lanes: LaneChange[];
  load: LoadChange[];
  cards: CardMove[];
  /** The units whose roadmaps (quarters view) were compared for `lanes` and `cards`. */
  roadmaps: string[];
}

export interface ChangeSummary {
  added: number;
  removed: number;
  renamed: number;
  moved: number;
  changed: number;
  introduced: number;
  resolved: number;
  /** Of the findings introduced: errors, warnings. */
  introducedErrors: number;
  introducedWarnings: number;
  /** True when a share of coverage (the totals or a level's) is lower after. */
  coverageDropped: boolean;
}

export interface ChangeSet {
  base: Side;
  head: Side;
  asOf: string;
  changes: Change[];
  findings: { introduced: PlanFinding[]; resolved: PlanFinding[] };
  coverage: { before: Coverage; after: Coverage };
  consequences: Consequences;
  summary: ChangeSummary;
}
