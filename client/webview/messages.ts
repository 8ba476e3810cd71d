/**
 * The message protocol between the extension (the preview panel) and the
 * roadmap webview. Both sides import these types; each side validates what it
 * receives with the guards of guards.ts (re-exported here), since
 * `postMessage` carries untyped data.
 *
 * Order: the webview posts `ready` once its listener is installed; the
 * extension answers with `config` (optional) and the first `model`. Every
 * `model` carries a version that only grows; the webview drops any older one
 * and answers each model it draws with `rendered`.
 * A `snapshot` request is answered by one `snapshot` result with the same id.
 */
import type { RoadmapModel, RoadmapView, SourceLocation } from '../../server/src/core/roadmap/model';
import type { CompareMessage } from './compare';
import type { ModelDelta } from './delta';
import type { ReviewDocument } from '../../server/src/core/review/types';
import type { ProbeReport } from './probe';
import type { GitOutcomes } from './sparkline';

export * from './guards';

export type { ProbeReport, RoadmapModel, RoadmapView, SourceLocation };

// ---------------------------------------------------------------- extension → webview

/** A freshly computed roadmap. `version` grows with every edit; older ones are stale. */
export interface ModelMessage {
  type: 'model';
  version: number;
  model: RoadmapModel;
  /** The document the roadmap was computed from (shown as a hint only). */
  sourceUri?: string;
}

/**
 * A new model given as its changes from the model of version `base` (the one
 * the webview drew last; delta.ts). A webview that holds another version
 * answers `resync` and gets the whole model.
 */
export interface DeltaMessage {
  type: 'delta';
  version: number;
  base: number;
  delta: ModelDelta;
  sourceUri?: string;
}

/** The source cannot be turned into a roadmap right now: keep the last good one, show a banner. */
export interface ErrorMessage {
  type: 'error';
  message: string;
}

/** Highlight the card / outcome / trace node with this ref and scroll it into view; `null` clears. */
export interface HighlightMessage {
  type: 'highlight';
  ref: string | null;
}

/** Host capabilities; every field optional, absent = default. */
export interface ConfigMessage {
  type: 'config';
  /** True when the source cannot be edited: cards are not draggable. Default false. */
  readOnly?: boolean;
  /** Export formats the extension offers (`html`, `md`, `csv`, `svg`, `png`, …); the Export menu lists them. */
  exportFormats?: string[];
  /** The panel stays on its file (does not follow the active editor); saved with the state. */
  locked?: boolean;
  /** The audiences of okr.config.yaml with their views (the audience picker), and the one the roadmap is redacted for (absent: everyone). */
  audiences?: { name: string; views: RoadmapView[] }[];
  audience?: string;
}

/** Image formats of a snapshot. */
export type SnapshotFormat = 'svg' | 'png';

/** Draw what the preview shows as an image; answered by a `SnapshotMessage` with the same id. */
export interface SnapshotRequestMessage {
  type: 'snapshot';
  id: number;
  format: SnapshotFormat;
}

/** Describe what is on screen (probe.ts); answered by a `ProbeMessage` with the same id. For tests and diagnosis. */
export interface ProbeRequestMessage {
  type: 'probe';
  id: number;
}

export type { CompareMessage };

/** The Review view's document (`okr/review`'s answer); `doc: null` with `error`: it cannot be built. */
export interface ReviewMessage {
  type: 'review';
  doc: ReviewDocument | null;
  error?: string;
}

/** The git history of the KRs (`okr/history`'s answer), sent once the board is drawn: the outcomes' sparklines add its points. */
export interface HistoryMessage extends GitOutcomes {
  type: 'history';
}

export type HostMessage = ModelMessage | DeltaMessage | ErrorMessage | HighlightMessage | ConfigMessage | SnapshotRequestMessage | ProbeRequestMessage | CompareMessage | ReviewMessage | HistoryMessage;

// ---------------------------------------------------------------- webview → extension

/**
 * Sent once, first, when the webview can receive messages. Carries the view and
 * unit it restored from its saved state, so the first model can match them.
 */
export interface ReadyMessage {
  type: 'ready';
  view?: RoadmapView;
  unit?: string;
  /** The portfolio sections (unit ids) it restored open: the first model brings their cards (`okr/roadmap`'s `open`). */
  open?: string[];
}

/**
 * The portfolio sections (unit ids) now open, sent when that changes. A large
 * portfolio comes with the other sections elided (core/roadmap/elide.ts); the
 * host asks for the model again with these open and posts it.
 */
export interface SectionsMessage {
  type: 'sections';
  open: string[];
}

/** A card (or outcome / trace node) was activated: open its source. */
export interface RevealMessage {
  type: 'reveal';
  ref: string;
  location: SourceLocation;
}

/** An item card was dropped on another column: set its `horizon` to that column id. */
export interface MoveMessage {
  type: 'move';
  ref: string;
  /** A column id of the model the card was dragged in (`2026-Q3`, `later`, `now`, …). */
  column: string;
}

/** The user picked a view; the extension recomputes the model for it. */
export interface SetViewMessage {
  type: 'setView';
  view: RoadmapView;
}

/** The user picked the unit whose roadmap to draw. */
export interface SetUnitMessage {
  type: 'setUnit';
  unit: string;
}

/** The user picked an audience in the toolbar (null: everyone). */
export interface SetAudienceMessage {
  type: 'setAudience';
  audience: string | null;
}

/** The user asked to export the current roadmap in this format. */
export interface ExportMessage {
  type: 'export';
  format: string;
}

/**
 * The answer to a snapshot request: `data` is a self-contained SVG document for
 * `svg`, a `data:image/png;base64,…` URL for `png`; or `error` says why there is none.
 */
export interface SnapshotMessage {
  type: 'snapshot';
  id: number;
  format: SnapshotFormat;
  data?: string;
  error?: string;
}

/**
 * The model of this version is drawn (patched into the page). The extension
 * posts the next model only after this (or a timeout), so models never queue
 * up in a busy webview.
 */
export interface RenderedMessage {
  type: 'rendered';
  version: number;
  /** Milliseconds the webview spent drawing it (patching the page), and from then to the frame that paints it. */
  drawMs?: number;
  frameMs?: number;
  /** `Date.now()` in the webview at that frame (the machine's clock: comparable with the extension host's). */
  at?: number;
}

/** A delta did not fit the model the webview holds: send the whole model. */
export interface ResyncMessage {
  type: 'resync';
}

/** The user asked for the Review view (the host answers with a `review` message), or left it. */
export interface AskReviewMessage {
  type: 'askReview';
}
export interface EndReviewMessage {
  type: 'endReview';
}

/** The user left compare mode (the ✕ beside the compare toggle). */
export interface EndCompareMessage {
  type: 'endCompare';
}

/** The answer to a probe request. */
export interface ProbeMessage {
  type: 'probe';
  id: number;
  report: ProbeReport;
}

export type WebviewMessage =
  | ReadyMessage
  | RenderedMessage
  | ResyncMessage
  | ProbeMessage
  | RevealMessage
  | MoveMessage
  | SetViewMessage
  | SetUnitMessage
  | SetAudienceMessage
  | ExportMessage
  | SnapshotMessage
  | EndCompareMessage
  | AskReviewMessage
  | EndReviewMessage
  | SectionsMessage;
