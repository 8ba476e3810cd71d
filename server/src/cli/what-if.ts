/**
 * `okr what-if [PATH…] (--cut REF | --drop ITEM | --move ITEM=HORIZON)…`: the
 * cascade compared with itself after hypothetical edits, made in memory in
 * the order given (nothing is written). Exit 0; 2 on a usage failure or an
 * edit that cannot be made.
 */
import { parseArgs } from 'node:util';
import { placeCards } from '../core/compare/places';
import { checkAll } from '../core/check';
import { compare, parseFiles, planOf } from '../core/compare/index';
import { checkSome, withFindings } from '../core/compare/plan';
import { findingsReach } from '../core/compare/reach';
import { formatChangeSetMarkdown } from '../core/compare/markdown';
import { formatChangeSetText } from '../core/compare/text';
import { applyWhatIf, editedFiles, type WhatIfEdit } from '../core/compare/what-if';
import { today, type Day } from '../core/period';
import { asOfFlag, megabytes, oneOf, parseCommand, type CommandSpec } from './args';
import { UsageError, type CliEnv, type Command, type Output } from './command';
import { DIFF_FORMATS, type DiffFormat } from './diff';
import { displayPath, loadCascade } from './files';
import { parseWithWorkers } from '../cache/parse-pool';

export const WHAT_IF_SPEC: CommandSpec = {
  name: 'what-if',
  summary: 'what would change on the plan if these edits were made (in memory)',
  usage: 'okr what-if [PATH...] (--cut REF | --drop ITEM | --move ITEM=HORIZON)... [options]',
  details: [
    'Makes the edits in memory, in the order given, with the same minimal edits the editor makes, then compares the cascade before and after: which items no longer support any KR, which KRs lose all support, which lanes empty, how coverage falls, which dependencies now point later, which unit\'s now frees or overloads, and every finding added or removed, exactly as okr check would report them after a real edit. No file is written.',
    'PATH is a cascade file or folder (default: the current folder); the whole cascade around it is read, as okr check does. REF is a KR, an objective, an item (unit/KR1, unit/item-id) or a unit (its whole file).',
  ],
  options: [
    { name: 'cut', value: 'REF', multiple: true, help: 'Delete this KR, objective or item (its whole entry), or this unit\'s file. Repeatable.', example: 'okr what-if --cut checkout/KR2' },
    { name: 'drop', value: 'ITEM', multiple: true, help: 'Set this item\'s status to dropped. Repeatable.', example: 'okr what-if --drop checkout/pix-brazil' },
    { name: 'move', value: 'ITEM=HORIZON', multiple: true, help: 'Move this item to another horizon (now, next, later) or quarter. Repeatable.', example: 'okr what-if --move checkout/pix-brazil=next' },
    { name: 'format', value: 'FORMAT', help: `${DIFF_FORMATS.join(', ')} (default text), as for okr diff.`, example: 'okr what-if --cut checkout/KR2 --format json' },
    { name: 'as-of', value: 'DATE', help: '"Today" (YYYY-MM-DD) for the date rules and the roadmap columns, so the result is reproducible.', example: 'okr what-if --drop checkout/pix-brazil --as-of 2026-11-24' },
    { name: 'config', value: 'FILE', help: 'Use this okr.config.yaml instead of the one found above the PATH.', example: 'okr what-if --cut checkout/KR2 --config ci/okr.config.yaml' },
    { name: 'max-file-size', value: 'MB', help: 'Files larger than this are not read (default 5).', example: 'okr what-if --cut checkout/KR2 --max-file-size 20' },
  ],
  exit: ['0  the consequences were written', '2  a bad command line, an edit that cannot be made (unknown id, bad horizon), an unreadable file'],
  examples: [
    ['okr what-if okrs --cut checkout/KR2', 'what breaks if we cut a KR'],
    ['okr what-if --drop checkout/pix-brazil --move checkout/one-click=now', 'drop one bet and pull another in, together'],
  ],
};

