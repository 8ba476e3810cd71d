// The roadmap preview in real VS Code: opens beside the source, draws the server's model,
// a card click selects the source, a drag edits the YAML, the cursor highlights its card.
// The webview's gestures are fed through `okr._test.postFromWebview` (internal), which
// validates them exactly as messages from the webview are validated.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostMessage, RoadmapModel } from '../../client/webview/messages';
import type { Flash } from '../../client/src/preview/flash';
import type { PreviewInfo, WaitArgs } from '../../client/src/test-hooks';
import { activated, closeAll, openEditor, pinDate, waitFor, waitForSelection, waitForText, wsUri } from './helpers';

const CHECKOUT = 'okrs/checkout.okr.yaml';

const post = (msg: unknown, uri?: string) => vscode.commands.executeCommand('okr._test.postFromWebview', msg, uri);
const waitPosted = <T extends HostMessage['type']>(a: WaitArgs & { type: T }) =>
  vscode.commands.executeCommand<Extract<HostMessage, { type: T }>>('okr._test.waitForPosted', a);
const previews = () => vscode.commands.executeCommand<PreviewInfo[]>('okr._test.previews');

/** Waits for the next models posted until one satisfies `test` (each wait is for a newer version). */
async function waitModel(from: number, test: (m: RoadmapModel) => boolean, what: string): Promise<{ version: number; model: RoadmapModel }> {
  const until = Date.now() + 15000;
  let v = from;
  for (;;) {
    let m: { version: number; model: RoadmapModel };
    try {
      m = await waitPosted({ type: 'model', newerThan: v, timeoutMs: Math.max(1, until - Date.now()) });
    } catch (e) {
      throw new Error(`${what}: ${(e as Error).message}`);
    }
    if (test(m.model)) return m;
    v = m.version;
  }
}

/** The version of the newest model posted so far. */
async function latestVersion(): Promise<number> {
  return (await waitPosted({ type: 'model' })).version;
}

function cards(m: RoadmapModel) {
  return [...m.lanes.flatMap((l) => l.cards), ...m.unlinked];
}

function webviewTabs(): { label: string; column: vscode.ViewColumn }[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('okr.preview'))
    .map((t) => ({ label: t.label, column: g.viewColumn })));
}

