/** The board, cards, outcomes and the themes / portfolio / trace views (part of ROADMAP_CSS). */

const BOARD = `
.board { display: flex; flex-direction: column; min-width: var(--board-min); padding-bottom: 16px; }
.board__head, .lane { display: grid; grid-template-columns: var(--lane-col) var(--cells); }
.board__head { position: sticky; top: 0; z-index: 3; background: var(--okr-bg); border-bottom: 1px solid var(--okr-border); box-shadow: 0 1px 3px var(--okr-shadow); }
.board__corner { position: sticky; left: 0; z-index: 4; background: var(--okr-bg); padding: 9px 14px; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.05em; color: var(--okr-muted); border-right: 1px solid var(--okr-border); }
.col-head { display: flex; align-items: center; gap: 6px; padding: 9px 12px; font-size: 12px; font-weight: 600; border-right: 1px solid color-mix(in srgb, var(--okr-border) 50%, transparent); }
.col-head--current { background: var(--okr-current); box-shadow: inset 0 -2px 0 var(--okr-accent); }
.col-head__now { font-size: 10px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; padding: 0 6px; border-radius: 8px; background: var(--okr-accent); color: var(--okr-btn-fg); }
.col-head--earlier { padding: 0; }
.earlier__btn { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 2px; width: 100%; height: 100%; padding: 4px 2px; border: 0; background: var(--okr-tint); cursor: pointer; font-size: 10.5px; font-weight: 600; color: var(--okr-muted); }
.earlier__btn:hover { background: var(--okr-hover); color: var(--okr-fg); }
.earlier__btn .col-head__count { margin: 0; }
.cell--earlier { padding: 8px 4px; align-items: center; background: var(--okr-tint); }
.earlier__count { min-width: 28px; padding: 2px 6px; border: 1px solid var(--okr-card-border); border-radius: 9px; background: var(--okr-card); color: var(--okr-fg); font-size: 11px; cursor: pointer; }
.earlier__count:hover { border-color: var(--okr-accent); }
.fold__btn { flex: none; width: 20px; height: 20px; margin-left: -6px; border: 0; border-radius: 4px; background: transparent; color: var(--okr-muted); cursor: pointer; }
.fold__btn:hover { background: var(--okr-hover); color: var(--okr-fg); }
.col-head__count { margin-left: auto; min-width: 20px; text-align: center; font-size: 11px; font-weight: 500; padding: 0 6px; border-radius: 9px; background: var(--okr-badge-bg); color: var(--okr-badge-fg); }

.lane { border-bottom: 1px solid var(--okr-border); }
.lane__head { position: sticky; left: 0; z-index: 2; background: var(--okr-surface); border-right: 1px solid var(--okr-border); padding: 10px 12px 12px; min-width: 0; }
.lane__titlebar { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0 6px; }
.lane__toggle { flex: none; width: 20px; height: 20px; margin-top: 1px; border: 0; border-radius: 4px; background: transparent; cursor: pointer; display: inline-flex; align-items: center; justify-content: center; }
.lane__toggle:hover { background: var(--okr-hover); }
/* A disclosure triangle: ▼ open, ▶ closed (the button says which with aria-expanded). */
.lane__chevron { width: 0; height: 0; border-style: solid; border-width: 6px 5px 0 5px; border-color: var(--okr-muted) transparent transparent transparent; transition: transform 0.12s; }
.lane--collapsed .lane__chevron { transform: rotate(-90deg); }
.lane__title { flex: 1 1 0; font-weight: 600; font-size: 13.5px; line-height: 1.3; min-width: 0; overflow-wrap: anywhere; }
.lane__id { margin-right: 6px; }
.lane__warn { color: var(--okr-warn); margin-right: 6px; }
.lane__count { flex: 1 1 100%; margin: 3px 0 0 26px; font-size: 11.5px; color: var(--okr-muted); }
.lane__body { margin-left: 26px; }
.lane__explain { margin: 8px 0 0; font-size: 12px; }
.lane__explain--muted { color: var(--okr-muted); font-style: italic; }
.lane--collapsed .lane__body { display: none; }
.lane--unlinked { background: repeating-linear-gradient(-45deg, transparent 0 12px, color-mix(in srgb, var(--okr-warn) 6%, transparent) 12px 24px); }
.lane--unlinked .lane__head { background: var(--okr-warn-bg); box-shadow: inset 3px 0 0 var(--okr-warn-border); }
.lane--unlinked .lane__name { color: var(--okr-warn); }

.cell { display: flex; flex-direction: column; gap: 8px; min-width: 0; min-height: 72px; padding: 10px; border-right: 1px solid color-mix(in srgb, var(--okr-border) 50%, transparent); }
.cell--current { background: var(--okr-current); }
/* A card scrolled into view (highlight, focus) clears the sticky header and lane column. */
.scroller--board { scroll-padding: var(--head-h) 0 0 var(--lane-col); }
.cell .card { scroll-margin: 10px 16px 16px 16px; }
.outcome, .trace__row, .theme .card { scroll-margin: 52px 16px 16px 16px; }
.lane--dragging .cell { transition: background 0.1s; }
.cell--drop { background: color-mix(in srgb, var(--okr-accent) 12%, transparent); outline: 2px dashed var(--okr-accent); outline-offset: -5px; border-radius: 6px; }
.cell__more { align-self: flex-start; font-size: 11.5px; }
.cell__count { align-self: flex-start; font-size: 11.5px; color: var(--okr-muted); padding: 2px 8px; border-radius: 9px; background: var(--okr-tint); }
`;

