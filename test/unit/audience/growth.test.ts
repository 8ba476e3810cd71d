/**
 * Growth, not speed: the leak check of a cascade twice as large (twice the
 * teams, the items, the private texts, the leaks) must take about twice the
 * time. Rendering every export and finding every private text in it, then
 * tracing each hit back to the texts that hold it, is linear work; reading
 * every text again for each hit, or trying each private text at each word of
 * an export one by one, is quadratic and fails here on any machine. The
 * times are the fastest of a few tries, measured in the same run; no
 * absolute time is asserted.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { AudienceScanner } from '../../../server/src/core/audience/scanner';
import { parseConfig } from '../../../server/src/core/config';
import { CascadeIndex } from '../../../server/src/core/link';
import { parseUnitFile } from '../../../server/src/core/parse';
import { AS_OF } from './helper';

const CONFIG = parseConfig('/g/okr.config.yaml', `audiences:
  customers:
    views: [themes, horizons]
    show: [title, outcome, horizon]
    hide_private: true
    dates: false
    forbidden: [Falcon, "ACME Bank"]
  executives: { views: [themes, trace], show: [title, outcome, confidence, kr] }
`);

const word = (i: number) => `w${i.toString(36)}`;

/** A company and `teams` teams of 12 items each: a third private, a third public repeating a private title (a leak each), a third clean; a codename and a date here and there. */
function cascade(teams: number): CascadeIndex {
  const files = [parseUnitFile('/g/co.okr.yaml', `unit: co
name: Company
level: company
period: 2026
objectives:
  O1:
    title: Grow the business
    key_results:
      KR1: { title: Grow revenue, baseline: 1, target: 2 }
`)];
  for (let t = 0; t < teams; t++) {
    const items: string[] = [];
    for (let i = 0; i < 12; i++) {
      const secret = `Secret ${word(t)} ${word(i)} rollout plan`;
      const title = i % 3 === 0 ? secret : i % 3 === 1 ? `Public follow-up: secret ${word(t)} ${word(i - 1)} rollout plan` : i % 6 === 2 ? `Falcon rails for ${word(t)}` : `Launch ${word(t)} ${word(i)} in Q3 2026`;
      items.push(`  i${i}:
    title: ${JSON.stringify(title)}
    supports: KR1
    horizon: ${['now', 'next', 'later'][i % 3]}
    status: planned
    type: feature${i % 3 === 0 ? '\n    private: true' : ''}
    hypothesis: We believe ${word(t)} ${word(i)} helps because customers ask for it.`);
    }
    files.push(parseUnitFile(`/g/t${t}.okr.yaml`, `unit: t${t}
name: Team ${word(t)}
level: team
parent: co
period: 2026
objectives:
  O1:
    title: Serve ${word(t)} customers
    key_results:
      KR1: { title: Ship ${word(t)} features, baseline: 0, target: 10, supports: co/KR1 }
roadmap:
${items.join('\n')}
`));
  }
  return new CascadeIndex(files);
}

function fastest(fn: () => void, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

describe('audience: the leak check grows linearly', function () {
  this.timeout(120_000);

  it('four times the teams, items, private texts and leaks: at most 8× the time (linear is 4×, quadratic 16×)', () => {
    assert.deepEqual(CONFIG.problems, []);
    const sizes = [40, 160];
    const indexes = sizes.map(cascade);
    const scan = (index: CascadeIndex) => {
      const s = new AudienceScanner();
      s.configure(CONFIG.audiences, AS_OF);
      return s.run(index);
    };
    const leaks = indexes.map((ix) => scan(ix).leaks.length);
    // every planted leak is found, at both sizes: 4 repeats, 2 codenames, 2 dates per team (customers) + 4 repeats (executives)
    assert.deepEqual(leaks, sizes.map((n) => n * 12));
    const times = indexes.map((ix, i) => fastest(() => scan(ix), i === 0 ? 5 : 3));
    const ratio = times[1] / Math.max(times[0], 1);
    assert.ok(ratio < 8, `from ${sizes[0]} to ${sizes[1]} teams the leak check grew ×${ratio.toFixed(2)} (${times.map((t) => t.toFixed(0)).join(' ms, ')} ms)`);
  });
});
