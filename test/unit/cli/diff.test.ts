/**
 * `okr diff` and `okr what-if` spawned as CI runs them (`node dist/cli.js`),
 * on a git repository made in the test: the default comparison (merge-base
 * with the default branch → the working tree), two revisions, `--staged`,
 * two folders; exact text, JSON and Markdown; `--fail-on` exit codes; every
 * failure one line on stderr and exit 2.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangeSet } from '../../../server/src/core/compare/types';
import { REPO } from '../../helpers/fixtures';
import { GIT_ENV, TestRepo } from '../../helpers/git';

const CLI = join(REPO, 'dist/cli.js');
const FIXTURES = join(REPO, 'test/fixtures/compare');
const AS_OF = ['--as-of', '2026-11-24'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function okr(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Run {
  const merged: Record<string, string | undefined> = { ...process.env, ...GIT_ENV, GITHUB_SERVER_URL: undefined, GITHUB_REPOSITORY: undefined, GITHUB_SHA: undefined, OKR_HEAD_SHA: undefined, ...env };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: merged as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(r: Run): ChangeSet {
  assert.equal(r.code, 0, `exit 0 (stderr: ${r.stderr})`);
  return JSON.parse(r.stdout) as ChangeSet;
}

const brief = (cs: ChangeSet) => cs.changes.map((c) => `${c.kind} ${c.entity} ${c.ref}${c.from ? ` from ${c.from}` : ''}${c.fields ? ` [${Object.keys(c.fields).join(',')}]` : ''}${c.slipped !== undefined ? ` slipped=${c.slipped}` : ''}`);

function usageError(r: Run, message: RegExp): void {
  assert.equal(r.code, 2, `exit 2 (stdout: ${r.stdout.slice(0, 200)}, stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^okr: [^\n]+\n$/, `one line on stderr: ${JSON.stringify(r.stderr)}`);
  assert.match(r.stderr, message);
}

function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  return st.isDirectory() ? Math.max(0, ...readdirSync(p).map((n) => newest(join(p, n)))) : st.mtimeMs;
}

describe('okr diff and okr what-if (node dist/cli.js)', function () {
  this.timeout(180_000);
  let repo: TestRepo;
  let mainSha: string;
  let renameSha: string;
  let headSha: string;
  const tree = (side: 'base' | 'head', name = 'kr-renamed') => {
    const dir = join(FIXTURES, name, side);
    const out: Record<string, string> = {};
    const walk = (d: string, rel: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p, `${rel}${n}/`);
        else out[`okrs/${rel}${n}`] = readFileSync(p, 'utf8');
      }
    };
    walk(dir, '');
    return out;
  };

  before(() => {
    if (newest(CLI) < newest(join(REPO, 'server/src'))) {
      const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, encoding: 'utf8' });
      if (b.status !== 0) throw new Error(`node esbuild.mjs failed:\n${b.stderr}`);
    }
    repo = TestRepo.init();
    repo.write(tree('base'));
    mainSha = repo.commit('the plan');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write(tree('head'));
    renameSha = repo.commit('rename shop/KR2 to KR5');
    repo.move('okrs/teams/web.okr.yaml', 'okrs/squads/web.okr.yaml');
    headSha = repo.commit('move the web team');
    // Not committed: the first bet slips to later (b, planned next, depends on it).
    const shop = readFileSync(join(repo.dir, 'okrs/shop.okr.yaml'), 'utf8');
    repo.write({ 'okrs/shop.okr.yaml': shop.replace('    horizon: now\n', '    horizon: later\n') });
  });
  after(() => repo.dispose());

  it('default: the merge-base with main → the working tree, every change once', () => {
    const cs = json(okr(['diff', ...AS_OF, '--format', 'json'], repo.dir));
    assert.deepEqual(cs.base, { rev: mainSha.slice(0, 7) });
    assert.deepEqual(cs.head, { rev: 'working tree' });
    assert.deepEqual(brief(cs), [
      'renamed kr shop/KR5 from shop/KR2 [target]',
      'changed item shop/a [horizon] slipped=true',
      'changed item shop/b [supports]',
      'moved unit web',
      'changed kr web/KR2 [supports]',
      'changed item web/w2 [supports]',
    ]);
    const moved = cs.changes.find((c) => c.kind === 'moved')!;
    assert.deepEqual([moved.before, moved.location], [{ file: 'okrs/teams/web.okr.yaml', line: 1, character: 6 }, { file: 'okrs/squads/web.okr.yaml', line: 1, character: 6 }]);
    // KR5's new target puts it further behind its pace: the behind-pace finding says other numbers.
    assert.deepEqual(cs.findings.introduced.map((f) => `${f.file}:${f.range.start.line} ${f.code}`), ['okrs/shop.okr.yaml:19 behind-pace', 'okrs/shop.okr.yaml:51 depends-on-later']);
  });

  it('two revisions, one revision (→ the working tree), --staged (HEAD → the index); paths limit the files', () => {
    assert.deepEqual(brief(json(okr(['diff', 'main', 'HEAD', ...AS_OF, '--format', 'json'], repo.dir))).length, 5);
    assert.deepEqual(brief(json(okr(['diff', 'HEAD', ...AS_OF, '--format', 'json'], repo.dir))), ['changed item shop/a [horizon] slipped=true']);
    assert.deepEqual(brief(json(okr(['diff', 'main', 'HEAD', 'okrs/squads', 'okrs/teams', ...AS_OF, '--format', 'json'], repo.dir))), ['moved unit web', 'changed kr web/KR2 [supports]', 'changed item web/w2 [supports]']);
    assert.deepEqual(brief(json(okr(['diff', '--staged', ...AS_OF, '--format', 'json'], repo.dir))), []);
    repo.git('add', 'okrs/shop.okr.yaml');
    try {
      const staged = json(okr(['diff', '--staged', ...AS_OF, '--format', 'json'], repo.dir));
      assert.deepEqual([staged.base, staged.head], [{ rev: headSha.slice(0, 7) }, { rev: 'index' }]);
      assert.deepEqual(brief(staged), ['changed item shop/a [horizon] slipped=true']);
    } finally {
      repo.git('reset', '-q', 'okrs/shop.okr.yaml');
    }
  });

  it('text: one line per change and a summary, run from a subfolder (paths relative to it)', () => {
    const r = okr(['diff', 'HEAD~1', 'HEAD', ...AS_OF], join(repo.dir, 'okrs'));
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, [
      `okr diff ${renameSha.slice(0, 7)} → ${headSha.slice(0, 7)} · as of 2026-11-24`,
      '',
      '> moved   unit      web  teams/web.okr.yaml → squads/web.okr.yaml  squads/web.okr.yaml:2',
      '',
      '1 change: 1 moved · findings: 0 introduced, 0 resolved',
      '',
    ].join('\n'));
  });

  it('--fail-on: exit 1 with one line when the condition holds, 0 when it does not', () => {
    const warn = okr(['diff', ...AS_OF, '--fail-on', 'new-warnings'], repo.dir);
    assert.equal(warn.code, 1);
    assert.equal(warn.stderr, 'okr: failing: 1 new finding of severity warning or error\n');
    const errors = okr(['diff', ...AS_OF, '--fail-on', 'new-errors', '--fail-on', 'coverage-drop'], repo.dir);
    assert.equal(errors.code, 0, errors.stderr);
    assert.equal(errors.stderr, '');
    const dir = join(FIXTURES, 'consequences');
    const both = okr(['diff', 'base', 'head', ...AS_OF, '--fail-on', 'new-errors,coverage-drop'], dir);
    assert.equal(both.code, 1);
    assert.equal(both.stderr, 'okr: failing: 1 new error; traceability coverage dropped\n');
  });

  it('two folders: the same change set as the comparison core (the fixture), as JSON', () => {
    for (const name of ['kr-renamed', 'consequences', 'unit-renamed']) {
      const cs = json(okr(['diff', 'base', 'head', ...AS_OF, '--format', 'json'], join(FIXTURES, name)));
      assert.deepEqual(cs, JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')), name);
    }
  });

  it('Markdown: blob URLs on GitHub (the base side at the base commit), relative links otherwise', () => {
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/plans' };
    const md = okr(['diff', 'main', 'HEAD', ...AS_OF, '--format', 'md'], join(repo.dir, 'okrs'), env).stdout;
    assert.ok(md.includes(`[shop\\/KR5](https://github.com/acme/plans/blob/${headSha}/okrs/shop.okr.yaml#L20)`), md);
    const ws = okr(['diff', ...AS_OF, '--format', 'md'], repo.dir, { ...env, GITHUB_SHA: 'f'.repeat(40) }).stdout;
    assert.ok(ws.includes(`(https://github.com/acme/plans/blob/${'f'.repeat(40)}/okrs/shop.okr.yaml#L`), 'the working tree links at GITHUB_SHA');
    const rel = okr(['diff', 'main', 'HEAD', ...AS_OF, '--format', 'md'], join(repo.dir, 'okrs')).stdout;
    assert.ok(rel.includes('[shop\\/KR5](shop.okr.yaml#L20)'), rel);
    const removed = okr(['diff', 'base', 'head', ...AS_OF, '--format', 'md'], join(FIXTURES, 'consequences')).stdout;
    assert.ok(removed.includes('**removed** KR [shop\\/KR3](base/shop.okr.yaml#L30)'), removed);
    const cut = TestRepo.init();
    try {
      cut.write(tree('base', 'consequences'));
      const before = cut.commit('before');
      cut.remove('okrs/shop.okr.yaml').write({ 'okrs/shop.okr.yaml': tree('head', 'consequences')['okrs/shop.okr.yaml'] });
      const after = cut.commit('cut KR3');
      const gh = okr(['diff', 'HEAD~1', 'HEAD', ...AS_OF, '--format', 'md'], cut.dir, env).stdout;
      assert.ok(gh.includes(`**removed** KR [shop\\/KR3](https://github.com/acme/plans/blob/${before}/okrs/shop.okr.yaml#L30)`), gh);
      assert.ok(gh.includes(`[okrs\\/shop\\.okr\\.yaml\\:49](https://github.com/acme/plans/blob/${after}/okrs/shop.okr.yaml#L49) **error** broken\\-link`), gh);
    } finally {
      cut.dispose();
    }
  });

  it('failures: one line on stderr, exit 2', () => {
    usageError(okr(['diff', 'no-such-rev', ...AS_OF], repo.dir), /^okr: unknown revision or path "no-such-rev": not a branch, tag or commit, nor a file or folder\n$/);
    usageError(okr(['diff', 'main', tmpdir(), ...AS_OF], repo.dir), /is outside the git repository at /);
    usageError(okr(['diff', 'main', 'HEAD', '--staged'], repo.dir), /--staged compares with the index; give at most one revision/);
    usageError(okr(['diff', '--fail-on', 'new-infos'], repo.dir), /--fail-on must be one of new-errors, new-warnings, coverage-drop \(got "new-infos"\)/);
    usageError(okr(['diff', '--format', 'html'], repo.dir), /--format must be one of text, md, json/);
    usageError(okr(['diff', 'HEAD'], repo.dir, { PATH: '/nonexistent-okr-test' }), /^okr: git is not installed or not on the PATH/);
    const outside = mkdtempSync(join(tmpdir(), 'okr-plain-'));
    try {
      cpSync(join(FIXTURES, 'kr-renamed/base'), outside, { recursive: true });
      usageError(okr(['diff', 'HEAD'], outside), /is not inside a git repository; name two folders to compare instead/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    const shallow = repo.clone({ depth: 1 });
    try {
      usageError(okr(['diff', 'HEAD~1'], shallow.dir), /^okr: unknown revision or path "HEAD~1" \(this is a shallow clone: fetch more history/);
      usageError(okr(['diff', 'HEAD~1', 'HEAD', '--'], shallow.dir), /^okr: revision "HEAD~1" is not in this shallow clone/);
    } finally {
      shallow.dispose();
    }
  });

  it('what-if: the consequences of a cut, a drop and a move, in memory (nothing written)', () => {
    const before = readFileSync(join(repo.dir, 'okrs/shop.okr.yaml'), 'utf8');
    const r = okr(['what-if', 'okrs', '--cut', 'shop/KR3', '--drop', 'web/w1', '--move', 'shop/b=now', ...AS_OF], repo.dir);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'okr what-if working tree → what-if (cut shop/KR3, drop web/w1, move shop/b=now) · as of 2026-11-24');
    for (const line of [
      '- removed KR        shop/KR3  "Raise repeat purchases"  okrs/shop.okr.yaml:30',
      '~ changed item      shop/b    horizon next → now (pulled in)  okrs/shop.okr.yaml:39',
      '~ changed item      web/w1    status active → dropped  okrs/squads/web.okr.yaml:27',
      '  items that no longer support any KR: shop/c',
      '  KRs that lost all support: acme/KR2',
      '  - okrs/shop.okr.yaml:52:18  warning  depends-on-later  `b` (next) depends on `a`, planned later (later); move the dependency earlier or this item later',
      '  + okrs/shop.okr.yaml:46:18  warning  depends-on-later  `b` (now) depends on `a`, planned later (later); move the dependency earlier or this item later',
    ]) assert.ok(lines.includes(line), `has the line:\n${line}\n---\n${r.stdout}`);
    assert.equal(readFileSync(join(repo.dir, 'okrs/shop.okr.yaml'), 'utf8'), before, 'nothing written');
    const cs = json(okr(['what-if', 'okrs', '--cut', 'shop', ...AS_OF, '--format', 'json'], repo.dir));
    assert.deepEqual(cs.head, { rev: 'what-if', edits: ['cut shop'] });
    assert.equal(cs.changes[0].kind, 'removed');
    usageError(okr(['what-if', 'okrs', '--cut', 'shop/KR9'], repo.dir), /^okr: --cut shop\/KR9: there is no `shop\/KR9` in the cascade; did you mean `shop\/KR\d`\?\n$/);
    usageError(okr(['what-if', 'okrs', '--move', 'shop/b'], repo.dir), /--move takes ITEM=HORIZON/);
    usageError(okr(['what-if', 'okrs'], repo.dir), /what-if needs at least one edit/);
  });
});