describe('preview: the roadmap beside the source', function () {
  let model: RoadmapModel;
  let version: number;

  before(async () => {
    await pinDate();
    await closeAll();
    await activated();
  });
  after(closeAll);

  it('opens beside the editor with the file in its title and draws the model', async () => {
    const editor = await openEditor(CHECKOUT, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('okr.openPreviewToSide');
    const msg = await waitPosted({ type: 'model', uri: editor.document.uri.toString() });
    model = msg.model;
    version = msg.version;
    assert.equal(model.unit, 'checkout');
    assert.equal(model.view, 'quarters');
    assert.deepEqual(model.lanes.map((l) => l.title), [
      'Make paying effortless on every device', 'Approve more good payments', 'Offer the payment methods buyers expect in their country']);
    assert.deepEqual(model.columns.map((c) => c.id), ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', 'later']);
    const tabs = webviewTabs();
    assert.deepEqual(tabs, [{ label: 'Roadmap: checkout.okr.yaml', column: vscode.ViewColumn.Two }]);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString(), 'focus stays in the source');
    const [info] = await previews();
    assert.equal(info.ready, true);
    assert.equal(info.viewColumn, vscode.ViewColumn.Two);
  });

  it('a card click opens the source and selects the item key (same file)', async () => {
    const editor = await openEditor(CHECKOUT, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const card = cards(model).find((c) => c.ref === 'checkout/one-page-checkout')!;
    await post({ type: 'reveal', ref: card.ref, location: card.location });
    const e = await waitForSelection((x) => x.selection.start.line === 63 && !x.selection.isEmpty, 'the item key selected');
    assert.equal(e.document.uri.toString(), editor.document.uri.toString());
    assert.equal(e.document.getText(e.selection), 'one-page-checkout');
    assert.equal(e.viewColumn, vscode.ViewColumn.One, 'in the column beside the preview');
  });

  it('a card click opens another file of the cascade (a team item)', async () => {
    const card = cards(model).find((c) => c.ref === 'fraud/device-fingerprinting')!;
    await post({ type: 'reveal', ref: card.ref, location: card.location });
    const e = await waitForSelection((x) => x.document.uri.path.endsWith('/teams/fraud.okr.yaml') && !x.selection.isEmpty, 'fraud.okr.yaml opened');
    assert.equal(e.document.getText(e.selection), 'device-fingerprinting');
    assert.equal(e.viewColumn, vscode.ViewColumn.One);
  });

  it('ignores malformed messages and reveals only locations the model holds', async () => {
    const editor = await openEditor(CHECKOUT, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await post({ type: 'reveal', ref: 'checkout/one-page-checkout' }); // no location: rejected by the guard
    await post({ type: 'reveal', ref: 'nope/nothing', location: { file: 'file:///etc/passwd', line: 0 } });
    await post({ type: 'move', ref: '', column: 'later' });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
    assert.equal(editor.selection.start.line, 1);
  });

  it('a drag edits the horizon with one minimal edit, shows and highlights the line it wrote, and one undo restores it', async () => {
    const editor = await openEditor(CHECKOUT, vscode.ViewColumn.One);
    const doc = editor.document;
    const before = doc.getText();
    assert.equal(doc.lineAt(122).text, '    horizon: next');
    version = await latestVersion();
    const changes: vscode.TextDocumentContentChangeEvent[][] = [];
    const sub = vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === doc && e.contentChanges.length) changes.push([...e.contentChanges]); });
    try {
      // Scrolled away from the item, as after reading the top of the file.
      editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
      const shown = vscode.commands.executeCommand<Flash>('okr._test.waitForFlash', { cleared: false });
      await post({ type: 'move', ref: 'checkout/pix-brazil', column: '2026-Q4' });
      await waitForText(doc, (t) => t !== before, 'the move to edit the file');
      assert.equal(doc.lineAt(122).text, '    horizon: 2026-Q4');
      const flash = await shown;
      assert.deepEqual([flash.uri, flash.start, flash.end], [doc.uri.toString(), 122, 122], 'the written line is highlighted');
      await waitFor('the written line scrolled into view', () => vscode.window.visibleTextEditors
        .find((e) => e.document === doc)?.visibleRanges.some((r) => r.start.line <= 122 && 122 <= r.end.line),
      [vscode.window.onDidChangeTextEditorVisibleRanges as vscode.Event<unknown>], 5000);
      await vscode.commands.executeCommand('okr._test.waitForFlash', { cleared: true, timeoutMs: 5000 });
      assert.equal(changes.length, 1, 'one edit');
      assert.equal(changes[0].length, 1, 'one change');
      assert.equal(changes[0][0].text, '2026-Q4');
      assert.equal(changes[0][0].rangeLength, 'next'.length);
      // The preview redraws with the card in its new column.
      version = (await waitModel(version, (m) => cards(m).find((c) => c.ref === 'checkout/pix-brazil')?.column === '2026-Q4', 'the card in 2026-Q4')).version;
      // One Ctrl+Z.
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      await vscode.commands.executeCommand('undo');
      await waitForText(doc, (t) => t === before, 'undo to restore the file');
      // The clean state reaches the extension host after the text, as its own change event.
      await waitFor('the file clean again after the undo', () => !doc.isDirty, [vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>]);
    } finally {
      sub.dispose();
    }
  });

  it('moving the cursor onto an item highlights its card', async () => {
    const editor = await openEditor(CHECKOUT, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(121, 6, 121, 6); // inside `pix-brazil`
    await waitPosted({ type: 'highlight', ref: 'checkout/pix-brazil' });
    editor.selection = new vscode.Selection(26, 10, 26, 10); // inside KR2 of O1
    await waitPosted({ type: 'highlight', ref: 'checkout/KR2' });
  });

  it('switching the view asks the server again', async () => {
    version = await latestVersion();
    await post({ type: 'setView', view: 'horizons' });
    const m = await waitPosted({ type: 'model', view: 'horizons', newerThan: version });
    version = m.version;
    assert.deepEqual(m.model.columns.map((c) => c.id), ['now', 'next', 'later']);
    await post({ type: 'setView', view: 'quarters' });
    version = (await waitPosted({ type: 'model', view: 'quarters', newerThan: version })).version;
  });

  it('keeps the last roadmap under a banner while the source does not parse', async () => {
    const editor = await openEditor(CHECKOUT, vscode.ViewColumn.One);
    const doc = editor.document;
    const before = doc.getText();
    await editor.edit((b) => b.insert(new vscode.Position(62, 0), '  broken: [unclosed\n'));
    const err = await waitPosted({ type: 'error' });
    assert.match(err.message, /checkout\.okr\.yaml line \d+/);
    await vscode.commands.executeCommand('undo');
    await waitForText(doc, (t) => t === before, 'undo');
    version = (await waitPosted({ type: 'model', newerThan: version })).version;
  });

  it('follows the active okr editor, and a team file shows its product', async () => {
    version = await latestVersion();
    await openEditor('okrs/teams/fraud.okr.yaml', vscode.ViewColumn.One);
    await waitFor('the preview to follow fraud.okr.yaml', async () => (await previews())[0]?.source.endsWith('/teams/fraud.okr.yaml') || undefined, [vscode.window.tabGroups.onDidChangeTabs as vscode.Event<unknown>]);
    const m = await waitModel(version, (x) => x.unit === 'checkout', 'a team file shows the product above it');
    await openEditor('okrs/acme.okr.yaml', vscode.ViewColumn.One);
    version = (await waitModel(m.version, (x) => x.unit === 'acme', 'the company roadmap for acme.okr.yaml')).version;
    await waitFor('the tab title to follow', () => webviewTabs().find((t) => t.label === 'Roadmap: acme.okr.yaml'), [vscode.window.tabGroups.onDidChangeTabs as vscode.Event<unknown>]);
    assert.equal(webviewTabs().length, 1, 'still one preview');
  });

  it('a locked preview stays; opening another file gives it its own panel', async () => {
    await vscode.commands.executeCommand('okr.togglePreviewLock');
    const [locked] = await previews();
    assert.equal(locked.locked, true);
    // The webview is told, and saves it with its state for the serializer.
    const config = await waitPosted({ type: 'config' });
    assert.equal(config.locked, true);
    assert.deepEqual(config.exportFormats, ['html', 'md', 'csv', 'mermaid', 'svg', 'png']);
    await openEditor(CHECKOUT, vscode.ViewColumn.One);
    assert.equal((await previews())[0].source, wsUri('okrs/acme.okr.yaml').toString());
    await vscode.commands.executeCommand('okr.openPreviewToSide');
    const labels = await waitFor('a second preview tab', () => {
      const l = webviewTabs().map((t) => t.label).sort();
      return l.length === 2 ? l : undefined;
    }, [vscode.window.tabGroups.onDidChangeTabs as vscode.Event<unknown>]);
    assert.deepEqual(labels, ['Roadmap: acme.okr.yaml (locked)', 'Roadmap: checkout.okr.yaml']);
  });
});
