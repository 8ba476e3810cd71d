// The language in real VS Code: activation, findings, hover, definition, completion, quick fix.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, closeAll, codeOf, hoverText, openEditor, pinDate, rangeJson, waitForDiagnostics, wsUri } from './helpers';

describe('language: okr files in VS Code', () => {
  before(async () => {
    await pinDate();
  });
  after(closeAll);

  it('opens *.okr.yaml as the okr language and activates the extension', async () => {
    const editor = await openEditor('okrs/checkout.okr.yaml');
    assert.equal(editor.document.languageId, 'okr');
    const ext = await activated();
    assert.equal(ext.isActive, true);
    // The server answers: the clean sample gets (empty) diagnostics and the status arrives.
    const cmds = await vscode.commands.getCommands(true);
    for (const c of ['okr.openPreviewToSide', 'okr.openPreview', 'okr.exportRoadmap', 'okr.newCascade', 'okr.restartServer']) {
      assert.ok(cmds.includes(c), `command ${c} is registered`);
    }
  });

  it('contributes a setting for every rule, with the rule severity as default', async () => {
    const ext = await activated();
    const props = (ext.packageJSON as { contributes: { configuration: { properties: Record<string, { default: string; enum: string[] }> } } }).contributes.configuration.properties;
    const codes = Object.keys(props).filter((k) => k.startsWith('okr.rules.')).map((k) => k.slice('okr.rules.'.length));
    assert.equal(codes.length, 26);
    assert.equal(props['okr.rules.missing-hypothesis'].default, 'warning');
    assert.equal(props['okr.rules.yaml-syntax'].default, 'error');
    assert.deepEqual(props['okr.rules.weak-hypothesis'].enum, ['error', 'warning', 'info', 'hint', 'off']);
  });

  it('a rule severity set in the settings reaches the server; unset, the default comes back', async () => {
    const uri = wsUri('mistakes/weak-hypothesis/wh-co.okr.yaml');
    const c = () => vscode.workspace.getConfiguration('okr', null);
    const find = (ds: vscode.Diagnostic[]) => ds.find((x) => codeOf(x) === 'weak-hypothesis');
    assert.equal(find(await waitForDiagnostics(uri, (ds) => !!find(ds)))?.severity, vscode.DiagnosticSeverity.Information);
    await c().update('rules.weak-hypothesis', 'error', vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (ds) => find(ds)?.severity === vscode.DiagnosticSeverity.Error, 'weak-hypothesis as an error');
    await c().update('rules.weak-hypothesis', 'off', vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (ds) => !find(ds), 'weak-hypothesis off');
    await c().update('rules.weak-hypothesis', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (ds) => find(ds)?.severity === vscode.DiagnosticSeverity.Information, 'weak-hypothesis back to its default');
  });

  it('shows a mistake with its exact code, severity and range (missing-hypothesis)', async () => {
    const uri = wsUri('mistakes/missing-hypothesis/mh-co.okr.yaml');
    await openEditor('mistakes/missing-hypothesis/mh-co.okr.yaml');
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'missing-hypothesis'), 'missing-hypothesis');
    assert.equal(ds.length, 1, ds.map((d) => `${codeOf(d)} ${rangeJson(d.range)}`).join(', '));
    const d = ds[0];
    assert.equal(d.source, 'okr');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(rangeJson(d.range), '29:2-29:12', 'the item key `csv-export`');
    assert.match(d.message, /csv-export/);
  });

  it('reports findings of files that are not open (broken-link, unknown-unit)', async () => {
    const bl = await waitForDiagnostics(wsUri('mistakes/broken-link/bl-co.okr.yaml'), (d) => d.some((x) => codeOf(x) === 'broken-link'));
    assert.deepEqual(bl.map((d) => `${codeOf(d)} ${rangeJson(d.range)}`), ['broken-link 29:8-29:11']);
    assert.equal(bl[0].severity, vscode.DiagnosticSeverity.Error);
    const uu = await waitForDiagnostics(wsUri('mistakes/unknown-unit/uu-co.okr.yaml'), (d) => d.some((x) => codeOf(x) === 'unknown-unit'));
    assert.deepEqual(uu.map((d) => `${codeOf(d)} ${rangeJson(d.range)}`), ['unknown-unit 24:8-24:19']);
  });

  it('hovers a cross-file reference with the target KR', async () => {
    const editor = await openEditor('okrs/checkout.okr.yaml');
    const line = 22; // `        supports: acme/KR1` under checkout KR1
    assert.match(editor.document.lineAt(line).text, /supports: acme\/KR1/);
    const pos = new vscode.Position(line, editor.document.lineAt(line).text.indexOf('acme/KR1') + 6);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, pos);
    const text = hoverText(hovers);
    assert.match(text, /Raise checkout conversion across all merchants/);
  });

  it('goes to the definition of a cross-file reference', async () => {
    const editor = await openEditor('okrs/checkout.okr.yaml');
    const line = 22;
    const pos = new vscode.Position(line, editor.document.lineAt(line).text.indexOf('acme/KR1') + 6);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, pos);
    assert.equal(defs.length, 1);
    const d = defs[0];
    const uri = 'targetUri' in d ? d.targetUri : d.uri;
    const range = 'targetUri' in d ? (d.targetSelectionRange ?? d.targetRange) : d.range;
    assert.equal(uri.toString(), wsUri('okrs/acme.okr.yaml').toString());
    assert.equal(rangeJson(range), '15:6-15:9', 'the key `KR1` in acme.okr.yaml');
  });

  it('completes references to the parent unit KRs in `supports`', async () => {
    const editor = await openEditor('okrs/checkout.okr.yaml');
    const line = 22;
    const col = editor.document.lineAt(line).text.indexOf('acme/KR1');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(line, col));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('acme/KR1') && labels.includes('acme/KR2'), `labels: ${labels.slice(0, 20).join(', ')}`);
  });

  it('applies a quick fix and the finding goes away (broken-link → KR1)', async () => {
    const rel = 'mistakes/broken-link/bl-co.okr.yaml';
    const editor = await openEditor(rel);
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, (ds) => ds.some((x) => codeOf(x) === 'broken-link'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.edit && /KR1/.test(a.title));
    assert.ok(fix?.edit, `a fix naming KR1 among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(29).text.trim(), '- KR1');
    await waitForDiagnostics(uri, (ds) => !ds.some((x) => codeOf(x) === 'broken-link'), 'the broken-link finding to go');
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(uri, (ds) => ds.some((x) => codeOf(x) === 'broken-link'), 'the finding back after undo');
  });

  it('inserts a hypothesis template with the quick fix for missing-hypothesis', async () => {
    const editor = await openEditor('mistakes/missing-hypothesis/mh-co.okr.yaml');
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, (ds) => ds.some((x) => codeOf(x) === 'missing-hypothesis'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.edit && /hypothesis/i.test(a.title));
    assert.ok(fix?.edit, `a hypothesis fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /csv-export:\n(?:.*\n)*?\s+hypothesis: /);
    await waitForDiagnostics(uri, (ds) => !ds.some((x) => codeOf(x) === 'missing-hypothesis'), 'missing-hypothesis to go');
    await vscode.commands.executeCommand('undo');
  });
});

