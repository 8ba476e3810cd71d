/**
 * `okr`: the command-line face of the engine, for CI, hooks and exports.
 * A dispatcher only: each command (flags, help, run) is one file in cli/;
 * adding a command is adding it to COMMAND_TABLE.
 * Exit 0: clean (within the bars); 1: findings over the bar; 2: usage or I/O failure.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { UsageError, type CliEnv, type Command, type Output } from './cli/command';
import { version } from '../../package.json';

/**
 * The commands, in the order help lists them, each loaded when it runs: a
 * `require` (not an import) keeps a command's modules out of the start of
 * every other one (esbuild runs a required module's top level on first use),
 * so `okr diff` does not build the schemas, nor load the libraries, of
 * commands it never runs. `name` is the command's spec name (a test keeps
 * them equal); the help lists the specs, so it loads them all.
 */
export const COMMAND_TABLE: readonly { name: string; load(): Command }[] = [
  { name: 'check', load: () => (require('./cli/check-command') as typeof import('./cli/check-command')).checkCommand },
  { name: 'roadmap', load: () => (require('./cli/roadmap-command') as typeof import('./cli/roadmap-command')).roadmapCommand },
  { name: 'review', load: () => (require('./cli/review') as typeof import('./cli/review')).reviewCommand },
  { name: 'diff', load: () => (require('./cli/diff') as typeof import('./cli/diff')).diffCommand },
  { name: 'what-if', load: () => (require('./cli/what-if') as typeof import('./cli/what-if')).whatIfCommand },
  { name: 'init', load: () => (require('./cli/init-command') as typeof import('./cli/init-command')).initCommand },
];

const NAMES = COMMAND_TABLE.map((c) => c.name);

/** A command's --help (cli/args.ts builds the date checks of the schema at load: only asked for here). */
const renderHelp = (...a: Parameters<typeof import('./cli/args').renderHelp>) => (require('./cli/args') as typeof import('./cli/args')).renderHelp(...a);

function globalHelp(): string {
  const COMMANDS = COMMAND_TABLE.map((c) => c.load());
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

const find = (name: string) => COMMAND_TABLE.find((c) => c.name === name)?.load();

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
  const near = (require('./core/text') as typeof import('./core/text')).closest(name, NAMES, false, 1)[0];
  return new UsageError(`unknown command "${name}"${near ? ` (did you mean ${near}?)` : ''}; the commands are ${NAMES.join(', ')} (see okr --help)`);
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

/**
 * Runs the command line of this process and exits with its code (dist/cli.js
 * calls it, or this bundle run directly). A reader that stops early (`okr diff
 * | head`) closes the pipe: the rest of the output is dropped without a word,
 * as git and other tools do.
 */
export function start(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  void main(process.argv.slice(2), processEnv()).then((out) => {
    process.exitCode = out.code;
    if (out.stdout) process.stdout.write(out.stdout);
    if (out.stderr) process.stderr.write(out.stderr);
  }, (e: unknown) => {
    process.stderr.write(`okr: internal error, please report it: ${(e as Error)?.stack ?? e}\n`);
    process.exitCode = 2;
  });
}

// The same bundle runs the parse workers that share a large cascade's parse (cache/parse-pool.ts).
// (Asked here as parse-pool.ts's isParseWorker does, without loading the parser for a command that parses nothing.)
if (!isMainThread && (workerData as { okrParseWorker?: boolean } | undefined)?.okrParseWorker) (require('./cache/parse-pool') as typeof import('./cache/parse-pool')).runParseWorker();
else if (require.main === module) start();