const CARDS = `
.card { position: relative; display: flex; flex-direction: column; gap: 4px; min-width: 0; overflow-wrap: anywhere; padding: 8px 10px 8px 12px; background: var(--okr-card); border: 1px solid var(--okr-card-border); border-radius: 6px; box-shadow: 0 1px 2px var(--okr-shadow); cursor: pointer; transition: box-shadow 0.12s, transform 0.12s; }
.card::before { content: ""; position: absolute; left: -1px; top: -1px; bottom: -1px; width: 4px; border-radius: 6px 0 0 6px; background: var(--okr-card-border); }
.card--conf-high::before { background: var(--okr-green); }
.card--conf-medium::before { background: var(--okr-yellow); }
.card--conf-low::before { background: var(--okr-red); }
.card:hover { box-shadow: 0 3px 10px var(--okr-shadow); transform: translateY(-1px); }
.card[draggable="true"] { cursor: grab; }
.card.is-dragging { opacity: 0.45; }
.card.is-pending { opacity: 0.7; outline: 1px dashed var(--okr-accent); }
.card--kr { background: color-mix(in srgb, var(--okr-purple) 9%, var(--okr-card)); border: 1px dashed color-mix(in srgb, var(--okr-purple) 60%, transparent); }
.card--kr::before { background: var(--okr-purple); }
.card--status-dropped { opacity: 0.55; filter: grayscale(1); box-shadow: none; }
.card--status-dropped .card__title { text-decoration: line-through; }
.card--status-done .card__title::after { content: " ✓"; color: var(--okr-green); }
.card__top { display: flex; align-items: center; justify-content: space-between; gap: 6px; }
.card__type { font-size: 10px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.05em; color: var(--okr-muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.card__type--kr { color: var(--okr-purple); }
.card__type--tech { color: var(--okr-blue); }
.card__type--experiment { color: var(--okr-yellow); }
.card__title { font-weight: 600; font-size: 13px; line-height: 1.3; overflow-wrap: anywhere; }
.card__serves { display: flex; flex-direction: column; gap: 2px; font-size: 11.5px; color: var(--okr-muted); min-width: 0; }
.card__serves--none { color: var(--okr-warn); }
.serves { display: block; min-width: 0; line-height: 1.4; overflow-wrap: anywhere; }
.serves__arrow { opacity: 0.75; }
.serves--lane .serves__arrow { font-style: italic; }
.ref { display: inline; font-size: 10.5px; line-height: 1.5; padding: 0 4px; border-radius: 3px; background: var(--okr-tint); color: var(--okr-fg); overflow-wrap: anywhere; word-break: break-word; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.card__progress, .outcome__progress { display: flex; align-items: center; gap: 8px; }
.card__pct, .outcome__pct { font-size: 11px; color: var(--okr-muted); min-width: 30px; text-align: right; font-variant-numeric: tabular-nums; }
.card--kr .progress__fill { background: var(--okr-purple); }
.card__hyp { font-size: 12px; }
.card__hyp summary { cursor: pointer; color: var(--okr-link); font-size: 11px; width: max-content; list-style-position: inside; }
.card__hyp p { margin: 4px 0 0; padding: 6px 8px; border-radius: 4px; background: var(--okr-tint); font-style: italic; overflow-wrap: anywhere; }
.card__nohyp { font-size: 11px; color: var(--okr-warn); }
.card__meta { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 10px; margin-top: 2px; font-size: 11px; color: var(--okr-muted); }
.card__due { color: var(--okr-fg); }
.card--compact { flex-direction: row; flex-wrap: wrap; align-items: center; gap: 4px 10px; padding: 6px 10px 6px 12px; }
.card--compact .card__title { flex: 1 1 200px; }
.card--compact .card__serves { flex: 1 1 100%; }
.card--compact .card__progress { flex: 1 1 100%; }

.badge { display: inline-block; font-size: 10.5px; line-height: 1.5; padding: 0 7px; border-radius: 9px; white-space: nowrap; background: var(--okr-badge-bg); color: var(--okr-badge-fg); border: 1px solid transparent; }
.badge--status-idea { background: transparent; border-color: var(--okr-card-border); color: var(--okr-muted); }
.badge--status-planned { background: color-mix(in srgb, var(--okr-blue) 16%, transparent); color: var(--okr-fg); border-color: color-mix(in srgb, var(--okr-blue) 45%, transparent); }
.badge--status-active { background: color-mix(in srgb, var(--okr-green) 18%, transparent); color: var(--okr-fg); border-color: color-mix(in srgb, var(--okr-green) 50%, transparent); }
.badge--status-done { background: color-mix(in srgb, var(--okr-purple) 16%, transparent); color: var(--okr-fg); border-color: color-mix(in srgb, var(--okr-purple) 45%, transparent); }
.badge--status-dropped { background: var(--okr-tint); color: var(--okr-muted); text-decoration: line-through; }
.conf { display: inline-flex; align-items: center; gap: 4px; }
.conf__dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: var(--okr-muted); }
.conf--high .conf__dot, .conf__dot.conf--high { background: var(--okr-green); }
.conf--medium .conf__dot, .conf__dot.conf--medium { background: var(--okr-yellow); }
.conf--low .conf__dot, .conf__dot.conf--low { background: var(--okr-red); }

.progress { flex: 1; height: 6px; border-radius: 3px; background: var(--okr-track); overflow: hidden; }
.progress__fill { height: 100%; border-radius: 3px; background: var(--okr-progress); }
.progress--unknown { background: repeating-linear-gradient(90deg, var(--okr-track) 0 4px, transparent 4px 8px); }

.outcomes { list-style: none; margin: 8px 0 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.outcome { padding: 7px 9px; border-radius: 6px; background: var(--okr-card); border: 1px solid var(--okr-card-border); cursor: pointer; }
.outcome:hover { border-color: var(--okr-accent); }
.outcome { min-width: 0; overflow-wrap: anywhere; }
.outcome__head { font-size: 12px; font-weight: 600; line-height: 1.4; }
.outcome__head .ref { margin-right: 6px; }
.outcome__title { overflow-wrap: anywhere; }
.outcome__metric { margin: 3px 0; font-size: 11.5px; color: var(--okr-muted); font-variant-numeric: tabular-nums; }
.outcome__current { color: var(--okr-fg); font-weight: 600; }
.outcome__support { margin-top: 2px; font-size: 10.5px; color: var(--okr-muted); }
.outcome--unsupported { border-color: var(--okr-warn-border); box-shadow: inset 3px 0 0 var(--okr-warn-border); }
.outcome__warn { margin-top: 3px; font-size: 11px; font-weight: 600; color: var(--okr-warn); }
.is-highlighted { outline: 2px solid var(--okr-accent) !important; outline-offset: 1px; box-shadow: 0 0 0 5px color-mix(in srgb, var(--okr-accent) 25%, transparent) !important; }
`;

