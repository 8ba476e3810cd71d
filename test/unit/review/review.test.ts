/**
 * The review document on a fixture cascade (test/fixtures/review/<case>/):
 * `now/` is the cascade today, `before/` the cascade at the last review (both
 * also the two revisions the history is computed from), options.json says the
 * unit, the day and the two commits. The JSON and the Markdown must equal
 * expected.json and expected.md (UPDATE=1 rewrites them; review the diff);
 * the facts a product lead relies on are asserted one by one as well.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { krSeries, ParseCache, type Revision } from '../../../server/src/core/history/series';
import { CascadeIndex } from '../../../server/src/core/link';
import { parseDay } from '../../../server/src/core/period';
import { buildReview, reviewMarkdown, type ReviewDocument } from '../../../server/src/core/review';
import { REPO, UPDATING } from '../../helpers/fixtures';

const ROOT = join(REPO, 'test/fixtures/review');

interface CaseOptions {
  unit: string;
  asOf: string;
  before?: { commit: string; date: string; author: string };
  now: { commit: string; date: string; author: string };
}

function texts(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.okr.yaml')) out.set(relative(dir, join(d, e.name)), readFileSync(join(d, e.name), 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** The review of a case: the cascade now, the cascade before, and the history of the two revisions. */
export function reviewOf(name: string): { doc: ReviewDocument; md: string } {
  const dir = join(ROOT, name);
  const opts = JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as CaseOptions;
  const cache = new ParseCache();
  const now: Revision = { ...opts.now, files: texts(join(dir, 'now')) };
  const before: Revision | undefined = opts.before && { ...opts.before, files: texts(join(dir, 'before')) };
  const revisions = before ? [before, now] : [now];
  const index = (r: Revision) => new CascadeIndex([...r.files].map(([f, t]) => cache.get(f, t)));
  const doc = buildReview(index(now), {
    unit: opts.unit, asOf: parseDay(opts.asOf)!, before: before && index(before), history: krSeries(revisions, { cache }),
  });
  return { doc, md: reviewMarkdown(doc) };
}

function matchesFile(actual: string, file: string): void {
  if (UPDATING) return void writeFileSync(file, actual);
  assert.ok(existsSync(file), `${relative(REPO, file)} is missing: run with UPDATE=1, then review it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${relative(REPO, file)} differs (UPDATE=1 rewrites it)`);
}

