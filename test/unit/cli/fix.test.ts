/**
 * `okr check --fix`: only the fixes that are not a guess (a misspelt key, a
 * reference with exactly one close match), applied with the editor's minimal
 * edits; every other byte of the file stays as written.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AS_OF, assertUsageError, ensureBuilt, json, okr, removeScratches, scratch } from './helpers';
import type { Finding } from '../../helpers/fixtures';

const SHOP = `# The shop: a comment that must survive
unit: shop
level: product
period: 2026
objectives:
  O1:
    title: Grow
    key_results:
      KR1: { title: Conversion, baseline: 1, target: 2 }
      KR2: { title: Basket, baseline: 1, target: 2 }
      checkout-speed: { title: Speed, baseline: 1, target: 2 }
roadmap:
  one-click:
    titel:   "One-click pay"   # the key is misspelt
    supports: KR1
    hypothesis: Paying in one click lifts conversion because most drop-offs are at the card form
    horizon: now
  faster-pages:
    title: Faster pages
    supports: [KR2, checkout-sped]
    hypothesis: Faster pages lift conversion because slow pages lose buyers
    horizon: next
  guess:
    title: Two close matches
    supports: KR3   # KR1 or KR2: a person decides
    hypothesis: Something helps because reasons
    horizon: later
`;

const FIXED = SHOP
  .replace('    titel:   "One-click pay"', '    title:   "One-click pay"')
  .replace('supports: [KR2, checkout-sped]', 'supports: [KR2, checkout-speed]');

describe('okr check --fix (the built CLI)', function () {
  this.timeout(60_000);
  before(ensureBuilt);
  after(removeScratches);

  it('fixes the misspelt key and the reference with one close match, byte for byte; says what it changed; leaves the guess', () => {
    const dir = scratch({ 'shop.okr.yaml': SHOP });
    const r = okr(['check', '--fix', ...AS_OF], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'shop.okr.yaml'), 'utf8'), FIXED);
    assert.equal(r.stderr, [
      'okr: fixed shop.okr.yaml:14:5  schema  Rename `titel` to `title`',
      'okr: fixed shop.okr.yaml:20:21  broken-link  Change to `checkout-speed` (Speed)',
      'okr: fixed 2 findings in 1 file',
      '',
    ].join('\n'));
    assert.equal(r.code, 1, 'KR3 is still broken');
    assert.equal(r.stdout, okr(['check', ...AS_OF], { cwd: dir }).stdout, 'then the report of what is left');
    const left = json<{ diagnostics: Finding[] }>(okr(['check', '--format', 'json', ...AS_OF], { cwd: dir })).diagnostics;
    assert.deepStrictEqual(left.map((d) => [d.code, d.range.start.line]), [['broken-link', 24]]);
    const again = okr(['check', '--fix', ...AS_OF], { cwd: dir });
    assert.equal(again.stderr, '', 'nothing left that is not a guess');
    assert.equal(readFileSync(join(dir, 'shop.okr.yaml'), 'utf8'), FIXED);
  });

  it('keeps CRLF line ends and fixes only the named files', () => {
    const crlf = SHOP.replace(/\n/g, '\r\n');
    const dir = scratch({ 'shop.okr.yaml': crlf, 'other/team.okr.yaml': 'unit: team\nparent: shop\nlevle: team\n' });
    const r = okr(['check', '--fix', 'shop.okr.yaml', '--format', 'json', ...AS_OF], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'shop.okr.yaml'), 'utf8'), FIXED.replace(/\n/g, '\r\n'));
    assert.equal(readFileSync(join(dir, 'other/team.okr.yaml'), 'utf8'), 'unit: team\nparent: shop\nlevle: team\n', 'not named: untouched');
    assert.deepStrictEqual(json<{ diagnostics: Finding[] }>(r).diagnostics.map((d) => d.file), ['shop.okr.yaml'], 'stdout stays JSON; the fixes are told on stderr');
    assert.match(r.stderr, /^okr: fixed shop\.okr\.yaml:14:5 {2}schema/);
    okr(['check', '--fix', ...AS_OF], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'other/team.okr.yaml'), 'utf8'), 'unit: team\nparent: shop\nlevel: team\n');
  });

  it('a file that is not valid UTF-8 is never rewritten: exit 2, nothing written', () => {
    const dir = scratch();
    const bytes = Buffer.concat([Buffer.from('unit: co\n# caf'), Buffer.from([0xe9]), Buffer.from('\nnmae: Co\n')]);
    writeFileSync(join(dir, 'co.okr.yaml'), bytes);
    const r = okr(['check', '--fix'], { cwd: dir });
    assertUsageError(r, /^okr: --fix: co\.okr\.yaml changed on disk while it was checked \(or is not valid UTF-8\); no file was written\n$/);
    assert.ok(readFileSync(join(dir, 'co.okr.yaml')).equals(bytes));
  });

  it('--fix with standard input, or with --watch, is refused', () => {
    assertUsageError(okr(['check', '--fix', '-'], { input: 'unit: a\n' }), /--fix writes files: it cannot fix standard input/);
    assertUsageError(okr(['check', '--fix', '--watch']), /--watch prints text as files change/);
  });
});
