/** The tables `npm run bench` prints: figures, ratios within the run, and the targets of issue 13. */
import { median, type CliTimes, type Json, type Workspace } from './measure';
import type { Machine } from './setup';

export interface SizeResult {
  ws: Workspace;
  runs: Record<string, Json>;
  cold: Json;
  filling: Json;
  warm: Json;
  cli: CliTimes;
  parse: Json;
}

interface Out {
  machine: Machine;
  loadAtEnd: string;
  peer: string;
  sizes: number[];
  iterations: number;
  reps: number;
  teamRounds?: number;
  results: SizeResult[];
  page: string;
}

const ms = (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? '–' : x < 100 ? `${x.toFixed(1)} ms` : `${Math.round(x).toLocaleString('en-US')} ms`);
const mib = (x: number | null | undefined) => (x == null ? '–' : `${Math.round(x).toLocaleString('en-US')} MiB`);
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null || !b ? '–' : `${(a / b).toFixed(2)}×`);
const get = (o: Json, path: string): number | null => {
  const v = path.split('.').reduce((x, k) => (x == null ? x : x[k]), o);
  return typeof v === 'number' ? v : null;
};

/** One row per figure, one column per size, then the target. */
export function report(out: Out): string {
  const cols = out.results;
  const head = `| figure | ${cols.map((r) => `${r.ws.n.toLocaleString('en-US')} units`).join(' | ')} | target |`;
  const sep = `| --- | ${cols.map(() => '---').join(' | ')} | --- |`;
  const rows: string[] = [];
  const row = (name: string, cell: (r: SizeResult) => string, target = '') => rows.push(`| ${name} | ${cols.map(cell).join(' | ')} | ${target} |`);
  const team = (r: SizeResult, who: string, p: string) => get(r.runs[`${who} team`], p);
  const co = (r: SizeResult, who: string, p: string) => get(r.runs[`${who} company`], p);
  const first = cols[0];

  row('team-file edit → diagnostics p50: okr / floor', (r) => `${ms(team(r, 'okr', 'edit_to_diag_ms.p50'))} / ${ms(team(r, 'floor', 'edit_to_diag_ms.p50'))} = **${ratio(team(r, 'okr', 'edit_to_diag_ms.p50'), team(r, 'floor', 'edit_to_diag_ms.p50'))}**`, '≤ 1.5× (200, 1,000)');
  row('team-file edit → diagnostics p95: okr / floor', (r) => `${ms(team(r, 'okr', 'edit_to_diag_ms.p95'))} / ${ms(team(r, 'floor', 'edit_to_diag_ms.p95'))} = **${ratio(team(r, 'okr', 'edit_to_diag_ms.p95'), team(r, 'floor', 'edit_to_diag_ms.p95'))}**`, '≤ 2× (200, 1,000)');
  row('same p50, ÷ the 200-unit figure', (r) => ratio(team(r, 'okr', 'edit_to_diag_ms.p50'), team(first, 'okr', 'edit_to_diag_ms.p50')), '1,000: ≤ 1.2×');
  row(`same p50 vs yaml-language-server ${out.peer}, debounce 0`, (r) => `${ms(team(r, 'peer', 'edit_to_diag_ms.p50'))}: **${ratio(team(r, 'okr', 'edit_to_diag_ms.p50'), team(r, 'peer', 'edit_to_diag_ms.p50'))}**`, '≤ 0.9×');
  row('findings in the team file: open / broken edit / restored (okr; peer)', (r) => `${team(r, 'okr', 'diag_count')} / ${team(r, 'okr', 'diag_count_after_broken')} / ${team(r, 'okr', 'diag_count_after_restore')}; ${team(r, 'peer', 'diag_count')} / ${team(r, 'peer', 'diag_count_after_broken')} / ${team(r, 'peer', 'diag_count_after_restore')}`);
  row('company KR rename → every dependant published, p50 (÷ floor company edit)', (r) => `${ms(co(r, 'okr', 'edit_to_last_other_file_diag_ms.p50'))} (${co(r, 'okr', 'other_file_publishes_per_edit')} files) / ${ms(co(r, 'floor', 'edit_to_diag_ms.p50'))} = **${ratio(co(r, 'okr', 'edit_to_last_other_file_diag_ms.p50'), co(r, 'floor', 'edit_to_diag_ms.p50'))}**`, '1,000: ≤ 3×');
  row('start: open file → first diagnostics (÷ floor open → diagnostics)', (r) => `${ms(get(r.cold, 'open_to_first_diag_ms'))} / ${ms(team(r, 'floor', 'open_to_diag_ms'))} = **${ratio(get(r.cold, 'open_to_first_diag_ms'), team(r, 'floor', 'open_to_diag_ms'))}**`, '1,000: ≤ 3×');
  row('start → every file published, no cache', (r) => ms(get(r.cold, 'all_published_ms')));
  row('restart with a warm cache → every file published (server CPU)', (r) => {
    const hits = (r.warm.logs ?? []).join(' ').match(/\((\d+) from the cache/)?.[1];
    // Published from the findings cache before indexing: the "indexed" line comes after the measure ends.
    return `**${ms(get(r.warm, 'all_published_ms'))}** (${get(r.warm, 'cpu_s') ?? '–'} s; ${hits ? `${hits} models from the cache` : 'cached findings, verified in the background'})`;
  }, '1,000: ≤ 1 s');
  row('server memory (RSS) after indexing (once quiet) / after the edits; peak', (r) => `${mib(get(r.cold, 'rss_mb'))} (${mib(get(r.cold, 'quiet_rss_mb'))}) / ${mib(team(r, 'okr', 'okr_memory.rss_mb'))}; ${mib(Math.max(get(r.cold, 'hwm_mb') ?? 0, team(r, 'okr', 'okr_memory.hwm_mb') ?? 0))}`, '≤ 150 (1,000) / ≤ 600 MiB (5,000)');
  row('memory: floor / yaml-language-server', (r) => `${mib(team(r, 'floor', 'server_rss_mb'))} / ${mib(team(r, 'peer', 'server_rss_mb'))}`);
  row('parsing every file, one process (wall)', (r) => ms(median(r.cli.parseAll)));
  row('cold `okr check` (÷ parsing every file)', (r) => `${ms(median(r.cli.checkCold))} = **${ratio(median(r.cli.checkCold), median(r.cli.parseAll))}**`, '≤ 1.1×');
  row('`okr check` with a warm cache (÷ parsing every file)', (r) => `${ms(median(r.cli.checkWarm))} = **${ratio(median(r.cli.checkWarm), median(r.cli.parseAll))}**`, '≤ 0.6×');
  row('`okr roadmap --format html` cold / warm cache (÷ parsing every file)', (r) => `${ms(median(r.cli.roadmapCold))} / ${ms(median(r.cli.roadmapWarm))} = **${ratio(median(r.cli.roadmapCold), median(r.cli.parseAll))} / ${ratio(median(r.cli.roadmapWarm), median(r.cli.parseAll))}**`);
  row("lspbench parsebench: every file parsed, warm, in one process", (r) => ms(get(r.parse, 'workspace_parse_ms.median')));

  const errors = cols.flatMap((r) => Object.entries(r.runs).filter(([, v]) => v.error).map(([k, v]) => `${r.ws.n} ${k}: ${String(v.error).slice(0, 300)}`))
    .concat(cols.flatMap((r) => (['cold', 'filling', 'warm'] as const).filter((k) => r[k].error).map((k) => `${r.ws.n} start ${k}: ${r[k].error}`)));
  const m = out.machine;
  return [
    `Machine: ${m.cores} cores (nproc), ${m.cpu}, Node ${m.node}; load average ${m.load} at the start, ${out.loadAtEnd} at the end.`,
    `lspbench: ${out.iterations} edits per run (team file: a supports reference broken and restored; company file: its first referenced KR renamed and back); okr's edits start once its workspace is indexed.${(out.teamRounds ?? 1) > 1 ? ` Team-file runs: ${out.teamRounds} per server and size, the sizes taken in turn, their ${out.teamRounds! * out.iterations} edits pooled.` : ''} CLI: median of ${out.reps}.`,
    '',
    head, sep, ...rows,
    ...(errors.length ? ['', 'Errors:', ...errors.map((e) => `- ${e}`)] : []),
    '',
    'Roadmap page:',
    out.page.trim(),
  ].join('\n');
}
