// A syntax error in the source, as the editor and the preview say it (issue 7:
// an unclosed quote on line 99 was reported at the end of the file, and the
// preview's banner said "showing the last good roadmap" twice).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostMessage } from '../../client/webview/messages';
import { activated, closeAll, codeOf, openEditor, pinDate, waitFor, waitForDiagnostics, waitForText } from './helpers';

const CHECKOUT = 'okrs/checkout.okr.yaml';
const TITLE_LINE = 64; // `    title: One-page checkout`

const waitPosted = <T extends HostMessage['type']>(a: { type: T; uri?: string; newerThan?: number }) =>
  vscode.commands.executeCommand<Extract<HostMessage, { type: T }>>('okr._test.waitForPosted', { ...a, timeoutMs: 20000 });

describe('a syntax error: on its line, said once', function () {
  this.timeout(60000);

  before(async () => {
    await pinDate();
    await closeAll();
    await activated();
  });
  after(closeAll);

  it('an unclosed quote is reported on its own line, and the preview banner names that line once', async () => {
    const editor = await openEditor(CHECKOUT, vscode.ViewColumn.One);
    const doc = editor.document;
    const before = doc.getText();
    await vscode.commands.executeCommand('okr.openPreviewToSide');
    const { version } = await waitPosted({ type: 'model', uri: doc.uri.toString() });
    assert.equal(doc.lineAt(TITLE_LINE).text, '    title: One-page checkout');

    await editor.edit((b) => b.insert(new vscode.Position(TITLE_LINE, '    title: '.length), '"'));
    const ds = await waitForDiagnostics(doc.uri, (x) => x.some((d) => codeOf(d) === 'yaml-syntax'), 'the yaml-syntax finding');
    const syntax = ds.filter((d) => codeOf(d) === 'yaml-syntax');
    assert.equal(syntax.length, 1, syntax.map((d) => d.message).join(' | '));
    assert.equal(syntax[0].range.start.line, TITLE_LINE, `on the line of the quote, not at the end of the file (${doc.lineCount} lines)`);

    const err = await waitPosted({ type: 'error', uri: doc.uri.toString() });
    assert.equal(err.message, `checkout.okr.yaml line ${TITLE_LINE + 1}: ${syntax[0].message.replace(/\s+/g, ' ')}`);
    assert.doesNotMatch(err.message, /showing|last (good )?roadmap/, 'the banner says that part itself, once');

    await vscode.commands.executeCommand('undo');
    await waitForText(doc, (t) => t === before, 'undo');
    await waitPosted({ type: 'model', uri: doc.uri.toString(), newerThan: version });
    await waitFor('the file clean again after the undo', () => !doc.isDirty, [vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>]);
  });
});