const OTHER_VIEWS = `
.themes__summary { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 10px 12px 0; font-size: 12.5px; color: var(--okr-muted); }
.themes__summary > span:first-child { color: var(--okr-fg); font-weight: 600; }
.themes__warn { color: var(--okr-warn); font-weight: 600; }
.themes { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(380px, 100%), 1fr)); gap: 12px; padding: 10px 12px 16px; align-items: start; }
.theme { padding: 14px 16px 12px; background: var(--okr-surface); border: 1px solid var(--okr-border); border-radius: 8px; box-shadow: 0 1px 3px var(--okr-shadow); }
.theme.lane--unlinked { background: var(--okr-warn-bg); border-color: var(--okr-warn-border); }
.theme__head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 8px; }
.theme__title { flex: 1 1 12em; margin: 0; font-size: 15px; font-weight: 600; line-height: 1.3; overflow-wrap: anywhere; }
.theme__count { font-size: 12px; font-weight: 600; white-space: nowrap; padding: 1px 9px; border-radius: 10px; background: var(--okr-badge-bg); color: var(--okr-badge-fg); }
.outcomes--wide .outcome { padding: 9px 11px; }
.outcomes--wide .outcome__head { font-size: 13px; }
.theme__mix { margin-top: 12px; }
.mix { display: flex; height: 6px; border-radius: 3px; overflow: hidden; background: var(--okr-track); gap: 2px; }
.mix__seg { flex-basis: 0; }
.mix__seg--active { background: var(--okr-green); }
.mix__seg--planned { background: var(--okr-blue); }
.mix__seg--idea { background: var(--okr-muted); opacity: 0.5; }
.mix__seg--done { background: var(--okr-purple); }
.mix__seg--dropped, .mix__seg--none { background: var(--okr-track); }
.mix__caption { margin-top: 4px; font-size: 11px; color: var(--okr-muted); }
.theme__list { margin-top: 10px; }
.theme__list > summary { cursor: pointer; font-size: 12px; color: var(--okr-link); }
.theme__cards { display: flex; flex-direction: column; gap: 6px; margin-top: 8px; }

/* As wide as its widest open board, so each section's sticky heading can stay in view all the way across. */
.portfolio { width: min-content; min-width: 100%; }
.portfolio__section { border-bottom: 1px solid var(--okr-border); }
.portfolio__loading { margin: 0; padding: 4px 12px 12px; position: sticky; left: 0; width: 100cqw; color: var(--okr-muted); font-size: 12px; }
.portfolio__top { position: sticky; left: 0; width: 100cqw; padding-bottom: 8px; border-bottom: 1px solid var(--okr-border); }
.outcomes--strip { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(240px, 100%), 1fr)); margin: 0; padding: 0 12px 4px; }
.portfolio__head { position: sticky; left: 0; display: flex; flex-wrap: wrap; align-items: center; gap: 2px 10px; padding: 10px 12px 8px; width: 100cqw; }
.portfolio__head .lane__toggle { margin-left: -4px; }
.portfolio__section.is-closed .lane__chevron { transform: rotate(-90deg); }
.portfolio__title { margin: 0; font-size: 15px; font-weight: 600; overflow-wrap: anywhere; }
.portfolio__sub { font-size: 11px; color: var(--okr-muted); text-transform: uppercase; letter-spacing: 0.04em; }
.portfolio__count { font-size: 12px; color: var(--okr-muted); }
.portfolio__warn { font-size: 12px; font-weight: 600; color: var(--okr-warn); }
.portfolio__section .board { border-top: 1px solid var(--okr-border); }

.trace { padding: 10px 12px 32px; max-width: 1100px; }
.trace__summary { margin: 0 0 10px; color: var(--okr-muted); }
.trace__heading { margin: 14px 0 6px; font-size: 13px; font-weight: 600; }
.trace__gaps { padding: 8px 10px; border: 1px solid var(--okr-warn-border); border-radius: 8px; background: var(--okr-warn-bg); }
.trace__gapkind { margin: 6px 0 2px; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--okr-warn); }
.trace__gapkind:first-child { margin-top: 0; }
.trace__gaprows { list-style: none; margin: 0; padding: 0; }
.trace__gap { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 8px; padding: 4px 6px; border-radius: 6px; cursor: pointer; border: 1px solid transparent; min-width: 0; }
.trace__gap:hover { background: var(--okr-hover); }
.trace__why { flex: 1 1 100%; font-size: 12px; color: var(--okr-muted); overflow-wrap: anywhere; }
.trace__line { display: flex; align-items: flex-start; gap: 2px; }
.trace__toggle { margin-top: 5px; }
.trace__spacer { flex: none; width: 20px; }
.trace__line > .trace__row { flex: 1 1 auto; min-width: 0; }
.trace__below { font-size: 11px; color: var(--okr-muted); }
.trace__gapcount { color: var(--okr-warn); font-weight: 600; }
.trace__ok { color: var(--okr-green); }
.trace__list { list-style: none; margin: 0; padding: 0; }
.trace__list .trace__list { margin-left: 10px; padding-left: 10px; border-left: 1px solid var(--okr-border); }
.trace__node { margin: 2px 0; }
.trace__row { display: flex; align-items: center; flex-wrap: wrap; gap: 4px 8px; padding: 5px 8px; border-radius: 6px; cursor: pointer; border: 1px solid transparent; }
.trace__row:hover { background: var(--okr-hover); }
.trace__list[role="tree"] > .trace__node > .trace__line > .trace__row { font-weight: 600; }
.trace__kind { font-size: 10px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; padding: 0 6px; border-radius: 4px; }
.trace__kind--kr { color: var(--okr-purple); background: color-mix(in srgb, var(--okr-purple) 14%, transparent); }
.trace__kind--item { color: var(--okr-blue); background: color-mix(in srgb, var(--okr-blue) 14%, transparent); }
.trace__title { overflow-wrap: anywhere; min-width: 0; }
.trace__row .ref, .trace__gap .ref { overflow-wrap: anywhere; }
.trace__progress { display: inline-flex; align-items: center; gap: 6px; width: 110px; }
.trace__pct { font-size: 11px; color: var(--okr-muted); font-variant-numeric: tabular-nums; }
.trace__node--gap > .trace__line > .trace__row { background: var(--okr-warn-bg); border: 1px dashed var(--okr-warn-border); }
.trace__gapmark { font-size: 11px; font-weight: 600; color: var(--okr-warn); }
.trace__node--dropped > .trace__line > .trace__row { opacity: 0.55; }
.trace__node--dropped > .trace__line > .trace__row .trace__title { text-decoration: line-through; }
`;

