/**
 * Which files make up the cascade, and which config applies: `okr check`
 * from the root, from a subfolder, file by file, and the language server
 * over the protocol (the root or a subfolder opened) must give identical
 * findings, with the root's okr.config.yaml applied and no false cross-file
 * error.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { sortFindings, type Finding } from '../../helpers/fixtures';
import { LspClient } from '../../lsp/helpers';
import { AS_OF, assertUsageError, ensureBuilt, json, okr, removeScratches, scratch } from './helpers';
import { NESTED, NESTED_FILES as FILES } from './nested';


type Diagnostics = { diagnostics: Finding[] };
const checkJson = (args: string[], cwd: string) => {
  const r = okr(['check', ...args, '--format', 'json', ...AS_OF], { cwd });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return json<Diagnostics>(r).diagnostics;
};
/** Paths made relative to the repository root, for comparing runs from different folders. */
const fromRoot = (root: string, cwd: string, findings: Finding[]) => sortFindings(findings.map((f) => ({ ...f, file: relative(root, join(cwd, f.file)).split('\\').join('/') })));
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

describe('the cascade around the checked paths, and its config (CLI and language server agree)', function () {
  this.timeout(120_000);
  before(ensureBuilt);
  after(removeScratches);

  let repo: string;
  let atRoot: Finding[];
  before(() => {
    repo = scratch(NESTED);
    atRoot = fromRoot(repo, repo, checkJson([], repo));
  });

  it('from the root: the config applies (kr-without-roadmap a warning, weak-hypothesis off) and links across folders resolve', () => {
    const seen = atRoot.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.character} ${f.severity} ${f.code}`);
    for (const expected of [
      'acme.okr.yaml:10:6 warning kr-without-roadmap', // KR2: nothing supports it
      'products/teams/web.okr.yaml:9:6 warning kr-without-roadmap',
      'products/teams/web.okr.yaml:13:14 error broken-link', // app/KR7
    ]) assert.ok(seen.includes(expected), `${expected} in\n${seen.join('\n')}`);
    assert.ok(!atRoot.some((f) => f.file === 'products/app.okr.yaml'), 'app.okr.yaml is clean: its parent and its KR link resolve in other folders');
    assert.ok(!atRoot.some((f) => f.code === 'unknown-unit' || f.code === 'weak-hypothesis'), JSON.stringify(atRoot, null, 1));
    assert.ok(atRoot.filter((f) => f.code === 'kr-without-roadmap').every((f) => f.severity === 'warning'));
  });

  it('from a subfolder (okr check with no PATH): the same findings for the files under it, none for the others', () => {
    const cwd = join(repo, 'products');
    assert.deepStrictEqual(fromRoot(repo, cwd, checkJson([], cwd)), atRoot.filter((f) => f.file.startsWith('products/')));
    const deeper = join(repo, 'products/teams');
    assert.deepStrictEqual(fromRoot(repo, deeper, checkJson([], deeper)), atRoot.filter((f) => f.file.startsWith('products/teams/')));
  });

  it('file by file (as a pre-commit hook runs it), from the root and from a subfolder: together exactly the root\'s findings', () => {
    const byFile = FILES.flatMap((f) => fromRoot(repo, repo, checkJson([f], repo)));
    assert.deepStrictEqual(sortFindings(byFile), atRoot);
    const cwd = join(repo, 'products/teams');
    assert.deepStrictEqual(fromRoot(repo, cwd, checkJson(['web.okr.yaml', '../app.okr.yaml'], cwd)), atRoot.filter((f) => f.file.startsWith('products/')));
  });

  it('one file reports "in 1 file" and exits by its own errors: app.okr.yaml is clean, web.okr.yaml is not', () => {
    const app = okr(['check', 'products/app.okr.yaml', ...AS_OF], { cwd: repo });
    assert.equal(app.code, 0, app.stdout);
    assert.match(app.stdout, /^✔ 0 errors, 0 warnings, 0 infos in 1 file\n/);
    const web = okr(['check', 'products/teams/web.okr.yaml', ...AS_OF], { cwd: repo });
    assert.equal(web.code, 1);
    assert.match(web.stdout, /in 1 file\n/);
  });

  it('the language server with the root opened publishes exactly these findings', async () => {
    const c = await LspClient.start({ fixture: repo, settings: { asOf: '2026-11-24', rules: {} } });
    try {
      assert.deepStrictEqual(await published(c), atRoot);
      assert.deepStrictEqual(await c.diagnostics('okr.config.yaml'), []);
    } finally {
      await c.stop();
    }
  });

  it('the language server with only a subfolder opened finds the config above it and checks the whole cascade: the same findings', async () => {
    const c = await LspClient.start({ fixture: repo, folder: 'products/teams', settings: { asOf: '2026-11-24', rules: {} } });
    try {
      assert.deepStrictEqual(await published(c), atRoot);
    } finally {
      await c.stop();
    }
  });

  it('--config FILE applies that config instead of the one found', () => {
    const dir = scratch({ 'strict.yaml': 'rules:\n  kr-without-roadmap: error\n' });
    const withOther = fromRoot(repo, repo, checkJson(['--config', join(dir, 'strict.yaml')], repo));
    assert.deepStrictEqual(withOther.filter((f) => f.code === 'kr-without-roadmap').map((f) => f.severity), atRoot.filter((f) => f.code === 'kr-without-roadmap').map(() => 'error'));
    assert.ok(withOther.some((f) => f.code === 'weak-hypothesis'), 'the root config (weak-hypothesis: off) no longer applies');
    assertUsageError(okr(['check', '--config', 'nope.yaml'], { cwd: repo }), /^okr: no such config file: nope\.yaml\n$/);
  });

  it('without okr.config.yaml the git root (a folder holding .git) bounds the cascade; without either, the folder itself', () => {
    const noConfig = scratch(Object.fromEntries(Object.entries(NESTED).filter(([name]) => name !== 'okr.config.yaml')));
    const fromSub = checkJson(['teams'], join(noConfig, 'products'));
    assert.ok(!fromSub.some((f) => f.code === 'unknown-unit'), 'app and acme are found from the git root');
    assert.ok(fromSub.some((f) => f.code === 'kr-without-roadmap' && f.severity === 'info'), 'default severities');
    rmSync(join(noConfig, '.git'), { recursive: true });
    const alone = checkJson(['teams'], join(noConfig, 'products'));
    // No root above: the folder alone, so `parent: app` (line 3) names an unknown unit.
    const unknown = alone.filter((f) => f.code === 'unknown-unit');
    assert.ok(unknown.every((f) => f.file === 'teams/web.okr.yaml'));
    assert.ok(unknown.some((f) => f.range.start.line === 2 && f.range.start.character === 8), JSON.stringify(unknown));
  });

  it('folders with their own okr.config.yaml are separate cascades: the same unit id in each is no duplicate, each has its config', () => {
    const two = scratch({
      '.git/HEAD': '',
      'a/okr.config.yaml': 'rules:\n  kr-not-measurable: off\n', 'a/co.okr.yaml': 'unit: co\nobjectives:\n  O1:\n    title: A\n    key_results:\n      KR1: { title: Task }\n',
      'b/okr.config.yaml': 'rules: {}\n', 'b/co.okr.yaml': 'unit: co\nobjectives:\n  O1:\n    title: B\n    key_results:\n      KR1: { title: Task }\n',
      'top.okr.yaml': 'unit: top\nobjectives: {}\n',
    });
    const expected = ['b/co.okr.yaml kr-not-measurable'];
    const show = (r: ReturnType<typeof okr>) => json<Diagnostics>(r).diagnostics.filter((f) => f.code !== 'kr-without-roadmap').map((f) => `${f.file} ${f.code}`);
    const named = okr(['check', 'a', 'b', '--format', 'json', ...AS_OF], { cwd: two });
    assert.deepStrictEqual(show(named), expected, named.stdout);
    assert.equal(json<{ summary: { files: number } }>(named).summary.files, 2);
    const whole = okr(['check', '--format', 'json', ...AS_OF], { cwd: two });
    assert.deepStrictEqual(show(whole), expected, 'from the top: the git root\'s cascade (top.okr.yaml) and the two nested ones, each on its own');
    assert.equal(json<{ summary: { files: number } }>(whole).summary.files, 3);
    assert.deepStrictEqual(show(okr(['check', 'b/co.okr.yaml', '--format', 'json', ...AS_OF], { cwd: two })), expected);
  });

  it('an okr.config.yaml that cannot be read is an error (exit 2), as an unreadable cascade file is', () => {
    const dir = scratch({ 'co.okr.yaml': 'unit: co\n' });
    mkdirSync(join(dir, 'okr.config.yaml'));
    assertUsageError(okr(['check'], { cwd: dir }), /^okr: cannot read okr\.config\.yaml: it is a folder, not a regular file; only regular files are read\n$/);
    assertUsageError(okr(['check', '--config', '.'], { cwd: dir }), /^okr: cannot read \.: it is a folder/);
  });

  it('the language server reports an okr.config.yaml it cannot read as an error on that file', async () => {
    const c = await LspClient.start({ files: { 'co.okr.yaml': 'unit: co\n', 'okr.config.yaml/x': '' } });
    try {
      const d = await c.diagnostics('okr.config.yaml', (ds) => ds.length > 0);
      assert.deepStrictEqual(d.map((x) => [x.severity, x.code, x.range.start, x.message]), [[1, 'yaml-syntax', { line: 0, character: 0 }, 'okr.config.yaml cannot be read (it is a folder, not a regular file; only regular files are read), so its rule severities are not applied: make it a readable file, or remove it']]);
    } finally {
      await c.stop();
    }
  });
});

/** Every cascade file's latest diagnostics, as findings with paths relative to the copy. */
async function published(c: LspClient): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const file of FILES) {
    const ds: Diagnostic[] = await c.diagnostics(file);
    for (const d of ds) out.push({ file, range: d.range, severity: SEVERITY[d.severity ?? 1] as Finding['severity'], code: String(d.code) as Finding['code'], message: String(d.message) });
  }
  return sortFindings(out);
}
