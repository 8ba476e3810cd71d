/**
 * What `npm run bench` needs, set up at bench time: the lspbench kit (its
 * node_modules installed with `npm ci` when missing), the built product
 * (`node esbuild.mjs`), and a copy of yaml-language-server (a dev
 * dependency) with its 200 ms validation debounce patched to 0, the way the
 * kit's setup-peer.sh does it, in a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');

/** The lspbench kit: $LSPBENCH, else ../shared/lspbench (from the project, or from a worktree one level down). */
export function findKit(): string {
  for (const dir of [process.env.LSPBENCH, join(ROOT, '..', 'shared', 'lspbench'), join(ROOT, '..', '..', 'shared', 'lspbench')]) {
    if (dir && existsSync(join(dir, 'lspbench.mjs'))) return resolve(dir);
  }
  throw new Error('the lspbench kit was not found: set LSPBENCH to its folder (../shared/lspbench)');
}

/**
 * The kit, ready to run: as it is when its node_modules is installed;
 * otherwise (a read-only shared folder, an offline machine) a copy of its
 * scripts in `work` whose node_modules is ours (vscode-languageserver-protocol
 * and yaml are dependencies of the product too). Answers the folder to run it from.
 */
export function ensureKit(kit: string, work: string, log: (s: string) => void): string {
  if (existsSync(join(kit, 'node_modules', 'vscode-languageserver-protocol'))) return kit;
  const copy = join(work, 'lspbench');
  mkdirSync(copy, { recursive: true });
  for (const name of readdirSync(kit)) if (/\.(mjs|json|sh)$/.test(name)) cpSync(join(kit, name), join(copy, name));
  if (!existsSync(join(copy, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  log(`the kit has no node_modules: running a copy of its scripts in ${copy} with the project's node_modules`);
  return copy;
}

export function build(log: (s: string) => void): void {
  log('building dist/ (node esbuild.mjs)');
  execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * A node_modules in a temp folder where yaml-language-server is a patched
 * copy (validationDelayMs 200 → 0) and every other package a link to ours.
 * Answers the command that starts it.
 */
export function peerWithoutDebounce(): { cmd: string; version: string } {
  const ours = join(ROOT, 'node_modules');
  const pkg = join(ours, 'yaml-language-server');
  if (!existsSync(pkg)) throw new Error('yaml-language-server is not installed (a dev dependency): run npm ci');
  const dir = mkdtempSync(join(tmpdir(), 'okr-bench-peer-'));
  const modules = join(dir, 'node_modules');
  cpSync(pkg, join(modules, 'yaml-language-server'), { recursive: true, dereference: true });
  for (const name of readdirSync(ours)) {
    if (name === 'yaml-language-server' || name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      mkdirSync(join(modules, name), { recursive: true });
      for (const sub of readdirSync(join(ours, name))) symlinkSync(join(ours, name, sub), join(modules, name, sub), 'dir');
    } else symlinkSync(join(ours, name), join(modules, name), 'dir');
  }
  const settings = findFile(join(modules, 'yaml-language-server', 'out'), 'yamlSettings.js');
  const text = readFileSync(settings, 'utf8');
  if (!text.includes('this.validationDelayMs = 200;')) throw new Error(`yaml-language-server: no 200 ms debounce to patch in ${settings}`);
  writeFileSync(settings, text.replace('this.validationDelayMs = 200;', 'this.validationDelayMs = 0;'));
  const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version as string;
  return { cmd: `node ${join(modules, 'yaml-language-server', 'bin', 'yaml-language-server')} --stdio`, version };
}

function findFile(dir: string, name: string): string {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const found = findFile(p, name);
      if (found) return found;
    } else if (e.name === name) return p;
  }
  return '';
}

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  load: string;
}

export function machine(): Machine {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    load: loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

