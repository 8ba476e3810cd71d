/**
 * Test harness for the roadmap webview: builds dist/webview.js (same options as
 * esbuild.mjs, this entry only), launches Debian chromium through
 * playwright-core, and opens either a standalone export page (renderHtmlPage)
 * or a VS Code-like webview page (webviewHtml + a fake acquireVsCodeApi).
 */
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { webviewHtml } from '../../client/webview/shell';
import { ROADMAP_CSS } from '../../server/src/render/styles';
import type { RoadmapModel } from '../../server/src/core/roadmap/model';
import { renderHtmlPage } from '../../server/src/core/export/html';

export const ROOT = resolve(__dirname, '../..');
export const SHOTS = join(ROOT, 'test-output', 'screenshots');
const ORIGIN = 'https://okr.test';

export function fixture(name: string): RoadmapModel {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as RoadmapModel;
}

export async function buildBundle(): Promise<string> {
  const outfile = join(ROOT, 'dist', 'webview.js');
  await esbuild.build({
    entryPoints: [join(ROOT, 'client/webview/main.ts')], outfile,
    bundle: true, sourcemap: true, minify: false, logLevel: 'warning',
    platform: 'browser', format: 'iife', target: 'es2020',
  });
  return readFileSync(outfile, 'utf8');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** What a page recorded: dialogs opened, CSP violations, page errors. */
export interface Recorder { dialogs: string[]; errors: string[] }

export interface Opened { page: Page; context: BrowserContext; rec: Recorder }

const RECORD_CSP = `
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
`;

async function newPage(browser: Browser, html: string, script: string, init: string, viewport = { width: 1440, height: 900 }): Promise<Opened> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  await context.route(`${ORIGIN}/**`, (route) => {
    const url = route.request().url();
    if (url.endsWith('/webview.js')) return route.fulfill({ contentType: 'text/javascript', body: script });
    if (url.endsWith('/index.html')) return route.fulfill({ contentType: 'text/html', body: html });
    return route.fulfill({ status: 404, body: '' });
  });
  const page = await context.newPage();
  const rec: Recorder = { dialogs: [], errors: [] };
  page.on('dialog', (d) => { rec.dialogs.push(d.message()); void d.dismiss(); });
  page.on('pageerror', (e) => rec.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') rec.errors.push(m.text()); });
  await page.addInitScript(RECORD_CSP + init);
  await page.goto(`${ORIGIN}/index.html`);
  return { page, context, rec };
}

/** The exported page of `model` (okr roadmap --format html). */
export async function openStandalone(browser: Browser, script: string, model: RoadmapModel, viewport?: { width: number; height: number }): Promise<Opened> {
  const html = renderHtmlPage(model, { script, css: ROADMAP_CSS });
  const o = await newPage(browser, html, script, '', viewport);
  await o.page.waitForSelector('#okr-root .app');
  return o;
}

/**
 * A VS Code-like webview: the shell from client/webview/shell.ts, with a fake
 * `acquireVsCodeApi` that records posted messages in `window.__posted` (the
 * `rendered` acknowledgements in `window.__rendered`) and the state in
 * `window.__state` (seeded with `savedState`).
 */
export async function openVsCode(browser: Browser, script: string, savedState?: unknown, viewport?: { width: number; height: number }): Promise<Opened> {
  const html = webviewHtml({ cspSource: ORIGIN, scriptUri: `${ORIGIN}/webview.js`, nonce: 'dGVzdC1ub25jZQ==' });
  const init = `
    window.__posted = [];
    window.__rendered = [];
    window.__state = ${JSON.stringify(savedState ?? null)} ?? undefined;
    window.acquireVsCodeApi = () => ({
      // \`rendered\` acknowledgements are kept apart (window.__rendered: versions), so tests count gestures.
      postMessage: (m) => m && m.type === 'rendered' ? window.__rendered.push(m.version) : window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => window.__state,
      setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
    });`;
  const o = await newPage(browser, html, script, init, viewport);
  await o.page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  return o;
}

/** Sends a message as the extension would (`webview.postMessage`). */
export async function send(page: Page, msg: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), msg);
}

