// Set-up shared by `npm start` and `npm test`: the Node dependencies and the
// build, each redone only when stale. Dependency-free on purpose (node: modules
// only): `npm ci` deletes node_modules, so nothing here may load from it.
//
//   node scripts/setup.mjs        dependencies + build, then exit
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `CI=true` (or any value but false/0/empty): a missing tool fails instead of being skipped. */
export const IN_CI = !!process.env.CI && !/^(false|0)$/i.test(process.env.CI);

export const log = (msg) => process.stdout.write(`[setup] ${msg}\n`);

/** Runs a command with inherited output; returns its exit code (never throws on failure). */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.error) {
    process.stderr.write(`[setup] cannot run ${cmd}: ${r.error.message}\n`);
    return 127;
  }
  return r.status ?? 1;
}

const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return undefined;
  }
};

/** The newest modification time of the files under `dir` (0 when there are none). */
function newest(dir) {
  let max = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : (mtime(p) ?? 0));
  }
  return max;
}

/** npm writes node_modules/.package-lock.json on every install: when it is older than the lockfile, so is node_modules. */
const INSTALLED_MARKER = join(ROOT, 'node_modules', '.package-lock.json');

/** Why the Node dependencies need installing, or undefined when they are current. */
export function depsStale() {
  if (!existsSync(join(ROOT, 'node_modules'))) return 'node_modules is missing';
  const installed = mtime(INSTALLED_MARKER) ?? mtime(join(ROOT, 'node_modules'));
  // A few seconds of slack: `npm install <pkg>` writes both lockfiles, in either order.
  if (installed + 5000 < mtime(join(ROOT, 'package-lock.json'))) return 'node_modules is older than package-lock.json';
  return undefined;
}

/** `npm ci --ignore-scripts` when node_modules is missing or older than the lockfile. */
export function ensureDeps() {
  const why = depsStale();
  if (!why) return 0;
  // --ignore-scripts: nothing we use needs an install script (esbuild ships its
  // binary in @esbuild/linux-x64; vsce-sign's would try to download, and is not used).
  log(`${why}: npm ci --ignore-scripts`);
  const code = run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund']);
  if (code !== 0) process.stderr.write('[setup] npm ci failed: see the npm output above\n');
  return code;
}

/** The bundles esbuild.mjs writes (read from its text: it cannot be imported before the dependencies are installed), from the sources it reads. */
const OUTPUTS = [...readFileSync(join(ROOT, 'esbuild.mjs'), 'utf8').matchAll(/outfile: '([^']+)'/g)].map((m) => m[1]);
if (!OUTPUTS.length) throw new Error('scripts/setup.mjs: no `outfile:` found in esbuild.mjs');
const SOURCE_DIRS = ['server/src', 'client/src', 'client/webview'];
const SOURCE_FILES = ['esbuild.mjs', 'package.json', 'tsconfig.json', 'node_modules/.package-lock.json'];

/** Why dist/ needs building, or undefined when every bundle is newer than every source. */
export function buildStale() {
  const times = OUTPUTS.map((o) => [o, mtime(join(ROOT, o))]);
  const missing = times.filter(([, t]) => t === undefined).map(([o]) => o);
  if (missing.length === OUTPUTS.length) return 'dist/ is not built yet';
  if (missing.length) return `${missing.join(', ')} missing`;
  const oldest = Math.min(...times.map(([, t]) => t));
  const sources = [...SOURCE_DIRS.map((d) => [d, newest(join(ROOT, d))]), ...SOURCE_FILES.map((f) => [f, mtime(join(ROOT, f)) ?? 0])];
  const changed = sources.filter(([, t]) => t > oldest).map(([s]) => s);
  return changed.length ? `dist/ is older than ${changed.join(', ')}` : undefined;
}

/** `node esbuild.mjs` when a bundle is missing or older than a source. */
export function ensureBuilt() {
  const why = buildStale();
  if (!why) return 0;
  log(`${why}: node esbuild.mjs`);
  const code = run(process.execPath, ['esbuild.mjs']);
  if (code !== 0) process.stderr.write('[setup] the build failed: see the esbuild output above\n');
  return code;
}

/** Dependencies, then the build; the first non-zero exit code, or 0. */
export function setUp() {
  return ensureDeps() || ensureBuilt();
}

export const rel = (p) => relative(process.cwd(), p) || '.';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(setUp());
