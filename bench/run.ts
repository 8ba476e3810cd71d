/**
 * `npm run bench [-- --quick] [--sizes 200,1000,5000] [--iterations 40] [--reps 3] [--full-up-to 1000] [--team-rounds 2] [--no-build] [--no-page] [--all | --extras]`
 *
 * The figures users meet, in one run so that a busy machine cancels out in
 * the ratios: the built server (dist/server.js --stdio) driven by
 * ../shared/lspbench (its generator, its lspbench driver and edits, its floor
 * server) side by side with yaml-language-server (debounce patched to 0), at
 * 200, 1,000 and 5,000 units; startup to the open file's diagnostics and to
 * every file published, cold and with a warm cache; memory; cold and warm
 * `okr check` and `okr roadmap --format html` against a process that parses
 * every file; the roadmap page (bench/roadmap-page.mjs, when present).
 * Prints figures and ratios; never fails on a number.
 *
 * Other benchmarks plug in through EXTRAS: standalone scripts
 * (`npx tsx bench/<name>.ts`, printing their own report) that `--all` runs
 * after the figures above and `--extras` runs alone; one that is not there
 * is skipped. `--quick` is passed on to them.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliRuns, generate, lspbench, okrLsp, parsebench, PEER_SETTINGS, productIn, startup, type CliTimes, type Json, type Workspace } from './measure';
import { report, type SizeResult } from './report';
import { build, ensureKit, findKit, machine, peerWithoutDebounce, ROOT } from './setup';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const value = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const quick = flag('--quick');
const sizes = value('--sizes', quick ? '200' : '200,1000,5000').split(',').map(Number);
const iterations = Number(value('--iterations', quick ? '10' : '40'));
const reps = Number(value('--reps', quick ? '1' : '3'));
const settleMs = quick ? 150 : 250;
/** Sizes above this get startup and memory only (no edits, no CLI): the 5,000-unit memory point. */
const fullUpTo = Number(value('--full-up-to', '1000'));
/** Team-file edits run this many times per server, the sizes interleaved, their samples pooled: the 1,000 ÷ 200 ratio compares runs minutes apart otherwise. */
const teamRounds = Number(value('--team-rounds', quick ? '1' : '2'));
const log = (s: string) => console.error(`[bench] ${s}`);

/** Standalone benchmarks run by `--all` / `--extras`, in this order, when the file exists. */
const EXTRAS = ['bench/compare.ts', 'bench/history.ts', 'bench/audience.ts'];

