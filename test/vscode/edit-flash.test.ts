// After a drag on the preview, the line it changed is scrolled into view in the
// source and highlighted for a moment (issue 7: "after a drag nothing shows
// which line changed"). The drag is fed through `okr._test.postFromWebview`,
// which validates it as a message from the webview; the highlight is read back
// through `okr._test.waitEditFlash` (decorations are not readable through the API).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FlashState } from '../../client/src/edit-flash';
import { activated, closeAll, openEditor, pinDate, waitFor, waitForText } from './helpers';

const CHECKOUT = 'okrs/checkout.okr.yaml';
const HORIZON_LINE = 122; // `    horizon: next` of pix-brazil

const post = (msg: unknown) => vscode.commands.executeCommand('okr._test.postFromWebview', msg);
const waitFlash = (shown: boolean) => vscode.commands.executeCommand<FlashState | undefined>('okr._test.waitEditFlash', { shown, timeoutMs: 15000 });
const waitModel = (uri: string) => vscode.commands.executeCommand('okr._test.waitForPosted', { type: 'model', uri });
const shows = (e: vscode.TextEditor, line: number) => e.visibleRanges.some((r) => r.start.line <= line && line <= r.end.line);

/** One Ctrl+Z in the source puts the file back as it was. */
async function undoTo(doc: vscode.TextDocument, before: string): Promise<void> {
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('undo');
  await waitForText(doc, (t) => t === before, 'undo to restore the file');
  // The clean state reaches the extension host after the text, as its own change event.
  await waitFor('the file clean again after the undo', () => !doc.isDirty, [vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>]);
}

describe('a drag on the preview shows the line it changed', function () {
  this.timeout(60000);

  before(async () => {
    await pinDate();
    await closeAll();
    await activated();
  });
  after(closeAll);

  it('scrolls the source to the edited line and highlights it briefly', async () => {
    const editor = await openEditor(CHECKOUT, vscode.ViewColumn.One);
    const doc = editor.document;
    const before = doc.getText();
    assert.equal(doc.lineAt(HORIZON_LINE).text, '    horizon: next');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await waitFor('the top of the file in view', () => editor.visibleRanges[0]?.start.line === 0, [vscode.window.onDidChangeTextEditorVisibleRanges as vscode.Event<unknown>]);
    assert.ok(!shows(editor, HORIZON_LINE), `precondition: line ${HORIZON_LINE + 1} is below the fold`);

    await vscode.commands.executeCommand('okr.openPreviewToSide');
    await waitModel(doc.uri.toString());
    await post({ type: 'move', ref: 'checkout/pix-brazil', column: '2026-Q4' });
    await waitForText(doc, (t) => t !== before, 'the move to edit the file');
    assert.equal(doc.lineAt(HORIZON_LINE).text, '    horizon: 2026-Q4');

    const flash = await waitFlash(true);
    assert.deepEqual(flash, { uri: doc.uri.toString(), lines: [HORIZON_LINE] });
    await waitFor('the edited line in view', () => shows(editor, HORIZON_LINE), [vscode.window.onDidChangeTextEditorVisibleRanges as vscode.Event<unknown>]);
    assert.equal(editor.selection.start.line, 0, 'the cursor stays where the user left it');
    // ... and the highlight goes by itself.
    assert.equal(await waitFlash(false), undefined);
    await undoTo(doc, before);
  });

  it('opens the file beside the preview, without taking focus, when no editor shows it', async () => {
    await closeAll();
    const editor = await openEditor(CHECKOUT, vscode.ViewColumn.One);
    const doc = editor.document;
    const before = doc.getText();
    await vscode.commands.executeCommand('okr.openPreview'); // the preview in place of the source
    await waitModel(doc.uri.toString());
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document === doc), 'precondition: no editor shows the file');

    await post({ type: 'move', ref: 'checkout/pix-brazil', column: '2026-Q4' });
    await waitForText(doc, (t) => t !== before, 'the move to edit the file');
    const flash = await waitFlash(true);
    assert.deepEqual(flash?.lines, [HORIZON_LINE]);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    assert.ok(shown, 'the file is open again');
    await waitFor('the edited line in view', () => shows(shown, HORIZON_LINE), [vscode.window.onDidChangeTextEditorVisibleRanges as vscode.Event<unknown>]);
    const active = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(active instanceof vscode.TabInputWebview, 'the preview keeps the focus');
    assert.notEqual(shown.viewColumn, vscode.window.tabGroups.activeTabGroup.viewColumn, 'beside the preview, not in its place');
    await undoTo(doc, before);
  });
});
