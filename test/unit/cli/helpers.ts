/**
 * The real command line, spawned as CI runs it: `node dist/cli.js …`.
 * dist/ is rebuilt (`node esbuild.mjs`) when missing or older than the
 * sources. Scratch folders live outside this repository (in the system's
 * temp folder), so a scratch cascade is its own root.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO, DEFAULT_AS_OF } from '../../helpers/fixtures';

export { REPO, DEFAULT_AS_OF };
export const CLI = join(REPO, 'dist/cli.js');
export const AS_OF = ['--as-of', DEFAULT_AS_OF];
export const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Variables to set (undefined: unset). GITHUB_ACTIONS, NO_COLOR and FORCE_COLOR are unset unless given. */
  env?: Record<string, string | undefined>;
  /** Text on standard input. */
  input?: string;
}

function environment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env, GITHUB_ACTIONS: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined, ...extra };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env as NodeJS.ProcessEnv;
}

export function okr(args: string[], options: RunOptions = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO, env: environment(options.env), encoding: 'utf8', timeout: 60_000, input: options.input ?? '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A long-running `okr` (for --watch): its output as it comes. */
export function okrSpawn(args: string[], options: RunOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO, env: environment(options.env) });
}

export function json<T = Record<string, unknown>>(r: Run): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout.slice(0, 300)}\n${r.stderr}`);
  }
}

const scratches: string[] = [];

/** A fresh folder outside the repository (removed after the run) holding the given files. */
export function scratch(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'okr-cli-'));
  scratches.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A copy of a folder of this repository in a scratch folder: a cascade of its own, as a user's would be. */
export function copyOf(repoPath: string): string {
  const dir = scratch();
  cpSync(join(REPO, repoPath), dir, { recursive: true });
  return dir;
}

/** Asserts a usage failure: exit 2, nothing on stdout, one line on stderr starting `okr: `. */
export function assertUsageError(r: Run, what: RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^okr: [^\n]+\n$/, 'exactly one line on stderr');
  assert.match(r.stderr, what);
}

/** The newest modification time under the given paths. */
function newest(paths: string[]): number {
  let t = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) readdirSync(p).forEach((n) => visit(join(p, n)));
    else t = Math.max(t, st.mtimeMs);
  };
  paths.forEach(visit);
  return t;
}

const BUNDLES = ['dist/cli.js', 'dist/cli-main.js', 'dist/webview.js', 'dist/server.js', 'dist/okr-language-server.js'];

/** Builds dist/ when a bundle is missing or older than the sources (mocha `before` hook). */
export function ensureBuilt(this: Mocha.Context): void {
  this.timeout(180_000);
  const sources = newest(['server/src', 'client/webview', 'client/src', 'package.json', 'esbuild.mjs'].map((p) => join(REPO, p)));
  const built = Math.min(...BUNDLES.map((b) => (existsSync(join(REPO, b)) ? statSync(join(REPO, b)).mtimeMs : 0)));
  if (built >= sources) return;
  const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`node esbuild.mjs failed (exit ${b.status}):\n${b.stdout}\n${b.stderr}`);
}

export function removeScratches(): void {
  for (const d of scratches.splice(0)) rmSync(d, { recursive: true, force: true });
}