function runExtras(): void {
  for (const rel of EXTRAS) {
    const script = join(ROOT, rel);
    if (!existsSync(script)) {
      log(`${rel} is not here: skipped`);
      continue;
    }
    log(`${rel}`);
    console.log(`\n## ${rel}\n`);
    try {
      execFileSync(process.execPath, ['--import', 'tsx', script, ...(quick ? ['--quick'] : [])], { cwd: ROOT, stdio: 'inherit' });
    } catch (e) {
      console.log(`${rel} failed: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}

function main(): void {
  const started = machine();
  const work = join(process.env.OKR_BENCH_DIR ?? tmpdir(), `okr-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const kit = ensureKit(findKit(), work, log);
  if (!flag('--no-build')) build(log);
  const dist = join(work, 'dist');
  cpSync(join(ROOT, 'dist'), dist, { recursive: true });
  const product = productIn(dist);
  const peer = peerWithoutDebounce();
  log(`work folder ${work}; sizes ${sizes.join(', ')}; ${iterations} edits per run; ${reps} CLI reps`);
  const schema = pathToFileURL(join(kit, 'okr.schema.json')).href;
  const results: SizeResult[] = [];
  const spaces = sizes.map((n) => {
    const ws = generate(kit, work, n);
    log(`${n} units: ${ws.files} files, ${(ws.bytes / 1048576).toFixed(1)} MiB, ${ws.entities} entities`);
    return ws;
  });
  const full = spaces.filter((ws) => ws.n <= fullUpTo);
  const edits = (ws: Workspace, file: string) => ({
    okr: () => lspbench(kit, work, product.server, ws, file, okrLsp({ iterations, settleMs })),
    floor: () => lspbench(kit, work, `node ${join(kit, 'floor-server.mjs')} --parse`, ws, file, { iterations, settleMs }),
    peer: () => lspbench(kit, work, peer.cmd, ws, file, { iterations, settleMs, settings: PEER_SETTINGS(schema), debounceMs: 0 }),
  });
  const runsOf = new Map<number, Record<string, Json>>(spaces.map((ws) => [ws.n, {}]));
  const logRuns = (n: number, target: string) => {
    const runs = runsOf.get(n)!;
    for (const k of ['okr', 'floor', 'peer']) log(`${n} ${target} ${k}: edit p50 ${runs[`${k} ${target}`].edit_to_diag_ms?.p50 ?? runs[`${k} ${target}`].error} ms`);
  };
  // Team edits: every size in turn, `teamRounds` times, so that both sizes meet the same load (samples pooled).
  const rounds = new Map<string, Json[]>();
  for (let round = 0; round < teamRounds; round++) {
    for (const ws of full) {
      for (const [k, run] of Object.entries(edits(ws, ws.team))) {
        const key = `${ws.n} ${k}`;
        rounds.set(key, [...(rounds.get(key) ?? []), run()]);
      }
    }
  }
  for (const ws of full) {
    for (const k of ['okr', 'floor', 'peer']) runsOf.get(ws.n)![`${k} team`] = pooled(rounds.get(`${ws.n} ${k}`)!);
    logRuns(ws.n, 'team');
  }
  // Company-file edits (a KR rename reaching its dependants): against the floor of the same moment.
  for (const ws of full) {
    for (const [k, run] of Object.entries(edits(ws, ws.company))) runsOf.get(ws.n)![`${k} company`] = run();
    logRuns(ws.n, 'company');
  }
  for (const ws of spaces) {
    const n = ws.n;
    const cold = startup(ws, product.server);
    const cacheDir = join(work, 'server-cache', String(n));
    const filling = startup(ws, product.server, cacheDir);
    const warm = startup(ws, product.server, cacheDir);
    log(`${n} start: open → diagnostics ${cold.open_to_first_diag_ms} ms, all published ${cold.all_published_ms} ms cold, ${warm.all_published_ms} ms warm`);
    const isFull = n <= fullUpTo;
    const cli: CliTimes = isFull ? cliRuns(ws, work, reps, product.cli) : { parseAll: [], checkCold: [], checkWarm: [], roadmapCold: [], roadmapWarm: [] };
    const parse = isFull ? parsebench(kit, ws) : {};
    results.push({ ws: strip(ws), runs: runsOf.get(n)!, cold, filling, warm, cli, parse });
  }
  const page = flag('--no-page') ? 'Not measured in this run (--no-page).' : roadmapPage();
  const ended = machine();
  const out = { machine: started, loadAtEnd: ended.load, peer: peer.version, sizes, iterations, reps, teamRounds, results, page };
  writeFileSync(join(work, 'results.json'), JSON.stringify(out, null, 2));
  console.log(report(out));
  console.log(`\nRaw results: ${join(work, 'results.json')}`);
}

/**
 * Several runs of one server on one file as one: the first run's fields, its
 * edit samples pooled with the others' and `edit_to_diag_ms` recomputed over
 * them as lspbench computes it (middle value, ranks rounded up).
 */
function pooled(runs: Json[]): Json {
  if (runs.length === 1) return runs[0];
  const samples = runs.flatMap((r) => (Array.isArray(r.edit_to_diag_samples) ? (r.edit_to_diag_samples as number[]) : []));
  const s = samples.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return runs.find((r) => r.error) ?? runs[0];
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const rank = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  const edit = { p50: r1(mid), p95: r1(rank(95)), max: r1(s[s.length - 1]), min: r1(s[0]), mean: r1(s.reduce((a, b) => a + b, 0) / s.length), n: s.length };
  return { ...runs[0], edit_to_diag_ms: edit, edit_to_diag_samples: s, rounds: runs.length, round_p50s: runs.map((r) => r.edit_to_diag_ms?.p50 ?? null) };
}

function strip(ws: Workspace): Workspace {
  return { ...ws, dir: `<work>/ws/${ws.n}` };
}

/** The roadmap page in Chromium (the board lane's bench/roadmap-page.mjs), when it exists. */
function roadmapPage(): string {
  const script = join(ROOT, 'bench', 'roadmap-page.mjs');
  if (!existsSync(script)) return 'bench/roadmap-page.mjs is not here yet: the roadmap page is not measured in this run.';
  log('roadmap page in Chromium (bench/roadmap-page.mjs)');
  try {
    return execFileSync(process.execPath, [script, ...(quick ? ['--sizes', '20,200', '--runs', '3'] : [])], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  } catch (e) {
    return `bench/roadmap-page.mjs failed: ${(e as Error).message.split('\n')[0]}`;
  }
}

if (flag('--extras')) runExtras();
else {
  main();
  if (flag('--all')) runExtras();
}
