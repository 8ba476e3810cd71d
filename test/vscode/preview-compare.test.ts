// Compare mode in real VS Code, the preview beside the source at about 720 px: the What if code
// action's command (okr.compare) and "OKR: Compare Roadmap with…" against HEAD of a repository made
// in the test, each drawn on the board (measured inside the webview: client/webview/probe.ts), a
// consequence that opens its source, the way out.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CompareMessage, HostMessage, ProbeReport } from '../../client/webview/messages';
import type { WaitArgs } from '../../client/src/test-hooks';
import { activated, closeAll, openEditor, pinDate, waitForSelection, waitForText, workspaceRoot } from './helpers';

const CHECKOUT = 'okrs/checkout.okr.yaml';
/** Edited by the HEAD test: a file no later suite reads. */
const INSIGHTS = 'okrs/insights.okr.yaml';
const post = (msg: unknown) => vscode.commands.executeCommand('okr._test.postFromWebview', msg);
const waitPosted = <T extends HostMessage['type']>(a: WaitArgs & { type: T }) =>
  vscode.commands.executeCommand<Extract<HostMessage, { type: T }>>('okr._test.waitForPosted', a);
const probe = () => vscode.commands.executeCommand<ProbeReport>('okr._test.probe');

/** Waits for a comparison with `label` (of `view`) posted to the preview: the latest one, or the next. */
async function compared(label: string, view?: string): Promise<NonNullable<CompareMessage['data']>> {
  const m = await waitPosted({ type: 'compare', label, view, timeoutMs: 20000 }) as CompareMessage;
  return m.data!;
}

function problems(r: ProbeReport): string[] {
  const out: string[] = [];
  for (const s of [...r.todayCards, ...(r.changes?.marked ?? [])]) {
    if (!s.inside) out.push(`card ${s.ref} lies outside the board's width`);
    if (!s.topmost) out.push(`card ${s.ref} is covered by ${s.coveredBy}`);
  }
  for (const o of r.overflowing) out.push(`content overflows card ${o}`);
  return out;
}

