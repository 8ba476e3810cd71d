/**
 * `okr what-if [PATH…] (--cut REF | --drop ITEM | --move ITEM=HORIZON)… [--as-of DATE]
 *  [--format text|md|json]`: the cascade compared with itself after
 * hypothetical edits, made in memory in the order given (nothing is
 * written). Exit 0; 2 on a usage failure or an edit that cannot be made.
 */
import { parseArgs } from 'node:util';
import { compare, planOf } from '../core/compare/index';
import { formatChangeSetMarkdown } from '../core/compare/markdown';
import { formatChangeSetText } from '../core/compare/text';
import { applyWhatIf, editedFiles, type WhatIfEdit } from '../core/compare/what-if';
import { today, type Day } from '../core/period';
import type { Output } from './check-command';
import { asOfOf, formatOf, type CliEnv, type DiffFormat } from './diff';
import { displayPath, loadCascade, UsageError } from './files';

export interface WhatIfArgs {
  paths: string[];
  edits: WhatIfEdit[];
  asOf?: Day;
  format: DiffFormat;
}

export function whatIfArgs(argv: string[]): WhatIfArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true, tokens: true,
      options: { cut: { type: 'string', multiple: true }, drop: { type: 'string', multiple: true }, move: { type: 'string', multiple: true }, format: { type: 'string' }, 'as-of': { type: 'string' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0].replace(/\. To specify a positional.*$/, ''));
  }
  const edits: WhatIfEdit[] = [];
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== 'option' || !['cut', 'drop', 'move'].includes(t.name)) continue;
    const value = String(t.value ?? '');
    if (t.name === 'move') {
      const eq = value.lastIndexOf('=');
      if (eq <= 0 || eq === value.length - 1) throw new UsageError(`--move takes ITEM=HORIZON, e.g. --move checkout/pix-brazil=next (got "${value}")`);
      edits.push({ op: 'move', ref: value.slice(0, eq), horizon: value.slice(eq + 1) });
    } else edits.push({ op: t.name as 'cut' | 'drop', ref: value });
  }
  if (!edits.length) throw new UsageError('what-if needs at least one edit: --cut REF, --drop ITEM or --move ITEM=HORIZON');
  return { paths: parsed.positionals, edits, asOf: asOfOf(parsed.values['as-of']), format: formatOf(parsed.values.format) };
}

export function runWhatIf(args: WhatIfArgs, env: CliEnv): Output {
  const cwd = env.cwd ?? process.cwd();
  const loaded = loadCascade(args.paths, cwd);
  const asOf = args.asOf ?? today();
  const display = (f: string) => displayPath(f, cwd);
  const severities = loaded.config?.config.severities;
  const base = planOf(loaded.files.map((f) => [f.file, f] as const), { asOf, severities, label: { rev: 'working tree' }, display });
  const made = applyWhatIf(base.index, args.edits);
  if ('error' in made) throw new UsageError(made.error);
  const head = planOf(editedFiles(base.files, made.texts), { asOf, severities, label: { rev: 'what-if', edits: made.labels }, display });
  const cs = compare(base, head, { asOf });
  const command = 'okr what-if';
  const stdout =
    args.format === 'json' ? JSON.stringify(cs, null, 2) + '\n'
    : args.format === 'md' ? formatChangeSetMarkdown(cs, { command, link: (_s, l) => `${l.file}#L${l.line + 1}` })
    : formatChangeSetText(cs, { color: env.color, command });
  return { stdout, code: 0 };
}
