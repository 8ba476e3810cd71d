// The quarterly loop in real VS Code: OKR: Mark Reviewed edits `reviewed:` by the minimal edit
// (one undo step) and clears stale-review; a KR's hover shows its pace and status.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, AS_OF, closeAll, codeOf, hoverText, openEditor, pinDate, waitForDiagnostics, waitForText, wsUri } from './helpers';

const STALE = 'mistakes/stale-review/sr-co.okr.yaml';
const DUE = 'mistakes/due-passed/dp-co.okr.yaml';

describe('review: Mark Reviewed and pace in VS Code', () => {
  before(async () => {
    await pinDate();
    await activated();
  });
  after(closeAll);

  it('is in the command palette as OKR: Mark Reviewed', async () => {
    const ext = await activated();
    const cmds = (ext.packageJSON as { contributes: { commands: { command: string; title: string; category: string }[] } }).contributes.commands;
    assert.deepEqual(cmds.find((c) => c.command === 'okr.markReviewed'), { command: 'okr.markReviewed', title: 'Mark Reviewed', category: 'OKR' });
    assert.ok((await vscode.commands.getCommands(true)).includes('okr.markReviewed'));
  });

  it('replaces an old reviewed date with okr.asOf on its exact span, which clears stale-review; one undo restores the file', async () => {
    const uri = wsUri(STALE);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'stale-review'), 'stale-review before');
    const editor = await openEditor(STALE);
    const before = editor.document.getText();
    const out = await vscode.commands.executeCommand<{ date: string; applied: boolean }>('okr.markReviewed');
    assert.deepEqual(out, { date: AS_OF, applied: true });
    const after = await waitForText(editor.document, (t) => t.includes(`reviewed: ${AS_OF}`), 'the new date');
    assert.equal(after, before.replace('reviewed: 2025-01-15', `reviewed: ${AS_OF}`), 'only the date changed');
    await waitForDiagnostics(uri, (ds) => !ds.some((d) => codeOf(d) === 'stale-review'), 'stale-review gone');
    assert.deepEqual(await vscode.commands.executeCommand('okr.markReviewed'), { date: AS_OF, applied: false }, 'a second run has nothing to do');
    await vscode.commands.executeCommand('undo');
    await waitForText(editor.document, (t) => t === before, 'one undo restores the file');
  });

  it('adds reviewed: after period: in a file that has none', async () => {
    const editor = await openEditor(DUE);
    const before = editor.document.getText();
    assert.ok(!before.includes('reviewed:'));
    await vscode.commands.executeCommand('okr.markReviewed');
    const after = await waitForText(editor.document, (t) => t.includes('reviewed:'), 'reviewed added');
    assert.equal(after, before.replace('period: 2026\n', `period: 2026\nreviewed: ${AS_OF}\n`));
    await vscode.commands.executeCommand('undo');
    await waitForText(editor.document, (t) => t === before, 'undone');
  });

  it('the hover on an off-track KR says so in words, with the value expected today', async () => {
    const editor = await openEditor('mistakes/behind-pace/bp-co.okr.yaml');
    const at = editor.document.positionAt(editor.document.getText().indexOf('      KR1:') + 7);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    const text = hoverText(hovers);
    assert.match(text, /Pace:\*\* off track · 90% of 2026 passed, 27% of the way · expected by 2026-11-24: 31\.56%/);
    const ds = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'behind-pace'), 'behind-pace');
    const bp = ds.find((x) => codeOf(x) === 'behind-pace')!;
    assert.equal(bp.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(editor.document.getText(bp.range), 'KR1');
  });
});
