/**
 * The custom messages of the OKR Cascade language server, defined once. The
 * client imports only this file (types and method names; no runtime import
 * of the server). Standard LSP covers everything else.
 */
import type { Position, TextEdit } from 'vscode-languageserver';
import type { RoadmapModel, RoadmapView } from './core/roadmap/model';

export type { Card, RoadmapModel, RoadmapView, SourceLocation, TraceNode } from './core/roadmap/model';
export { ROADMAP_VIEWS } from './core/roadmap/model';

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
}

export type RoadmapResult = RoadmapModel;

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
