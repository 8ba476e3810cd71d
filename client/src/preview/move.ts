/**
 * A card dropped on another column of the preview: the item's `horizon` set to
 * that column by the server's minimal edit (one undo step), and the line it
 * wrote shown and briefly highlighted in its editor without taking the focus.
 */
import * as vscode from 'vscode';
import type { RoadmapModel } from '../../webview/messages';
import type { Ctx } from '../ctx';
import { flashLines, type Flash } from './flash';
import type { Located } from './model-index';
import { locationUri } from './reveal';
import { setHorizon } from './source';

/**
 * Moves the card `ref` (as the last model drawn, `model`, and its index entry
 * `found` know it) to `column`. True when the source was edited (its change
 * event redraws the preview); false when nothing was written: the caller
 * redraws from the source, which undoes the optimistic move.
 */
export async function moveCard(ctx: Ctx, model: RoadmapModel | undefined, found: Located | undefined, ref: string, column: string,
  viewColumn: vscode.ViewColumn | undefined, flashed: (f: Flash) => void): Promise<boolean> {
  if (!model || !found?.card) return false;
  if (found.card.kind !== 'item') {
    void vscode.window.showInformationMessage('A key result sits in the quarter of its unit\'s period; only roadmap items can be moved.');
    return false;
  }
  if (!model.columns.some((c) => c.id === column)) return false;
  const doc = await vscode.workspace.openTextDocument(locationUri(found.location.file));
  const id = ref.slice(ref.lastIndexOf('/') + 1);
  const r = await setHorizon(ctx, doc, ref, column);
  if (r === 'unchanged') return false;
  if ('error' in r) {
    void vscode.window.showWarningMessage(`Cannot move \`${id}\`: ${r.error}`);
    return false;
  }
  await flashLines(doc, r.applied, viewColumn, flashed);
  return true;
}
