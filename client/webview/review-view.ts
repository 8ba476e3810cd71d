/**
 * The Review view (issue 11 item 5): the review document of the unit (the
 * `okr/review` answer, DESIGN.md "The review") drawn in the preview for the
 * quarterly meeting: the decisions to take first, then per objective each KR
 * with baseline → current → target, its pace in words and colour, a sparkline
 * of its history against the pace line and the change since the last review;
 * then the bets that moved, each a link to its source. A button goes back to
 * the board. Strings are set as text only.
 */
import type { Outcome } from '../../server/src/core/roadmap/model';
import type { ReviewDocument, ReviewKr } from '../../server/src/core/review/types';
import { metric } from './cards';
import { h, plural, progressBar, refId } from './dom';
import { sparkline, statusChip } from './sparkline';

const EVENT_WORDS: Record<string, string> = {
  added: 'added', removed: 'removed', slipped: 'slipped', 'pulled-in': 'pulled in', done: 'finished', dropped: 'dropped',
  revived: 'revived', invalidated: 'invalidated', validated: 'validated', 'past-due': 'past due',
};

/** The first and last day of a period written `2026`, `2026-H2` or `2026-Q4` (for the pace line). */
export function periodDays(p: string | undefined): { first: string; last: string } | undefined {
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]))?$/.exec(p ?? '');
  if (!m) return undefined;
  const [first, last] = !m[2] ? [1, 12] : m[2][0] === 'H' ? (m[2] === 'H1' ? [1, 6] : [7, 12]) : [(Number(m[2][1]) - 1) * 3 + 1, Number(m[2][1]) * 3];
  const end = new Date(Date.UTC(Number(m[1]), last, 0)).getUTCDate();
  const two = (n: number) => String(n).padStart(2, '0');
  return { first: `${m[1]}-${two(first)}-01`, last: `${m[1]}-${two(last)}-${two(end)}` };
}

/** A KR of the review as an outcome (so the board's status chip and sparkline draw it). */
function asOutcome(k: ReviewKr): Outcome {
  return { ref: k.ref, title: k.title, baseline: k.baseline, current: k.current, target: k.target, unit: k.unit, progress: k.progress,
    status: k.status, expected: k.expected, history: k.history, periodDays: periodDays(k.period), supportedBy: k.bets.length, location: k.location };
}

function krRow(k: ReviewKr): HTMLElement {
  const o = asOutcome(k);
  const pct = typeof k.progress === 'number' ? `${Math.round(Math.max(0, Math.min(1, k.progress)) * 100)}%` : '—';
  const change = k.change ? `${metric(k.change.from, k.unit)} → ${metric(k.change.to, k.unit)} since the last review` : 'no earlier value to compare';
  return h('li', { class: 'review__kr outcome', role: 'button', tabindex: 0, 'data-ref': k.ref, 'data-kind': 'outcome', 'aria-label': `Key result ${k.ref}: ${k.title}, ${pct}, ${k.status}` },
    h('div', { class: 'outcome__head' }, h('span', { class: 'ref', title: k.ref }, refId(k.ref)), h('span', { class: 'outcome__title' }, k.title)),
    h('div', { class: 'outcome__metric', title: 'baseline → current → target' },
      `${metric(k.baseline, k.unit)} → `, h('strong', {}, k.current === undefined ? '—' : metric(k.current, k.unit)), `${k.computed ? ' (computed)' : ''} → ${metric(k.target, k.unit)}`),
    h('div', { class: 'outcome__progress' }, progressBar(k.progress, `Progress of ${refId(k.ref)}`), h('span', { class: 'outcome__pct' }, pct)),
    h('div', { class: 'outcome__pace' }, statusChip(o), sparkline(o) as unknown as HTMLElement | null),
    h('div', { class: 'review__change' }, change),
    h('div', { class: 'review__bets' }, k.liveBets.length ? `${plural(k.liveBets.length, 'live bet')}` : k.bets.length ? 'no live bet left' : 'no bet supports it'));
}

export function renderReview(doc: ReviewDocument): HTMLElement {
  const view = h('div', { class: 'view review', 'data-key': 'view:review', 'aria-label': `Review of ${doc.title ?? doc.unit}` });
  const since = doc.since ? ` · since ${doc.since}${doc.sinceFrom === 'reviewed' ? ' (the last review)' : ''}` : ' · no earlier review';
  view.appendChild(h('div', { class: 'review__head' },
    h('h2', { class: 'review__title' }, `Review of ${doc.title ?? doc.unit}`),
    h('span', { class: 'review__sub' }, `as of ${doc.asOf}${since}`),
    h('button', { class: 'btn btn--secondary', type: 'button', 'data-action': 'review-close', 'data-key': 'review:close' }, 'Back to the board')));
  view.appendChild(h('section', { class: 'review__decisions', 'aria-label': 'Decisions to take' },
    h('h3', {}, 'Decisions to take'),
    doc.decisions.length ? h('ol', {}, doc.decisions.map((d) => h('li', {}, d))) : h('p', { class: 'review__none' }, 'Nothing to decide: every KR is on pace and has live bets.')));
  const byObjective = new Map<string, ReviewKr[]>();
  for (const k of doc.krs) byObjective.set(k.objective, [...(byObjective.get(k.objective) ?? []), k]);
  for (const [obj, krs] of byObjective) {
    view.appendChild(h('section', { class: 'review__objective', 'data-objective': obj },
      h('h3', {}, h('span', { class: 'ref' }, refId(obj)), ` ${krs[0].objectiveTitle}`),
      h('ul', { class: 'outcomes outcomes--wide' }, krs.map(krRow))));
  }
  const moved = doc.items.filter((i) => i.events.length);
  view.appendChild(h('section', { class: 'review__items', 'aria-label': 'Bets that moved' },
    h('h3', {}, `Bets that moved (${moved.length})`),
    moved.length ? h('ul', { class: 'review__list' }, moved.map((i) => h('li', {
      class: 'review__item', role: i.location ? 'button' : null, tabindex: i.location ? 0 : null, 'data-ref': i.ref,
      title: i.location ? `${i.ref}: open its source` : `${i.ref} (removed)`,
    }, h('span', { class: 'review__events' }, i.events.map((e) => EVENT_WORDS[e] ?? e).join(', ')), ' ', h('span', { class: 'ref' }, i.ref), ` ${i.title}`,
    i.before?.horizon && i.horizon ? h('span', { class: 'review__was' }, ` (${i.before.horizon} → ${i.horizon})`) : null)))
      : h('p', { class: 'review__none' }, 'No bet moved, finished or was dropped since the last review.')));
  return view;
}

/** The toolbar button that asks for the Review view. */
export function reviewButton(active: boolean): HTMLElement {
  return h('button', {
    class: active ? 'btn btn--secondary review-btn is-set' : 'btn btn--secondary review-btn', type: 'button', 'data-action': active ? 'review-close' : 'review', 'data-key': 'ctl:review',
    'aria-pressed': active ? 'true' : 'false', title: active ? 'Back to the board' : 'The review for the quarterly meeting: pace, changes since the last review, decisions',
  }, 'Review');
}
