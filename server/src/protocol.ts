/**
 * The custom messages of the OKR Cascade language server, defined once. The
 * client imports only this file (types and method names; no runtime import
 * of the server). Standard LSP covers everything else.
 */
import type { Position, TextEdit } from 'vscode-languageserver';
import type { ChangeSet } from './core/compare/types';
import type { WhatIfEdit } from './core/compare/what-if';
import type { ReviewDocument } from './core/review/types';
import type { RoadmapModel, RoadmapView } from './core/roadmap/model';
import type { HistoryPoint, ItemState } from './core/history/series';

export type { Card, RoadmapModel, RoadmapView, SourceLocation, TraceNode } from './core/roadmap/model';
export { ROADMAP_VIEWS } from './core/roadmap/model';
export type { Change, ChangeSet, PlanLocation, PlanFinding } from './core/compare/types';
export type { WhatIfEdit } from './core/compare/what-if';

/**
 * `okr/roadmap` (request, client → server): the roadmap model the preview
 * draws, the same JSON `okr roadmap --format json` prints, computed from the
 * live cascade (unsaved editor text included).
 *
 * Which unit: `unit` when given. Otherwise from the file at `uri`: a product
 * or company file shows its own unit; a team file (any other level) shows the
 * product above it (the nearest ancestor with `level: product`, else its
 * parent), so the preview of a team file shows the roadmap that team feeds.
 * A file that declares no unit falls back to the cascade's default unit (the
 * first product by id, else the top unit).
 * "Today" (now/next columns, the current quarter): `asOf`, else the `okr.asOf`
 * setting, else the server's clock.
 * Locations in the model (`location.file`) are document URIs.
 * Errors: a ResponseError (code RequestFailed) with a message fit for the
 * user, e.g. an unknown unit or an empty cascade.
 */
export const RoadmapRequestMethod = 'okr/roadmap';

export interface RoadmapParams {
  /** The document the preview follows. */
  uri: string;
  view: RoadmapView;
  /** A unit id chosen in the preview, overriding the one derived from `uri`. */
  unit?: string;
  /** `YYYY-MM-DD`: "today" for this model. */
  asOf?: string;
  /**
   * An audience of okr.config.yaml: the model is then the one redacted for it
   * (as `okr roadmap --audience NAME --format json`). A view it may not see, or
   * a unit it does not see, is a RequestFailed error; without `view` its first view.
   */
  audience?: string;
  /**
   * The portfolio sections (unit ids) the preview has open. When given, a large
   * portfolio (more than 400 cards) comes with every other section elided: no
   * cards in its lanes, a `tally` of what counts and filters read of them (a
   * number per card), the section marked `elided` (core/roadmap/elide.ts,
   * SectionTally); an open section has its cards whole. Absent: the
   * whole model, as `okr roadmap --format json`.
   */
  open?: string[];
}

export type RoadmapResult = RoadmapModel;

/** `okr/audiences` (request, client → server): the audiences of okr.config.yaml, for a picker. */
export const AudiencesRequestMethod = 'okr/audiences';

export interface AudiencesResult {
  audiences: { name: string; views: RoadmapView[]; dates: boolean; hidePrivate: boolean }[];
}

/**
 * `okr/setHorizon` (request, client → server): the edit that moves a roadmap
 * item to another column of the preview, i.e. sets its `horizon` to a column
 * id of the model (`now`, `next`, `later` or a quarter `YYYY-Qn`).
 *
 * The edits touch only the item's `horizon` value (quotes and comments kept)
 * or add one `horizon:` entry to its map; they are relative to the document
 * text of `version`. Apply them as one WorkspaceEdit (one undo step), and
 * only if the document still has that version; `version` is null when the
 * server read the file from disk (not open in the client). Setting the
 * horizon an item already has answers no edits.
 * Refusals (not a horizon, no such item in the file, a file that does not
 * parse, an item written as a scalar) are answered `{ error }`, a message fit
 * for the user.
 */
export const SetHorizonRequestMethod = 'okr/setHorizon';

export interface SetHorizonParams {
  /** The document that declares the item (the card's `location.file`). */
  uri: string;
  /** The item, `unit/ID` as in the roadmap model. */
  ref: string;
  /** The column it was dropped on. */
  horizon: string;
}

export type SetHorizonResult = { uri: string; version: number | null; edits: TextEdit[] } | { error: string };