const CONTRAST = `
body.vscode-high-contrast .card, body.vscode-high-contrast-light .card,
body.vscode-high-contrast .outcome, body.vscode-high-contrast-light .outcome,
body.vscode-high-contrast .theme, body.vscode-high-contrast-light .theme {
  border: 1px solid var(--vscode-contrastBorder, currentColor); box-shadow: none;
}
body.vscode-high-contrast .card--kr, body.vscode-high-contrast-light .card--kr { border-style: dashed; }
body.vscode-high-contrast .card:hover, body.vscode-high-contrast-light .card:hover,
body.vscode-high-contrast .outcome:hover, body.vscode-high-contrast-light .outcome:hover {
  outline: 1px dashed var(--vscode-contrastActiveBorder, currentColor); transform: none;
}
body.vscode-high-contrast :focus-visible, body.vscode-high-contrast-light :focus-visible,
body.vscode-high-contrast .is-highlighted, body.vscode-high-contrast-light .is-highlighted {
  outline: 2px solid var(--vscode-contrastActiveBorder, currentColor) !important; box-shadow: none !important;
}
body.vscode-high-contrast .views__btn.is-active, body.vscode-high-contrast-light .views__btn.is-active {
  outline: 2px solid var(--vscode-contrastActiveBorder, currentColor); outline-offset: -3px;
}
body.vscode-high-contrast .outcome--unsupported, body.vscode-high-contrast-light .outcome--unsupported,
body.vscode-high-contrast .lane--unlinked .lane__head, body.vscode-high-contrast-light .lane--unlinked .lane__head {
  border: 1px dashed var(--okr-warn-border);
}
body.vscode-high-contrast .card--status-dropped, body.vscode-high-contrast-light .card--status-dropped { opacity: 0.75; }
body.vscode-high-contrast .board__head, body.vscode-high-contrast-light .board__head { box-shadow: none; }
/* Narrow: lane headings above their row, as wide as the panel and sticky on the left; outcomes side by side. */
@media (max-width: 899px) {
  .board__head, .lane { grid-template-columns: var(--cells); }
  .board__corner { display: none; }
  .lane__head { grid-column: 1 / -1; width: 100cqw; padding: 8px 12px; border-right: 0; border-bottom: 1px solid color-mix(in srgb, var(--okr-border) 60%, transparent); }
  .lane__count { flex: 0 1 auto; margin: 1px 0 0 6px; }
  .lane__body { margin-left: 26px; }
  .lane__body .outcomes { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(200px, 100%), 1fr)); gap: 6px; margin-top: 6px; }
  .lane--unlinked .lane__head { box-shadow: inset 3px 0 0 var(--okr-warn-border); }
}
@media (forced-colors: active) {
  .card, .outcome, .theme { border: 1px solid CanvasText; }
  .progress__fill { background: Highlight; forced-color-adjust: none; }
}
@media print {
  .app { height: auto; }
  .scroller { overflow: visible; }
  .views, .filters, .lane__toggle { display: none; }
  .board__head { position: static; }
  .lane__head, .board__corner { position: static; }
  .card { break-inside: avoid; box-shadow: none; }
}
`;

export const VIEW_CSS: string = [BOARD, CARDS, OTHER_VIEWS, CONTRAST].join('\n');
