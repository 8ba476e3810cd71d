/**
 * INTERNAL commands for the extension-host tests (test/vscode). Registered only
 * when the extension runs in development or test mode, never from an installed
 * .vsix. They drive the preview as its webview would, through the same
 * validation (`okr._test.postFromWebview`), and report what the UI shows.
 */
import * as vscode from 'vscode';
import type { EditFlash, FlashState } from './edit-flash';
import type { PreviewManager } from './preview/manager';
import type { PostedMessage, RoadmapPanel } from './preview/panel';
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
}

export interface WaitArgs {
  /** The preview of this document; default: the active (or only) preview. */
  uri?: string;
  type: PostedMessage['type'];
  /** For `highlight`: the ref to wait for (null = cleared). */
  ref?: string | null;
  /** For `model`: only a version greater than this. */
  newerThan?: number;
  /** For `model`: only a model whose view is this. */
  view?: string;
  timeoutMs?: number;
}

export function registerTestCommands(previews: PreviewManager, status: StatusBar, flash: EditFlash): vscode.Disposable[] {
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
  });

  const matches = (m: PostedMessage, a: WaitArgs): boolean => {
    if (m.type !== a.type) return false;
    if (m.type === 'highlight' && a.ref !== undefined && m.ref !== a.ref) return false;
    if (m.type === 'model' && a.newerThan !== undefined && m.version <= a.newerThan) return false;
    if (m.type === 'model' && a.view !== undefined && m.model.view !== a.view) return false;
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
    // The lines highlighted after an edit from the preview: resolves once some are (`shown: true`) or none are.
    vscode.commands.registerCommand('okr._test.waitEditFlash', (a: { shown: boolean; timeoutMs?: number }) => new Promise<FlashState | undefined>((resolve, reject) => {
      if (!!flash.state === a.shown) return resolve(flash.state);
      const timer = setTimeout(() => { sub.dispose(); reject(new Error(`the edit highlight was not ${a.shown ? 'shown' : 'cleared'} within ${a.timeoutMs ?? 15000} ms`)); }, a.timeoutMs ?? 15000);
      const sub = flash.onDidChange((st) => {
        if (!!st !== a.shown) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(st);
      });
    })),
  ];
}
