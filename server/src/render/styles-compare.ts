/** Compare mode's styles (client/webview/compare-view.ts; part of ROADMAP_CSS, styles.ts): outside client/ so the CLI's HTML export and the webview share one stylesheet. */
export const COMPARE_CSS = `
.compare { position: relative; margin: 8px 12px 4px; padding: 6px 10px; border: 1px solid var(--okr-card-border); border-radius: 8px; background: var(--okr-surface); max-height: 30vh; overflow: auto; }
.compare__fold { margin-left: auto; font-size: 12px; }
.compare__head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.compare__title { font-weight: 700; }
.compare__summary { color: var(--okr-muted); font-size: 12px; }
.compare__none { margin: 4px 0 0; color: var(--okr-muted); font-size: 12px; }
.compare__list { list-style: none; margin: 4px 0 0; padding: 0; }
.compare__group { margin: 6px 0 2px; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--okr-muted); }
.compare__row { display: flex; gap: 6px; padding: 2px 4px; border-radius: 4px; font-size: 12px; overflow-wrap: anywhere; }
.compare__row[role="button"] { cursor: pointer; }
.compare__row[role="button"]:hover, .compare__row:focus-visible { background: var(--okr-hover); outline: none; }
.compare__row--bad .compare__icon { color: var(--okr-warn); }
.compare__row--good .compare__icon { color: var(--okr-green); }
.compare-toggle { display: inline-flex; gap: 2px; }
.change { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 10.5px; font-weight: 700; border: 1px solid transparent; white-space: nowrap; max-width: 100%; overflow: hidden; text-overflow: ellipsis; vertical-align: middle; }
.change--added { background: color-mix(in srgb, var(--okr-green) 20%, transparent); border-color: var(--okr-green); }
.change--moved, .change--renamed { background: color-mix(in srgb, var(--okr-blue) 16%, transparent); border-color: var(--okr-blue); }
.change--removed { background: var(--okr-tint); color: var(--okr-muted); border-color: var(--okr-card-border); }
.card--added { box-shadow: 0 0 0 2px var(--okr-green); }
.card--moved, .card--renamed { box-shadow: 0 0 0 2px var(--okr-blue); }
.card--ghost { opacity: 0.6; border-style: dashed; background: transparent; box-shadow: none; }
.card--ghost .card__title { text-decoration: line-through; }
.card__change { margin: 2px 0; }
.delta { margin-left: 4px; font-size: 11px; font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
.delta--up { color: var(--okr-green); }
.delta--down { color: var(--okr-red); }
body.vscode-high-contrast .card--ghost, body.vscode-high-contrast-light .card--ghost { opacity: 0.85; }
`;
