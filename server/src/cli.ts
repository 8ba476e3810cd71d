/**
 * `okr`: the command-line face of the engine, for CI, hooks and exports.
 * A dispatcher only: each command (flags, help, run) is one file in cli/;
 * adding a command is adding it to COMMANDS.
 * Exit 0: clean (within the bars); 1: findings over the bar; 2: usage or I/O failure.
 */
import { isParseWorker, runParseWorker } from './cache/parse-pool';
import { renderHelp } from './cli/args';
import { checkCommand } from './cli/check-command';
import { diffCommand } from './cli/diff';
import { UsageError, type CliEnv, type Command, type Output } from './cli/command';
import { initCommand } from './cli/init-command';
import { roadmapCommand } from './cli/roadmap-command';
import { reviewCommand } from './cli/review';
import { whatIfCommand } from './cli/what-if';
import { closest } from './core/text';
import { version } from '../../package.json';

export const COMMANDS: readonly Command[] = [checkCommand, roadmapCommand, reviewCommand, diffCommand, whatIfCommand, initCommand];

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length)) + 3;
  return `okr ${version} — OKRs and roadmap as code

Usage: okr COMMAND [PATH...] [options]

Commands:
${COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}${c.spec.summary}`).join('\n')}

Run okr COMMAND --help for a command's options, with an example each.

Options:
  -h, --help       this help (okr help COMMAND: that command's)
  -v, --version    the version

Environment:
  NO_COLOR=1         no colour, whatever else is set
  FORCE_COLOR=1      colour even when the output is not a terminal (FORCE_COLOR=0: none)
  GITHUB_ACTIONS     when "true", okr check prints GitHub annotations unless --format is given

Examples:
  # start a cascade in ./okrs, check it, then write its roadmap as Markdown
  okr init okrs
  okr check okrs
  okr roadmap okrs --view horizons --out roadmap.md
`;
}

const find = (name: string) => COMMANDS.find((c) => c.spec.name === name);

/** Flags before a `--` terminator. */
const flags = (argv: string[]) => argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);

export async function main(argv: string[], env: CliEnv): Promise<Output> {
  const [name, ...rest] = argv;
  try {
    if (!name) return { stdout: globalHelp(), code: 2 };
    if (name === '-h' || name === '--help') return { stdout: globalHelp(), code: 0 };
    if (name === 'help') {
      const topic = rest[0] && find(rest[0]);
      if (rest[0] && !topic) throw unknownCommand(rest[0]);
      return { stdout: topic ? renderHelp(topic.spec, version) : globalHelp(), code: 0 };
    }
    if (name === '-v' || name === '--version') return { stdout: `${version}\n`, code: 0 };
    const command = find(name);
    if (!command) throw name.startsWith('-') ? new UsageError(`unknown option ${name}; see okr --help`) : unknownCommand(name);
    if (flags(rest).some((a) => a === '-h' || a === '--help')) return { stdout: renderHelp(command.spec, version), code: 0 };
    return await command.run(rest, env);
  } catch (e) {
    if (e instanceof UsageError) return { stdout: '', stderr: `okr: ${e.message}\n`, code: 2 };
    const err = e as NodeJS.ErrnoException;
    if (err.code && err.syscall) return { stdout: '', stderr: `okr: ${err.message}\n`, code: 2 };
    throw e;
  }
}

function unknownCommand(name: string): UsageError {
  const near = closest(name, COMMANDS.map((c) => c.spec.name), false, 1)[0];
  return new UsageError(`unknown command "${name}"${near ? ` (did you mean ${near}?)` : ''}; the commands are ${COMMANDS.map((c) => c.spec.name).join(', ')} (see okr --help)`);
}

/** Colour: NO_COLOR (set, not empty) wins; then FORCE_COLOR (0 or false: off); then a terminal that is not dumb. */
export function useColor(vars: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (vars.NO_COLOR) return false;
  if (vars.FORCE_COLOR !== undefined) return vars.FORCE_COLOR !== '0' && vars.FORCE_COLOR !== 'false';
  return isTTY && vars.TERM !== 'dumb';
}

function processEnv(): CliEnv {
  return {
    cwd: process.cwd(),
    vars: process.env,
    color: useColor(process.env, !!process.stdout.isTTY),
    version,
    get stdin() {
      return process.stdin; // made on first use: a stream costs a few ms to set up
    },
    workerEntry: __filename,
    write: (t) => void process.stdout.write(t),
    writeError: (t) => void process.stderr.write(t),
    // Installed only when a command waits for it (--watch): elsewhere Ctrl+C stops at once.
    untilStopped: () => new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    }),
  };
}

// The same bundle runs the parse workers that share a large cascade's parse (cache/parse-pool.ts).
if (isParseWorker()) runParseWorker();
else if (require.main === module) {
  void main(process.argv.slice(2), processEnv()).then((out) => {
    if (out.stdout) process.stdout.write(out.stdout);
    if (out.stderr) process.stderr.write(out.stderr);
    process.exitCode = out.code;
  }, (e: unknown) => {
    process.stderr.write(`okr: internal error, please report it: ${(e as Error)?.stack ?? e}\n`);
    process.exitCode = 2;
  });
}
