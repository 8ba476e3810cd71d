/**
 * The pre-commit hook (.pre-commit-hooks.yaml) run as pre-commit runs it:
 * its `entry` with the staged files its `files` pattern selects, from the
 * repository root. The whole cascade is checked; findings are reported for
 * the staged files only, never a false cross-file error.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Finding } from '../../helpers/fixtures';
import { AS_OF, REPO, ensureBuilt, json, okr, removeScratches, scratch } from './helpers';
import { NESTED } from './nested';

interface Hook { id: string; entry: string; language: string; files: string; pass_filenames: boolean; require_serial?: boolean }
const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((h) => h.id === 'okr-check')!;

/** What pre-commit runs for these staged paths: the entry, then the paths that match `files` (Python re.search). */
function commit(repo: string, staged: string[], extra: string[] = []) {
  const selected = staged.filter((p) => new RegExp(hook.files).test(p));
  const [cmd, ...args] = hook.entry.split(' ');
  assert.equal(cmd, 'okr');
  return { selected, run: okr([...args, ...extra, ...selected], { cwd: repo }) };
}

describe('the pre-commit hook (.pre-commit-hooks.yaml)', function () {
  this.timeout(60_000);
  before(ensureBuilt);
  after(removeScratches);

  it('is a node hook running okr check on the staged cascade files and okr.config.yaml', () => {
    assert.deepStrictEqual({ entry: hook.entry, language: hook.language, pass_filenames: hook.pass_filenames }, { entry: 'okr check', language: 'node', pass_filenames: true });
    const re = new RegExp(hook.files);
    for (const p of ['a.okr.yaml', 'teams/b.okr.yml', 'okr.config.yaml', 'okrs/okr.config.yaml']) assert.ok(re.test(p), p);
    for (const p of ['README.md', 'a.yaml', 'okr.yaml', 'my-okr.config.yaml', 'a.okr.yaml.bak']) assert.ok(!re.test(p), p);
  });

  it('a commit of one clean file in a cascade: exit 0, no false unknown-unit although its parent is in another folder', () => {
    const repo = scratch(NESTED);
    const { selected, run } = commit(repo, ['products/app.okr.yaml', 'README.md'], AS_OF);
    assert.deepStrictEqual(selected, ['products/app.okr.yaml']);
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.stdout.split('\n')[0], '✔ 0 errors, 0 warnings, 0 infos in 1 file');
  });

  it('a commit of a file with a broken link: exit 1, the findings of that file only (none of the unstaged company file)', () => {
    const repo = scratch(NESTED);
    const { run } = commit(repo, ['products/teams/web.okr.yaml', 'products/app.okr.yaml'], [...AS_OF, '--format', 'json']);
    assert.equal(run.code, 1);
    const files = new Set(json<{ diagnostics: Finding[] }>(run).diagnostics.map((d) => d.file));
    assert.deepStrictEqual([...files], ['products/teams/web.okr.yaml']);
    assert.ok(!json<{ diagnostics: Finding[] }>(run).diagnostics.some((d) => d.code === 'unknown-unit'));
    const whole = json<{ diagnostics: Finding[] }>(okr(['check', '--format', 'json', ...AS_OF], { cwd: repo })).diagnostics;
    assert.deepStrictEqual(json<{ diagnostics: Finding[] }>(run).diagnostics, whole.filter((d) => d.file.startsWith('products/')));
  });

  it('a commit of okr.config.yaml reports its own findings', () => {
    const repo = scratch({ ...NESTED, 'okr.config.yaml': 'rules:\n  weak-hypotesis: off\n' });
    const { run } = commit(repo, ['okr.config.yaml'], [...AS_OF, '--format', 'json']);
    assert.equal(run.code, 1);
    const d = json<{ diagnostics: Finding[] }>(run).diagnostics;
    assert.deepStrictEqual(d.map((x) => [x.file, x.code, x.range.start.line, x.range.start.character]), [['okr.config.yaml', 'schema', 1, 2]]);
    assert.match(d[0].message, /did you mean `weak-hypothesis`/);
  });
});
