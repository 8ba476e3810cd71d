/**
 * Running git: the only place in the project that starts it. Always an
 * argument array (never a shell), always in a given folder; a failure is a
 * GitError with one line fit for the user.
 */
import { spawnSync } from 'node:child_process';

export class GitError extends Error {
  override readonly name = 'GitError';
}

export interface GitRun {
  stdout: Buffer;
  stderr: string;
  status: number;
}

/** Runs `git ARGS` in `cwd`; exit codes other than 0 are the caller's to read. Throws a GitError when git cannot start. */
export function runGit(cwd: string, args: readonly string[], input?: string | Buffer): GitRun {
  const r = spawnSync('git', args, {
    cwd,
    input,
    maxBuffer: 1 << 30,
    windowsHide: true,
    // No pager, no prompts, no localised messages to parse, no optional locks in a repository others use.
    env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' },
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GitError('git is not installed or not on the PATH; install git, or compare two folders: okr diff OLD_DIR NEW_DIR');
    throw new GitError(`git could not run: ${r.error.message}`);
  }
  return { stdout: r.stdout, stderr: r.stderr.toString('utf8'), status: r.status ?? 1 };
}

/** Runs git and answers its output as text; a non-zero exit throws a GitError with git's first line of complaint. */
export function git(cwd: string, args: readonly string[], what: string): string {
  const r = runGit(cwd, args);
  if (r.status !== 0) throw new GitError(`${what}: ${firstLine(r.stderr) || `git ${args[0]} failed (exit ${r.status})`}`);
  return r.stdout.toString('utf8');
}

export function firstLine(text: string): string {
  return text.split('\n').map((l) => l.replace(/^(fatal|error): /, '').trim()).find((l) => l) ?? '';
}
