/**
 * The preview's requests for a model, so that typing never queues them: at most
 * one is in flight; an edit made meanwhile marks its answer stale (dropped and
 * counted) and asks once more when it returns.
 */
import * as vscode from 'vscode';
import type { PanelStats } from './sender';

export interface Asker<T> {
  /** Whether asking makes sense now (the page is ready and the panel open). */
  canAsk(): boolean;
  /** The panel is gone: answers are dropped and nothing is asked again. */
  gone(): boolean;
  /** A reason not to ask, already shown to the user (the source does not parse). */
  blocked(): boolean;
  ask(token: vscode.CancellationToken): Promise<T | undefined>;
  /** The answer to request `version` (a growing number), asked at `asked` (ms). */
  answered(version: number, answer: T | undefined, asked: number): void;
  /** A request failed: true to ask again at once (`firstTry` is false on that second try). */
  failed(error: unknown, firstTry: boolean): boolean;
}

export class LatestRequest<T> implements vscode.Disposable {
  private inflight?: vscode.CancellationTokenSource;
  private dirty = false;
  private seq = 0;

  constructor(private readonly stats: PanelStats, private readonly asker: Asker<T>) {}

  /** What the webview draws may have changed: ask now, or once the request in flight returns. */
  update(): void {
    if (!this.asker.canAsk()) return;
    if (this.inflight) this.dirty = true;
    else void this.refresh();
  }

  /** Asks at once unless a request is in flight (then once it returns). */
  async refresh(firstTry = true): Promise<void> {
    if (!this.asker.canAsk()) return;
    if (this.inflight) { this.dirty = true; return; }
    if (this.asker.blocked()) return;
    const version = ++this.seq;
    const asked = Date.now();
    this.dirty = false;
    const cts = (this.inflight = new vscode.CancellationTokenSource());
    this.stats.requests++;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, 1);
    let retry = false;
    try {
      const answer = await this.asker.ask(cts.token);
      if (this.asker.gone()) return;
      if (this.dirty) { this.stats.dropped++; return; } // stale: asked again below
      this.asker.answered(version, answer, asked);
    } catch (e) {
      if (this.asker.gone() || cts.token.isCancellationRequested || this.dirty) return;
      retry = this.asker.failed(e, firstTry);
    } finally {
      cts.dispose();
      if (this.inflight === cts) this.inflight = undefined;
      if (retry) void this.refresh(false);
      else if (this.dirty && !this.asker.gone()) void this.refresh();
    }
  }

  dispose(): void {
    this.inflight?.cancel();
    this.inflight?.dispose();
  }
}