/**
 * `okr/entityAt` (request, client → server): the entity whose entry holds a
 * position, as the `unit/ID` ref the roadmap model uses (to highlight its
 * card): the innermost KR or roadmap item, else the objective when the
 * position is on the objective's own lines; null elsewhere (blank lines
 * between entries, `unit:`, `roadmap:` …) and for files outside the cascade.
 */
export const EntityAtRequestMethod = 'okr/entityAt';

export interface EntityAtParams {
  uri: string;
  position: Position;
}

export interface EntityAtResult {
  ref: string | null;
}

/**
 * `okr/compare` (request, client → server): the plan change set (the JSON of
 * `okr diff --format json`, DESIGN.md "Comparing two plans") and the roadmap
 * model of both sides, for the preview's compare mode. Exactly one of:
 *
 *   - `rev`: a git revision (`HEAD`, a branch, a tag, a commit) of the
 *     repository holding `uri`, against the live workspace (unsaved text
 *     included). Cascade files of the workspace folders are read from that
 *     revision; files outside the repository count as unchanged.
 *   - `whatIf`: hypothetical edits to the live workspace, in order (`cut`
 *     deletes an entity's entry, or a unit's file; `drop` sets an item's
 *     `status: dropped`; `move` sets its `horizon`), made in memory with the
 *     incremental engine and undone before the answer (nothing is edited).
 *
 * Which roadmap: `unit`, else the one `okr/roadmap` shows for `uri`; `view`
 * defaults to `quarters`. `changes.consequences.lanes` and `.cards` compare
 * that roadmap only. `base` / `head` are null where the unit does not exist
 * on that side. Locations are document URIs (a `rev` side's too: where the
 * file is in the working tree). "Today" for the columns: `asOf`, else
 * `okr.asOf`, else the clock; the findings are the workspace's (its `okr.asOf`).
 * Errors: a ResponseError (RequestFailed) with one line for the user: no git,
 * not a repository, an unknown revision (a shallow clone says so), an edit
 * that cannot be made (unknown ref, `drop` of a KR, a bad horizon).
 */
export const CompareRequestMethod = 'okr/compare';

export interface CompareParams {
  /** The document the preview follows (for the unit, and the repository for `rev`). */
  uri: string;
  rev?: string;
  whatIf?: WhatIfEdit[];
  view?: RoadmapView;
  unit?: string;
  /** `YYYY-MM-DD`. */
  asOf?: string;
}

export interface CompareResult {
  changes: ChangeSet;
  base: RoadmapModel | null;
  head: RoadmapModel | null;
}

/**
 * The client command the "What if …?" code actions run: `okr.compare` with
 * one argument, a {@link CompareParams} with `uri` and `whatIf` (e.g.
 * `{ uri, whatIf: [{ op: 'cut', ref: 'checkout/KR1' }] }`). The client opens
 * the preview in compare mode and sends it as `okr/compare`. The command
 * palette's "OKR: Compare Roadmap with…" sends `{ uri, rev }` the same way.
 */
export const CompareCommand = 'okr.compare';

/** The code-action kind of the "What if …?" actions. */
export const WHAT_IF_KIND = 'refactor.whatIf';

/**
 * `okr/history` (request, client → server): every KR's values over time and
 * every item's horizon, status and confidence over time, for sparklines and
 * the Review view. From the commits of the git repository holding `uri` that
 * changed a cascade file (newest `depth`, default 500; renamed KRs and moved
 * files keep their history), merged with each KR's hand `checkins:` and kept
 * within its period. Keys are refs (`unit/KR1`, `unit/item-id`) as the live
 * workspace names them; only entities with at least one point are listed.
 * `unit`: that unit and the units below it only. Without git (or outside a
 * repository) `git` is false and the KRs have their check-ins only. Git runs
 * in the background: other requests (the roadmap) never wait on it; ask after
 * the board is drawn. A repeated request for the same HEAD is answered from
 * memory. Errors: a ResponseError (RequestFailed) with one line (git failed).
 */
export const HistoryRequestMethod = 'okr/history';

export interface HistoryParams {
  uri: string;
  unit?: string;
  depth?: number;
}

export interface HistoryResult {
  /** True when the history came from git. */
  git: boolean;
  /** The commit the history ends at. */
  head?: string;
  /** True when `depth` cut older commits off. */
  truncated: boolean;
  /** KR ref → points, oldest first: `{ date: "YYYY-MM-DD", value, source: "git" | "checkin", commit?, author?, note?, computed? }`. */
  krs: Record<string, HistoryPoint[]>;
  /** Item ref → states, oldest first: `{ date, commit, author, horizon?, status?, confidence? }` at each commit that changed one. */
  items: Record<string, ItemState[]>;
  /** KR ref (of `krs`) → the first and last day (`YYYY-MM-DD`) of the period it is judged over, for the pace line. */
  periods?: Record<string, { first: string; last: string }>;
}

