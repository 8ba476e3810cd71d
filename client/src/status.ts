/**
 * The status bar item: the cascade's errors and warnings and how much of the
 * roadmap is traced to a KR, from the server's `okr/status` notification.
 * A click opens the Problems panel.
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';
import type { Ctx } from './ctx';
import { describeStatus, type StatusText } from './status-text';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private visible = false;

  constructor(ctx: Ctx) {
    this.item = vscode.window.createStatusBarItem('okr.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'OKR Cascade';
    this.item.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };
    this.item.accessibilityInformation = { label: 'OKR cascade status' };
    this.disposables.push(ctx.onStatus((s) => this.update(s)));
    if (ctx.lastStatus) this.update(ctx.lastStatus);
  }

  private update(s: StatusParams): void {
    if (s.files === 0) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const d = describeStatus(s);
    this.item.text = d.text;
    this.item.tooltip = d.tooltip;
    this.item.accessibilityInformation = { label: d.tooltip.split('\n').slice(0, 3).join('. ') };
    this.item.show();
    this.visible = true;
  }

  /** For tests: what the item shows (empty when hidden). */
  snapshot(): StatusText & { visible: boolean; command?: string } {
    const command = typeof this.item.command === 'string' ? this.item.command : this.item.command?.command;
    return { text: this.item.text, tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : '', visible: this.visible, command };
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.item.dispose();
  }
}
