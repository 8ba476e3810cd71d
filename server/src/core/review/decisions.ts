/**
 * The decisions a review asks for, derived from its KRs and items, most
 * pressing first, in plain words (one sentence each, no Markdown: the
 * renderers escape them).
 */
import { STATUS_WORDS } from '../history/pace';
import { withUnit } from '../rollup';
import type { ReviewDocument, ReviewItem } from './types';

const named = (x: { ref: string; title: string }) => `${x.ref} "${x.title}"`;

export function decisions(doc: ReviewDocument): string[] {
  const out: string[] = [];
  const lagging = new Set(doc.krs.filter((k) => k.status === 'off-track' || k.status === 'at-risk').map((k) => k.ref));
  for (const k of doc.krs) {
    if (k.status !== 'off-track') continue;
    const at = k.current === undefined ? '' : ` at ${withUnit(k.current, k.unit)}${k.computed ? ' (computed)' : ''}`;
    const expected = k.expected === undefined ? '' : `, ${withUnit(k.expected, k.unit)} expected by ${doc.asOf}`;
    out.push(`${named(k)} is ${STATUS_WORDS[k.status]}${at}${expected}: add or change the bets that move it, or reset the target.`);
  }
  for (const k of doc.krs) {
    if (k.status === 'done' || k.liveBets.length) continue;
    if (k.bets.length && k.betsFailed) out.push(`Every bet on ${named(k)} was invalidated or dropped: find a new bet, or drop the KR.`);
    else if (k.bets.length) out.push(`Every bet on ${named(k)} is finished, dropped or invalidated, and it is not done: plan the next bet, or accept where it stands.`);
    else out.push(`Nothing on the roadmap moves ${named(k)}: plan a bet, or accept that it will not move this period.`);
  }
  for (const k of doc.krs) {
    if (!k.rollup?.shortfall) continue;
    out.push(`The KRs that add up to ${named(k)} fall ${withUnit(k.rollup.shortfall, k.unit)} short of its target: raise them, add one, or lower the target.`);
  }
  for (const it of doc.items) {
    if (it.result === 'invalidated' && it.status !== 'done' && it.status !== 'dropped') {
      out.push(`Stop or rethink ${named(it)}: its hypothesis was invalidated but it is still ${it.status ?? 'on the roadmap'}.`);
    }
  }
  for (const it of doc.items) {
    if (!it.events.includes('past-due')) continue;
    out.push(`Re-plan ${named(it)}: it was due on ${it.due} and is still ${it.status ?? 'open'}; finish it, drop it, or agree a new date.`);
  }
  for (const it of doc.items) {
    if (!it.events.includes('slipped') || !it.krs.some((k) => lagging.has(k))) continue;
    out.push(`${named(it)} slipped${slipText(it)} while the KR it serves is behind: keep it, or find a faster bet.`);
  }
  return out;
}

function slipText(it: ReviewItem): string {
  const from = it.before?.horizon ?? '(no horizon)';
  return it.horizon ? ` from ${from} to ${it.horizon}` : '';
}

