/**
 * The review document: what `okr review --format json` prints (DESIGN.md
 * "The review"). Plain data; fields may be added, never renamed.
 */
import type { KrStatus } from '../history/pace';
import type { HistoryPoint } from '../history/series';
import type { Rollup } from '../model';
import type { SourceLocation } from '../roadmap/model';

/** What happened to a roadmap item since the last review. */
export type ReviewEvent = 'added' | 'removed' | 'slipped' | 'pulled-in' | 'done' | 'dropped' | 'revived' | 'invalidated' | 'validated' | 'past-due';
export const REVIEW_EVENTS: readonly ReviewEvent[] = ['added', 'removed', 'slipped', 'pulled-in', 'done', 'dropped', 'revived', 'invalidated', 'validated', 'past-due'];

export interface ReviewKr {
  /** `unit/KR` */
  ref: string;
  title: string;
  /** The objective it sits under (`unit/O1`) and its title. */
  objective: string;
  objectiveTitle: string;
  /** The metric's unit label (`%`, `bn USD`), as in the roadmap model's outcomes. */
  unit?: string;
  baseline?: number;
  target?: number;
  /** As written, or computed by the KR's roll-up (`computed: true`). */
  current?: number;
  computed: boolean;
  progress?: number;
  elapsed?: number;
  expected?: number;
  status: KrStatus;
  /** The period it is judged over (its unit's or the nearest ancestor's). */
  period?: string;
  /** Values over its period, oldest first: git commits (`source: "git"`) and hand check-ins (`source: "checkin"`). */
  history: HistoryPoint[];
  /** The value at `since` (the cascade then, else the history) and now; absent when either is unknown. */
  change?: { from: number; to: number };
  /** Roll-up KRs: whether the plans below add up (DESIGN.md "Roll-up"). */
  rollup?: { kind: Rollup; planned?: number; needed?: number; shortfall?: number; overPromised?: boolean };
  /** Roadmap items whose `supports` chain reaches this KR and that are still live (not done, dropped or invalidated). */
  liveBets: string[];
  /** Every roadmap item whose chain reaches it. */
  bets: string[];
  /** True when it has bets and every one was invalidated (`result: invalidated`) or dropped. */
  betsFailed?: boolean;
  location: SourceLocation;
}

export interface ReviewItem {
  /** `unit/ID` */
  ref: string;
  title: string;
  status?: string;
  horizon?: string;
  confidence?: string;
  result?: string;
  evidence?: string;
  due?: string;
  /** The reviewed unit's KRs its chain reaches. */
  krs: string[];
  events: ReviewEvent[];
  /** The values at `since`, for the fields that changed (horizon, status, confidence, result). */
  before?: { horizon?: string; status?: string; confidence?: string; result?: string };
  /** Absent for a removed item. */
  location?: SourceLocation;
}

export interface ReviewDocument {
  unit: string;
  title?: string;
  /** `YYYY-MM-DD` */
  asOf: string;
  /** The last review (`reviewed:`) or `--since`; absent when neither is known. */
  since?: string;
  /** Where `since` came from: the unit's `reviewed:` date, a date or a revision given. */
  sinceFrom?: 'reviewed' | 'date' | 'revision';
  period?: string;
  /** True when the cascade at `since` was compared with today's: item events beyond `past-due` and KR changes come from it. */
  compared: boolean;
  krs: ReviewKr[];
  items: ReviewItem[];
  /** What to decide at the meeting, most pressing first, in plain words. */
  decisions: string[];
}