describe('preview: compare mode, at about 720 px', function () {
  this.timeout(90000);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: workspaceRoot().fsPath, encoding: 'utf8' });

  before(async () => {
    await pinDate();
    await closeAll();
    await activated();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await openEditor(CHECKOUT, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('okr.openPreviewToSide');
    await waitPosted({ type: 'model', timeoutMs: 20000 });
    await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 0, groups: [{ size: 0.47 }, { size: 0.53 }] });
  });
  after(async () => {
    await closeAll();
    rmSync(join(workspaceRoot().fsPath, '.git'), { recursive: true, force: true });
  });

  it('a What if (okr.compare): the cut item as a ghost, its dependants\' findings above the board, each opening its source; ✕ leaves', async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), CHECKOUT).toString();
    await vscode.commands.executeCommand('okr.compare', { uri, whatIf: [{ op: 'cut', ref: 'checkout/payment-method-registry' }] });
    const data = await compared('what if: cut checkout/payment-method-registry');
    assert.ok(data.head && data.base, 'both roadmaps');
    const r = await probe();
    assert.ok(r.width >= 660 && r.width <= 780, `the preview is about 720 px wide (${r.width})`);
    assert.equal(r.changes?.title, 'Compared with what if: cut checkout/payment-method-registry');
    assert.deepEqual(r.changes?.marked.map((m) => `${m.ref} ${m.mark}`), ['checkout/payment-method-registry removed']);
    assert.deepEqual(problems(r), []);
    const findings = r.changes!.rows.filter((t) => t.includes('New findings'));
    assert.equal(findings.length, 2, r.changes!.rows.join('\n'));
    assert.ok(findings.every((t) => /broken-link: .*payment-method-registry/.test(t)), findings.join('\n'));

    // A what-if's findings are located in its hypothetical text: the webview opens the item that holds the
    // finding, where it is in the workspace (compare.ts rowTarget, tested in test/webview/compare.test.ts);
    // here, that the host opens it.
    const f = data.changes.findings.introduced[0];
    const holder = data.head.lanes.flatMap((l) => l.cards).filter((c) => c.location.file === f.file && c.location.line <= f.range.start.line)
      .sort((a, b) => b.location.line - a.location.line)[0];
    assert.ok(holder && /local-methods-eu|pix-brazil/.test(holder.ref), `the finding sits in a dependant: ${holder?.ref}`);
    const real = (await waitPosted({ type: 'model' })).model.lanes.flatMap((l) => l.cards).find((c) => c.ref === holder.ref)!;
    await post({ type: 'reveal', ref: holder.ref, location: real.location });
    const e = await waitForSelection((x) => x.document.uri.toString() === f.file && x.selection.start.line === real.location.line, 'the dependant revealed');
    assert.equal(e.document.lineAt(real.location.line).text, `  ${holder.ref.split('/')[1]}:`);
    // Nothing is edited by a what-if.
    assert.equal(e.document.isDirty, false);

    // ✕ in the webview: the host stops comparing and says so (the webview left already; a reload would too).
    await post({ type: 'endCompare' });
    assert.equal((await waitPosted({ type: 'compare' })).data, null);
    assert.equal((await probe()).changes, undefined, 'compare mode left');
  });

  it('Compare Roadmap with… HEAD: an unsaved edit of insights (a new item, a KR lowered) is drawn against the last commit, in every view', async () => {
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    const editor = await openEditor(INSIGHTS, vscode.ViewColumn.One);
    const doc = editor.document;
    const original = doc.getText();
    const at = original.indexOf('  dashboard-home-redesign:');
    await editor.edit((b) => {
      b.insert(doc.positionAt(at), '  weekly-digest:\n    title: A weekly digest e-mail\n    supports: KR1\n    horizon: now\n    status: planned\n    type: feature\n\n');
    });
    const kr1 = doc.getText().indexOf('current: 38');
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(kr1), doc.positionAt(kr1 + 'current: 38'.length)), 'current: 30'));
    await waitForText(doc, (t) => t.includes('current: 30'), 'the edits');

    try {
      await vscode.commands.executeCommand('okr.compareWith', doc.uri, 'HEAD');
      await compared('HEAD');
      for (const view of ['quarters', 'horizons', 'portfolio', 'themes', 'trace', 'tech'] as const) {
        await post({ type: 'setView', view });
        await compared('HEAD', view);
        // The comparison may reach the webview before the model it goes with (a model waits for the previous one to be drawn).
        const m = await waitPosted({ type: 'model', view, timeoutMs: 20000 });
        await vscode.commands.executeCommand('okr._test.waitForRendered', { atLeast: m.version });
        const r = await probe();
        assert.equal(r.view, view);
        assert.ok(r.changes, `${view}: compare mode drawn`);
        assert.equal(r.changes.title, 'Compared with HEAD');
        assert.ok(r.changes.rows.some((t) => /insights\/KR1 .*progress 89% → 44%/.test(t)), `${view}: ${r.changes.rows.join(' | ')}`);
        if (view === 'quarters' || view === 'horizons' || view === 'portfolio') {
          assert.ok(r.changes.marked.some((x) => x.ref === 'insights/weekly-digest' && x.mark === 'new'), `${view}: the new card marked`);
        }
        assert.deepEqual(problems(r), [], view);
      }
    } finally {
      // Back to the file as committed, on disk too, for the suites that follow.
      if (doc.getText() !== original) {
        const we = new vscode.WorkspaceEdit();
        we.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), original);
        await vscode.workspace.applyEdit(we);
      }
      if (doc.isDirty) await doc.save();
      await post({ type: 'endCompare' });
      await post({ type: 'setView', view: 'quarters' });
    }
    assert.equal(doc.getText(), original);
    assert.equal(doc.isDirty, false);
  });
});
