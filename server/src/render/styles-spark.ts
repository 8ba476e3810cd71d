/** The KR sparklines' styles (client/webview/sparkline.ts; part of ROADMAP_CSS, styles.ts): outside client/ so the CLI's HTML export and the webview share one stylesheet. */
export const SPARK_CSS = `
.outcome__pace { display: flex; align-items: center; gap: 6px; margin-top: 3px; flex-wrap: wrap; }
.pace { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 10.5px; font-weight: 700; border: 1px solid transparent; white-space: nowrap; }
.pace--on-track { background: color-mix(in srgb, var(--okr-green) 18%, transparent); border-color: var(--okr-green); }
.pace--at-risk { background: color-mix(in srgb, var(--okr-yellow) 20%, transparent); border-color: var(--okr-yellow); }
.pace--off-track { background: color-mix(in srgb, var(--okr-red) 16%, transparent); border-color: var(--okr-red); }
.pace--done { background: color-mix(in srgb, var(--okr-purple) 16%, transparent); border-color: var(--okr-purple); }
.spark { display: block; max-width: 100%; overflow: visible; }
.spark__pace { stroke: var(--okr-muted); stroke-width: 1; stroke-dasharray: 3 2; }
.spark__line { fill: none; stroke: var(--okr-progress); stroke-width: 1.5; }
.spark__dot { fill: var(--okr-progress); }
.spark--off-track .spark__line, .spark--off-track .spark__dot { stroke: var(--okr-red); fill: var(--okr-red); }
.spark--off-track .spark__line { fill: none; }
.spark--at-risk .spark__line, .spark--at-risk .spark__dot { stroke: var(--okr-yellow); fill: var(--okr-yellow); }
.spark--at-risk .spark__line { fill: none; }
`;
