// Navigation and rename in real VS Code: references, outline, workspace symbols, inlay hints, rename across files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { answered, closeAll, codeOf, openEditor, pinDate, rangeJson, waitForDiagnostics, wsUri } from './helpers';

const ACME = 'okrs/acme.okr.yaml';
const CHECKOUT = 'okrs/checkout.okr.yaml';
/** The key `KR1` in acme.okr.yaml: `      KR1:` on line 16 (0-based 15). */
const ACME_KR1 = new vscode.Position(15, 7);

function flatten(symbols: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children)]);
}

async function textAt(loc: vscode.Location): Promise<string> {
  return (await vscode.workspace.openTextDocument(loc.uri)).getText(loc.range);
}

describe('navigation: references, symbols, hints and rename in VS Code', () => {
  before(pinDate);
  after(closeAll);

  it('finds every supporter of a company KR across files, each range on the reference', async () => {
    const editor = await openEditor(ACME);
    const inFile = (refs: vscode.Location[]) => refs.filter((r) => r.uri.toString() === wsUri(CHECKOUT).toString());
    const refs = await answered('references of acme KR1', () => vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, ACME_KR1), (rs) => inFile(rs).length > 0);
    const inCheckout = refs.filter((r) => r.uri.toString() === wsUri(CHECKOUT).toString()).map((r) => r.range.start.line).sort((a, b) => a - b);
    assert.deepEqual(inCheckout, [22, 29, 60], 'the three `acme/KR1` references of checkout.okr.yaml');
    for (const r of refs) assert.match(await textAt(r), /^(acme\/)?KR1$/, `${r.uri.path}:${r.range.start.line}`);
  });

  it('outlines a file: unit → objectives → KRs, roadmap → items, with the id key as selection', async () => {
    const editor = await openEditor(CHECKOUT);
    const symbols = await answered('the outline of checkout.okr.yaml', () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri));
    const all = flatten(symbols);
    const kr1 = all.find((s) => s.name.startsWith('KR1'));
    assert.ok(kr1, `symbols: ${all.map((s) => s.name).join(', ')}`);
    assert.equal(rangeJson(kr1.selectionRange), '16:6-16:9');
    assert.ok(all.some((s) => s.name.startsWith('O1')) && all.some((s) => s.name.startsWith('one-page-checkout')));
  });

  it('finds ids of the whole cascade with workspace symbols', async () => {
    await openEditor(CHECKOUT);
    const found = await answered('workspace symbols for one-page', () => vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'one-page'));
    const hit = found.find((s) => s.name.includes('one-page-checkout'));
    assert.ok(hit, `symbols: ${found.map((s) => s.name).join(', ')}`);
    assert.equal(hit.location.uri.toString(), wsUri(CHECKOUT).toString());
    assert.equal(hit.location.range.start.line, 63);
  });

  it('shows the target title (shortened when long) beside a reference as an inlay hint', async () => {
    const editor = await openEditor(CHECKOUT);
    const doc = editor.document;
    const hints = await answered('inlay hints of checkout.okr.yaml', () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0)));
    const label = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    const onLine = hints.filter((h) => h.position.line === 22).map(label);
    assert.ok(onLine.some((l) => l.includes('Raise checkout conversion across')), `hints on line 23: ${onLine.join(' | ')}`);
  });

  it('refuses to rename a KR onto an id the unit already has', async () => {
    const editor = await openEditor(ACME);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', editor.document.uri, ACME_KR1, 'KR2')),
      /KR2/,
    );
  });

  it('renames a company KR in every file, in both reference forms, and nothing else; renaming back restores the texts', async () => {
    const editor = await openEditor(ACME);
    const before = new Map<string, string>();
    for (const rel of [ACME, CHECKOUT]) before.set(wsUri(rel).toString(), (await vscode.workspace.openTextDocument(wsUri(rel))).getText());
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', editor.document.uri, ACME_KR1, 'KR10');
    const touched = edit.entries();
    assert.deepEqual(touched.map(([u]) => u.toString()).sort(), [wsUri(ACME).toString(), wsUri(CHECKOUT).toString()].sort());
    for (const [uri, edits] of touched) {
      const doc = await vscode.workspace.openTextDocument(uri);
      for (const e of edits) assert.match(`${doc.getText(e.range)} → ${e.newText}`, /^(acme\/)?KR1 → (acme\/)?KR10$/);
    }
    assert.equal(touched.find(([u]) => u.toString() === wsUri(CHECKOUT).toString())![1].length, 3);
    assert.ok(await vscode.workspace.applyEdit(edit));
    // The server sees the new texts: the renamed key is referenced three times and nothing is broken.
    const checkoutUri = wsUri(CHECKOUT);
    await waitForDiagnostics(checkoutUri, (ds) => !ds.some((d) => codeOf(d) === 'broken-link'), 'no broken-link after the rename');
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, ACME_KR1);
    assert.equal(refs.filter((r) => r.uri.toString() === checkoutUri.toString()).length, 3);

    const back = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', editor.document.uri, ACME_KR1, 'KR1');
    assert.ok(await vscode.workspace.applyEdit(back));
    for (const [uri, text] of before) assert.equal((await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).getText(), text);
    await vscode.workspace.saveAll(false);
  });
});
