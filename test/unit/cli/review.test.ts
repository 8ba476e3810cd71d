/**
 * `okr review` run as a user runs it (the built CLI, spawned): Markdown by
 * default, JSON on request, since the unit's reviewed date or --since, pace
 * thresholds from okr.config.yaml, and one-line usage errors with exit 2.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReviewDocument } from '../../../server/src/core/review';
import { REPO, UPDATING } from '../../helpers/fixtures';

const CLI = join(REPO, 'dist/cli.js');
const NOW = 'test/fixtures/review/quarter/now';

function okr(args: string[], cwd = REPO): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('okr review (the built CLI)', function () {
  this.timeout(60_000);

  it('prints the Markdown review of a unit, as reviewed in test/fixtures/review/quarter/cli-expected.md', () => {
    const r = okr(['review', NOW, '--unit', 'pay', '--as-of', '2026-11-24']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const file = join(REPO, 'test/fixtures/review/quarter/cli-expected.md');
    if (UPDATING) writeFileSync(file, r.stdout);
    assert.equal(r.stdout, readFileSync(file, 'utf8'), 'cli-expected.md (UPDATE=1 rewrites it)');
    assert.match(r.stdout, /^# Quarterly review: Payments \\& \\<Checkout\\> \(pay\)\n\nAs of 2026-11-24 · period 2026 · changes since 2026-10-01 \(the last review\)\n/);
  });

  it('--format json: the review document, since the unit\'s reviewed: date, paths relative to the current folder', () => {
    const doc = JSON.parse(okr(['review', NOW, '--unit', 'pay', '--as-of', '2026-11-24', '--format', 'json']).stdout) as ReviewDocument;
    assert.deepEqual([doc.unit, doc.asOf, doc.since, doc.sinceFrom, doc.compared], ['pay', '2026-11-24', '2026-10-01', 'reviewed', false]);
    const k1 = doc.krs.find((k) => k.ref === 'pay/KR1')!;
    assert.deepEqual([k1.current, k1.expected, k1.status, k1.location.file], [38, 31.56, 'off-track', `${NOW}/pay.okr.yaml`]);
    assert.deepEqual(k1.history, [{ date: '2026-10-15', value: 40, source: 'checkin', note: 'after the wizard beta | *all* markets' }]);
    assert.deepEqual(doc.krs.find((k) => k.ref === 'pay/KR2')!.rollup, { kind: 'sum', planned: 0.5, needed: 0.8, shortfall: 0.3, overPromised: false });
    assert.equal(doc.decisions.length, 7);
  });

  it('--since DATE: the change of each KR since that day, from its check-ins', () => {
    const doc = JSON.parse(okr(['review', NOW, '--unit', 'pay', '--as-of', '2026-11-24', '--since', '2026-10-20', '--format', 'json']).stdout) as ReviewDocument;
    assert.deepEqual([doc.since, doc.sinceFrom], ['2026-10-20', 'date']);
    assert.deepEqual(doc.krs.find((k) => k.ref === 'pay/KR1')!.change, { from: 40, to: 38 });
  });

  it('the pace thresholds of okr.config.yaml decide the status', () => {
    const dir = mkdtempSync(join(tmpdir(), 'okr-review-'));
    try {
      cpSync(join(REPO, NOW), dir, { recursive: true });
      writeFileSync(join(dir, 'okr.config.yaml'), 'pace: { at_risk: 0.45, off_track: 0.7 }\n');
      const doc = JSON.parse(okr(['review', '--unit', 'pay', '--as-of', '2026-11-24', '--format', 'json'], dir).stdout) as ReviewDocument;
      assert.deepEqual(doc.krs.map((k) => [k.ref, k.status]), [['pay/KR1', 'on-track'], ['pay/KR2', 'at-risk'], ['pay/KR3', 'on-track'], ['pay/KR4', 'on-track'], ['pay/KR5', 'done']]);
      assert.equal(doc.krs[0].location.file, 'pay.okr.yaml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('okr roadmap --format json: outcomes carry status, expected and computed, with the same thresholds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'okr-review-'));
    try {
      cpSync(join(REPO, NOW), dir, { recursive: true });
      type Model = { lanes: { outcomes: { ref: string; status?: string; expected?: number; computed?: boolean; current?: number }[] }[] };
      const outcomes = () => (JSON.parse(okr(['roadmap', '--unit', 'pay', '--as-of', '2026-11-24', '--format', 'json'], dir).stdout) as Model).lanes.flatMap((l) => l.outcomes);
      const kr2 = outcomes().find((o) => o.ref === 'pay/KR2')!;
      assert.deepEqual([kr2.current, kr2.computed, kr2.status, kr2.expected], [2, true, 'off-track', 2.517]);
      writeFileSync(join(dir, 'okr.config.yaml'), 'pace: { at_risk: 0.45, off_track: 0.7 }\n');
      assert.deepEqual(outcomes().map((o) => o.status), ['on-track', 'at-risk', 'on-track', 'on-track', 'done']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without --unit: the default unit (the first product), as okr roadmap picks it', () => {
    const doc = JSON.parse(okr(['review', 'samples/okrs', '--as-of', '2026-11-24', '--format', 'json']).stdout) as ReviewDocument;
    assert.equal(doc.unit, 'checkout');
    assert.deepEqual(doc.decisions, [], 'the clean sample needs no decision');
  });

  for (const [what, args, message] of [
    ['an unknown unit', ['--unit', 'nope'], /^okr: Unknown unit "nope"\. Known units: acme, /],
    ['a bad format', ['--format', 'html'], /^okr: --format must be one of md, json \(got "html"\)$/],
    ['a bad --since', ['--since', 'last-week'], /^okr: --since must be a date written YYYY-MM-DD \(got "last-week"\)$/],
    ['a bad --as-of', ['--as-of', '2026-02-30'], /^okr: --as-of must be a date written YYYY-MM-DD/],
    ['an unknown flag', ['--view', 'themes'], /^okr: Unknown option '--view'/],
  ] as [string, string[], RegExp][]) {
    it(`${what}: one line on stderr, exit 2`, () => {
      const r = okr(['review', 'samples/okrs', ...args]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr.trimEnd(), message);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1);
    });
  }
});
