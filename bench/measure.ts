/** The measurements of `npm run bench`, each in its own process: lspbench runs, startups, CLI runs. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from './setup';

export const AS_OF = '2026-11-24';
const OKR_SETTINGS = JSON.stringify({ okr: { asOf: AS_OF } });
/** The commands of a built product (a copy of dist/, so a rebuild meanwhile cannot change what is measured). */
export interface Product {
  server: string;
  cli: string;
}

export const productIn = (dist: string): Product => ({ server: `node ${join(dist, 'server.js')} --stdio`, cli: join(dist, 'cli.js') });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

function runJson(args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Json {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 << 20, env: { ...process.env, ...env } });
  try {
    return JSON.parse(r.stdout);
  } catch {
    return { error: `exit ${r.status} ${r.signal ?? ''}: ${(r.stderr || r.stdout || '').slice(-600)}` };
  }
}

export interface Workspace {
  n: number;
  dir: string;
  team: string;
  company: string;
  files: number;
  bytes: number;
  entities: number;
}

export function generate(kit: string, work: string, n: number): Workspace {
  const dir = join(work, 'ws', String(n));
  const r = spawnSync(process.execPath, [join(kit, 'gen.mjs'), '--units', String(n), '--out', dir, '--seed', '1'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gen.mjs --units ${n} failed: ${r.stderr}`);
  const m = JSON.parse(readFileSync(join(dir, 'gen-manifest.json'), 'utf8'));
  return { n, dir, team: join(dir, m.mid_team_file), company: join(dir, m.company_file), files: m.files, bytes: m.bytes, entities: m.counts.entities };
}

export interface LspOptions {
  iterations: number;
  settleMs: number;
  languageId?: string;
  settings?: string;
  debounceMs?: number;
  /** The okr server: hold the open until indexed (see hold-open.mjs), and read its own memory. */
  okr?: boolean;
}

/** One lspbench run (open, hover/definition, `iterations` edits); for okr, edits start once the workspace is indexed. */
export function lspbench(kit: string, work: string, server: string, ws: Workspace, file: string, o: LspOptions): Json {
  const mem = join(work, `mem-${process.pid}-${Date.now()}.json`);
  const cmd = o.okr ? `node ${join(ROOT, 'bench', 'hold-open.mjs')} --mem-out ${mem} -- ${server}` : server;
  const args = [join(kit, 'lspbench.mjs'), '--server', cmd, '--workspace', ws.dir, '--edit', file, '--iterations', String(o.iterations),
    '--settle-ms', String(o.settleMs), '--timeout-ms', '20000', '--open-timeout-ms', '900000', '--settings', o.settings ?? '{}'];
  if (o.languageId) args.push('--language-id', o.languageId);
  if (o.debounceMs !== undefined) args.push('--debounce-ms', String(o.debounceMs));
  const r = runJson(args, 1200000);
  if (o.okr) {
    try {
      Object.assign(r, { okr_memory: JSON.parse(readFileSync(mem, 'utf8')) });
    } catch {
      // no memory reading (the run failed)
    }
    rmSync(mem, { force: true });
  }
  return r;
}

export const okrLsp = (o: Omit<LspOptions, 'okr' | 'languageId' | 'settings'>): LspOptions => ({ ...o, okr: true, languageId: 'okr', settings: OKR_SETTINGS, debounceMs: 0 });

export const PEER_SETTINGS = (schemaUri: string) => JSON.stringify({ yaml: { schemas: { [schemaUri]: '*.okr.yaml' }, validate: true, hover: true, completion: true, schemaStore: { enable: false } } });

/** A start as an editor meets it (bench/lsp-start.mjs): the team file open at once; with `cacheDir`, through the cache. */
export function startup(ws: Workspace, server: string, cacheDir?: string): Json {
  const args = [join(ROOT, 'bench', 'lsp-start.mjs'), '--server', server, '--workspace', ws.dir, '--open', ws.team, '--settings', OKR_SETTINGS];
  if (cacheDir) args.push('--init-options', JSON.stringify({ cacheDir }));
  return runJson(args, 1200000);
}

/** Wall time of a node process, spawn to exit. */
export function wall(args: string[], env?: NodeJS.ProcessEnv): { ms: number; code: number | null; stderr: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  return { ms: performance.now() - t, code: r.status, stderr: r.stderr };
}

export interface CliTimes {
  parseAll: number[];
  checkCold: number[];
  checkWarm: number[];
  roadmapCold: number[];
  roadmapWarm: number[];
}

/** Cold and warm `okr check` and `okr roadmap --format html`, each rep beside a parse-every-file process. */
export function cliRuns(ws: Workspace, work: string, reps: number, CLI: string): CliTimes {
  const cache = join(work, 'cli-cache', String(ws.n));
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  const env = { OKR_CACHE_DIR: cache };
  const html = join(work, `roadmap-${ws.n}.html`);
  const check = (warm: boolean) => [CLI, 'check', ws.dir, '--format', 'json', '--as-of', AS_OF, ...(warm ? [] : ['--no-cache'])];
  const roadmap = (warm: boolean) => [CLI, 'roadmap', ws.dir, '--format', 'html', '--as-of', AS_OF, '--out', html, ...(warm ? [] : ['--no-cache'])];
  wall(check(true), env); // fills the cache
  const out: CliTimes = { parseAll: [], checkCold: [], checkWarm: [], roadmapCold: [], roadmapWarm: [] };
  for (let i = 0; i < reps; i++) {
    out.parseAll.push(wall([join(ROOT, 'bench', 'parse-all.mjs'), ws.dir]).ms);
    out.checkCold.push(wall(check(false), env).ms);
    out.checkWarm.push(wall(check(true), env).ms);
    out.roadmapCold.push(wall(roadmap(false), env).ms);
    out.roadmapWarm.push(wall(roadmap(true), env).ms);
  }
  return out;
}

/** parsebench.mjs: the kit's warm in-process parse of every file (median of passes). */
export function parsebench(kit: string, ws: Workspace): Json {
  return runJson([join(kit, 'parsebench.mjs'), ws.team, '--workspace', ws.dir, '--runs', '10', '--budget-ms', '20000'], 600000);
}

export const median = (xs: number[]): number | null => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
