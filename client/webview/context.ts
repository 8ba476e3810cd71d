/** What every part of the renderer is handed. */
import type { RoadmapModel, RoadmapView } from '../../server/src/core/roadmap/model';
import type { ReviewDocument } from '../../server/src/core/review/types';
import type { AudienceChoice } from './audience-picker';
import type { Overlay } from './compare';
import type { ColumnPlan, Layout } from './fold';
import type { RenderMemo } from './memo';
import type { ViewState } from './state';

export interface RenderOptions {
  /** `vscode`: a host recomputes models and opens sources; `standalone`: an exported page. */
  mode: 'vscode' | 'standalone';
  /** Cards cannot be dragged (the host said the source is read-only). */
  readOnly?: boolean;
  /** Export formats the host offers. */
  exportFormats?: readonly string[];
  /** Banner: the source is broken and what is drawn is the last good roadmap. */
  error?: string;
  /** A view asked of the host and not yet received. */
  pendingView?: RoadmapView;
  /** Where the model came from (a hint in the header). */
  sourceUri?: string;
  /** Compare mode: the overlay of the model's view and unit (undefined while it is being computed), and whether it is shown or the plain board. */
  compare?: { label: string; overlay?: Overlay; showing: boolean; folded?: boolean };
  /** The Review view: its document once the host sent it (absent while it is asked), or why it cannot be built. */
  review?: { doc?: ReviewDocument; error?: string };
  /** The audiences of okr.config.yaml (the toolbar's picker; none: no picker) and the one shown (undefined: everyone). */
  audiences?: readonly AudienceChoice[];
  audience?: string;
}

export interface Ctx {
  model: RoadmapModel;
  state: ViewState;
  opts: RenderOptions;
  /** The view being drawn. */
  view: RoadmapView;
  /** Item cards may be dragged between columns. */
  draggable: boolean;
  /** A fresh DOM id (for aria-describedby and friends). */
  id(prefix: string): string;
  /** The width the page has and the widths the stylesheet gives lanes and columns. */
  layout: Layout;
  /** The board's columns and those folded into "Earlier" (every board of the page shares them). */
  plan: ColumnPlan;
  /** A large model: portfolio sections, Themes lists and deep trace branches start closed. */
  large: boolean;
  /** How many cards a cell (`lane|column`) or a list shows before its "Show more" button. */
  shown(key: string): number;
  /** Compare mode: what changed, drawn on the board (compare.ts). */
  compare?: Overlay;
  /** What the last draw built (memo.ts): parts whose inputs did not change are not built again. */
  memo?: RenderMemo;
}
