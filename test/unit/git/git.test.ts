/**
 * The git layer on real repositories made in the test: commits, a rename
 * commit, branches, the index, the working tree, a clone and a shallow
 * clone, a bad revision, a path outside the repository, git missing.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitRepo } from '../../../server/src/git/repo';
import { parseSides, readRevision, readRevisions } from '../../../server/src/git/revision';
import { GitError, runGit } from '../../../server/src/git/run';
import { TestRepo } from '../../helpers/git';

const unit = (id: string, extra = '') => `unit: ${id}\nlevel: team\n${extra}`;

function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('git layer (server/src/git) on real repositories', function () {
  this.timeout(60_000);
  let t: TestRepo;
  let first: string;
  let second: string;
  const scratch: string[] = [];

  before(() => {
    t = TestRepo.init();
    t.write({
      'okrs/a.okr.yaml': unit('a'), 'okrs/b.okr.yaml': unit('b'), 'okrs/teams/c.okr.yml': unit('c'),
      'README.md': '# not a cascade file\n', 'node_modules/x/d.okr.yaml': unit('d'), 'dist/e.okr.yaml': unit('e'), 'other/f.okr.yaml': unit('f'),
    });
    first = t.commit('first');
    t.move('okrs/b.okr.yaml', 'okrs/moved/b.okr.yaml');
    t.write({ 'okrs/a.okr.yaml': unit('a', 'capacity: 3\n') });
    second = t.commit('rename b, edit a');
  });
  after(() => {
    t.dispose();
    for (const d of scratch) rmSync(d, { recursive: true, force: true });
  });

  it('finds the repository root from a folder inside it, and refuses a folder outside any', () => {
    const repo = GitRepo.open(join(t.dir, 'okrs/teams'));
    assert.equal(repo.root, GitRepo.open(t.dir).root);
    const outside = mkdtempSync(join(tmpdir(), 'okr-norepo-'));
    scratch.push(outside);
    assert.throws(() => GitRepo.open(outside), (e: unknown) => e instanceof GitError && /is not inside a git repository; name two folders to compare instead: okr diff OLD_DIR NEW_DIR$/.test(e.message));
  });

  it('resolves revisions to commits; an unknown one (or an option-like one) is a one-line error', () => {
    const repo = GitRepo.open(t.dir);
    assert.equal(repo.commit('HEAD'), second);
    assert.equal(repo.commit('HEAD~1'), first);
    assert.equal(repo.commit(first.slice(0, 8)), first);
    assert.equal(repo.tryCommit('--all'), undefined);
    assert.throws(() => repo.commit('no-such-branch'), { name: 'GitError', message: 'unknown revision "no-such-branch": not a branch, tag or commit of this repository' });
  });

  it('opened with the revisions about to be asked: one git run answers the root and their commits; a bad one is asked again, alone', () => {
    const repo = GitRepo.open(join(t.dir, 'okrs'), ['HEAD~1', 'main']);
    assert.equal(repo.root, GitRepo.open(t.dir).root);
    assert.equal(repo.tryCommit('HEAD~1'), first);
    assert.equal(repo.tryCommit('main'), second);
    const bad = GitRepo.open(t.dir, ['main', 'no-such-branch']);
    assert.equal(bad.root, repo.root);
    assert.equal(bad.tryCommit('main'), second);
    assert.equal(bad.tryCommit('no-such-branch'), undefined);
    const optionLike = GitRepo.open(t.dir, ['--all', 'main']);
    assert.equal(optionLike.tryCommit('--all'), undefined);
    assert.equal(optionLike.tryCommit('main'), second);
    const outside = mkdtempSync(join(tmpdir(), 'okr-norepo-'));
    scratch.push(outside);
    assert.throws(() => GitRepo.open(outside, ['main']), (e: unknown) => e instanceof GitError && /is not inside a git repository/.test(e.message));
  });

  it('lists the cascade files of a commit (not other files, not node_modules or dist), under the paths asked', () => {
    const repo = GitRepo.open(t.dir);
    assert.deepEqual(repo.tree(first, []).map((e) => e.path), ['okrs/a.okr.yaml', 'okrs/b.okr.yaml', 'okrs/teams/c.okr.yml', 'other/f.okr.yaml']);
    assert.deepEqual(repo.tree(second, ['okrs']).map((e) => e.path), ['okrs/a.okr.yaml', 'okrs/moved/b.okr.yaml', 'okrs/teams/c.okr.yml']);
    assert.deepEqual(repo.tree(second, ['okrs/teams/c.okr.yml']).map((e) => e.path), ['okrs/teams/c.okr.yml']);
    // A moved file keeps its blob: the rename commit changed no text.
    assert.equal(repo.tree(first, ['okrs/b.okr.yaml'])[0].blob, repo.tree(second, ['okrs/moved/b.okr.yaml'])[0].blob);
  });

  it('reads many blobs with one `git cat-file --batch` and keeps them by id', () => {
    const repo = GitRepo.open(t.dir);
    const trace = join(mkdtempSync(join(tmpdir(), 'okr-trace-')), 'trace.txt');
    scratch.push(join(trace, '..'));
    const texts = withEnv({ GIT_TRACE: trace }, () => {
      const a = repo.texts(repo.tree(first, []));
      const b = repo.texts(repo.tree(second, []));
      return { a, b };
    });
    assert.equal(texts.a.get('okrs/a.okr.yaml'), unit('a'));
    assert.equal(texts.b.get('okrs/a.okr.yaml'), unit('a', 'capacity: 3\n'));
    assert.equal(texts.b.get('okrs/moved/b.okr.yaml'), unit('b'));
    const catFiles = readFileSync(trace, 'utf8').split('\n').filter((l) => /built-in: git cat-file --batch/.test(l));
    assert.equal(catFiles.length, 2, 'one process per side; the second reads only the changed blob');
    assert.equal(repo.blobs.size, 5, 'four blobs of the first commit, one new in the second');
  });

  it('loose blobs read from their files (okr diff), without git, the same texts; packed ones, or a repository that replaces objects, through cat-file', () => {
    const revs = [{ kind: 'commit', name: 'first', sha: first }, { kind: 'commit', name: 'second', sha: second }] as const;
    const traced = (dir: string, loose: boolean) => {
      const trace = join(mkdtempSync(join(tmpdir(), 'okr-trace-')), 'trace.txt');
      scratch.push(join(trace, '..'));
      const sides = withEnv({ GIT_TRACE: trace }, () => readRevisions(GitRepo.open(dir, [first, second]), revs, [], { loose }));
      return { sides, catFiles: readFileSync(trace, 'utf8').split('\n').filter((l) => /built-in: git cat-file --batch/.test(l)).length };
    };
    const copy = (what: string) => {
      const dir = mkdtempSync(join(tmpdir(), `okr-${what}-`));
      scratch.push(dir);
      cpSync(t.dir, dir, { recursive: true });
      return dir;
    };
    const expected = traced(t.dir, false);
    assert.equal(expected.catFiles, 1);
    assert.deepEqual(expected.sides[1].find((f) => f.path === 'okrs/a.okr.yaml')?.text, unit('a', 'capacity: 3\n'));
    // The test repository's objects are loose (never packed): no git process reads them.
    const loose = traced(t.dir, true);
    assert.equal(loose.catFiles, 0);
    assert.deepEqual(loose.sides, expected.sides);
    // Packed (as a clone or git gc leaves them): not loose, so git reads them all, the same.
    const packed = copy('packed');
    runGit(packed, ['gc', '-q', '--prune=now']);
    const fromPack = traced(packed, true);
    assert.equal(fromPack.catFiles, 1);
    assert.deepEqual(fromPack.sides, expected.sides);
    // refs/replace: git shows the replacement, so the objects' files are not read.
    const replaced = copy('replaced');
    const blob = expected.sides[0].find((f) => f.path === 'okrs/a.okr.yaml')!.blob!;
    const other = runGit(replaced, ['hash-object', '-w', '--stdin'], unit('a', 'capacity: 9\n')).stdout.toString().trim();
    assert.equal(runGit(replaced, ['replace', blob, other]).status, 0);
    assert.equal(GitRepo.open(replaced, [first]).objects, undefined);
    const viaGit = traced(replaced, true);
    assert.equal(viaGit.catFiles, 1);
    assert.equal(viaGit.sides[0].find((f) => f.path === 'okrs/a.okr.yaml')!.text, unit('a', 'capacity: 9\n'), 'the replacement, as git shows it');
  });

  it('parses a file the same on both sides once, and shares it', () => {
    const repo = GitRepo.open(t.dir);
    const a = readRevision(repo, { kind: 'commit', name: 'HEAD~1', sha: first }, ['okrs']);
    const b = readRevision(repo, { kind: 'commit', name: 'HEAD', sha: second }, ['okrs']);
    const sides = parseSides(a, b);
    assert.equal(sides.parsed, 5, '3 files at first, then only a (changed) and moved/b (another path)');
    assert.equal(sides.base.get('okrs/teams/c.okr.yml'), sides.head.get('okrs/teams/c.okr.yml'), 'the same UnitFile');
    assert.notEqual(sides.base.get('okrs/a.okr.yaml'), sides.head.get('okrs/a.okr.yaml'));
  });

  it('reads the index (staged) and the working tree (new files git does not ignore; deleted ones gone)', () => {
    const w = TestRepo.init();
    try {
      w.write({ 'a.okr.yaml': unit('a'), 'b.okr.yaml': unit('b'), '.gitignore': 'ignored/\n' });
      w.commit('base');
      w.write({ 'a.okr.yaml': unit('a', 'capacity: 1\n') });
      w.git('add', 'a.okr.yaml');
      w.write({ 'a.okr.yaml': unit('a', 'capacity: 2\n'), 'new.okr.yaml': unit('n'), 'ignored/x.okr.yaml': unit('x') });
      w.remove('b.okr.yaml');
      const repo = GitRepo.open(w.dir);
      const staged = readRevision(repo, { kind: 'index' }, []);
      assert.deepEqual(staged.map((f) => [f.path, f.text]), [['a.okr.yaml', unit('a', 'capacity: 1\n')], ['b.okr.yaml', unit('b')]]);
      const work = readRevision(repo, { kind: 'worktree' }, []);
      assert.deepEqual(work.map((f) => [f.path, f.text]), [['a.okr.yaml', unit('a', 'capacity: 2\n')], ['new.okr.yaml', unit('n')]]);
    } finally {
      w.dispose();
    }
  });

  it('skips symbolic links in a commit', () => {
    const w = TestRepo.init();
    try {
      w.write({ 'a.okr.yaml': unit('a') });
      symlinkSync('a.okr.yaml', join(w.dir, 'link.okr.yaml'));
      const sha = w.commit('with a link');
      assert.deepEqual(GitRepo.open(w.dir).tree(sha, []).map((e) => e.path), ['a.okr.yaml']);
    } finally {
      w.dispose();
    }
  });

  it('the default branch: main (no remote), origin/HEAD in a clone; the merge-base with it', () => {
    const w = TestRepo.init();
    try {
      w.write({ 'a.okr.yaml': unit('a') });
      const base = w.commit('base');
      w.git('checkout', '-q', '-b', 'feature');
      w.write({ 'a.okr.yaml': unit('a', 'capacity: 1\n') });
      w.commit('feature work');
      w.git('checkout', '-q', 'main');
      w.write({ 'b.okr.yaml': unit('b') });
      w.commit('main moves on');
      w.git('checkout', '-q', 'feature');
      const repo = GitRepo.open(w.dir);
      assert.equal(repo.defaultBranch(), 'main');
      assert.equal(repo.mergeBase(repo.commit('main'), repo.commit('HEAD'), 'main and HEAD'), base);
      w.git('checkout', '-q', 'main');
      const c = w.clone();
      scratch.push(c.dir);
      c.git('checkout', '-q', '-b', 'topic');
      assert.equal(GitRepo.open(c.dir).defaultBranch(), 'origin/main', 'origin/HEAD names the remote default branch');
      w.git('branch', '-m', 'main', 'trunk');
      assert.throws(() => GitRepo.open(w.dir).defaultBranch(), { message: 'cannot find the default branch (origin/HEAD, main or master); name the revision to compare with: okr diff BASE' });
    } finally {
      w.dispose();
    }
  });

  it('a shallow clone says so when a revision or the merge-base is not in it', () => {
    const c = t.clone({ depth: 1 });
    scratch.push(c.dir);
    const repo = GitRepo.open(c.dir);
    assert.equal(repo.isShallow(), true);
    assert.equal(repo.commit('HEAD'), second);
    assert.throws(() => repo.commit('HEAD~1'), { message: 'revision "HEAD~1" is not in this shallow clone; fetch more history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)' });
    assert.throws(() => repo.commit(first), /not in this shallow clone/);
  });

  it('a path outside the repository is an error; one inside (even gone from disk) is relative to the root', () => {
    const repo = GitRepo.open(t.dir);
    assert.equal(repo.relative('okrs/b.okr.yaml', t.dir), 'okrs/b.okr.yaml');
    assert.equal(repo.relative('.', join(t.dir, 'okrs')), 'okrs');
    assert.throws(() => repo.relative('../elsewhere', t.dir), (e: unknown) => e instanceof GitError && /^\.\.\/elsewhere is outside the git repository at /.test(e.message));
  });

  it('git missing: one line saying so', () => {
    withEnv({ PATH: '/nonexistent-okr-test' }, () => {
      assert.throws(() => runGit(t.dir, ['status']), { name: 'GitError', message: 'git is not installed or not on the PATH; install git, or compare two folders: okr diff OLD_DIR NEW_DIR' });
    });
  });
});
