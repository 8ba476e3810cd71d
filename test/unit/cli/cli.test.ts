/**
 * The real command line, spawned as CI runs it: `node dist/cli.js …`.
 * dist/cli.js is rebuilt (`node esbuild.mjs`) when missing or older than the
 * sources. Exit codes, text/JSON/SARIF output and the roadmap exports are
 * checked against DESIGN.md's command-line contract.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { CODES } from '../../../server/src/core/model';
import { caseFolders, readCaseOptions, readExpected, sortFindings, type Finding } from '../../helpers/fixtures';
import { AS_OF, DEFAULT_AS_OF, REPO, VERSION, assertUsageError, copyOf, ensureBuilt, json, okr, removeScratches, scratch } from './helpers';

describe('okr command line (node dist/cli.js)', () => {
  before(ensureBuilt);
  after(removeScratches);

  describe('okr check (the built CLI)', function () {
    this.timeout(60_000);

    describe('exit codes and text output', () => {
      it('the clean sample cascade exits 0 and prints the green summary line, then the traceability coverage', () => {
        const r = okr(['check', 'samples/okrs', ...AS_OF]);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stderr, '');
        const lines = r.stdout.trimEnd().split('\n');
        assert.equal(lines[0], '✔ 0 errors, 0 warnings, 0 infos in 10 files');
        assert.match(lines[1], /^Traceability: 100% of KRs supported from below \(\d+\/\d+\), 100% of items linked to a KR \(\d+\/\d+\)$/);
        assert.ok(lines.slice(2).every((l) => /^ {2}\S+\s+KRs\s+\S+ \(\d+\/\d+\)\s+items\s+\S+ \(\d+\/\d+\)$/.test(l)), 'one coverage row per level');
      });

      it('the mistakes exit 1 and print compiler-style lines, 1-based, then the red summary', () => {
        const r = okr(['check', 'samples/mistakes', ...AS_OF]);
        assert.equal(r.code, 1);
        const lines = r.stdout.split('\n');
        assert.ok(lines.includes('samples/mistakes/broken-link/bl-co.okr.yaml:30:9  error    broken-link  `KR9` names no key result: there is no `KR9` in this unit; did you mean `KR1`?'), r.stdout);
        assert.ok(lines.includes('samples/mistakes/overloaded-now/on-co.okr.yaml:8:11  warning  overloaded-now  3 items are in `now` but capacity is 2: move 1 to `next` or raise the capacity (acquirer-failover, card-updater, three-ds-exemptions)'));
        assert.ok(lines.some((l) => /^samples\/mistakes\/weak-hypothesis\/wh-co\.okr\.yaml:24:17  info     weak-hypothesis  /.test(l)));
        assert.ok(lines.includes('✖ 15 errors, 13 warnings, 9 infos in 40 files'), r.stdout);
        const findingLines = lines.filter((l) => /^\S+:\d+:\d+ {2}/.test(l));
        assert.equal(findingLines.length, 37);
        assert.ok(findingLines.every((l) => /^[^:]+:\d+:\d+ {2}(error|warning|info) +\S+ {2}\S/.test(l)), 'file:line:col  severity  code  message');
      });

      it('only errors fail the run: a cascade with warnings and infos only exits 0', () => {
        const r = okr(['check', copyOf('test/fixtures/check/missing-hypothesis'), ...AS_OF]);
        assert.equal(r.code, 0);
        assert.match(r.stdout, /✔ 0 errors, 4 warnings, 0 infos in 1 file\n/);
      });

      it('a file path checks just that file; the current folder is the default', () => {
        const one = okr(['check', 'samples/mistakes/broken-link/bl-co.okr.yaml', ...AS_OF]);
        assert.equal(one.code, 1);
        assert.match(one.stdout, /in 1 file\n/);
        const here = okr(['check', ...AS_OF], { cwd: join(REPO, 'samples/okrs') });
        assert.equal(here.code, 0);
        assert.match(here.stdout, /in 10 files\n/);
      });

      it('no escape codes when stdout is not a terminal', () => {
        const r = okr(['check', 'samples/mistakes', ...AS_OF], { env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
        assert.ok(!r.stdout.includes('\x1b['), 'no ANSI escapes in piped output');
      });

      const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
      const inTerminal = (env: string) => spawnSync('script', ['-qec', `${env} "${process.execPath}" dist/cli.js check samples/mistakes/broken-link --as-of 2026-11-24`, '/dev/null'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } }).stdout;

      it('colour on a terminal, none with NO_COLOR set (run under script(1) for a real TTY)', function () {
        if (!hasScript) this.skip();
        assert.ok(inTerminal('env -u NO_COLOR TERM=xterm').includes('\x1b['), 'colour on a TTY');
        assert.ok(!inTerminal('env NO_COLOR=1 TERM=xterm').includes('\x1b['), 'NO_COLOR on a TTY');
      });
    });

    describe('usage and I/O failures exit 2 with one line on stderr', () => {
      it('an unknown flag', () => assertUsageError(okr(['check', 'samples/okrs', '--nope']), /--nope/));
      it('a bad --format', () => assertUsageError(okr(['check', 'samples/okrs', '--format', 'xml']), /--format must be one of text, json, sarif/));
      it('a bad --max-warnings', () => assertUsageError(okr(['check', 'samples/okrs', '--max-warnings', '-1']), /--max-warnings/));
      it('a --min-coverage over 100', () => assertUsageError(okr(['check', 'samples/okrs', '--min-coverage', '101']), /--min-coverage/));
      it('an --as-of that is not a real date', () => assertUsageError(okr(['check', 'samples/okrs', '--as-of', '2026-02-30']), /--as-of must be a date/));
      it('a missing path', () => assertUsageError(okr(['check', 'no/such/folder']), /no such file or folder: no\/such\/folder/));
      it('a folder with no cascade files', () => {
        const dir = scratch({ 'README.md': '# nothing\n', 'notes.yaml': 'unit: a\n' });
        assertUsageError(okr(['check', dir]), /no cascade files/);
      });
      it('a file that is not a cascade file', () => assertUsageError(okr(['check', 'package.json']), /not a cascade file/));
      it('an unknown command', () => assertUsageError(okr(['lint', 'samples/okrs']), /unknown command "lint"/));
    });

    describe('--format json', () => {
      const r = () => okr(['check', 'samples/mistakes', '--format', 'json', ...AS_OF]);

      it('prints exactly { diagnostics, summary } with DESIGN.md\'s keys, 0-based ranges and paths relative to the current folder', () => {
        const run = r();
        assert.equal(run.code, 1);
        const out = json<{ diagnostics: Finding[]; summary: Record<string, unknown> }>(run);
        assert.deepStrictEqual(Object.keys(out), ['diagnostics', 'summary']);
        for (const d of out.diagnostics) {
          assert.deepStrictEqual(Object.keys(d), ['file', 'range', 'severity', 'code', 'message']);
          assert.deepStrictEqual(Object.keys(d.range), ['start', 'end']);
          assert.deepStrictEqual(Object.keys(d.range.start), ['line', 'character']);
          assert.match(d.file, /^samples\/mistakes\/[a-z-]+\/[a-z-]+\.okr\.yaml$/);
          assert.ok(['error', 'warning', 'info', 'hint'].includes(d.severity));
        }
        const bl = out.diagnostics.find((d) => d.code === 'broken-link')!;
        assert.deepStrictEqual(bl, {
          file: 'samples/mistakes/broken-link/bl-co.okr.yaml',
          range: { start: { line: 29, character: 8 }, end: { line: 29, character: 11 } },
          severity: 'error', code: 'broken-link',
          message: '`KR9` names no key result: there is no `KR9` in this unit; did you mean `KR1`?',
        });
      });

      it('the diagnostics equal the reviewed fixtures of every samples/mistakes folder', () => {
        const out = json<{ diagnostics: Finding[] }>(r());
        const expected: Finding[] = [];
        for (const name of caseFolders(join(REPO, 'samples/mistakes'))) {
          for (const f of readExpected(join(REPO, 'test/fixtures/check/mistakes', `${name}.expected.json`)) ?? []) expected.push({ ...f, file: `samples/mistakes/${name}/${f.file}` });
        }
        assert.deepStrictEqual(sortFindings(out.diagnostics), sortFindings(expected));
      });

      it('the summary counts files, errors, warnings and infos, with traceability coverage per level', () => {
        const { summary } = json<{ summary: { files: number; errors: number; warnings: number; infos: number; coverage: { krs: Record<string, unknown>; items: Record<string, unknown>; levels: Record<string, unknown>[] } } }>(r());
        assert.deepStrictEqual(Object.keys(summary), ['files', 'errors', 'warnings', 'infos', 'coverage']);
        assert.deepStrictEqual([summary.files, summary.errors, summary.warnings, summary.infos], [40, 15, 13, 9]);
        assert.deepStrictEqual(Object.keys(summary.coverage), ['krs', 'items', 'levels']);
        assert.deepStrictEqual(Object.keys(summary.coverage.krs), ['total', 'supported', 'percent']);
        assert.deepStrictEqual(Object.keys(summary.coverage.items), ['total', 'linked', 'percent']);
        assert.deepStrictEqual(summary.coverage.levels.map((l) => l.level), ['company', 'product', 'team']);
        for (const l of summary.coverage.levels) assert.deepStrictEqual(Object.keys(l), ['level', 'krs', 'supportedKrs', 'items', 'linkedItems', 'krCoverage', 'itemCoverage']);
      });

      it('the clean samples: no diagnostics, 10 files, 100% coverage of KRs and items', () => {
        const run = okr(['check', 'samples/okrs', '--format', 'json', ...AS_OF]);
        assert.equal(run.code, 0);
        const out = json<{ diagnostics: unknown[]; summary: { files: number; errors: number; coverage: { krs: { percent: number }; items: { percent: number; total: number; linked: number } } } }>(run);
        assert.deepStrictEqual(out.diagnostics, []);
        assert.equal(out.summary.files, 10);
        assert.equal(out.summary.coverage.krs.percent, 100);
        assert.equal(out.summary.coverage.items.percent, 100);
        assert.equal(out.summary.coverage.items.linked, out.summary.coverage.items.total);
      });

      describe('run in (a copy of) each fixture folder, the CLI prints exactly the reviewed expected.json', () => {
        for (const name of caseFolders(join(REPO, 'test/fixtures/check'))) {
          const dir = join(REPO, 'test/fixtures/check', name);
          it(name, () => {
            // A copy outside this repository: each case is a cascade of its own, whether or not it has an okr.config.yaml.
            const run = okr(['check', '--format', 'json', '--as-of', readCaseOptions(dir).asOf ?? DEFAULT_AS_OF], { cwd: copyOf(`test/fixtures/check/${name}`) });
            assert.ok(run.code === 0 || run.code === 1, run.stderr);
            assert.deepStrictEqual(sortFindings(json<{ diagnostics: Finding[] }>(run).diagnostics), readExpected(join(dir, 'expected.json')));
            const errors = (readExpected(join(dir, 'expected.json')) ?? []).filter((f) => f.severity === 'error').length;
            assert.equal(run.code, errors ? 1 : 0, 'exit 1 exactly when there are errors');
          });
        }
      });
    });

    describe('gates', () => {
      it('--max-warnings 0 fails on warnings (exit 1, reason on stderr); a large bar passes', () => {
        const dir = copyOf('test/fixtures/check/missing-hypothesis');
        const strict = okr(['check', dir, '--max-warnings', '0', ...AS_OF]);
        assert.equal(strict.code, 1);
        assert.match(strict.stderr, /^okr: failing: 4 warnings, more than --max-warnings 0\n$/);
        assert.equal(okr(['check', dir, '--max-warnings', '4', ...AS_OF]).code, 0);
        assert.equal(okr(['check', dir, '--max-warnings', '1000', ...AS_OF]).code, 0);
      });

      it('--min-coverage 90 passes on the samples; 100 fails on a cascade with an unlinked item', () => {
        assert.equal(okr(['check', 'samples/okrs', '--min-coverage', '90', ...AS_OF]).code, 0);
        assert.equal(okr(['check', 'samples/okrs', '--min-coverage', '100', ...AS_OF]).code, 0);
        const dir = scratch({
          'co.okr.yaml': 'unit: co\nobjectives:\n  O1:\n    title: Grow\n    key_results:\n      KR1: { title: Revenue, baseline: 1, target: 2 }\nroadmap:\n  linked: { title: L, supports: KR1, hypothesis: h because y, horizon: now }\n  stray: { title: S, hypothesis: h because y, horizon: now }\n',
        });
        const run = okr(['check', dir, '--min-coverage', '100', '--format', 'json', ...AS_OF]);
        assert.equal(run.code, 1);
        assert.match(run.stderr, /traceability coverage below --min-coverage 100%/);
        assert.deepStrictEqual(json<{ summary: { coverage: { items: unknown } } }>(run).summary.coverage.items, { total: 2, linked: 1, percent: 50 });
        assert.equal(okr(['check', dir, '--min-coverage', '50', ...AS_OF]).code, 0);
      });

      it('--as-of fixes "today": a review on 2025-01-15 is fresh up to 2025-04-15 and stale from 2025-04-16', () => {
        const codes = (date: string) => json<{ diagnostics: Finding[] }>(okr(['check', 'samples/mistakes/stale-review', '--format', 'json', '--as-of', date])).diagnostics.map((d) => d.code);
        assert.deepStrictEqual(codes('2026-11-24'), ['stale-review']);
        assert.deepStrictEqual(codes('2025-04-15'), []);
        assert.deepStrictEqual(codes('2025-04-16'), ['stale-review']);
      });

      it('okr.config.yaml in the first folder changes severities, and an invalid one is reported in the config file', () => {
        // config-severities makes missing-hypothesis an error: warnings become a failing run.
        const strict = json<{ diagnostics: Finding[] }>(okr(['check', 'test/fixtures/check/config-severities', '--format', 'json', ...AS_OF]));
        assert.deepStrictEqual(strict.diagnostics.map((d) => `${d.code}:${d.severity}`), ['kr-without-roadmap:info', 'missing-hypothesis:error', 'untraceable-item:hint']);
        assert.equal(okr(['check', 'test/fixtures/check/config-severities', ...AS_OF]).code, 1);
        const out = json<{ diagnostics: Finding[] }>(okr(['check', 'test/fixtures/check/config-invalid', '--format', 'json', ...AS_OF]));
        assert.ok(out.diagnostics.some((d) => d.file === 'test/fixtures/check/config-invalid/okr.config.yaml' && d.code === 'schema' && /did you mean `weak-hypothesis`/.test(d.message)));
      });
    });

    // Was a bug (server/src/cli/files.ts displayPath): DESIGN.md says "Paths in output are relative to the
    // current directory", but a cascade outside the current folder is printed with absolute paths.
    it('a cascade outside the current folder is reported with paths relative to it (../mistakes/…)', () => {
      const run = okr(['check', '../mistakes/broken-link', '--format', 'json', ...AS_OF], { cwd: join(REPO, 'samples/okrs') });
      assert.deepStrictEqual(json<{ diagnostics: Finding[] }>(run).diagnostics.map((d) => d.file), ['../mistakes/broken-link/bl-co.okr.yaml']);
    });

    describe('--version', () => {
      it('--version prints the package version', () => {
        for (const flag of ['--version', '-v']) assert.deepStrictEqual(okr([flag]), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
      });
    });

    describe('--format sarif', () => {
      const schema = JSON.parse(readFileSync(join(REPO, 'test/fixtures/cli/sarif-2.1.0-subset.schema.json'), 'utf8')) as object;
      const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
      type Sarif = { version: string; runs: { tool: { driver: { name: string; version: string; rules: { id: string; help?: { text: string }; shortDescription?: { text: string }; defaultConfiguration?: { level: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[] }[] }[] };

      it('is valid SARIF 2.1.0 (for the mistakes and for the clean samples)', () => {
        for (const dir of ['samples/mistakes', 'samples/okrs']) {
          const log = json(okr(['check', dir, '--format', 'sarif', ...AS_OF]));
          assert.ok(validate(log), `${dir}: ${JSON.stringify(validate.errors, null, 2)}`);
        }
      });

      it('the subset schema is strict enough to catch mistakes (a wrong version, a misspelt property, a level of info, line 0)', () => {
        const log = json<Sarif>(okr(['check', 'samples/mistakes', '--format', 'sarif', ...AS_OF]));
        const broken = (mutate: (l: Sarif) => void) => {
          const copy = JSON.parse(JSON.stringify(log)) as Sarif;
          mutate(copy);
          return validate(copy);
        };
        assert.equal(broken((l) => { l.version = '2.0.0'; }), false);
        assert.equal(broken((l) => { (l.runs[0].results[0] as unknown as Record<string, unknown>).ruleID = 'x'; }), false);
        assert.equal(broken((l) => { l.runs[0].results[0].level = 'info'; }), false);
        assert.equal(broken((l) => { l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0; }), false);
        assert.equal(broken((l) => { delete (l.runs[0].tool.driver as Partial<Sarif['runs'][0]['tool']['driver']>).name; }), false);
      });

      it('has one rule per code with help text, and each result points at its rule by ruleIndex', () => {
        const log = json<Sarif>(okr(['check', 'samples/mistakes', '--format', 'sarif', ...AS_OF]));
        const run = log.runs[0];
        assert.equal(run.tool.driver.name, 'okr');
        assert.equal(run.tool.driver.version, VERSION);
        assert.equal(run.tool.driver.rules.length, CODES.length);
        for (const rule of run.tool.driver.rules) assert.ok(rule.help?.text && rule.shortDescription?.text, `${rule.id} has help`);
        assert.equal(run.results.length, 37);
        for (const res of run.results) {
          assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
          assert.ok(['error', 'warning', 'note'].includes(res.level));
        }
      });

      it('locations match the JSON output: relative uri, 1-based lines and columns, end column exclusive', () => {
        const log = json<Sarif>(okr(['check', 'samples/mistakes', '--format', 'sarif', ...AS_OF]));
        const diags = json<{ diagnostics: Finding[] }>(okr(['check', 'samples/mistakes', '--format', 'json', ...AS_OF])).diagnostics;
        const results = log.runs[0].results;
        assert.equal(results.length, diags.length);
        results.forEach((res, i) => {
          const d = diags[i];
          const { artifactLocation, region } = res.locations[0].physicalLocation;
          assert.equal(artifactLocation.uri, d.file);
          assert.deepStrictEqual(region, { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 });
          assert.equal(res.message.text, d.message);
          assert.equal(res.level, { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[d.severity]);
        });
      });
    });
  });

  describe('okr roadmap (the built CLI)', function () {
    this.timeout(60_000);
    const base = ['roadmap', 'samples/okrs', '--unit', 'checkout', ...AS_OF];

    interface Card { ref: string; kind: string; title: string; column: string; supports: string[]; location: { file: string; line: number } }
    interface Model { unit: string; view: string; columns: { id: string; title: string }[]; lanes: { id: string; title: string; outcomes: { ref: string; title: string; progress?: number }[]; cards: Card[] }[]; unlinked: Card[] }

    it('--view quarters --format json: exit 0 and the model of DESIGN.md, every card in one of the columns', () => {
      const r = okr([...base, '--view', 'quarters', '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const m = json<Model>(r);
      assert.equal(m.unit, 'checkout');
      assert.equal(m.view, 'quarters');
      for (const k of ['unit', 'view', 'columns', 'lanes', 'unlinked']) assert.ok(k in m, `has ${k}`);
      assert.deepStrictEqual(m.columns.map((c) => c.id), ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', 'later']);
      assert.deepStrictEqual(m.columns.map((c) => c.title).slice(0, 1), ['Q1 2026']);
      const columns = new Set(m.columns.map((c) => c.id));
      assert.ok(m.lanes.length > 0);
      assert.ok(Array.isArray(m.unlinked));
      for (const lane of m.lanes) {
        assert.match(lane.id, /^checkout\/\S+$/);
        assert.ok(lane.outcomes.length > 0 && lane.outcomes.every((o) => /^checkout\//.test(o.ref)));
        for (const o of lane.outcomes) if (o.progress !== undefined) assert.ok(o.progress >= 0 && o.progress <= 1);
      }
      const cards = [...m.lanes.flatMap((l) => l.cards), ...m.unlinked];
      assert.ok(cards.length > 0);
      for (const c of cards) {
        assert.ok(columns.has(c.column), `${c.ref} in column ${c.column}`);
        assert.ok(c.kind === 'item' || c.kind === 'kr', `${c.ref} kind ${c.kind}`);
        assert.match(c.location.file, /^samples\/okrs\/.+\.okr\.yaml$/);
        assert.ok(Number.isInteger(c.location.line) && c.location.line >= 0);
        assert.ok(Array.isArray(c.supports));
      }
      assert.ok(cards.some((c) => c.kind === 'kr'), 'team KRs appear as kr cards');
    });

    it('--view horizons puts every card in now, next or later', () => {
      const m = json<Model>(okr([...base, '--view', 'horizons', '--format', 'json']));
      assert.deepStrictEqual(m.columns.map((c) => c.id), ['now', 'next', 'later']);
      for (const c of [...m.lanes.flatMap((l) => l.cards), ...m.unlinked]) assert.ok(['now', 'next', 'later'].includes(c.column), `${c.ref}: ${c.column}`);
    });

    it('every view answers JSON with its name (themes, tech, trace, portfolio of the company)', () => {
      for (const [view, unit] of [['themes', 'checkout'], ['tech', 'checkout'], ['trace', 'checkout'], ['portfolio', 'acme']]) {
        const r = okr(['roadmap', 'samples/okrs', '--unit', unit, '--view', view, '--format', 'json', ...AS_OF]);
        assert.equal(r.code, 0, `${view}: ${r.stderr}`);
        assert.equal(json<Model>(r).view, view);
      }
    });

    for (const format of ['md', 'mermaid', 'csv', 'html']) {
      it(`--format ${format} prints something`, () => {
        const r = okr([...base, '--format', format]);
        assert.equal(r.code, 0, r.stderr);
        assert.ok(r.stdout.trim().length > 0);
        if (format === 'html') {
          assert.match(r.stdout, /^<!doctype html>/i);
          assert.match(r.stdout, /<meta http-equiv="Content-Security-Policy" content="[^"]+"/i);
        }
        if (format === 'csv') assert.ok(r.stdout.split('\n').length > 2);
        if (format === 'mermaid' || format === 'md') assert.match(r.stdout, /checkout|Checkout/);
      });
    }

    it('a cascade with errors still gets its roadmap, with a one-line note on stderr; a clean one prints none', () => {
      const broken = okr(['roadmap', 'samples/mistakes/broken-link', '--format', 'json', '--as-of', '2026-11-24']);
      assert.equal(broken.code, 0, broken.stderr);
      assert.ok(JSON.parse(broken.stdout).lanes.length > 0);
      assert.equal(broken.stderr, 'okr: note: the cascade has 1 error; items whose links do not resolve are in Unlinked (run okr check for details)\n');
      assert.equal(okr([...base, '--format', 'json']).stderr, '');
    });

    it('--out writes the export to the file (format from the extension) and prints nothing on stdout', () => {
      const dir = scratch({});
      const file = join(dir, 'roadmap.html');
      const r = okr([...base, '--out', file]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /wrote /);
      assert.match(readFileSync(file, 'utf8'), /Content-Security-Policy/);
      const csv = join(dir, 'r.csv');
      assert.equal(okr([...base, '--out', csv]).code, 0);
      assert.ok(readFileSync(csv, 'utf8').length > 0);
    });

    it('an unknown --unit, a bad --view or --format exit 2 with one line on stderr', () => {
      assertUsageError(okr(['roadmap', 'samples/okrs', '--unit', 'nope', '--format', 'json', ...AS_OF]), /nope/);
      assertUsageError(okr([...base, '--view', 'gantt']), /--view must be one of/);
      assertUsageError(okr([...base, '--format', 'pdf']), /--format must be one of/);
      assertUsageError(okr(['roadmap', 'no/such/folder']), /no such file or folder/);
    });
  });
});
