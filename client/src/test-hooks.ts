/**
 * INTERNAL commands for the extension-host tests (test/vscode). Registered only
 * when the extension runs in development or test mode, never from an installed
 * .vsix. They drive the preview as its webview would, through the same
 * validation (`okr._test.postFromWebview`), and report what the UI shows.
 */
import * as vscode from 'vscode';
import type { PreviewManager } from './preview/manager';
import type { Flash } from './preview/flash';
import type { PanelStats, PostedMessage, RoadmapPanel } from './preview/panel';
import type { StatusBar } from './status';

export interface PreviewInfo {
  source: string;
  title: string;
  viewColumn: number | undefined;
  ready: boolean;
  locked: boolean;
  view: string;
  unit?: string;
  modelUnit?: string;
  stats: PanelStats;
}

/** Resolves with the first event of `event` that `test` accepts, or fails after `timeoutMs`. */
function next<T>(event: vscode.Event<T>, test: (x: T) => boolean, what: string, timeoutMs = 15000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`no ${what} within ${timeoutMs} ms`)); }, timeoutMs);
    const sub = event((x) => { if (!test(x)) return; clearTimeout(timer); sub.dispose(); resolve(x); });
  });
}

export interface WaitArgs {
  /** The preview of this document; default: the active (or only) preview. */
  uri?: string;
  type: PostedMessage['type'];
  /** For `highlight`: the ref to wait for (null = cleared). */
  ref?: string | null;
  /** For `model`: only a version greater than this. */
  newerThan?: number;
  /** For `model`: only a model whose view is this; for `compare`, only a comparison of this view. */
  view?: string;
  /** For `compare`: only a comparison with this label (`HEAD`, `what if: …`). */
  label?: string;
  /** For `review`: only a review whose KRs' history holds a point from git. */
  fromGit?: boolean;
  timeoutMs?: number;
}

export function registerTestCommands(previews: PreviewManager, status: StatusBar): vscode.Disposable[] {
  const panelOf = (uri?: string): RoadmapPanel | undefined =>
    uri ? previews.panelFor(vscode.Uri.parse(uri)) : previews.activePanel ?? previews.all[previews.all.length - 1];

  const info = (p: RoadmapPanel): PreviewInfo => ({
    source: p.source.toString(),
    title: p.panel.title,
    viewColumn: p.panel.viewColumn,
    ready: p.isReady,
    locked: p.locked,
    view: p.view,
    unit: p.unit,
    modelUnit: p.model?.unit,
    stats: { ...p.stats },
  });

  const matches = (m: PostedMessage, a: WaitArgs): boolean => {
    if (m.type !== a.type) return false;
    if (m.type === 'highlight' && a.ref !== undefined && m.ref !== a.ref) return false;
    if (m.type === 'model' && a.newerThan !== undefined && m.version <= a.newerThan) return false;
    if (m.type === 'model' && a.view !== undefined && m.model.view !== a.view) return false;
    if (m.type === 'compare' && a.label !== undefined && m.data?.label !== a.label) return false;
    if (m.type === 'compare' && a.view !== undefined && m.data?.head?.view !== a.view) return false;
    if (m.type === 'review' && a.fromGit && !m.doc?.krs.some((k) => k.history.some((p) => p.source === 'git'))) return false;
    return true;
  };

  /** Resolves with the first message (already the latest of its type, or to come) that matches. */
  const waitForPosted = (a: WaitArgs): Promise<PostedMessage> => new Promise((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    const done = (fn: () => void) => { clearTimeout(timer); subs.forEach((s) => s.dispose()); fn(); };
    const timer = setTimeout(() => done(() => reject(new Error(`no ${a.type} message matching ${JSON.stringify(a)} within ${a.timeoutMs ?? 15000} ms`))), a.timeoutMs ?? 15000);
    const watch = (p: RoadmapPanel) => {
      const latest = [...p.posted].reverse().find((m) => m.type === a.type);
      if (latest && matches(latest, a)) return done(() => resolve(latest));
      subs.push(p.onDidPost((m) => { if (matches(m, a)) done(() => resolve(m)); }));
    };
    const p = panelOf(a.uri);
    if (p) watch(p);
    else subs.push(previews.onDidCreatePanel((np) => { if (!a.uri || np.source.toString() === a.uri) watch(np); }));
  });

  return [
    vscode.commands.registerCommand('okr._test.postFromWebview', async (msg: unknown, uri?: string) => {
      const p = panelOf(uri);
      if (!p) throw new Error('no roadmap preview is open');
      await p.receive(msg);
    }),
    vscode.commands.registerCommand('okr._test.previews', (): PreviewInfo[] => previews.all.map(info)),
    vscode.commands.registerCommand('okr._test.waitForPosted', (a: WaitArgs) => waitForPosted(a)),
    vscode.commands.registerCommand('okr._test.status', () => status.snapshot()),
    // Resolves when the webview has drawn a model of at least this version.
    vscode.commands.registerCommand('okr._test.waitForRendered', (a: { uri?: string; atLeast: number; timeoutMs?: number }) => {
      const p = panelOf(a.uri);
      if (!p) throw new Error('no roadmap preview is open');
      if (p.lastRendered >= a.atLeast) return p.lastRendered;
      return next(p.onDidRender, (v) => v >= a.atLeast, `rendered ≥ ${a.atLeast}`, a.timeoutMs);
    }),
    // Resolves when a line written by a drag is highlighted (cleared: false) or its highlight ends (cleared: true).
    vscode.commands.registerCommand('okr._test.waitForFlash', (a: { uri?: string; cleared: boolean; timeoutMs?: number }) => {
      const p = panelOf(a.uri);
      if (!p) throw new Error('no roadmap preview is open');
      return next<Flash>(p.onDidFlash, (f) => f.cleared === a.cleared, `flash (cleared: ${a.cleared})`, a.timeoutMs);
    }),
    // What the webview has on screen (client/webview/probe.ts).
    vscode.commands.registerCommand('okr._test.probe', (uri?: string) => {
      const p = panelOf(uri);
      if (!p) throw new Error('no roadmap preview is open');
      return p.probe();
    }),
  ];
}
