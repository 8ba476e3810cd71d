/**
 * ROADMAP_CSS: the whole stylesheet of the roadmap renderer, as a string. The
 * page shell (the VS Code preview, or the HTML export) inlines it in a
 * `<style nonce="…">`, since the CSP allows no other inline style.
 *
 * Colours come only from `--vscode-*` theme variables through `--okr-*` tokens,
 * with light fallbacks for the standalone page (dark ones under
 * prefers-color-scheme: dark when no VS Code theme class is present).
 *
 * It lives outside client/ (nothing outside client/ imports from client/): the
 * webview (client/webview/shell.ts), the extension's and the CLI's HTML export
 * and the review page all import it from here.
 */
import { COMPARE_CSS } from './styles-compare';
import { REVIEW_CSS } from './styles-review';
import { SPARK_CSS } from './styles-spark';
import { VIEW_CSS } from './styles-views';

const TOKENS = `
:root {
  --okr-font: var(--vscode-font-family, -apple-system, BlinkMacSystemFont, "Segoe UI", system-ui, Ubuntu, sans-serif);
  --okr-font-size: var(--vscode-font-size, 13px);
  --okr-mono: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
  --okr-bg: var(--vscode-editor-background, #ffffff);
  --okr-fg: var(--vscode-editor-foreground, #1f2328);
  --okr-muted: var(--vscode-descriptionForeground, #656d76);
  --okr-border: var(--vscode-panel-border, var(--vscode-widget-border, #d0d7de));
  --okr-surface: var(--vscode-sideBar-background, #f6f8fa);
  --okr-card: var(--vscode-editorWidget-background, #ffffff);
  --okr-card-border: var(--vscode-editorWidget-border, var(--vscode-widget-border, #d8dee4));
  --okr-shadow: var(--vscode-widget-shadow, rgba(31, 35, 40, 0.10));
  --okr-accent: var(--vscode-focusBorder, #0969da);
  --okr-link: var(--vscode-textLink-foreground, #0969da);
  --okr-hover: var(--vscode-list-hoverBackground, #eaeef2);
  --okr-badge-bg: var(--vscode-badge-background, #dde3ea);
  --okr-badge-fg: var(--vscode-badge-foreground, #24292f);
  --okr-btn-bg: var(--vscode-button-background, #0969da);
  --okr-btn-fg: var(--vscode-button-foreground, #ffffff);
  --okr-btn2-bg: var(--vscode-button-secondaryBackground, #eaeef2);
  --okr-btn2-fg: var(--vscode-button-secondaryForeground, #24292f);
  --okr-input-bg: var(--vscode-dropdown-background, #ffffff);
  --okr-input-fg: var(--vscode-dropdown-foreground, #1f2328);
  --okr-input-border: var(--vscode-dropdown-border, #d0d7de);
  --okr-warn: var(--vscode-editorWarning-foreground, #9a6700);
  --okr-warn-bg: var(--vscode-inputValidation-warningBackground, #fff8c5);
  --okr-warn-border: var(--vscode-inputValidation-warningBorder, #d4a72c);
  --okr-error-bg: var(--vscode-inputValidation-errorBackground, #ffebe9);
  --okr-error-border: var(--vscode-inputValidation-errorBorder, #cf222e);
  --okr-green: var(--vscode-charts-green, #1a7f37);
  --okr-yellow: var(--vscode-charts-yellow, #bf8700);
  --okr-red: var(--vscode-charts-red, #cf222e);
  --okr-blue: var(--vscode-charts-blue, #0969da);
  --okr-purple: var(--vscode-charts-purple, #8250df);
  --okr-progress: var(--vscode-progressBar-background, #0969da);
  --okr-code-bg: var(--vscode-textCodeBlock-background, #f6f8fa);
  --okr-track: color-mix(in srgb, var(--okr-fg) 12%, transparent);
  --okr-tint: color-mix(in srgb, var(--okr-fg) 7%, transparent);
  --okr-current: color-mix(in srgb, var(--okr-accent) 6%, transparent);
  /* Widths the column plan reads (fold.ts): keep them plain px. */
  --lane-col: 284px;
  --col-min: 216px;
  --earlier-w: 64px;
  --scrollbar-allowance: 16px;
  --head-h: 36px;
}
/* Narrow (a side panel): lane headings sit above their row, so every pixel goes to the columns. */
@media (max-width: 899px) {
  :root { --lane-col: 0px; --col-min: 200px; --earlier-w: 56px; }
  /* The view's name is on the view switcher: the title row keeps its room for the unit picker. */
  .toolbar__view { display: none; }
  /* Title, Review, the unit picker and Export on one row in a side panel: the picker says what it is
     by its aria-label and title, and its width is capped (a long unit name is cut; the list shows it whole). */
  .field__label--wide { display: none; }
  .select--unit { max-width: 170px; }
}
@media (prefers-color-scheme: dark) {
  body:not(.vscode-light):not(.vscode-dark):not(.vscode-high-contrast):not(.vscode-high-contrast-light) {
    --okr-bg: #0d1117; --okr-fg: #e6edf3; --okr-muted: #8d96a0; --okr-border: #30363d;
    --okr-surface: #161b22; --okr-card: #1c2128; --okr-card-border: #30363d; --okr-shadow: rgba(0, 0, 0, 0.4);
    --okr-accent: #2f81f7; --okr-link: #4493f8; --okr-hover: #21262d; --okr-badge-bg: #30363d; --okr-badge-fg: #e6edf3;
    --okr-btn-bg: #1f6feb; --okr-btn2-bg: #21262d; --okr-btn2-fg: #e6edf3;
    --okr-input-bg: #0d1117; --okr-input-fg: #e6edf3; --okr-input-border: #30363d;
    --okr-warn: #d29922; --okr-warn-bg: #2d2410; --okr-warn-border: #9e6a03; --okr-error-bg: #3b1418; --okr-error-border: #f85149;
    --okr-green: #3fb950; --okr-yellow: #d29922; --okr-red: #f85149; --okr-blue: #4493f8; --okr-purple: #a371f7;
    --okr-progress: #2f81f7; --okr-code-bg: #161b22;
  }
}
`;

