/**
 * `okr check --watch`: the first report, then, on every change under the
 * cascade roots, the changed files are re-read and handed to the incremental
 * engine (`Cascade.update` / `remove` / `configure`, as in the editor), and
 * only the reported files whose findings changed are printed, with the new
 * totals.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Cascade } from '../core/cascade';
import { CONFIG_FILE, parseConfig } from '../core/config';
import type { Day } from '../core/period';
import { readTextSync } from '../files/read';
import { CASCADE_FILE, findCascadeFilesSync, insideSkippedDir } from '../files/walk';
import type { CheckArgs } from './check-command';
import type { CliEnv, Output } from './command';
import { displayPath, under, type Loaded } from './files';
import { findingsOf, gate, report, reportedFiles } from './findings';
import { findingLines, formatText, totalsLine } from './report';

/** Changes are gathered this long before re-checking (an editor's save is several events). */
const SETTLE_MS = 30;

interface Changes {
  /** Files whose findings changed. */
  changed: Set<string>;
  /** Reported files that are gone. */
  removed: string[];
}

export async function watchCascades(loads: Loaded[], cascades: Cascade[], args: CheckArgs & { env: CliEnv }): Promise<Output> {
  const { env } = args;
  const display = (f: string) => displayPath(f, env.cwd);
  const first = report(loads, cascades, env.cwd, args.quiet);
  env.write(formatText(first.findings, first.summary, env.color));
  const pending = loads.map(() => new Set<string>());
  // What is on screen per file: a finding that only moved in the text (a line above grew) is not news.
  const shown = new Map<string, string>();
  const linesOf = (loaded: Loaded, i: number, file: string) => {
    const findings = findingsOf(loaded, cascades[i], display, [file]).filter((f) => !args.quiet || f.severity === 'error');
    return findings.length ? findingLines(findings, env.color) : [`${display(file)}  ✔ no findings`];
  };
  loads.forEach((loaded, i) => reportedFiles(loaded).forEach((f) => shown.set(f, linesOf(loaded, i, f).join('\n'))));
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const out: string[] = [];
    loads.forEach((loaded, i) => {
      const { changed, removed } = apply(loaded, cascades[i], [...pending[i]], args.asOf, (m) => env.writeError(`okr: ${m}\n`));
      pending[i].clear();
      for (const file of removed) {
        shown.delete(file);
        out.push(`${display(file)}  removed`);
      }
      for (const file of reportedFiles(loaded).filter((f) => changed.has(f))) {
        const lines = linesOf(loaded, i, file).join('\n');
        if (shown.get(file) === lines) continue;
        shown.set(file, lines);
        out.push(lines);
      }
    });
    if (!out.length) return;
    env.write(`\n${out.join('\n')}\n${totalsLine(report(loads, cascades, env.cwd, args.quiet).summary, env.color)}\n`);
  };
  const watchers: FSWatcher[] = [];
  loads.forEach((loaded, i) => {
    const onEvent = (path: string) => {
      pending[i].add(path);
      clearTimeout(timer);
      timer = setTimeout(flush, SETTLE_MS);
    };
    watchers.push(watch(loaded.root, { recursive: true }, (_e, name) => name && onEvent(join(loaded.root, name.toString()))));
    const config = loaded.config?.file;
    if (config && !under(config, loaded.root)) watchers.push(watch(config, () => onEvent(config)));
  });
  const count = loads.reduce((n, l) => n + reportedFiles(l).length, 0);
  env.writeError(`okr: watching ${count} file${count === 1 ? '' : 's'} for changes (Ctrl+C to stop)\n`);
  await env.untilStopped();
  clearTimeout(timer);
  for (const w of watchers) w.close();
  return { stdout: '', code: gate(report(loads, cascades, env.cwd, args.quiet).summary, args).code };
}

/** Re-reads what the events name and hands it to the engine. */
function apply(loaded: Loaded, cascade: Cascade, paths: string[], asOf: Day | undefined, complain: (m: string) => void): Changes {
  const changed = new Set<string>();
  const removed: string[] = [];
  const add = (files: Set<string>) => files.forEach((f) => changed.add(f));
  const configFile = loaded.config?.file ?? join(loaded.root, CONFIG_FILE);
  const put = (path: string, text: string) => {
    if (!loaded.texts.has(path) && loaded.folders.some((d) => under(path, d))) loaded.reported.add(path);
    loaded.texts.set(path, text);
    add(cascade.update(path, text));
  };
  const drop = (path: string) => {
    if (!loaded.texts.delete(path)) return;
    add(cascade.remove(path));
    if (loaded.reported.delete(path)) removed.push(path);
  };
  let rewalk = false;
  for (const path of paths) {
    if (loaded.nested.some((n) => under(path, n))) continue; // another cascade's file
    if (path === configFile) {
      const r = readTextSync(path);
      if (!r.ok && r.reason !== 'missing') complain(`cannot read ${path}: ${r.message}`);
      loaded.config = r.ok ? { file: path, text: r.text, config: parseConfig(path, r.text) } : undefined;
      add(cascade.configure({ asOf, severities: loaded.config?.config.severities }));
    } else if (CASCADE_FILE.test(path)) {
      if (insideSkippedDir(loaded.root, path)) continue;
      const r = readTextSync(path);
      if (r.ok) put(path, r.text);
      else {
        if (r.reason !== 'missing') complain(`cannot read ${path}: ${r.message}`);
        drop(path);
      }
    } else if (!insideSkippedDir(loaded.root, path)) rewalk = true; // a folder came or went
  }
  if (rewalk) {
    const now = new Set(findCascadeFilesSync(loaded.root, { boundary: CONFIG_FILE }).files.map((f) => f.path));
    for (const path of now) {
      if (loaded.texts.has(path)) continue;
      const r = readTextSync(path);
      if (r.ok) put(path, r.text);
    }
    for (const path of [...loaded.texts.keys()]) if (!now.has(path)) drop(path);
  }
  return { changed, removed };
}
