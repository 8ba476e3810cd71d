/**
 * A git repository holding a quarter of a generated cascade, for the compare
 * and history benchmarks: the cascade from ../shared/lspbench/gen.mjs (the
 * benchmark kit, realistic and with faults, as every figure of BENCHMARKS.md;
 * without the kit there is no figure to compare with, so this stops) committed on 2026-10-01, then `commits` commits spread over the
 * quarter by three authors, each a realistic week of edits: `current:` values
 * moving towards their targets, confidence changing, items slipping from now
 * to next, bets dropped, targets reset, KRs renamed with every reference
 * following, unit files moved to another folder. Deterministic: the same
 * arguments give the same history.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';

export interface QuarterCommit {
  sha: string;
  date: string;
}

export interface QuarterRepo {
  dir: string;
  /** How the cascade was made (the command). */
  source: string;
  /** Oldest first; the first is the start of the quarter. */
  commits: QuarterCommit[];
  /** What the commits did, counted. */
  edits: Record<string, number>;
  dispose(): void;
}

const AUTHORS = [['Ines Mensah', 'ines@example.com'], ['Tomás Ortega', 'tomas@example.com'], ['Mei Lin', 'mei@example.com']];

/** Cascade files under `dir`, by path relative to it. */
export function cascadeFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) {
        if (n !== '.git') walk(p);
      } else if (/\.okr\.ya?ml$/.test(n)) out.set(relative(dir, p).split(sep).join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

function generate(dir: string, units: number, root: string): string {
  const candidates = [resolve(root, '../shared/lspbench/gen.mjs'), resolve(root, '../../shared/lspbench/gen.mjs'), '/work/shared/lspbench/gen.mjs'];
  const kit = candidates.find(existsSync);
  if (!kit) throw new Error(`the benchmark kit's generator (lspbench/gen.mjs) is not at ${candidates.join(' or ')}: the quarter's cascade is made with it`);
  execFileSync(process.execPath, [kit, '--units', String(units), '--out', dir], { stdio: 'ignore' });
  rmSync(join(dir, 'gen-manifest.json'), { force: true });
  return `node ${kit} --units ${units}`;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function quarterRepo(options: { units: number; commits: number; root: string }): QuarterRepo {
  const dir = mkdtempSync(join(tmpdir(), 'okr-bench-quarter-'));
  const source = generate(dir, options.units, options.root);
  const git = (env: Record<string, string>, ...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
  const at = (i: number) => {
    const day = new Date(Date.UTC(2026, 9, 1) + Math.round((i * 80) / Math.max(1, options.commits)) * 86_400_000);
    const [name, email] = AUTHORS[i % AUTHORS.length];
    const date = `${day.toISOString().slice(0, 10)}T10:00:00Z`;
    return { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  };
  const commits: QuarterCommit[] = [];
  const commit = (i: number, message: string) => {
    const env = at(i);
    git(env, 'add', '-A');
    git(env, 'commit', '-q', '--allow-empty', '-m', message);
    commits.push({ sha: git(env, 'rev-parse', 'HEAD'), date: env.GIT_AUTHOR_DATE.slice(0, 10) });
  };
  git({}, 'init', '-q', '-b', 'main');
  commit(0, 'start of the quarter');
  const rnd = random(7);
  const edits: Record<string, number> = { currents: 0, confidences: 0, slipped: 0, dropped: 0, targets: 0, renamed: 0, moved: 0 };
  for (let i = 1; i <= options.commits; i++) {
    const all = cascadeFiles(dir);
    const keys = [...all.keys()];
    const touched = new Map<string, string>();
    const text = (k: string) => touched.get(k) ?? all.get(k)!;
    const edit = (k: string, f: (t: string) => string, what: string) => {
      const t = text(k);
      const n = f(t);
      if (n === t) return false;
      touched.set(k, n);
      edits[what]++;
      return true;
    };
    const pick = () => keys[Math.floor(rnd() * keys.length)];
    // A week of check-ins: a few KRs' current values move.
    for (let n = 0; n < 5; n++) {
      const k = pick();
      const krs = [...text(k).matchAll(/^( {8}current: )(-?\d+(?:\.\d+)?)$/gm)];
      if (!krs.length) continue;
      const m = krs[Math.floor(rnd() * krs.length)];
      const value = Math.round((Number(m[2]) * (1 + (rnd() - 0.4) * 0.06)) * 10) / 10;
      edit(k, (t) => t.slice(0, m.index!) + `${m[1]}${value}` + t.slice(m.index! + m[0].length), 'currents');
    }
    if (i % 4 === 0) edit(pick(), (t) => t.replace(/^( {4}confidence: )(high|medium|low)$/m, (_m, a: string, c: string) => `${a}${c === 'high' ? 'medium' : c === 'medium' ? 'low' : 'medium'}`), 'confidences');
    if (i % 6 === 0) edit(pick(), (t) => t.replace(/^( {4}horizon: )now$/m, '$1next'), 'slipped');
    if (i % 10 === 5) edit(pick(), (t) => t.replace(/^( {4}status: )(active|planned)$/m, '$1dropped'), 'dropped');
    if (i % 15 === 7) edit(pick(), (t) => t.replace(/^( {8}target: )(\d+)/m, (_m, a: string, n: string) => `${a}${Number(n) + 5}`), 'targets');
    if (i % 25 === 12) {
      // A KR renamed, its references in the units below following.
      for (const k of keys) {
        const unit = /^unit: (\S+)/m.exec(text(k))?.[1];
        const ref = `${unit}/KR1(?=[\\n,\\]])`;
        const refs = keys.filter((o) => o !== k && new RegExp(ref).test(text(o)));
        if (!unit || !refs.length || !/^ {6}KR1:$/m.test(text(k))) continue;
        edit(k, (t) => t.replace(/^( {6})KR1:$/m, `$1KR1w${i}:`).replace(/supports: KR1$/gm, `supports: KR1w${i}`), 'renamed');
        for (const o of refs) touched.set(o, text(o).replace(new RegExp(ref, 'g'), `${unit}/KR1w${i}`));
        break;
      }
    }
    for (const [k, t] of touched) writeFileSync(join(dir, k), t);
    if (i % 30 === 15 || (options.commits < 30 && i === Math.ceil(options.commits / 2))) {
      const k = keys.filter((x) => !x.includes('/'))[i % 7];
      if (k) {
        mkdirSync(join(dir, 'moved'), { recursive: true });
        renameSync(join(dir, k), join(dir, 'moved', k));
        edits.moved++;
      }
    }
    commit(i, `week ${i}: check-ins`);
  }
  return { dir, source, commits, edits, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