const BASE = `
html, body { height: 100%; margin: 0; padding: 0; }
body { background: var(--okr-bg); color: var(--okr-fg); font-family: var(--okr-font); font-size: var(--okr-font-size); line-height: 1.45; }
#okr-root { height: 100%; }
*, *::before, *::after { box-sizing: border-box; }
button, select { font: inherit; color: inherit; }
:focus-visible { outline: 2px solid var(--okr-accent); outline-offset: 1px; }
code, .ref { font-family: var(--okr-mono); }
.app { display: flex; flex-direction: column; height: 100vh; }
.scroller { flex: 1 1 auto; overflow: auto; position: relative; container-type: inline-size; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }

.toolbar { flex: none; display: flex; flex-direction: column; gap: 6px; padding: 6px 12px; background: var(--okr-bg); border-bottom: 1px solid var(--okr-border); z-index: 10; }
.toolbar__row { display: flex; align-items: center; gap: 6px 12px; flex-wrap: wrap; justify-content: space-between; }
.toolbar__row--controls { justify-content: flex-start; }
.toolbar__title { display: flex; align-items: baseline; gap: 4px 8px; min-width: 0; flex-wrap: wrap; }
.toolbar__title h1 { margin: 0; font-size: 14px; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 100%; }
.toolbar__logo { color: var(--okr-accent); font-size: 14px; }
.toolbar__sub { color: var(--okr-muted); font-size: 12px; }
.toolbar__right { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }

.views { display: inline-flex; flex-wrap: wrap; align-items: center; border: 1px solid var(--okr-input-border); border-radius: 6px; overflow: hidden; }
.views__btn { border: 0; border-right: 1px solid var(--okr-input-border); background: transparent; padding: 2px 8px; font-size: 12px; cursor: pointer; }
.views__btn:last-of-type { border-right: 0; }
.views__btn:hover:not(:disabled):not(.is-active) { background: var(--okr-hover); }
.views__btn.is-active { background: var(--okr-btn-bg); color: var(--okr-btn-fg); }
.views__btn.is-pending { background: var(--okr-tint); font-style: italic; }
.views__btn:disabled { opacity: 0.45; cursor: not-allowed; }

.field { display: inline-flex; align-items: center; gap: 5px; font-size: 12px; color: var(--okr-muted); }
.select { background: var(--okr-input-bg); color: var(--okr-input-fg); border: 1px solid var(--okr-input-border); border-radius: 4px; padding: 2px 4px; font-size: 12px; max-width: 160px; }
/* The unit picker shows the chosen unit's whole name. */
.select--unit { max-width: 320px; }
.select.is-set { border-color: var(--okr-accent); box-shadow: 0 0 0 1px var(--okr-accent); }
.btn { border: 1px solid transparent; border-radius: 4px; padding: 2px 9px; font-size: 12px; cursor: pointer; }
.btn--secondary { background: var(--okr-btn2-bg); color: var(--okr-btn2-fg); }
.btn--secondary:hover { filter: brightness(0.95); }
.btn--link { background: none; border: 0; padding: 0 2px; color: var(--okr-link); text-decoration: underline; }
.menu { position: relative; }
.menu > summary { list-style: none; display: inline-flex; align-items: center; gap: 6px; user-select: none; }
.menu > summary::-webkit-details-marker { display: none; }
.menu__caret { font-size: 10px; opacity: 0.8; }
.menu__button.is-set { border-color: var(--okr-accent); box-shadow: 0 0 0 1px var(--okr-accent); }
.menu__list { position: absolute; right: 0; top: calc(100% + 4px); z-index: 20; min-width: 190px; display: flex; flex-direction: column; padding: 4px; background: var(--okr-input-bg); color: var(--okr-input-fg); border: 1px solid var(--okr-input-border); border-radius: 6px; box-shadow: 0 4px 14px var(--okr-shadow); }
.menu__item { display: flex; justify-content: space-between; gap: 16px; padding: 5px 10px; border: 0; border-radius: 4px; background: transparent; font-size: 12px; text-align: left; cursor: pointer; }
.menu__item:hover, .menu__item:focus-visible { background: var(--okr-hover); }
.menu__hint { color: var(--okr-muted); font-family: var(--okr-mono); font-size: 11px; }
.filters .menu__list { left: 0; right: auto; gap: 6px; padding: 8px 10px; min-width: 220px; }
.filters .field { justify-content: space-between; }
.filters .select { width: 140px; }

.legend { margin-left: auto; display: flex; align-items: center; gap: 2px 10px; flex-wrap: wrap; font-size: 11px; color: var(--okr-muted); }
.legend__group { display: inline-flex; align-items: center; gap: 8px; }
.legend__label { font-weight: 600; }
.legend__item { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap; }
.legend .mix__seg--active, .legend .mix__seg--planned, .legend .mix__seg--idea, .legend .mix__seg--done, .legend .mix__seg--dropped { border: 0; }
.legend__swatch { display: inline-block; width: 14px; height: 10px; border-radius: 3px; border: 1px solid var(--okr-card-border); background: var(--okr-card); }
.legend__swatch--kr { border: 1px dashed var(--okr-purple); background: color-mix(in srgb, var(--okr-purple) 14%, var(--okr-card)); }
.legend__swatch--dropped { opacity: 0.5; background: var(--okr-track); }
.legend__swatch--unlinked { background: var(--okr-warn-bg); border-color: var(--okr-warn-border); }
.legend__swatch--unsupported { background: var(--okr-card); border-color: var(--okr-warn-border); box-shadow: inset 3px 0 0 var(--okr-warn-border); }

.banner { display: flex; align-items: flex-start; gap: 8px; padding: 8px 16px; font-size: 12px; flex: none; }
.banner--error { background: var(--okr-error-bg); border-bottom: 1px solid var(--okr-error-border); }
.banner__icon { color: var(--okr-red); font-weight: 700; }
.filter-note { position: sticky; left: 0; width: 100cqw; padding: 4px 12px; font-size: 12px; color: var(--okr-muted); }

.empty { max-width: 580px; margin: 56px auto; padding: 0 24px; text-align: center; color: var(--okr-muted); }
.empty__icon { font-size: 40px; line-height: 1; color: var(--okr-accent); opacity: 0.6; }
.empty__title { margin: 12px 0 4px; font-size: 16px; font-weight: 600; color: var(--okr-fg); }
.empty__text { margin: 0 0 16px; }
.empty__snippet { text-align: left; background: var(--okr-code-bg); color: var(--okr-fg); border: 1px solid var(--okr-border); border-radius: 6px; padding: 12px 14px; font-family: var(--okr-mono); font-size: 12px; overflow: auto; }
.spinner { width: 28px; height: 28px; margin: 0 auto; border-radius: 50%; border: 3px solid var(--okr-track); border-top-color: var(--okr-accent); animation: okr-spin 0.9s linear infinite; opacity: 1; }
@keyframes okr-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }

/* Very narrow: the toolbar drops what the controls already say. */
@media (max-width: 599px) {
  .toolbar__view, .field__label--wide { display: none; }
  .views__btn { padding: 2px 6px; }
  /* The unit picker keeps the room the Review and Export buttons leave it on its row: the unit's name is not cut. */
  .select--unit { max-width: calc(100vw - 200px); }
  .legend { gap: 2px 8px; font-size: 10.5px; }
}

/* The page as an image (image.ts): the whole board at its full size, nothing sticky or scrolling. */
.okr-snapshot #okr-root, .okr-snapshot .app { height: auto; }
.okr-snapshot .scroller { flex: none; overflow: visible; }
.okr-snapshot .board__head, .okr-snapshot .board__corner, .okr-snapshot .lane__head,
.okr-snapshot .filter-note, .okr-snapshot .portfolio__head { position: relative; }
.okr-snapshot .board__head { box-shadow: none; }
.okr-snapshot * { transition: none !important; animation: none !important; }
`;

export const ROADMAP_CSS: string = [TOKENS, BASE, VIEW_CSS, COMPARE_CSS, SPARK_CSS, REVIEW_CSS].join('\n');
