/**
 * Real git repositories for tests, made in a temporary folder: files written,
 * commits made with a fixed identity and date, branches, clones. Only tests
 * use this; the product runs git through server/src/git.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_AUTHOR_DATE: '2026-11-01T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-01T10:00:00Z', GIT_CONFIG_NOSYSTEM: '1',
};

export class TestRepo {
  private constructor(readonly dir: string) {}

  /** A new repository on branch `main` (in a fresh temp folder, or `dir`). */
  static init(dir = mkdtempSync(join(tmpdir(), 'okr-git-'))): TestRepo {
    const r = new TestRepo(dir);
    r.git('init', '-q', '-b', 'main');
    r.git('config', 'commit.gpgsign', 'false');
    return r;
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  write(files: Record<string, string>): this {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, rel)), { recursive: true });
      writeFileSync(join(this.dir, rel), text);
    }
    return this;
  }

  /** `git mv`, creating the destination folder. */
  move(from: string, to: string): this {
    mkdirSync(dirname(join(this.dir, to)), { recursive: true });
    this.git('mv', from, to);
    return this;
  }

  remove(...rels: string[]): this {
    for (const rel of rels) unlinkSync(join(this.dir, rel));
    return this;
  }

  /** `git add -A` and a commit; answers the commit id. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** A clone (`--depth N` makes it shallow). */
  clone(options: { depth?: number } = {}): TestRepo {
    const dir = mkdtempSync(join(tmpdir(), 'okr-clone-'));
    execFileSync('git', ['clone', '-q', ...(options.depth ? ['--depth', String(options.depth)] : []), `file://${this.dir}`, dir], { env: { ...process.env, ...GIT_ENV }, stdio: 'ignore' });
    return new TestRepo(dir);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
