/**
 * Flags, declared once per command: the declaration parses the command line
 * (a bad flag is a one-line error with a "did you mean", exit 2) and writes
 * the command's `--help`, so the help can never miss an option.
 */
import { parseArgs } from 'node:util';
import { closest } from '../core/text';
import { isValidDate } from '../core/schema';
import { parseDay, type Day } from '../core/period';
import { UsageError } from './command';

export interface OptionSpec {
  /** The long name, without `--`. */
  name: string;
  short?: string;
  /** Takes a value (named by `value` in the help), or is a switch. */
  value?: string;
  multiple?: boolean;
  /** What it does, in plain words (one or two sentences). */
  help: string;
  /** A command line that shows it in use. */
  example: string;
}

export interface CommandSpec {
  name: string;
  /** One line: what the command is for. */
  summary: string;
  usage: string;
  /** Paragraphs shown under the usage line. */
  details: string[];
  options: OptionSpec[];
  /** [command line, what it does]. */
  examples: [string, string][];
  exit?: string[];
}

export const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', help: 'This help.', example: 'okr check --help' };

type Values = Record<string, string | boolean | string[] | undefined>;

/** Parses `argv` against the command's options; an unknown flag gets the closest known one. */
export function parseCommand(spec: CommandSpec, argv: string[]): { values: Values; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const o of [...spec.options, HELP_OPTION]) options[o.name] = { type: o.value ? 'string' : 'boolean', ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (e) {
    const message = (e as Error).message.split('\n')[0];
    const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
    if (unknown) throw new UsageError(`unknown option ${unknown}${didYouMean(unknown, spec)}; see okr ${spec.name} --help`);
    throw new UsageError(`${message.replace(/\. To specify a positional.*$/, '').replace(/^Option '([^' ]+)[^']*'/, '$1')}; see okr ${spec.name} --help`);
  }
}

function didYouMean(flag: string, spec: CommandSpec): string {
  const all = [...spec.options, HELP_OPTION];
  if (/^-[^-]$/.test(flag)) return '';
  const name = flag.replace(/^-+/, '').replace(/=.*$/, '');
  const names = all.map((o) => o.name);
  const best = names.find((n) => name.length >= 3 && n.startsWith(name)) ?? closest(name, names, false, 1)[0];
  return best ? ` (did you mean --${best}?)` : '';
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    const near = closest(value, allowed, false, 1)[0];
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}"${near ? `; did you mean ${near}?` : ''})`);
  }
  return value as T;
}

export function count(flag: string, value: string | undefined, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > max) throw new UsageError(`--${flag} must be a number${max < Infinity ? ` from 0 to ${max}` : ' of 0 or more'} (got "${value}")`);
  return n;
}

export function asOfFlag(value: string | undefined): Day | undefined {
  if (value === undefined) return undefined;
  if (!isValidDate(value)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD (got "${value}")`);
  return parseDay(value);
}

/** `--max-file-size` in MB (decimals allowed) → bytes. */
export function megabytes(flag: string, value: string | undefined): number | undefined {
  const n = count(flag, value);
  if (n === undefined) return undefined;
  if (n === 0) throw new UsageError(`--${flag} must be more than 0 (got "${value}")`);
  return Math.round(n * 1024 * 1024);
}

const wrap = (text: string, width: number, indent: string): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i ? indent + l : l));
};

/** The command's `--help`: usage, details, every option with an example, exit codes, examples. */
export function renderHelp(spec: CommandSpec, version: string): string {
  const out = [`okr ${spec.name} — ${spec.summary} (okr ${version})`, '', `Usage: ${spec.usage}`, ''];
  for (const p of spec.details) out.push(...wrap(p, 78, ''), '');
  out.push('Options:');
  const label = (o: OptionSpec) => `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`;
  const width = Math.max(...spec.options.map((o) => label(o).length)) + 4;
  for (const o of [...spec.options, HELP_OPTION]) {
    const pad = ' '.repeat(width + 2);
    out.push(`  ${label(o).padEnd(width)}${wrap(o.help, 78 - width, pad).join('\n')}`);
    if (o !== HELP_OPTION) out.push(`${pad}e.g. ${o.example}`);
  }
  if (spec.exit?.length) out.push('', 'Exit codes:', ...spec.exit.map((e) => `  ${e}`));
  out.push('', 'Examples:');
  for (const [cmd, what] of spec.examples) out.push(`  # ${what}`, `  ${cmd}`);
  return out.join('\n') + '\n';
}
