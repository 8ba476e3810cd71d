/**
 * `okr check` in CI: GitHub annotations (`--format github`, chosen by itself
 * when GITHUB_ACTIONS=true), `--output-file` beside the printed report,
 * `--quiet`, and colour (FORCE_COLOR, NO_COLOR); exit codes unchanged.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Finding } from '../../helpers/fixtures';
import { AS_OF, CLI, REPO, assertUsageError, copyOf, ensureBuilt, json, okr, removeScratches, scratch } from './helpers';

/** One workflow command, by GitHub's grammar: `::LEVEL key=value,…::message` (properties and message escaped). */
const COMMAND = /^::(error|warning|notice) file=([^,:]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^,:]*)::(.*)$/;
const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
const LEVEL = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;

describe('okr check in CI (the built CLI)', function () {
  this.timeout(60_000);
  before(ensureBuilt);
  after(removeScratches);

  describe('--format github', () => {
    it('prints one annotation per finding, then the summary; exit 1 on errors as with text', () => {
      const r = okr(['check', 'samples/mistakes/broken-link', '--format', 'github', ...AS_OF]);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, '');
      const lines = r.stdout.split('\n');
      assert.equal(lines[0], '::error file=samples/mistakes/broken-link/bl-co.okr.yaml,line=30,col=9,endLine=30,endColumn=12,title=broken-link::`KR9` names no key result: there is no `KR9` in this unit; did you mean `KR1`?');
      assert.equal(lines[1], '✖ 1 error, 0 warnings, 0 infos in 1 file');
      assert.match(lines[2], /^Traceability: /);
      assert.ok(!r.stdout.includes('\x1b['), 'never coloured');
    });

    it('on every sample mistake: each finding of the JSON output is exactly one well-formed command, in order', () => {
      const findings = json<{ diagnostics: Finding[] }>(okr(['check', 'samples/mistakes', '--format', 'json', ...AS_OF])).diagnostics;
      const r = okr(['check', 'samples/mistakes', '--format', 'github', ...AS_OF]);
      assert.equal(r.code, 1);
      const commands = r.stdout.split('\n').filter((l) => l.startsWith('::'));
      assert.equal(commands.length, findings.length);
      commands.forEach((line, i) => {
        const m = COMMAND.exec(line);
        assert.ok(m, `well-formed: ${line}`);
        const f = findings[i];
        assert.deepStrictEqual(
          [m[1], unescape(m[2]), +m[3], +m[4], +m[5], +m[6], unescape(m[7]), unescape(m[8])],
          [LEVEL[f.severity], f.file, f.range.start.line + 1, f.range.start.character + 1, f.range.end.line + 1, f.range.end.character + 1, f.code, f.message],
        );
      });
      assert.deepStrictEqual([...new Set(commands.map((l) => l.slice(2, l.indexOf(' '))))].sort(), ['error', 'notice', 'warning']);
    });

    it('escapes % CR LF in the message, and also : and , in the properties (GitHub\'s rules)', () => {
      const dir = scratch({ 'we,ird:100%/co.okr.yaml': 'unit: co\n"x%,:\\r\\ny": 1\n' });
      const r = okr(['check', '--format', 'github', ...AS_OF], { cwd: dir });
      assert.equal(r.code, 1);
      assert.equal(r.stdout.split('\n')[0], '::error file=we%2Cird%3A100%25/co.okr.yaml,line=2,col=1,endLine=2,endColumn=12,title=schema::Unknown key `x%25,:%0D%0Ay` in the unit; the keys allowed here are unit, name, level, parent, period, owner, capacity, reviewed, objectives, roadmap, private, private_fields');
    });

    it('is the default when GITHUB_ACTIONS=true and no --format is given; --format still wins', () => {
      const github = okr(['check', 'samples/mistakes/broken-link', '--format', 'github', ...AS_OF]).stdout;
      const text = okr(['check', 'samples/mistakes/broken-link', ...AS_OF]).stdout;
      assert.equal(okr(['check', 'samples/mistakes/broken-link', ...AS_OF], { env: { GITHUB_ACTIONS: 'true' } }).stdout, github);
      assert.equal(okr(['check', 'samples/mistakes/broken-link', '--format', 'text', ...AS_OF], { env: { GITHUB_ACTIONS: 'true' } }).stdout, text);
      assert.equal(okr(['check', 'samples/mistakes/broken-link', ...AS_OF], { env: { GITHUB_ACTIONS: 'false' } }).stdout, text);
      const clean = okr(['check', 'samples/okrs', ...AS_OF], { env: { GITHUB_ACTIONS: 'true' } });
      assert.equal(clean.code, 0);
      assert.match(clean.stdout, /^✔ 0 errors, 0 warnings, 0 infos in 10 files\nTraceability: /);
    });
  });

  describe('--output-file', () => {
    it('writes SARIF and JSON by extension while stdout gets the text report; the exit code is unchanged', () => {
      const dir = scratch();
      const sarif = join(dir, 'reports/okr.sarif');
      const jsonFile = join(dir, 'okr.json');
      const txt = join(dir, 'okr.txt');
      const r = okr(['check', 'samples/mistakes', '--output-file', sarif, '--output-file', jsonFile, '--output-file', txt, ...AS_OF]);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, okr(['check', 'samples/mistakes', ...AS_OF]).stdout);
      assert.equal(readFileSync(sarif, 'utf8'), okr(['check', 'samples/mistakes', '--format', 'sarif', ...AS_OF]).stdout);
      assert.equal(readFileSync(jsonFile, 'utf8'), okr(['check', 'samples/mistakes', '--format', 'json', ...AS_OF]).stdout);
      assert.equal(readFileSync(txt, 'utf8'), r.stdout);
    });

    it('in GitHub Actions: annotations on stdout and SARIF in the file from one run; a failing gate still writes the file', () => {
      const dir = scratch();
      const sarif = join(dir, 'okr.sarif');
      const r = okr(['check', 'co.okr.yaml', '--max-warnings', '0', '--output-file', sarif, ...AS_OF], { cwd: copyOf('test/fixtures/check/missing-hypothesis'), env: { GITHUB_ACTIONS: 'true' } });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^okr: failing: 4 warnings, more than --max-warnings 0\n$/);
      assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('::warning ')).length, 4);
      assert.equal((JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: unknown[] }[] }).runs[0].results.length, 4);
    });

    it('a file that cannot be written is exit 2 with one line', () => {
      const dir = scratch();
      mkdirSync(join(dir, 'taken.json'));
      assertUsageError(okr(['check', 'samples/okrs', '--output-file', join(dir, 'taken.json'), ...AS_OF]), /^okr: cannot write .*taken\.json: /);
    });
  });

  describe('--quiet', () => {
    it('prints errors only, in every format; the summary still counts everything and the exit code is unchanged', () => {
      const quiet = okr(['check', 'samples/mistakes', '--quiet', ...AS_OF]);
      const loud = okr(['check', 'samples/mistakes', ...AS_OF]);
      assert.equal(quiet.code, 1);
      const lines = (s: string) => s.split('\n').filter((l) => /^\S+:\d+:\d+ {2}/.test(l));
      assert.deepStrictEqual(lines(quiet.stdout), lines(loud.stdout).filter((l) => / {2}error {4}\S/.test(l)));
      assert.equal(lines(quiet.stdout).length, 15);
      assert.ok(quiet.stdout.includes('✖ 15 errors, 13 warnings, 9 infos in 40 files'));
      const j = json<{ diagnostics: Finding[]; summary: { warnings: number } }>(okr(['check', 'samples/mistakes', '-q', '--format', 'json', ...AS_OF]));
      assert.ok(j.diagnostics.length === 15 && j.diagnostics.every((d) => d.severity === 'error'));
      assert.equal(j.summary.warnings, 13);
      const warningsOnly = okr(['check', 'co.okr.yaml', '--quiet', '--max-warnings', '0', ...AS_OF], { cwd: copyOf('test/fixtures/check/missing-hypothesis') });
      assert.equal(warningsOnly.code, 1, 'warnings still count for --max-warnings');
      assert.equal(lines(warningsOnly.stdout).length, 0);
    });
  });

  describe('colour', () => {
    const run = (env: Record<string, string | undefined>) => okr(['check', 'samples/mistakes/broken-link', ...AS_OF], { env }).stdout;

    it('FORCE_COLOR colours piped output; FORCE_COLOR=0 does not; NO_COLOR wins over FORCE_COLOR', () => {
      assert.ok(!run({}).includes('\x1b['), 'piped: no colour');
      const forced = run({ FORCE_COLOR: '1' });
      assert.ok(forced.startsWith('\x1b[1msamples/mistakes/broken-link/bl-co.okr.yaml:30:9\x1b[0m  \x1b[31merror  \x1b[0m'), JSON.stringify(forced.slice(0, 80)));
      assert.ok(forced.includes('\x1b[31m✖ 1 error, 0 warnings, 0 infos in 1 file\x1b[0m'));
      assert.equal(run({ FORCE_COLOR: '' }), forced, 'FORCE_COLOR set but empty: on');
      assert.ok(!run({ FORCE_COLOR: '0' }).includes('\x1b['));
      assert.ok(!run({ FORCE_COLOR: 'false' }).includes('\x1b['));
      assert.ok(!run({ FORCE_COLOR: '1', NO_COLOR: '1' }).includes('\x1b['));
      assert.equal(run({ FORCE_COLOR: '1', NO_COLOR: '' }), forced, 'NO_COLOR empty counts as unset');
    });

    it('never in JSON, SARIF or GitHub output, even when forced', () => {
      for (const format of ['json', 'sarif', 'github']) assert.ok(!okr(['check', 'samples/mistakes/broken-link', '--format', format, ...AS_OF], { env: { FORCE_COLOR: '1' } }).stdout.includes('\x1b['), format);
    });
  });

  describe('action.yml (the composite GitHub Action), its steps run by bash as the runner runs them', () => {
    interface Step { name: string; id?: string; if?: string; uses?: string; run?: string; with?: Record<string, string> }
    const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { using: string; steps: Step[] } };
    const step = (name: string) => action.runs.steps.find((s) => s.name === name)!;

    /** Runs a step's script with the runner's variables, `okr` on PATH being this build. */
    function runStep(name: string, inputs: Record<string, string>, cwd: string) {
      const tmp = scratch();
      const bin = join(tmp, 'bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'okr'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
      const output = join(tmp, 'github-output');
      writeFileSync(output, '');
      const env: Record<string, string> = { ...process.env as Record<string, string>, PATH: `${bin}:${process.env.PATH}`, GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: output, RUNNER_TEMP: tmp };
      for (const [k, v] of Object.entries(action.inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = inputs[k] ?? v.default;
      Object.assign(env, inputs.env ? JSON.parse(inputs.env) as Record<string, string> : {});
      // As the runner runs `shell: bash`: bash --noprofile --norc -eo pipefail.
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step(name).run!], { cwd, env, encoding: 'utf8' });
      const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs, tmp };
    }

    it('is a composite action with the inputs the README documents, uploading SARIF with codeql-action', () => {
      assert.equal(action.runs.using, 'composite');
      assert.deepStrictEqual(Object.keys(action.inputs), ['paths', 'max-warnings', 'min-coverage', 'sarif', 'as-of', 'version', 'node-version']);
      const upload = step('Upload SARIF to code scanning');
      assert.equal(upload.uses, 'github/codeql-action/upload-sarif@v3');
      assert.equal(upload.with!.sarif_file, '${{ steps.check.outputs.sarif-file }}');
      assert.equal(upload.if, "inputs.sarif == 'true' && steps.check.outputs.exit-code != '2'");
    });

    it('the check step annotates, writes SARIF and records the exit code without failing, so the upload still runs', () => {
      const r = runStep('okr check', { paths: 'samples/mistakes/broken-link\nsamples/okrs', 'as-of': '2026-11-24' }, REPO);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.outputs['exit-code'], '1');
      assert.equal(r.outputs['sarif-file'], join(r.tmp, 'okr-cascade.sarif'));
      assert.equal(r.stdout.split('\n')[0], '::error file=samples/mistakes/broken-link/bl-co.okr.yaml,line=30,col=9,endLine=30,endColumn=12,title=broken-link::`KR9` names no key result: there is no `KR9` in this unit; did you mean `KR1`?');
      assert.match(r.stdout, /in 11 files\n/);
      assert.equal((JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8')) as { runs: { results: unknown[] }[] }).runs[0].results.length, 1);
    });

    it('gates on max-warnings and min-coverage, and writes no SARIF output when sarif is false', () => {
      const dir = copyOf('test/fixtures/check/missing-hypothesis');
      const strict = runStep('okr check', { 'max-warnings': '0', sarif: 'false', 'as-of': '2026-11-24' }, dir);
      assert.equal(strict.outputs['exit-code'], '1');
      assert.equal(strict.outputs['sarif-file'], undefined);
      assert.match(strict.stderr, /okr: failing: 4 warnings, more than --max-warnings 0/);
      assert.equal(runStep('okr check', { 'max-warnings': '4', 'min-coverage': '50', 'as-of': '2026-11-24' }, dir).outputs['exit-code'], '0');
      assert.equal(runStep('okr check', { paths: 'no/such/folder' }, dir).outputs['exit-code'], '2');
    });

    it('the verdict step fails the job exactly when okr check did', () => {
      for (const [code, exit] of [['0', 0], ['1', 1], ['2', 2]] as const) {
        assert.equal(spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step('Verdict').run!], { env: { ...process.env, CODE: code }, encoding: 'utf8' }).status, exit);
      }
    });
  });
});
