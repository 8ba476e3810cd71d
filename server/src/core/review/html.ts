/**
 * The review document as a standalone HTML page, for the meeting: the page
 * shell of the roadmap export (core/export/html.ts: a strict CSP, the
 * preview's stylesheet by nonce, no script at all), the same sections as the
 * Markdown, and per KR a sparkline of its history (git commits and hand
 * check-ins) with its target as a dashed line. Status is colour and words.
 * Every string from the cascade is escaped.
 */
import { contentNonce, escapeHtml as h } from '../export/html';
import { STATUS_WORDS, type KrStatus } from '../history/pace';
import { withUnit } from '../rollup';
import { reviewMarkdown } from './markdown';
import type { ReviewDocument, ReviewEvent, ReviewItem, ReviewKr } from './types';

export interface ReviewHtmlOptions {
  /** The preview's stylesheet (ROADMAP_CSS), for its colours and fonts. */
  css: string;
  title?: string;
}

const COLOURS: Record<KrStatus, string> = { 'on-track': '#2e7d32', 'at-risk': '#b26a00', 'off-track': '#c62828', done: '#1565c0', unknown: '#757575' };

const REVIEW_CSS = `
.okr-review{max-width:60rem;margin:0 auto;padding:1rem 1.5rem;font-family:var(--vscode-font-family,system-ui,sans-serif);line-height:1.45}
.okr-review h1{font-size:1.5rem;margin:.2rem 0}.okr-review h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #8884}
.okr-review .meta{opacity:.8}.okr-review .kr{border:1px solid #8884;border-radius:6px;padding:.6rem .8rem;margin:.6rem 0}
.okr-review .kr h3{font-size:1rem;margin:0 0 .3rem;display:flex;gap:.6rem;align-items:center;flex-wrap:wrap}
.okr-review .status{font-size:.8rem;font-weight:600;border-radius:999px;padding:.05rem .55rem;color:#fff}
.okr-review .spark{vertical-align:middle}.okr-review ul{margin:.3rem 0 .3rem 1.2rem;padding:0}.okr-review .ref{opacity:.7;font-size:.85em}
`;

export function reviewHtml(doc: ReviewDocument, opts: ReviewHtmlOptions): string {
  const body = renderBody(doc);
  const nonce = contentNonce(`${opts.css}\n${body}`);
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">', '<meta name="generator" content="OKR Cascade">',
    `<title>${h(opts.title ?? `Review — ${doc.title ?? doc.unit}`)}</title>`,
    `<style nonce="${nonce}">${opts.css.replace(/<\/(style)/gi, '<\\/$1')}${REVIEW_CSS}</style>`,
    '</head>', '<body>', body, '</body>', '</html>', '',
  ].join('\n');
}

function renderBody(doc: ReviewDocument): string {
  const out: string[] = ['<main class="okr-review">'];
  out.push(`<h1>Quarterly review: ${h(doc.title ? `${doc.title} (${doc.unit})` : doc.unit)}</h1>`);
  const since = doc.since ? `changes since ${h(doc.since)}${doc.sinceFrom === 'reviewed' ? ' (the last review)' : ''}` : 'no earlier review recorded, so no changes are listed';
  out.push(`<p class="meta">${[`As of ${h(doc.asOf)}`, doc.period && `period ${h(doc.period)}`, since].filter(Boolean).join(' · ')}</p>`);
  // The glance line is the Markdown's, without its bold markers (no cascade text in it).
  const glance = reviewMarkdown(doc).split('\n').find((l) => l.startsWith('**At a glance:**')) ?? '';
  out.push(`<p>${h(glance.replace(/\*\*/g, ''))}</p>`);
  out.push('<h2>Decisions to take</h2>');
  out.push(doc.decisions.length ? `<ol>${doc.decisions.map((d) => `<li>${h(d)}</li>`).join('')}</ol>` : '<p>Nothing needs a decision.</p>');
  const items = new Map(doc.items.map((i) => [i.ref, i]));
  const byObjective = new Map<string, ReviewKr[]>();
  for (const k of doc.krs) byObjective.set(k.objective, [...(byObjective.get(k.objective) ?? []), k]);
  for (const krs of byObjective.values()) {
    out.push(`<h2>${h(krs[0].objectiveTitle)} <span class="ref">${h(krs[0].objective)}</span></h2>`);
    for (const k of krs) out.push(krCard(doc, k, items));
  }
  out.push(...eventsSection(doc));
  out.push('</main>');
  return out.join('\n');
}

