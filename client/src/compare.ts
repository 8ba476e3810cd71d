/**
 * "OKR: Compare Roadmap with…" (`okr.compareWith`): pick HEAD, a branch, a tag
 * or any revision; the preview of the okr file shows its board compared with
 * it (compare mode). And `okr.compare`, the command the "What if …?" code
 * actions run with `{ uri, whatIf }` (server/src/protocol.ts CompareCommand):
 * the same preview, compared with the what-if.
 */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import type { CompareTarget, WhatIfEdit } from './preview/compare-session';
import { whatIfLabel } from './preview/compare-session';
import type { PreviewManager } from './preview/manager';
import type { RoadmapPanel } from './preview/panel';
import { isOkr } from './preview/panel';

/** The subset of the built-in git extension's API read here (extensions/git/src/api/git.d.ts). */
interface GitRef { type: number; name?: string; commit?: string; remote?: string }
interface GitRepository { rootUri: vscode.Uri; getRefs?(query?: object): Promise<GitRef[]>; state?: { refs?: GitRef[] } }
interface GitApi { repositories: GitRepository[] }

/** Branches and tags of the repository holding `uri`, by the git extension (none when it is absent or disabled). */
async function refsOf(uri: vscode.Uri): Promise<{ branches: string[]; tags: string[] }> {
  const none = { branches: [], tags: [] };
  try {
    const ext = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git');
    if (!ext) return none;
    const api = (ext.isActive ? ext.exports : await ext.activate()).getAPI(1);
    const repo = api.repositories
      .filter((r) => uri.fsPath === r.rootUri.fsPath || uri.fsPath.startsWith(`${r.rootUri.fsPath}/`))
      .sort((a, b) => b.rootUri.fsPath.length - a.rootUri.fsPath.length)[0];
    if (!repo) return none;
    const refs = (await repo.getRefs?.({})) ?? repo.state?.refs ?? [];
    const names = (type: number) => [...new Set(refs.filter((r) => r.type === type && r.name).map((r) => (r.remote ? `${r.remote}/${r.name}` : r.name!)))]
      .filter((n) => !n.endsWith('/HEAD')).sort();
    // RefType: 0 head (a local branch), 1 remote head, 2 tag.
    return { branches: [...names(0), ...names(1)], tags: names(2) };
  } catch {
    return none;
  }
}

interface Pick extends vscode.QuickPickItem { rev?: string; other?: boolean }

/** Asks which revision to compare with: HEAD, the branches and tags, or one typed. Undefined when dismissed. */
async function pickRevision(uri: vscode.Uri): Promise<string | undefined> {
  const { branches, tags } = await refsOf(uri);
  const items: Pick[] = [
    { label: 'HEAD', description: 'the last commit: what your unsaved and uncommitted edits change', rev: 'HEAD' },
    ...(branches.length ? [{ label: 'Branches', kind: vscode.QuickPickItemKind.Separator } as Pick] : []),
    ...branches.map((b): Pick => ({ label: b, description: 'branch', rev: b })),
    ...(tags.length ? [{ label: 'Tags', kind: vscode.QuickPickItemKind.Separator } as Pick] : []),
    ...tags.map((t): Pick => ({ label: t, description: 'tag', rev: t })),
    { label: 'Another revision…', description: 'a commit, HEAD~3, a date with @{…}', other: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Compare the roadmap with…', placeHolder: 'The plan at this revision is the older side; your workspace is the newer one', matchOnDescription: true });
  if (!picked) return undefined;
  if (!picked.other) return picked.rev;
  const typed = await vscode.window.showInputBox({ title: 'Compare the roadmap with a revision', prompt: 'A git revision: a commit id, a branch, a tag, HEAD~3…', validateInput: (v) => (v.trim() ? undefined : 'Type a revision') });
  return typed?.trim() || undefined;
}

/** The okr document to compare: the argument, the active okr editor, or the active preview's source. */
function sourceFor(arg: unknown, previews: PreviewManager): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const editor = vscode.window.activeTextEditor;
  if (editor && isOkr(editor.document)) return editor.document.uri;
  return previews.activePanel?.source;
}

/** The preview of `uri` (opened beside the editor when there is none), put in compare mode. */
async function showCompared(previews: PreviewManager, uri: vscode.Uri, target: CompareTarget): Promise<RoadmapPanel> {
  const panel = previews.panelFor(uri) ?? previews.open(uri, vscode.ViewColumn.Beside, true);
  panel.reveal(undefined, true);
  panel.compare(target);
  return panel;
}

export function registerCompareCommands(ctx: Ctx, previews: PreviewManager): vscode.Disposable[] {
  const guarded = (id: string, fn: (...args: unknown[]) => Promise<unknown>) => vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await fn(...args);
    } catch (e) {
      ctx.log(`${id} failed: ${(e as Error)?.stack ?? e}`);
      void vscode.window.showErrorMessage(`OKR: ${(e as Error)?.message ?? e}`);
      return undefined;
    }
  });
  return [
    // Optional second argument (tests, keybindings): the revision, skipping the pick.
    guarded('okr.compareWith', async (arg, revArg) => {
      const uri = sourceFor(arg, previews);
      if (!uri) {
        void vscode.window.showInformationMessage('Open an okr file first: its roadmap is the one compared.');
        return undefined;
      }
      const rev = typeof revArg === 'string' && revArg ? revArg : await pickRevision(uri);
      if (!rev) return undefined;
      return showCompared(previews, uri, { rev, label: rev });
    }),
    guarded('okr.compare', async (arg) => {
      const a = arg as { uri?: unknown; whatIf?: unknown; rev?: unknown } | undefined;
      if (!a || typeof a.uri !== 'string') throw new Error('okr.compare needs { uri, whatIf } or { uri, rev }');
      const uri = vscode.Uri.parse(a.uri);
      if (typeof a.rev === 'string' && a.rev) return showCompared(previews, uri, { rev: a.rev, label: a.rev });
      const edits = Array.isArray(a.whatIf) ? (a.whatIf as WhatIfEdit[]).filter((e) => e && typeof e.ref === 'string' && ['cut', 'drop', 'move'].includes(e.op)) : [];
      if (!edits.length) throw new Error('okr.compare needs at least one what-if edit (cut, drop or move)');
      return showCompared(previews, uri, { whatIf: edits, label: whatIfLabel(edits) });
    }),
  ];
}
