// Proves the e2e harness itself, without the OKR extension: a throwaway extension
// and a throwaway LSP server are generated into a temp dir, then
//   1. code-server: a passing suite must exit 0, a failing one non-zero;
//   2. code-server UI: the workbench renders, quick open works, screenshot;
//   3. Neovim: diagnostics, hover and definition from a tiny stdio server.
//
//   node test/e2e/selftest.mjs            (needs .ci/setup-editors.sh first)
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInCodeServer, startCodeServer } from './code-server.mjs';
import { buildVscodeTests } from './build-vscode-tests.mjs';
import { runNeovimLsp } from './neovim.mjs';

const dir = mkdtempSync(join(tmpdir(), 'okr-e2e-selftest-'));
const w = (p, text) => { mkdirSync(join(dir, p, '..'), { recursive: true }); writeFileSync(join(dir, p), text); };
const t = (label, t0) => console.log(`[selftest] ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);

w('ext/package.json', JSON.stringify({
  name: 'e2e-selftest', publisher: 'okr-cascade', version: '0.0.1', engines: { vscode: '^1.100.0' },
  activationEvents: ['onLanguage:plaintext'], main: './extension.js',
  contributes: { commands: [{ command: 'selftest.hello', title: 'Selftest: Hello' }] },
}));
w('ext/extension.js', `const vscode = require('vscode');
exports.activate = (ctx) => {
  ctx.subscriptions.push(vscode.commands.registerCommand('selftest.hello', (n) => 'hello ' + n));
};\n`);
w('ws/hello.txt', 'first line\nsecond line\n');
const testSrc = (expected) => `import * as assert from 'node:assert';
import * as vscode from 'vscode';
describe('harness selftest', () => {
  it('runs the real vscode API', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'hello.txt'));
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'plaintext');
    assert.strictEqual(doc.lineCount, 3);
    await vscode.extensions.getExtension('okr-cascade.e2e-selftest')!.activate();
    assert.strictEqual(await vscode.commands.executeCommand('selftest.hello', 'okr'), ${JSON.stringify(expected)});
  });
});\n`;
w('green/selftest.test.ts', testSrc('hello okr'));
w('red/selftest.test.ts', testSrc('this must fail'));

// A minimal LSP server over stdio: one diagnostic on line 2, hover anywhere, definition -> line 0.
w('server.js', `let buf = Buffer.alloc(0);
const send = (m) => { const s = JSON.stringify({ jsonrpc: '2.0', ...m }); process.stdout.write('Content-Length: ' + Buffer.byteLength(s) + '\\r\\n\\r\\n' + s); };
process.stdin.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const h = buf.indexOf('\\r\\n\\r\\n'); if (h < 0) return;
    const len = Number(/Content-Length: (\\d+)/i.exec(buf.slice(0, h).toString())[1]);
    if (buf.length < h + 4 + len) return;
    const msg = JSON.parse(buf.slice(h + 4, h + 4 + len).toString()); buf = buf.slice(h + 4 + len);
    const { id, method, params } = msg;
    if (method === 'initialize') send({ id, result: { capabilities: { textDocumentSync: 1, hoverProvider: true, definitionProvider: true } } });
    else if (method === 'textDocument/didOpen') send({ method: 'textDocument/publishDiagnostics', params: { uri: params.textDocument.uri,
      diagnostics: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } }, severity: 1, source: 'selftest', message: 'second is bad' }] } });
    else if (method === 'textDocument/hover') send({ id, result: { contents: { kind: 'markdown', value: 'hover at ' + params.position.line + ':' + params.position.character } } });
    else if (method === 'textDocument/definition') send({ id, result: { uri: params.textDocument.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } } } });
    else if (method === 'shutdown') send({ id, result: null });
    else if (method === 'exit') process.exit(0);
    else if (id !== undefined && method) send({ id, result: null });
  }
});\n`);

let failed = false;
try {
  let t0 = Date.now();
  const green = await buildVscodeTests({ src: join(dir, 'green'), out: join(dir, 'dist-green') });
  const codeGreen = await runInCodeServer({ extensionPath: join(dir, 'ext'), workspace: join(dir, 'ws'), testsPath: green.index, timeoutMs: 90000 });
  assert.equal(codeGreen, 0, 'passing suite exits 0');
  t('code-server green run', t0);

  t0 = Date.now();
  const red = await buildVscodeTests({ src: join(dir, 'red'), out: join(dir, 'dist-red') });
  const codeRed = await runInCodeServer({ extensionPath: join(dir, 'ext'), workspace: join(dir, 'ws'), testsPath: red.index, timeoutMs: 90000, keepRunDirOnFailure: false });
  assert.notEqual(codeRed, 0, 'failing suite exits non-zero');
  t(`code-server red run (exit ${codeRed}, as expected)`, t0);

  t0 = Date.now();
  const s = await startCodeServer({ workspace: join(dir, 'ws'), extensionPath: join(dir, 'ext') });
  try {
    await s.page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 30000 });
    await s.page.keyboard.press('Control+P');
    await s.page.locator('.quick-input-widget input').fill('hello.txt');
    await s.page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.locator('.tab.active[data-resource-name="hello.txt"]').waitFor();
    await s.page.screenshot({ path: join(dir, 'workbench.png') });
  } catch (e) { s.printLogs(); throw e; } finally { await s.stop(); }
  t(`code-server UI pass (screenshot ${join(dir, 'workbench.png')})`, t0);

  t0 = Date.now();
  const r = await runNeovimLsp({ serverCmd: [process.execPath, join(dir, 'server.js')], workspace: join(dir, 'ws'), file: 'hello.txt',
    hover: [{ line: 1, character: 2 }], definition: [{ line: 1, character: 2 }] });
  assert.ok(r.ok, r.error);
  assert.ok(r.diagnostics_received);
  assert.equal(r.diagnostics[0].message, 'second is bad');
  assert.equal(r.hover[0].result.contents.value, 'hover at 1:2');
  assert.equal(r.definition[0].result.range.start.line, 0);
  t('neovim LSP run', t0);
  console.log('[selftest] OK');
} catch (e) {
  failed = true;
  console.error('[selftest] FAILED:', e);
} finally {
  if (!failed) rmSync(dir, { recursive: true, force: true });
  else console.error(`[selftest] kept ${dir}`);
}
process.exit(failed ? 1 : 0);