function krCard(doc: ReviewDocument, k: ReviewKr, items: Map<string, ReviewItem>): string {
  const n = (v: number | undefined) => (v === undefined ? '?' : h(withUnit(v, k.unit)));
  const lines = [
    `<section class="kr" id="${h(k.ref)}">`,
    `<h3>${h(k.title)} <span class="ref">${h(k.ref)}</span> <span class="status" style="background:${COLOURS[k.status]}">${h(STATUS_WORDS[k.status])}</span> ${sparkline(k)}</h3>`,
    `<div>baseline → current → target: <strong>${n(k.baseline)} → ${n(k.current)}${k.computed ? ' (computed)' : ''} → ${n(k.target)}</strong>${k.expected !== undefined ? ` · expected by ${h(doc.asOf)}: ${n(k.expected)}` : ''}</div>`,
  ];
  if (k.change) lines.push(`<div>Since ${h(doc.since ?? '')}: ${n(k.change.from)} → ${n(k.change.to)}</div>`);
  if (k.history.length) {
    const point = (p: ReviewKr['history'][number]) => `${h(p.date)} ${n(p.value)} (${p.source === 'checkin' ? `check-in${p.note ? `: ${h(p.note)}` : ''}` : h([p.author, p.commit?.slice(0, 7)].filter(Boolean).join(', '))})`;
    lines.push(`<div>History: ${k.history.map(point).join(' · ')}</div>`);
  }
  const bets = k.bets.map((r) => items.get(r)).filter((i): i is ReviewItem => !!i);
  lines.push(bets.length ? `<ul>${bets.map((i) => `<li>${bet(i)}: ${h([i.status ?? 'no status', i.horizon, i.confidence && `${i.confidence} confidence`].filter(Boolean).join(', '))}${i.events.length ? ` (<strong>${h(i.events.join(', '))}</strong>)` : ''}</li>`).join('')}</ul>` : '<div><strong>No bets</strong>: nothing on the roadmap supports it.</div>');
  lines.push('</section>');
  return lines.join('\n');
}

const bet = (i: ReviewItem) => `<strong>${h(i.title)}</strong> <span class="ref">${h(i.ref)}</span>`;

/** The KR's values over time as a small inline SVG (points in date order, the target dashed); none with fewer than 2 values. */
export function sparkline(k: Pick<ReviewKr, 'history' | 'target' | 'baseline' | 'status' | 'title'>, width = 120, height = 28): string {
  const pts = k.history.map((p) => ({ t: Date.parse(`${p.date}T00:00:00Z`), v: p.value })).filter((p) => Number.isFinite(p.t));
  if (pts.length < 2) return '';
  const values = [...pts.map((p) => p.v), ...(k.target !== undefined ? [k.target] : []), ...(k.baseline !== undefined ? [k.baseline] : [])];
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const [t0, t1] = [pts[0].t, pts[pts.length - 1].t];
  const x = (t: number) => (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * (width - 4) + 2);
  const y = (v: number) => (hi === lo ? height / 2 : height - 2 - ((v - lo) / (hi - lo)) * (height - 4));
  const line = pts.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const target = k.target !== undefined ? `<line x1="0" x2="${width}" y1="${y(k.target).toFixed(1)}" y2="${y(k.target).toFixed(1)}" stroke="#888" stroke-dasharray="3 3"/>` : '';
  return `<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${h(`${k.title}: ${pts.length} values over time`)}">${target}<polyline fill="none" stroke="${COLOURS[k.status]}" stroke-width="1.5" points="${line}"/></svg>`;
}

const GROUPS: [ReviewEvent, string][] = [['slipped', 'Slipped'], ['pulled-in', 'Pulled in'], ['done', 'Finished'], ['dropped', 'Dropped'], ['invalidated', 'Invalidated'], ['validated', 'Validated'], ['revived', 'Revived'], ['added', 'Added'], ['removed', 'Removed'], ['past-due', 'Past due']];

function eventsSection(doc: ReviewDocument): string[] {
  const out = [`<h2>What changed on the roadmap${doc.since ? ` since ${h(doc.since)}` : ''}</h2>`];
  let any = false;
  for (const [event, title] of GROUPS) {
    const list = doc.items.filter((i) => i.events.includes(event));
    if (!list.length) continue;
    any = true;
    out.push(`<h3>${title}</h3>`, `<ul>${list.map((i) => `<li>${bet(i)}${(event === 'slipped' || event === 'pulled-in') && i.horizon ? `: ${h(i.before?.horizon ?? 'no horizon')} → ${h(i.horizon)}` : ''}</li>`).join('')}</ul>`);
  }
  if (!any) out.push(`<p>${doc.compared ? 'No bet changed.' : 'The cascade as it was at the last review was not available, so moves of bets are not listed.'}</p>`);
  const orphans = doc.krs.filter((k) => !k.liveBets.length && k.status !== 'done');
  out.push('<h2>Key results without a live bet</h2>', orphans.length ? `<ul>${orphans.map((k) => `<li><strong>${h(k.title)}</strong> <span class="ref">${h(k.ref)}</span></li>`).join('')}</ul>` : '<p>Every key result has a live bet.</p>');
  return out;
}