export interface WhatIfArgs {
  paths: string[];
  edits: WhatIfEdit[];
  asOf?: Day;
  format: DiffFormat;
  config?: string;
  maxBytes?: number;
}

export function whatIfArgs(argv: string[]): WhatIfArgs {
  const { values, positionals } = parseCommand(WHAT_IF_SPEC, argv);
  const str = (k: string) => values[k] as string | undefined;
  // The edits in command-line order (parseCommand groups them by flag).
  const { tokens = [] } = parseArgs({ args: argv, options: { cut: { type: 'string' }, drop: { type: 'string' }, move: { type: 'string' } }, allowPositionals: true, strict: false, tokens: true });
  const edits: WhatIfEdit[] = [];
  for (const t of tokens) {
    if (t.kind !== 'option' || !['cut', 'drop', 'move'].includes(t.name)) continue;
    const value = String(t.value ?? '');
    if (t.name === 'move') {
      const eq = value.lastIndexOf('=');
      if (eq <= 0 || eq === value.length - 1) throw new UsageError(`--move takes ITEM=HORIZON, e.g. --move checkout/pix-brazil=next (got "${value}")`);
      edits.push({ op: 'move', ref: value.slice(0, eq), horizon: value.slice(eq + 1) });
    } else edits.push({ op: t.name as 'cut' | 'drop', ref: value });
  }
  if (!edits.length) throw new UsageError('what-if needs at least one edit: --cut REF, --drop ITEM or --move ITEM=HORIZON; see okr what-if --help');
  return {
    paths: positionals, edits,
    asOf: asOfFlag(str('as-of')),
    format: oneOf('format', str('format'), DIFF_FORMATS, 'text'),
    config: str('config'),
    maxBytes: megabytes('max-file-size', str('max-file-size')),
  };
}

export async function runWhatIf(args: WhatIfArgs, env: Pick<CliEnv, 'cwd' | 'color' | 'vars' | 'workerEntry'>): Promise<Output> {
  const loaded = loadCascade(args.paths, { cwd: env.cwd, config: args.config, maxBytes: args.maxBytes });
  const asOf = args.asOf ?? today();
  const display = (f: string) => displayPath(f, env.cwd);
  const { severities, pace } = loaded.config?.config ?? {};
  // Parsed as planOf would (the default limits), shared with parse workers when there are enough files.
  const texts = [...loaded.texts];
  const { models } = await parseWithWorkers(texts, env.workerEntry, env.vars);
  const options = { asOf, severities, pace };
  // Checked once the edits are known: only the files whose findings they can change (compare/reach.ts), on both sides.
  const unchecked = planOf(texts.map(([file], i) => [file, models[i]]), { ...options, label: { rev: 'working tree' }, display, checked: new Map() });
  const made = applyWhatIf(unchecked.index, args.edits);
  if ('error' in made) throw new UsageError(made.error);
  const edited = parseFiles(editedFiles(unchecked.files, made.texts));
  const only = findingsReach(unchecked.files, edited);
  const base = withFindings(unchecked, only ? checkSome(unchecked.index, only, options) : checkAll(unchecked.index, options));
  const head = planOf(edited.map((f) => [f.file, f]), { ...options, only, label: { rev: 'what-if', edits: made.labels }, display });
  // Only where each roadmap places its cards: all a change set reads of them.
  const cs = compare(base, head, { asOf, buildRoadmap: (_side, plan, o) => placeCards(plan.index, o) });
  const command = 'okr what-if';
  const stdout =
    args.format === 'json' ? JSON.stringify(cs, null, 2) + '\n'
    : args.format === 'md' ? formatChangeSetMarkdown(cs, { command, link: (_s, l) => `${l.file}#L${l.line + 1}` })
    : formatChangeSetText(cs, { color: env.color, command });
  return { stdout, code: 0 };
}

export const whatIfCommand: Command = { spec: WHAT_IF_SPEC, run: (argv, env) => runWhatIf(whatIfArgs(argv), env) };