describe('language: files created, changed and deleted on disk', () => {
  // Not opened in an editor: only the file watchers the server registers tell it about these.
  const uri = () => wsUri('watched/watched-co.okr.yaml');
  const missing = (ds: vscode.Diagnostic[]) => ds.filter((x) => codeOf(x) === 'missing-hypothesis');
  after(async () => {
    await vscode.workspace.fs.delete(wsUri('watched'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('a new .okr.yaml file gets its findings; changing it on disk updates them; deleting it clears them', async () => {
    await activated();
    const sample = new TextDecoder().decode(await vscode.workspace.fs.readFile(wsUri('mistakes/missing-hypothesis/mh-co.okr.yaml')));
    const text = sample.replace(/^unit: mh-co$/m, 'unit: watched-co');
    assert.notEqual(text, sample);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri().toString()), 'not open in an editor');

    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(text));
    const ds = await waitForDiagnostics(uri(), (d) => missing(d).length === 1, 'missing-hypothesis on the new file');
    assert.equal(rangeJson(missing(ds)[0].range), '29:2-29:12');

    const fixed = text.replace('  csv-export:\n    title: CSV export of all transactions\n',
      '  csv-export:\n    title: CSV export of all transactions\n    hypothesis: We believe an export will cut data tickets because finance teams ask for raw data.\n');
    assert.notEqual(fixed, text);
    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(fixed));
    await waitForDiagnostics(uri(), (d) => missing(d).length === 0, 'the finding gone after the change on disk');

    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(text));
    await waitForDiagnostics(uri(), (d) => missing(d).length === 1, 'the finding back');
    await vscode.workspace.fs.delete(uri(), { useTrash: false });
    await waitForDiagnostics(uri(), (d) => d.length === 0, 'the findings cleared after the delete');
  });
});

describe('language: CodeLens', () => {
  after(closeAll);

  it('a KR lens lists what supports it through okr.showReferences', async () => {
    const editor = await openEditor('okrs/checkout.okr.yaml');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 50);
    const kr1 = lenses.find((l) => l.range.start.line === 16 && l.command);
    assert.ok(kr1?.command, `a lens on KR1 among lines ${lenses.map((l) => l.range.start.line).join(',')}`);
    assert.match(kr1.command.title, /support/i);
    assert.equal(kr1.command.command, 'okr.showReferences', 'the client command given in initializationOptions');
    // Converts the server's LSP locations and opens the references peek without failing.
    await vscode.commands.executeCommand(kr1.command.command, ...(kr1.command.arguments ?? []));
    await vscode.commands.executeCommand('closeReferenceSearch');
  });
});

describe('language: editing contributions', () => {
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;
  beforeEach(async () => {
    doc = await vscode.workspace.openTextDocument({ language: 'okr', content: 'unit: scratch\nobjectives:' });
    editor = await vscode.window.showTextDocument(doc);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Enter after a key indents the next line (language configuration)', async () => {
    editor.selection = new vscode.Selection(1, 11, 1, 11);
    await vscode.commands.executeCommand('type', { text: '\n' });
    assert.equal(doc.lineAt(2).text, '  ');
  });

  it('toggles `#` line comments', async () => {
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('editor.action.commentLine');
    assert.equal(doc.lineAt(0).text, '# unit: scratch');
  });

  it('offers the snippets (unit file, objective, KR, roadmap item with hypothesis)', async () => {
    for (const [typed, label] of [['uni', 'unit'], ['obj', 'objective'], ['kr', 'kr'], ['ite', 'item']]) {
      const line = doc.lineCount;
      await editor.edit((b) => b.insert(doc.lineAt(line - 1).range.end, `\n  ${typed}`));
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 2 + typed.length));
      const snippets = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(snippets.includes(label), `snippet ${label} after "${typed}" among ${snippets.join(', ')}`);
    }
  });
});
