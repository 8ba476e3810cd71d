/** The Review view's styles (client/webview/review-view.ts; part of ROADMAP_CSS, styles.ts): outside client/ so the CLI's HTML export and the webview share one stylesheet. */
export const REVIEW_CSS = `
.toolbar__right .review-btn { padding-top: 1px; padding-bottom: 1px; }
.review { padding: 8px 12px 16px; display: grid; gap: 12px; }
.review__head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; }
.review__title { margin: 0; font-size: 16px; }
.review__sub { color: var(--okr-muted); font-size: 12px; }
.review__head .btn { margin-left: auto; }
.review h3 { margin: 0 0 6px; font-size: 13px; }
.review__decisions { padding: 8px 10px; border: 1px solid var(--okr-warn-border); border-radius: 8px; background: var(--okr-warn-bg); }
.review__decisions ol { margin: 0; padding-left: 20px; display: grid; gap: 4px; }
.review__change, .review__bets { font-size: 11.5px; color: var(--okr-muted); margin-top: 2px; }
.review__list { list-style: none; margin: 0; padding: 0; display: grid; gap: 3px; }
.review__item { padding: 3px 6px; border-radius: 4px; overflow-wrap: anywhere; }
.review__item[role="button"] { cursor: pointer; }
.review__item[role="button"]:hover, .review__item:focus-visible { background: var(--okr-hover); outline: none; }
.review__events { font-weight: 700; }
.review__none { margin: 0; color: var(--okr-muted); }
`;