export async function posted(page: Page): Promise<{ type: string; [k: string]: unknown }[]> {
  return page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

/** Light / dark / high-contrast as VS Code sets them: a body class and --vscode-* vars on <html>. */
export const THEMES: Record<string, { bodyClass: string; vars: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    vars: {
      'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', 'font-size': '13px', 'editor-font-family': '"Droid Sans Mono", monospace',
      'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', 'descriptionForeground': '#3b3b3b', 'panel-border': '#e5e5e5',
      'widget-border': '#e5e5e5', 'sideBar-background': '#f8f8f8', 'editorWidget-background': '#f8f8f8', 'editorWidget-border': '#c8c8c8',
      'widget-shadow': '#00000029', 'focusBorder': '#005fb8', 'textLink-foreground': '#005fb8', 'list-hoverBackground': '#f2f2f2',
      'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b', 'button-background': '#005fb8', 'button-foreground': '#ffffff',
      'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'dropdown-background': '#ffffff',
      'dropdown-foreground': '#3b3b3b', 'dropdown-border': '#cecece', 'editorWarning-foreground': '#bf8803',
      'inputValidation-warningBackground': '#f6f5d2', 'inputValidation-warningBorder': '#b89500',
      'inputValidation-errorBackground': '#f2dede', 'inputValidation-errorBorder': '#be1100', 'charts-green': '#388a34',
      'charts-yellow': '#bf8803', 'charts-red': '#e51400', 'charts-blue': '#1a85ff', 'charts-purple': '#652d90',
      'progressBar-background': '#005fb8', 'textCodeBlock-background': '#dcdcdc66',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', 'font-size': '13px', 'editor-font-family': '"Droid Sans Mono", monospace',
      'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', 'descriptionForeground': '#9d9d9d', 'panel-border': '#2b2b2b',
      'widget-border': '#313131', 'sideBar-background': '#181818', 'editorWidget-background': '#202020', 'editorWidget-border': '#454545',
      'widget-shadow': '#0000005c', 'focusBorder': '#0078d4', 'textLink-foreground': '#4daafc', 'list-hoverBackground': '#2a2d2e',
      'badge-background': '#616161', 'badge-foreground': '#f8f8f8', 'button-background': '#0078d4', 'button-foreground': '#ffffff',
      'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'dropdown-background': '#313131',
      'dropdown-foreground': '#cccccc', 'dropdown-border': '#3c3c3c', 'editorWarning-foreground': '#cca700',
      'inputValidation-warningBackground': '#352a05', 'inputValidation-warningBorder': '#b89500',
      'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-errorBorder': '#be1100', 'charts-green': '#89d185',
      'charts-yellow': '#cca700', 'charts-red': '#f14c4c', 'charts-blue': '#3794ff', 'charts-purple': '#b180d7',
      'progressBar-background': '#0078d4', 'textCodeBlock-background': '#2b2b2b',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    vars: {
      'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', 'font-size': '13px', 'editor-font-family': '"Droid Sans Mono", monospace',
      'editor-background': '#000000', 'editor-foreground': '#ffffff', 'descriptionForeground': '#ffffff', 'panel-border': '#6fc3df',
      'widget-border': '#6fc3df', 'sideBar-background': '#000000', 'editorWidget-background': '#0c141f', 'editorWidget-border': '#6fc3df',
      'contrastBorder': '#6fc3df', 'contrastActiveBorder': '#f38518', 'focusBorder': '#f38518', 'textLink-foreground': '#21a6ff',
      'badge-background': '#000000', 'badge-foreground': '#ffffff', 'button-background': '#000000', 'button-foreground': '#ffffff',
      'dropdown-background': '#000000', 'dropdown-foreground': '#ffffff', 'dropdown-border': '#6fc3df',
      'editorWarning-foreground': '#fff50a', 'inputValidation-warningBackground': '#000000', 'inputValidation-warningBorder': '#fff50a',
      'inputValidation-errorBackground': '#000000', 'inputValidation-errorBorder': '#f48771', 'charts-green': '#89d185',
      'charts-yellow': '#ffd700', 'charts-red': '#f48771', 'charts-blue': '#3794ff', 'charts-purple': '#b180d7',
      'progressBar-background': '#6fc3df', 'textCodeBlock-background': '#000000',
    },
  },
};

export async function applyTheme(page: Page, name: keyof typeof THEMES): Promise<void> {
  const t = THEMES[name];
  await page.evaluate(({ bodyClass, vars }) => {
    document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
    document.body.classList.add(bodyClass);
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(`--vscode-${k}`, v);
  }, t);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Picks a filter value as a person would: opens the Filter menu, then the select. */
export async function pickFilter(page: Page, key: string, value: string): Promise<void> {
  if (!(await page.locator('details.filters[open]').count())) await page.locator('details.filters > summary').click();
  await page.locator(`select[data-filter="${key}"]`).selectOption(value);
}
