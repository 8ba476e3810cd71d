/** `okr init [DIR]`: the editor's trio, written without overwriting anything, checking clean. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scaffoldCascade } from '../../../server/src/core/scaffold';
import { assertUsageError, ensureBuilt, okr, removeScratches, scratch } from './helpers';

const DAY = '2026-07-01';

describe('okr init (the built CLI)', function () {
  this.timeout(60_000);
  before(ensureBuilt);
  after(removeScratches);

  it('writes the editor\'s company / product / team files into a new folder, says so, and the result checks clean', () => {
    const dir = scratch();
    const r = okr(['init', 'okrs', '--as-of', DAY], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, [
      'Created a cascade in okrs:',
      '  okrs/acme.okr.yaml               company  unit: acme',
      '  okrs/acme-app.okr.yaml           product  unit: acme-app',
      '  okrs/teams/acme-growth.okr.yaml  team     unit: acme-growth',
      'Next: okr check okrs   ·   okr roadmap okrs --unit acme-app --view horizons',
      '',
    ].join('\n'));
    for (const f of scaffoldCascade({ company: 'Acme', today: DAY })) assert.equal(readFileSync(join(dir, 'okrs', f.path), 'utf8'), f.text, f.path);
    const check = okr(['check', 'okrs', '--as-of', DAY], { cwd: dir });
    assert.equal(check.code, 0, check.stdout);
    assert.match(check.stdout, /^✔ 0 errors, 0 warnings, 0 infos in 3 files\nTraceability: 100% of KRs supported from below \(3\/3\), 100% of items linked to a KR \(3\/3\)\n/);
    const roadmap = okr(['roadmap', 'okrs', '--unit', 'acme-app', '--view', 'horizons', '--as-of', DAY], { cwd: dir });
    assert.equal(roadmap.code, 0, roadmap.stderr);
    assert.match(roadmap.stdout, /Guided onboarding checklist/);
  });

  it('--name makes the ids; ids used in the cascade around DIR are avoided', () => {
    const dir = scratch({ '.git/HEAD': '', 'acme-pay.okr.yaml': 'unit: acme-pay\n' });
    const r = okr(['init', 'okrs', '--name', 'Acme Pay', '--as-of', DAY], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /okrs\/acme-pay-2\.okr\.yaml +company {2}unit: acme-pay-2\n/);
    assert.match(readFileSync(join(dir, 'okrs/acme-pay-2.okr.yaml'), 'utf8'), /^name: Acme Pay$/m);
  });

  it('never overwrites: when one of the three files exists, nothing is written (exit 2)', () => {
    const dir = scratch({ 'teams/acme-growth.okr.yaml': '# mine, not a unit yet\n' });
    const r = okr(['init', '--as-of', DAY], { cwd: dir });
    assertUsageError(r, /^okr: teams\/acme-growth\.okr\.yaml already exists; nothing was written \(pick another folder or --name\)\n$/);
    assert.equal(readFileSync(join(dir, 'teams/acme-growth.okr.yaml'), 'utf8'), '# mine, not a unit yet\n');
    assert.throws(() => readFileSync(join(dir, 'acme.okr.yaml')), /ENOENT/, 'acme.okr.yaml was not written either');
  });

  it('a DIR that is a file, two DIRs or a bad --as-of: exit 2', () => {
    const dir = scratch({ 'file.txt': 'x' });
    assertUsageError(okr(['init', 'file.txt'], { cwd: dir }), /^okr: cannot write file\.txt/);
    assertUsageError(okr(['init', 'a', 'b'], { cwd: dir }), /give one folder/);
    assertUsageError(okr(['init', '--as-of', '2026-13-01'], { cwd: dir }), /--as-of must be a date/);
  });
});
