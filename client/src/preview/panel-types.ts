/** What a roadmap preview panel is given and what it promises (panel.ts): its host, its options, its constants. */
import type * as vscode from 'vscode';
import type { HostMessage, RoadmapView } from '../../webview/messages';
import type { Ctx } from '../ctx';
import type { RoadmapPanel } from './panel';

export type { PanelStats } from './sender';

export const PREVIEW_VIEW_TYPE = 'okr.preview';
/** Post the next model anyway when the webview has not said `rendered` this long after the previous one. */
export const RENDER_TIMEOUT_MS = 1000;
/** What the preview's Export menu offers (formats of export.ts). */
export const EXPORT_FORMATS = ['html', 'md', 'csv', 'mermaid', 'svg', 'png'];

export interface PanelHost {
  ctx: Ctx;
  onDidDispose(panel: RoadmapPanel): void;
  onDidRetarget(panel: RoadmapPanel, previous: vscode.Uri): void;
  exportFrom(panel: RoadmapPanel, format: string): Promise<unknown>;
}

export interface PanelOptions {
  view: RoadmapView;
  unit?: string;
  locked: boolean;
  /** The audience the roadmap is redacted for (restored from the webview's state). */
  audience?: string;
}

export type PostedMessage = HostMessage;
