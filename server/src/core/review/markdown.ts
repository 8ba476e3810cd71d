/**
 * The review document as Markdown: what a product lead brings to the
 * quarterly meeting. Per objective, each KR with its numbers, pace and status
 * in words, what changed since the last review and the bets behind it; then
 * the bets that moved, slipped, finished, were dropped or invalidated, items
 * past due, KRs without a live bet, and the decisions to take. Every string
 * from the cascade is escaped, so a title cannot inject Markdown or HTML.
 */
import { STATUS_WORDS, type KrStatus } from '../history/pace';
import type { HistoryPoint } from '../history/series';
import { signed, withUnit } from '../rollup';
import type { ReviewDocument, ReviewEvent, ReviewItem, ReviewKr } from './types';

/**
 * Cascade text as inert Markdown: one line; every character that can start
 * emphasis, code, a link, an image, HTML, an entity, a table cell or strike
 * escaped. Cascade text never starts a line here (each line opens with our
 * own `- `, `### ` …), so list and heading markers inside it are inert.
 */
export function esc(s: string): string {
  return s.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_[\]<>|~&#!]/g, '\\$&');
}

const pct = (x: number | undefined) => `${Math.round((x ?? 0) * 100)}%`;
const num = (n: number, unit: string | undefined) => esc(withUnit(n, unit));
/** A change with its unit: `+60 k users`, `+6%`, `−2`. */
const signedUnit = (n: number, unit: string | undefined) => esc(!unit ? signed(n) : unit === '%' ? `${signed(n)}%` : `${signed(n)} ${unit}`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const STATUS_HINT: Record<KrStatus, string> = {
  'on-track': 'on track',
  'at-risk': 'at risk: a little behind its pace',
  'off-track': 'off track: well behind its pace',
  done: 'done: the target is reached',
  unknown: 'status unknown',
};

const EVENT_WORDS: Record<ReviewEvent, string> = {
  added: 'added', removed: 'removed', slipped: 'slipped', 'pulled-in': 'pulled in', done: 'finished', dropped: 'dropped',
  revived: 'revived', invalidated: 'invalidated', validated: 'validated', 'past-due': 'past due',
};

export function reviewMarkdown(doc: ReviewDocument): string {
  const out: string[] = [];
  const name = doc.title ? `${esc(doc.title)} (${esc(doc.unit)})` : esc(doc.unit);
  out.push(`# Quarterly review: ${name}`, '');
  const since = doc.since ? `changes since ${doc.since}${doc.sinceFrom === 'reviewed' ? ' (the last review)' : ''}` : 'no earlier review recorded (`reviewed:`), so no changes are listed';
  out.push([`As of ${doc.asOf}`, doc.period && `period ${esc(doc.period)}`, since].filter(Boolean).join(' · '), '');
  out.push(glance(doc), '');

  out.push('## Decisions to take', '');
  if (doc.decisions.length) doc.decisions.forEach((d, i) => out.push(`${i + 1}. ${esc(d)}`));
  else out.push('Nothing needs a decision: no key result is off track or short of bets, and no bet is past due or invalidated.');
  out.push('');

  const byObjective = new Map<string, ReviewKr[]>();
  for (const k of doc.krs) byObjective.set(k.objective, [...(byObjective.get(k.objective) ?? []), k]);
  const items = new Map(doc.items.map((i) => [i.ref, i]));
  for (const krs of byObjective.values()) {
    out.push(`## ${esc(krs[0].objectiveTitle)}`, '');
    for (const k of krs) out.push(...krSection(doc, k, items), '');
  }
  if (!doc.krs.length) out.push('This unit has no key results.', '');

  out.push(...changesSection(doc));
  out.push(...listSection('Past due', doc.items.filter((i) => i.events.includes('past-due')), (i) => `${bet(i)}: due ${esc(i.due ?? '')}, still ${esc(i.status ?? 'open')}`, 'Nothing is past due.'));
  out.push(...listSection('Invalidated bets still on the roadmap', doc.items.filter((i) => i.result === 'invalidated' && i.status !== 'done' && i.status !== 'dropped'), (i) => `${bet(i)}: still ${esc(i.status ?? 'open')}${evidence(i)}`, 'None.'));
  out.push(...listSection('Key results without a live bet', doc.krs.filter((k) => !k.liveBets.length && k.status !== 'done'), (k) => `${kr(k)}: ${k.bets.length ? (k.betsFailed ? 'every bet was invalidated or dropped' : 'every bet is finished, dropped or invalidated') : 'nothing on the roadmap supports it'}`, 'Every key result has a live bet.'));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function glance(doc: ReviewDocument): string {
  const counts = new Map<KrStatus, number>();
  for (const k of doc.krs) counts.set(k.status, (counts.get(k.status) ?? 0) + 1);
  const order: KrStatus[] = ['on-track', 'at-risk', 'off-track', 'done', 'unknown'];
  const parts = order.filter((s) => counts.get(s)).map((s) => `${counts.get(s)} ${STATUS_WORDS[s]}`);
  const live = doc.items.filter((i) => i.status !== 'done' && i.status !== 'dropped' && i.result !== 'invalidated' && !i.events.includes('removed')).length;
  const moved = doc.items.filter((i) => i.events.some((e) => e !== 'past-due')).length;
  return `**At a glance:** ${plural(doc.krs.length, 'key result')}${parts.length ? ` (${parts.join(', ')})` : ''}; ${plural(live, 'live bet')}${doc.since && doc.compared ? `; ${plural(moved, 'bet')} changed since ${doc.since}` : ''}.`;
}

const kr = (k: ReviewKr) => `**${esc(k.title)}** (${esc(k.ref)})`;
const bet = (i: ReviewItem) => `**${esc(i.title)}** (${esc(i.ref)})`;

function evidence(i: ReviewItem): string {
  if (!i.evidence) return '';
  const url = /^https?:\/\/[^\s<>]+$/.test(i.evidence) ? `<${i.evidence}>` : esc(i.evidence);
  return `; evidence: ${url}`;
}

function krSection(doc: ReviewDocument, k: ReviewKr, items: Map<string, ReviewItem>): string[] {
  const lines = [`### ${esc(k.title)}: ${STATUS_WORDS[k.status]}`, ''];
  const values = [k.baseline, k.current, k.target].map((v) => (v === undefined ? '?' : String(v))).join(' → ');
  const unit = !k.unit ? '' : k.unit === '%' ? '%' : ` ${esc(k.unit)}`;
  const computed = k.computed ? ' (current computed from the key results below)' : '';
  lines.push(`- ${esc(k.ref)}: baseline → current → target **${values}${unit}**${computed}${k.progress === undefined ? '' : `, ${pct(k.progress)} of the way`}`);
  lines.push(`- Pace: ${paceText(doc, k)}`);
  if (doc.since && (k.change || doc.compared || k.history.length)) lines.push(`- Since ${doc.since}: ${k.change ? changeText(k) : 'no value recorded then'}`);
  if (k.history.length) lines.push(`- History: ${k.history.map((p) => point(p, k.unit)).join(' · ')}`);
  if (k.rollup) lines.push(`- Adds up (${k.rollup.kind}) the key results below: ${rollupText(k)}`);
  const bets = k.bets.map((r) => items.get(r)).filter((i): i is ReviewItem => !!i);
  if (!bets.length) lines.push('- Bets: **none**: nothing on the roadmap supports it');
  else {
    lines.push(`- Bets (${k.liveBets.length} live of ${bets.length}):`);
    for (const i of bets) lines.push(`  - ${bet(i)}: ${itemState(i)}`);
  }
  return lines;
}

function paceText(doc: ReviewDocument, k: ReviewKr): string {
  if (k.status === 'unknown') {
    const why = k.current === undefined ? (k.rollup ? 'no key result below has a current value yet' : 'no current value yet')
      : k.period === undefined ? 'no period in this unit or above' : 'no baseline and target to measure against';
    return `unknown (${why})`;
  }
  if (k.status === 'done') return 'done: the target is reached';
  const passed = k.elapsed !== undefined && k.elapsed >= 1 ? `${esc(k.period ?? '')} has ended` : `${pct(k.elapsed)} of ${esc(k.period ?? '')} has passed`;
  const expected = k.expected === undefined ? '' : `; ${num(k.expected, k.unit)} expected by ${doc.asOf}`;
  return `**${STATUS_HINT[k.status]}**: ${passed}, ${pct(k.progress)} of the way${expected}`;
}

function changeText(k: ReviewKr): string {
  const { from, to } = k.change!;
  if (from === to) return `no change (${num(to, k.unit)})`;
  const delta = Math.round((to - from) * 1e6) / 1e6;
  const better = k.target !== undefined && k.baseline !== undefined ? Math.sign(delta) === Math.sign(k.target - k.baseline) : undefined;
  return `${num(from, k.unit)} → ${num(to, k.unit)} (${esc(signed(delta))}${better === undefined ? '' : better ? ', the right way' : ', the wrong way'})`;
}

function point(p: HistoryPoint, unit: string | undefined): string {
  const who = p.source === 'checkin' ? `check-in${p.note ? `: ${esc(p.note)}` : ''}` : [p.author && esc(p.author), p.commit && esc(p.commit.slice(0, 7))].filter(Boolean).join(', ');
  const notes = [p.computed && 'computed', who].filter(Boolean).join('; ');
  return `${esc(p.date)} ${num(p.value, unit)}${notes ? ` (${notes})` : ''}`;
}

function rollupText(k: ReviewKr): string {
  const r = k.rollup!;
  if (r.planned === undefined) return 'their plans cannot be added up yet (a baseline or target is missing)';
  const plan = r.kind === 'sum' ? `they plan ${signedUnit(r.planned, k.unit)} against the ${signedUnit(r.needed!, k.unit)} needed` : `the ${r.kind} of their targets is ${num(r.planned, k.unit)} against a target of ${num(r.needed!, k.unit)}`;
  if (r.shortfall) return `${plan}: **${num(r.shortfall, k.unit)} short**`;
  return r.overPromised ? `${plan}: far more than needed (over 1.5 ×)` : `${plan}: enough`;
}

function itemState(i: ReviewItem): string {
  const was = i.before?.confidence && i.confidence && i.before.confidence !== i.confidence ? `, ${confidenceTrend(i.before.confidence, i.confidence)}` : '';
  const facts = [i.status ?? 'no status', i.horizon, i.confidence && `${i.confidence} confidence${was}`, i.result && `result: ${i.result}`].filter(Boolean).map((s) => esc(String(s)));
  const events = i.events.map((e) => EVENT_WORDS[e]);
  return `${facts.join(', ')}${events.length ? ` (**${events.join(', ')}**)` : ''}`;
}

const LEVELS = ['low', 'medium', 'high'];

/** `down from high`, `up from low`, or `was X` for values outside the scale. */
function confidenceTrend(before: string, now: string): string {
  const a = LEVELS.indexOf(before);
  const b = LEVELS.indexOf(now);
  return a < 0 || b < 0 ? `was ${before}` : `${b < a ? 'down' : 'up'} from ${before}`;
}

function changesSection(doc: ReviewDocument): string[] {
  const out = [`## What changed on the roadmap${doc.since ? ` since ${doc.since}` : ''}`, ''];
  const groups: [ReviewEvent, string][] = [['slipped', 'Slipped'], ['pulled-in', 'Pulled in'], ['done', 'Finished'], ['dropped', 'Dropped'], ['invalidated', 'Invalidated'], ['validated', 'Validated'], ['revived', 'Revived'], ['added', 'Added'], ['removed', 'Removed']];
  let any = false;
  for (const [event, title] of groups) {
    const list = doc.items.filter((i) => i.events.includes(event));
    if (!list.length) continue;
    any = true;
    out.push(`**${title}:**`, '');
    for (const i of list) out.push(`- ${bet(i)}${eventDetail(i, event)}`);
    out.push('');
  }
  // Confidence is not an event of DESIGN.md, but its trend is what the meeting asks about.
  const confidence = doc.items.filter((i) => i.before?.confidence && i.confidence && i.before.confidence !== i.confidence);
  if (confidence.length) {
    any = true;
    out.push('**Confidence changed:**', '');
    for (const i of confidence) out.push(`- ${bet(i)}: ${esc(i.before!.confidence!)} → ${esc(i.confidence!)} (${confidenceTrend(i.before!.confidence!, i.confidence!).split(' ')[0]})`);
    out.push('');
  }
  if (!any) out.push(doc.compared ? 'No bet changed.' : 'The cascade as it was at the last review was not available, so moves of bets are not listed (they need the history in git).', '');
  return out;
}

function eventDetail(i: ReviewItem, e: ReviewEvent): string {
  if ((e === 'slipped' || e === 'pulled-in') && i.horizon) return `: ${esc(i.before?.horizon ?? 'no horizon')} → ${esc(i.horizon)}`;
  if (e === 'invalidated' || e === 'validated') return evidence(i).replace(/^; /, ': ');
  if (e === 'revived') return `: ${esc(i.before?.status ?? 'dropped')} → ${esc(i.status ?? 'open')}`;
  return '';
}

function listSection<T>(title: string, list: T[], line: (x: T) => string, empty: string): string[] {
  return [`## ${title}`, '', ...(list.length ? list.map((x) => `- ${line(x)}`) : [empty]), ''];
}
