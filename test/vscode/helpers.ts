/**
 * Helpers for the extension-host suites: the workspace (a temp copy of
 * samples/), opening files, and waits on VS Code events (never sleeps).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'okr-cascade.okr-cascade';
export const AS_OF = '2026-11-24';

export function workspaceRoot(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open (the e2e harness opens a copy of samples/)');
  return f.uri;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), rel);
}

export async function openEditor(rel: string, column: vscode.ViewColumn = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  return vscode.window.showTextDocument(doc, { viewColumn: column, preview: false });
}

/** Fires `event` until `test` passes, or fails after `timeoutMs` (checks once at once). */
export function waitFor<T>(what: string, test: () => T | undefined | false | Promise<T | undefined | false>, events: vscode.Event<unknown>[], timeoutMs = 15000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const subs: vscode.Disposable[] = [];
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      subs.forEach((s) => s.dispose());
      fn();
    };
    const check = async () => {
      try {
        const r = await test();
        if (r !== undefined && r !== false) finish(() => resolve(r as T));
      } catch (e) {
        finish(() => reject(e));
      }
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
    for (const ev of events) subs.push(ev(() => void check()));
    void check();
  });
}

export const codeOf = (d: vscode.Diagnostic): string | undefined =>
  d.code === undefined ? undefined : typeof d.code === 'object' ? String(d.code.value) : String(d.code);

/**
 * Runs a `vscode.execute…Provider` command until it answers something that passes `test`. VS Code
 * answers `undefined` for an empty result, which is what a server still indexing (after a restart by
 * an earlier test) gives for a file it has not read yet; it publishes that file's diagnostics once it
 * has, so the command is asked again on each diagnostics change.
 */
export function answered<T>(what: string, ask: () => Thenable<T | undefined>, test: (r: T) => boolean = () => true, timeoutMs = 15000): Promise<T> {
  // Asked again when diagnostics change, and every 250 ms besides: no event says that a provider has become
  // ready, and a file whose findings were published before the test opened it may never change them again.
  const ticks = new vscode.EventEmitter<void>();
  const timer = setInterval(() => ticks.fire(), 250);
  return waitFor(what, async () => {
    const r = await ask();
    return r !== undefined && r !== null && (!Array.isArray(r) || r.length > 0) && test(r) ? r : undefined;
  }, [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>, ticks.event], timeoutMs).finally(() => {
    clearInterval(timer);
    ticks.dispose();
  });
}

/** Waits until the diagnostics of `uri` satisfy `test`; resolves with them. */
export function waitForDiagnostics(uri: vscode.Uri, test: (ds: vscode.Diagnostic[]) => boolean, what = 'diagnostics', timeoutMs = 15000): Promise<vscode.Diagnostic[]> {
  return waitFor(`${what} on ${vscode.workspace.asRelativePath(uri)}`, () => {
    const ds = vscode.languages.getDiagnostics(uri);
    return test(ds) ? ds : undefined;
  }, [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>], timeoutMs);
}

/** Waits until the document's text satisfies `test`. */
export function waitForText(doc: vscode.TextDocument, test: (text: string) => boolean, what: string, timeoutMs = 10000): Promise<string> {
  return waitFor(what, () => (test(doc.getText()) ? doc.getText() : undefined), [vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>], timeoutMs);
}

/** Waits until the active editor's selection satisfies `test`. */
export function waitForSelection(test: (e: vscode.TextEditor) => boolean, what: string, timeoutMs = 10000): Promise<vscode.TextEditor> {
  return waitFor(what, () => {
    const e = vscode.window.activeTextEditor;
    return e && test(e) ? e : undefined;
  }, [vscode.window.onDidChangeActiveTextEditor as vscode.Event<unknown>, vscode.window.onDidChangeTextEditorSelection as vscode.Event<unknown>], timeoutMs);
}

export function rangeJson(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** The extension, activated. */
export async function activated(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  if (!ext.isActive) await ext.activate();
  return ext;
}

/** Sets `okr.asOf` for the workspace (the samples are judged as of 2026-11-24). */
export async function pinDate(): Promise<void> {
  const c = vscode.workspace.getConfiguration('okr', null);
  if (c.get('asOf') !== AS_OF) await c.update('asOf', AS_OF, vscode.ConfigurationTarget.Workspace);
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Hover text (markdown flattened). */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

/**
 * A small well-formedness check of an XML document (no parser in the extension host):
 * tags nest and close, one root element, no stray `<` or `&` in text, attributes quoted.
 */
export function assertWellFormedXml(xml: string): void {
  const token = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  const stack: string[] = [];
  let roots = 0;
  for (const m of xml.matchAll(token)) {
    const at = `at offset ${m.index}: ${JSON.stringify(xml.slice(m.index, m.index + 60))}`;
    if (m[0] === '<') assert.fail(`a "<" that opens no tag ${at}`);
    if (m[0] === '&') assert.fail(`a "&" that is no entity ${at}`);
    if (!m[2]) continue; // declaration, comment
    for (const a of m[3].matchAll(/"([^"]*)"|'([^']*)'/g)) {
      assert.ok(!/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(a[1] ?? a[2]), `a "&" that is no entity in an attribute ${at}`);
    }
    if (m[1]) {
      assert.equal(stack.pop(), m[2], `a closing tag that matches ${at}`);
    } else if (!m[4]) {
      if (!stack.length) roots++;
      stack.push(m[2]);
    } else if (!stack.length) roots++;
  }
  assert.deepEqual(stack, [], 'every element closed');
  assert.equal(roots, 1, 'one root element');
}
