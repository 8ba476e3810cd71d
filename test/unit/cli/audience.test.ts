/** `okr roadmap --audience`: the built CLI renders the redacted model in every format, refuses what the audience may not see, and writes every audience's exports. */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileSync } from 'node:fs';
import { assertUsageError, copyOf, ensureBuilt, json, okr, removeScratches } from './helpers';

const CASE = 'test/fixtures/audience/basic';
const AS_OF = ['--as-of', '2026-08-15'];
/** Text of the cascade that neither customers nor executives may see, and ids and file names no audience export carries. */
const SECRETS = ['Falcon', 'ACME Bank', 'Initech', 'Rita', 'Secret partnership', 'strategic banking', 'fraud losses', 'app.okr.yaml', 'co.okr.yaml', 'one-tap', 'app/KR1', 'app/O1', 'co/KR1'];

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

describe('okr roadmap --audience (the built CLI)', function () {
  this.timeout(120_000);
  before(ensureBuilt);
  after(removeScratches);

  it('--format json prints exactly the redacted model of the fixture', () => {
    const r = okr(['roadmap', CASE, '--audience', 'customers', '--unit', 'app', '--view', 'horizons', '--format', 'json', ...AS_OF]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(json(r), JSON.parse(readFileSync(join(CASE, 'expected/customers-app-horizons.json'), 'utf8')));
  });

  it('every format (html, md, mermaid, csv, json, svg) for every hiding audience carries no private text, id or file name', () => {
    for (const audience of ['customers', 'executives']) {
      for (const format of ['html', 'md', 'mermaid', 'csv', 'json', 'svg']) {
        for (const unit of ['app']) {
          const r = okr(['roadmap', CASE, '--audience', audience, '--unit', unit, '--format', format, ...AS_OF]);
          assert.equal(r.code, 0, `${audience} ${format}: ${r.stderr}`);
          assert.ok(r.stdout.length > 100, `${audience} ${unit} ${format} is not empty`);
          for (const s of SECRETS) assert.ok(!r.stdout.includes(s), `${audience} ${unit} ${format} carries "${s}"`);
        }
      }
    }
  });

  it('Markdown for customers: themes view by default, no ids, no dates, counts after redaction', () => {
    const r = okr(['roadmap', CASE, '--audience', 'customers', '--unit', 'app', ...AS_OF]);
    assert.equal(r.code, 0, r.stderr);
    const md = r.stdout.split('```mermaid')[0];
    assert.equal(md, [
      '# Roadmap — Payments App (themes)',
      '',
      'As of 2026-08-15 · period 2026',
      '',
      '## Make paying effortless',
      '',
      '- Raise checkout conversion: 50 → 55 → 60 % · 50% · supported by 2',
      '',
      '| **Now** | Next | Later |',
      '| --- | --- | --- |',
      '| 1 | 0 | 1 |',
      '',
      '## Unlinked',
      '',
      '_None: every roadmap item serves an objective._',
      '',
      '',
    ].join('\n'));
  });

  it('a view the audience may not see, an unknown audience or unit, no audiences, all without --out: exit 2 with one line', () => {
    assertUsageError(okr(['roadmap', CASE, '--audience', 'customers', '--view', 'quarters', ...AS_OF]), /the "customers" audience may not see the quarters view; its views are themes, horizons/);
    assertUsageError(okr(['roadmap', CASE, '--audience', 'board', ...AS_OF]), /--audience board: no such audience in .*okr\.config\.yaml; the audiences are customers, executives, engineering, or all/);
    assertUsageError(okr(['roadmap', CASE, '--audience', 'customers', '--unit', 'nope', ...AS_OF]), /no unit "nope" in the cascade/);
    assertUsageError(okr(['roadmap', 'samples/okrs', '--audience', 'customers', ...AS_OF]), /no audiences are configured/);
    assertUsageError(okr(['roadmap', CASE, '--audience', 'all', ...AS_OF]), /--out DIR\//);
    assertUsageError(okr(['roadmap', CASE, '--audience', 'all', '--view', 'themes', '--out', 'x/', ...AS_OF]), /drop --unit, --view and --format/);
  });

  describe('the documented sample, samples/audiences', () => {
    const SAMPLE_SECRETS = ['Falcon', 'Northwind', 'Initech', 'Rita Moreno', 'Ana Ruiz', 'Globex Risk', 'card testing', 'partner bank', 'instant payouts', 'pay.okr.yaml', 'one-tap', 'globex-pay/'];

    it('is clean: okr check reports nothing, and no export of customers or board carries a private word', () => {
      const check = okr(['check', 'samples/audiences', '--as-of', '2026-11-24']);
      assert.equal(check.code, 0, check.stdout);
      assert.match(check.stdout, /^✔ 0 errors, 0 warnings, 0 infos in 3 files\n/);
      const dir = copyOf('samples/audiences');
      const r = okr(['roadmap', '.', '--audience', 'all', '--out', 'site/', '--as-of', '2026-11-24'], { cwd: dir });
      assert.equal(r.stderr, 'wrote 46 files in site/ (customers: 16, board: 24, engineering: 6)\n');
      const out = join(dir, 'site');
      for (const f of files(out).filter((x) => !x.startsWith('engineering/'))) {
        const text = readFileSync(join(out, f), 'utf8');
        for (const s of SAMPLE_SECRETS) assert.ok(!text.includes(s), `${f} carries "${s}"`);
      }
      // engineering (hide_private: false) does get the private plan
      assert.ok(readFileSync(join(out, 'engineering/globex-pay-quarters.md'), 'utf8').includes('Project Falcon instant payouts'));
    });

    it('a codename typed into a public title fails okr check, on that line, naming the audiences and exports', () => {
      const dir = copyOf('samples/audiences');
      const pay = readFileSync(join(dir, 'pay.okr.yaml'), 'utf8');
      writeFileSync(join(dir, 'pay.okr.yaml'), pay.replace('title: One-tap checkout', 'title: One-tap checkout for Falcon'));
      const r = okr(['check', '.', '--as-of', '2026-11-24'], { cwd: dir });
      assert.equal(r.code, 1);
      const line = pay.split('\n').findIndex((l) => l.includes('title: One-tap checkout')) + 1;
      assert.deepEqual(r.stdout.split('\n').filter((l) => l.includes('audience-leak')), [
        `pay.okr.yaml:${line}:12  error    audience-leak  The "board" audience must never see "Falcon", but this title would show it in its roadmaps of globex (themes, portfolio, trace views; html, md, csv, json), globex-pay (themes, portfolio, trace views; html, md, csv, json): reword it, or mark it private`,
        `pay.okr.yaml:${line}:12  error    audience-leak  The "customers" audience must never see "Falcon", but this title would show it in its roadmaps of globex (themes, horizons views; html, md, csv, json), globex-pay (themes, horizons views; html, md, csv, json): reword it, or mark it private`,
      ]);
    });
  });

  it('--audience all --out DIR/ writes DIR/<audience>/<unit>-<view>.<ext> for every unit, allowed view and format', () => {
    const dir = copyOf(CASE);
    const r = okr(['roadmap', '.', '--audience', 'all', '--out', 'site/', ...AS_OF], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'wrote 40 files in site/ (customers: 16, executives: 16, engineering: 8)\n');
    const out = join(dir, 'site');
    const expected: string[] = [];
    const add = (a: string, units: string[], views: string[]) => {
      for (const u of units) for (const v of views) for (const f of ['csv', 'html', 'json', 'md']) expected.push(`${a}/${u}-${v}.${f}`);
    };
    add('customers', ['app', 'co'], ['themes', 'horizons']);
    add('executives', ['app', 'co'], ['themes', 'trace']);
    add('engineering', ['app', 'co'], ['quarters']);
    assert.deepEqual(files(out), expected.sort());
    for (const f of files(out).filter((x) => !x.startsWith('engineering/'))) {
      const text = readFileSync(join(out, f), 'utf8');
      for (const s of SECRETS) assert.ok(!text.includes(s), `${f} carries "${s}"`);
    }
    assert.deepEqual(JSON.parse(readFileSync(join(out, 'customers/app-horizons.json'), 'utf8')), JSON.parse(readFileSync(join(CASE, 'expected/customers-app-horizons.json'), 'utf8')));
    const html = readFileSync(join(out, 'customers/app-themes.html'), 'utf8');
    assert.match(html, /<title>Roadmap — Payments App \(2026-08-15\)<\/title>/);
    assert.match(html, /<script type="application\/json" id="okr-model">\{"unit":"k1","title":"Payments App","view":"themes","audience":"customers"/);
    // engineering keeps private entries (hide_private: false) but still gets no ids or file names
    const eng = readFileSync(join(out, 'engineering/app-quarters.md'), 'utf8');
    assert.ok(eng.includes('Project Falcon bank integration'));
    assert.ok(!eng.includes('app.okr.yaml') && !eng.includes('one-tap'));
  });
});
