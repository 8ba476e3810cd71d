// The Review view fed by git in real VS Code: the workspace made a repository whose checkout/KR1 moved
// 58 → 61 → 65 over three commits; the preview draws the board first (no git asked before it), then
// sends the board the KRs' git history (okr/history) and the Review view, once opened, its document
// twice: at once with the check-ins, then with the three commits in the KR's history and the change
// since the last review (2026-11-03) taken from git.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostMessage } from '../../client/webview/messages';
import type { WaitArgs } from '../../client/src/test-hooks';
import { activated, closeAll, openEditor, pinDate, workspaceRoot } from './helpers';

const CHECKOUT = 'okrs/checkout.okr.yaml';
const post = (msg: unknown) => vscode.commands.executeCommand('okr._test.postFromWebview', msg);
const waitPosted = <T extends HostMessage['type']>(a: WaitArgs & { type: T }) =>
  vscode.commands.executeCommand<Extract<HostMessage, { type: T }>>('okr._test.waitForPosted', a);

describe('review: the Review view shows the git history', function () {
  this.timeout(90000);
  const root = () => workspaceRoot().fsPath;
  const git = (date: string, ...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=Ines', '-c', 'commit.gpgsign=false', ...args], {
    cwd: root(), encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: `${date}T10:00:00Z`, GIT_COMMITTER_DATE: `${date}T10:00:00Z` },
  });
  const shas: string[] = [];

  before(async () => {
    await pinDate();
    await closeAll();
    await activated();
    const file = join(root(), CHECKOUT);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^ {8}current: 65$/m);
    git('2026-03-02', 'init', '-q');
    for (const [value, date] of [['58', '2026-03-02'], ['61', '2026-07-01'], ['65', '2026-11-10']]) {
      writeFileSync(file, text.replace(/^( {8}current: )65$/m, `$1${value}`));
      git(date, 'add', '-A');
      git(date, 'commit', '-qm', `checkout KR1: ${value}`);
      shas.push(git(date, 'rev-parse', 'HEAD').trim());
    }
    assert.equal(readFileSync(file, 'utf8'), text, 'the file as it was');
  });
  after(async () => {
    await closeAll();
    rmSync(join(root(), '.git'), { recursive: true, force: true });
  });

  it('the board, then its git history; the Review view: check-ins at once, then the three commits and the change since the last review', async () => {
    await openEditor(CHECKOUT, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('okr.openPreviewToSide');
    const model = await waitPosted({ type: 'model', timeoutMs: 20000 });
    assert.equal(model.model.unit, 'checkout');
    const history = await waitPosted({ type: 'history', timeoutMs: 20000 });
    assert.deepEqual(history.krs['checkout/KR1'].filter((p) => p.source === 'git').map((p) => [p.date, p.value]), [['2026-03-02', 58], ['2026-07-01', 61], ['2026-11-10', 65]]);
    assert.deepEqual(history.periods['checkout/KR1'], { first: '2026-01-01', last: '2026-12-31' });

    await post({ type: 'askReview' });
    const first = await waitPosted({ type: 'review', timeoutMs: 20000 });
    assert.ok(first.doc, first.error);
    const withGit = await waitPosted({ type: 'review', fromGit: true, timeoutMs: 20000 });
    const kr1 = withGit.doc!.krs.find((k) => k.ref === 'checkout/KR1')!;
    assert.deepEqual(kr1.history.filter((p) => p.source === 'git').map((p) => [p.date, p.value, p.commit, p.author]), [
      ['2026-03-02', 58, shas[0], 'Ines'], ['2026-07-01', 61, shas[1], 'Ines'], ['2026-11-10', 65, shas[2], 'Ines'],
    ]);
    assert.deepEqual(kr1.change, { from: 61, to: 65 }, 'since the last review (2026-11-03): 61, from the commit of 2026-07-01');
    await post({ type: 'endReview' });
  });
});