describe('review: the document for the quarterly meeting (test/fixtures/review/quarter)', () => {
  const { doc, md } = reviewOf('quarter');
  const kr = (r: string) => doc.krs.find((k) => k.ref === r)!;
  const item = (r: string) => doc.items.find((i) => i.ref === r)!;

  it('the JSON and the Markdown equal the reviewed expected files', () => {
    matchesFile(JSON.stringify(doc, null, 2) + '\n', join(ROOT, 'quarter/expected.json'));
    matchesFile(md, join(ROOT, 'quarter/expected.md'));
  });

  it('header: the unit, the day, since the unit\'s reviewed date, compared with the cascade then', () => {
    assert.deepEqual([doc.unit, doc.asOf, doc.since, doc.sinceFrom, doc.period, doc.compared], ['pay', '2026-11-24', '2026-10-01', 'reviewed', '2026', true]);
    assert.deepEqual(doc.krs.map((k) => k.ref), ['pay/KR1', 'pay/KR2', 'pay/KR3', 'pay/KR4', 'pay/KR5']);
  });

  it('a KR with DESIGN.md\'s numbers: 45 → 38 → 30 is off track, 31.56 expected; history from git and check-ins within the period; change from the cascade then', () => {
    const k = kr('pay/KR1');
    assert.deepEqual([k.baseline, k.current, k.target, k.computed, k.progress, k.elapsed, k.expected, k.status], [45, 38, 30, false, 0.47, 0.9, 31.56, 'off-track']);
    assert.deepEqual(k.history, [
      { date: '2026-10-01', value: 41, source: 'git', commit: 'a1b2c3d4e5f6', author: 'Dana Li' },
      { date: '2026-10-15', value: 40, source: 'checkin', note: 'after the wizard beta | *all* markets' },
      { date: '2026-11-20', value: 38, source: 'git', commit: 'f6e5d4c3b2a1', author: 'Sam <sam@example.com>' },
    ], 'the 2025 check-in is outside the period');
    assert.deepEqual(k.change, { from: 41, to: 38 });
  });

  it('a roll-up KR: current computed from the same-unit KRs below (the m USD one left out), the plan short by 0.3 bn USD', () => {
    const k = kr('pay/KR2');
    assert.deepEqual([k.current, k.computed, k.status], [2, true, 'off-track']);
    assert.deepEqual(k.rollup, { kind: 'sum', planned: 0.5, needed: 0.8, shortfall: 0.3, overPromised: false });
    assert.deepEqual(k.change, { from: 1.85, to: 2 });
    assert.deepEqual(k.history.map((p) => [p.date, p.value, p.computed]), [['2026-10-01', 1.85, true], ['2026-11-20', 2, true]]);
  });

  it('bets: live ones first; a KR whose every bet was dropped or invalidated is flagged', () => {
    assert.deepEqual(kr('pay/KR4').liveBets, []);
    assert.equal(kr('pay/KR4').betsFailed, true);
    assert.deepEqual(kr('pay/KR1').liveBets, ['pay/setup-wizard']);
    assert.deepEqual(kr('pay/KR1').bets, ['pay/setup-wizard', 'pay/wallet-sheet', 'pay/bank-linking']);
    assert.equal(kr('pay/KR5').status, 'done');
  });

  it('item events since the last review: every kind', () => {
    const events = Object.fromEntries(doc.items.filter((i) => i.events.length).map((i) => [i.ref, i.events]));
    assert.deepEqual(events, {
      'pay/setup-wizard': ['slipped'],
      'pay/wallet-sheet': ['invalidated'],
      'pay/bank-linking': ['done', 'validated'],
      'pay/dispute-evidence': ['dropped'],
      'pay/status-page': ['revived'],
      'pay/late-report': ['past-due'],
      'pay/fraud-rules': ['pulled-in'],
      'pay/new-bet': ['added'],
      'pay/old-bet': ['removed'],
    });
    assert.deepEqual(item('pay/setup-wizard').before, { horizon: 'now', confidence: 'high' });
    assert.equal(item('pay/old-bet').location, undefined);
    assert.deepEqual(item('eu/sepa-instant').krs, ['pay/KR2']);
  });

  it('decisions, most pressing first, one per problem', () => {
    assert.deepEqual(doc.decisions, [
      'pay/KR1 "Cut onboarding drop-off" is off track at 38%, 31.56% expected by 2026-11-24: add or change the bets that move it, or reset the target.',
      'pay/KR2 "Grow total payment volume" is off track at 2 bn USD (computed), 2.517 bn USD expected by 2026-11-24: add or change the bets that move it, or reset the target.',
      'Every bet on pay/KR4 "Dispute win rate" was invalidated or dropped: find a new bet, or drop the KR.',
      'The KRs that add up to pay/KR2 "Grow total payment volume" fall 0.3 bn USD short of its target: raise them, add one, or lower the target.',
      'Stop or rethink pay/dispute-ai "AI dispute replies": its hypothesis was invalidated but it is still active.',
      'Stop or rethink pay/wallet-sheet "Pay <b>faster</b> & *safer* | [link](javascript:alert(1))": its hypothesis was invalidated but it is still active.',
      'Re-plan pay/late-report "Settlement report": it was due on 2026-09-30 and is still active; finish it, drop it, or agree a new date.',
      'pay/setup-wizard "Guided setup wizard" slipped from now to next while the KR it serves is behind: keep it, or find a faster bet.',
    ]);
  });

  it('the Markdown escapes every string from the cascade: no HTML, no link, no emphasis injected', () => {
    assert.ok(!md.includes('<b>'), 'no raw HTML tag');
    assert.doesNotMatch(md, /(?<!\\)\]\(/, 'no link: every `]` is escaped');
    assert.ok(md.includes('Pay \\<b\\>faster\\</b\\> \\& \\*safer\\* \\| \\[link\\](javascript:alert(1))'));
    assert.ok(md.includes('# Quarterly review: Payments \\& \\<Checkout\\> (pay)'));
    assert.ok(md.includes('## Keep \\#1 on reliability'));
    assert.ok(md.includes('Payout success\\_rate'));
    assert.ok(md.includes('evidence: <https://wiki.example.com/exp/42>'), 'an http(s) evidence URL is an autolink');
  });

  it('reads as a review: decisions first, each KR with numbers, pace in words and change, then what moved', () => {
    const order = ['## Decisions to take', '## Make self\\-serve', '### Cut onboarding drop-off: off track', '## What changed on the roadmap since 2026-10-01', '**Slipped:**', '## Past due', '## Invalidated bets still on the roadmap', '## Key results without a live bet'];
    const at = order.map((h) => md.indexOf(h.replace('\\-', '-')));
    assert.ok(at.every((i) => i >= 0), JSON.stringify(at));
    assert.deepEqual([...at].sort((a, b) => a - b), at, 'in that order');
    assert.match(md, /- Pace: \*\*off track: well behind its pace\*\*: 90% of 2026 has passed, 47% of the way; 31\.56% expected by 2026-11-24/);
    assert.match(md, /- Since 2026-10-01: 41% → 38% \(−3, the right way\)/);
    assert.match(md, /- \*\*Guided setup wizard\*\* \(pay\/setup-wizard\): now → next/);
  });
});

describe('review: without a cascade at the last review and without history', () => {
  it('says what it cannot know instead of guessing: no item events but past-due, no change without a check-in', () => {
    const dir = join(ROOT, 'quarter', 'now');
    const files = [...texts(dir)].map(([f, t]) => new ParseCache().get(f, t));
    const doc = buildReview(new CascadeIndex(files), { unit: 'pay', asOf: parseDay('2026-11-24')! });
    assert.equal(doc.compared, false);
    assert.deepEqual(doc.items.filter((i) => i.events.length).map((i) => [i.ref, i.events]), [['pay/late-report', ['past-due']]]);
    const k1 = doc.krs.find((k) => k.ref === 'pay/KR1')!;
    assert.deepEqual(k1.history.map((p) => p.source), ['checkin']);
    assert.deepEqual(k1.change, undefined, 'the check-in of 2026-10-15 is after the last review (2026-10-01)');
    const md = reviewMarkdown(doc);
    assert.match(md, /The cascade as it was at the last review was not available/);
    assert.doesNotMatch(md, /bets changed since/);
  });
});
