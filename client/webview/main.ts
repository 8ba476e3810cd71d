/**
 * Entry point of dist/webview.js (a browser IIFE).
 *
 * In a VS Code webview (`acquireVsCodeApi` exists): posts `ready`, then draws
 * every valid `model` message the extension sends. In a static export: reads
 * the model from `<script type="application/json" id="okr-model">`.
 *
 * The host page provides `<div id="okr-root">` (created if missing) and inlines
 * ROADMAP_CSS (server/src/render/styles.ts) in a nonce'd `<style>`.
 */
import type { Controller, Host } from './controller';
import { startController } from './controller';
import { isRoadmapModel } from './messages';
import type { RoadmapModel } from './messages';
import type { PortfolioSection } from '../../server/src/core/roadmap/model';
import { renderPlaceholder } from './render';
import type { ViewState } from './state';

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

function rootElement(): HTMLElement {
  let root = document.getElementById('okr-root');
  if (!root) {
    root = document.createElement('div');
    root.id = 'okr-root';
    document.body.appendChild(root);
  }
  return root;
}

function main(): void {
  const root = rootElement();
  if (typeof acquireVsCodeApi === 'function') {
    const api = acquireVsCodeApi();
    const host: Host = {
      mode: 'vscode',
      post: (msg) => api.postMessage(msg),
      getState: () => api.getState(),
      setState: (s: ViewState) => api.setState(s),
    };
    // Listen before `ready` goes out (startController posts it), so no answer is missed;
    // messages are delivered in a later task, by when `controller` is set.
    let controller: Controller | undefined;
    window.addEventListener('message', (e: MessageEvent) => { controller?.receive(e.data); });
    controller = startController(root, host);
    return;
  }

  const embedded = readEmbeddedModel();
  if (!embedded) {
    renderPlaceholder(root, { error: 'This page holds no valid roadmap model.', message: 'Nothing to draw.' });
    return;
  }
  let memory: unknown;
  const controller = startController(root, {
    mode: 'standalone',
    post: () => undefined,
    getState: () => memory,
    setState: (s) => { memory = s; },
    section: (unit) => readEmbeddedSection(embedded, unit),
  }, embedded);
  // The sections' cards follow this script (core/export/html.ts): a section opened before the
  // browser has read them shows "Loading…" until then.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => controller.refresh());
}

/**
 * The cards of an elided section of an exported page: the `i`-th section's
 * are in `<script type="application/json" id="okr-cards-i">` (core/export/html.ts),
 * parsed only when the reader opens it. Checked like a model.
 */
function readEmbeddedSection(model: RoadmapModel, unit: string): Pick<PortfolioSection, 'lanes' | 'unlinked'> | undefined {
  const i = model.sections?.findIndex((s) => s.unit === unit) ?? -1;
  const el = i >= 0 ? document.getElementById(`okr-cards-${i}`) : null;
  if (!el?.textContent) return undefined;
  try {
    const data = JSON.parse(el.textContent) as { unit?: unknown; lanes?: unknown; unlinked?: unknown };
    const probe = { unit, view: 'portfolio', columns: [], lanes: data.lanes, unlinked: data.unlinked };
    return data.unit === unit && isRoadmapModel(probe) ? probe : undefined;
  } catch {
    return undefined;
  }
}

function readEmbeddedModel(): RoadmapModel | undefined {
  const el = document.getElementById('okr-model');
  if (!el?.textContent) return undefined;
  try {
    const data: unknown = JSON.parse(el.textContent);
    return isRoadmapModel(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

// An exported page puts this script right after its model (and before the blocks of a large
// portfolio's cards): it draws at once, while the browser reads the rest.
if (document.readyState === 'loading' && !document.getElementById('okr-model')) document.addEventListener('DOMContentLoaded', main);
else main();