/**
 * `okr/review` (request, client → server): the review document of a unit
 * (the JSON of `okr review --format json`, DESIGN.md "The review") from the
 * live cascade, for the preview's Review view. Which unit: `unit`, else the
 * one `okr/roadmap` shows for `uri`. `since` (`YYYY-MM-DD`) defaults to the
 * unit's `reviewed:` date; "today" is `asOf`, else `okr.asOf`, else the clock.
 * KR history holds the hand check-ins, and with `history: true` the git
 * history too (see below: the preview asks without it first, so it never
 * waits on git). Errors: a ResponseError (RequestFailed) with one line
 * for the user (an unknown unit, an empty cascade, a bad date).
 */
export const ReviewRequestMethod = 'okr/review';

export interface ReviewParams {
  uri: string;
  unit?: string;
  asOf?: string;
  since?: string;
  /**
   * True: each KR's history includes the git history of the repository
   * holding `uri` (as `okr/history` reads it), so its sparkline and its
   * change since the last review count the commits too; without git, the
   * check-ins only. False or absent: check-ins only, answered without
   * waiting on git (the preview asks that first, then with `history`).
   */
  history?: boolean;
}

export type ReviewResult = ReviewDocument;

/**
 * `okr/markReviewed` (request, client → server): the edit behind **OKR: Mark
 * Reviewed**: the unit's `reviewed:` set to `date`, else the `okr.asOf`
 * setting, else the server's today. The edit replaces the value on its exact
 * span (quotes and comments kept) or adds one `reviewed:` line after
 * `period:`; it is relative to the document text of `version` (null when the
 * server read the file from disk). Apply it as one WorkspaceEdit, only if the
 * document still has that version. The date it already has answers no edits.
 * Refusals (a file outside the cascade, one that does not parse, a bad date)
 * are answered `{ error }`, a message fit for the user.
 */
export const MarkReviewedRequestMethod = 'okr/markReviewed';

export interface MarkReviewedParams {
  uri: string;
  /** `YYYY-MM-DD`; default: `okr.asOf`, else today. */
  date?: string;
}

export type MarkReviewedResult = { uri: string; version: number | null; date: string; edits: TextEdit[] } | { error: string };

/**
 * `okr/status` (notification, server → client): totals over the whole
 * cascade for a status bar item, sent after every change that re-publishes
 * diagnostics (and once after the workspace is indexed).
 */
export const StatusNotificationMethod = 'okr/status';

export interface StatusParams {
  /** Cascade files checked. */
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** Traceability: share of roadmap items linked to a KR, and of KRs supported from below (percent, null when nothing to count). */
  coverage: { items: number | null; krs: number | null };
}

/**
 * Options the client may pass in `initializationOptions`.
 */
export interface InitializationOptions {
  /**
   * A client command that shows a list of locations, called by CodeLens
   * clicks with arguments `(uri: string, position: Position, locations:
   * Location[])` — in VS Code, a command that converts them and runs
   * `editor.action.showReferences`. Without it, lenses are labels only.
   */
  showReferencesCommand?: string;
  /**
   * A folder where the server keeps a cache of parsed files (the VS Code
   * extension passes its workspace storage folder), so a restart does not
   * parse every file again. Absent: no cache. Safe to delete at any time.
   */
  cacheDir?: string;
}

/**
 * Settings read through `workspace/configuration` (section `okr`), and
 * re-read on `workspace/didChangeConfiguration`.
 *
 * Severities: the rule defaults, overridden by `okr.rules`, overridden by
 * `okr.config.yaml` at the workspace root for the codes it sets: that file is
 * what `okr check` reads in CI, so the editor shows what CI will report.
 */
export interface OkrSettings {
  /** `okr.rules.<code>`: `error | warning | info | hint | off`. */
  rules?: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>;
  /** `okr.asOf`: `YYYY-MM-DD` used as today (empty: the clock). */
  asOf?: string;
  /** `okr.trace.server`: handled by the client (`off | messages | verbose`). */
  trace?: { server?: string };
}

/** The `source` of every diagnostic this server publishes. */
export const DIAGNOSTIC_SOURCE = 'okr';
