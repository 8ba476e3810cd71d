/**
 * `okr check|roadmap`: the command-line face of the engine, for CI and exports.
 * Exit 0: clean (within the bars); 1: findings over the bar; 2: usage or I/O failure.
 */
import { writeFileSync } from 'node:fs';
import { checkArgs, roadmapArgs } from './cli/args';
import { runCheck, type Output } from './cli/check-command';
import { UsageError } from './cli/files';
import { runRoadmap } from './cli/roadmap-command';
import { version } from '../../package.json';

const HELP = `okr ${version} — OKRs and roadmap as code

Usage:
  okr check [PATH...] [--format text|json|sarif] [--max-warnings N] [--min-coverage PCT] [--as-of YYYY-MM-DD]
  okr roadmap [PATH...] [--unit ID] [--view themes|quarters|horizons|tech|portfolio|trace]
              [--format html|md|mermaid|csv|json] [--as-of YYYY-MM-DD] [--out FILE]

PATH is a file or a folder searched for *.okr.yaml / *.okr.yml (default: the current folder).
An okr.config.yaml in the first folder sets rule severities (rules: { CODE: error|warning|info|hint|off }).

check    exit 0: no errors (and warnings within --max-warnings, coverage at least --min-coverage);
         1: findings over the bar; 2: usage or I/O failure.
roadmap  the roadmap generated from the cascade (default view quarters, format md, or from --out's extension).

Options:
  --as-of DATE      "today" for date rules and the roadmap's now/next, so results are reproducible
  --no-cache        parse every file; by default parsed files are cached in node_modules/.cache/okr
                    (or $OKR_CACHE_DIR, or ~/.cache/okr-cascade) so the next run parses only changes
  -h, --help        this help
  -v, --version     the version
`;

export function main(argv: string[], env = { color: false }): Output {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '-h' || command === '--help' || command === 'help') return { stdout: HELP, code: command ? 0 : 2 };
    if (command === '-v' || command === '--version') return { stdout: `${version}\n`, code: 0 };
    if (rest.includes('-h') || rest.includes('--help')) return { stdout: HELP, code: 0 };
    if (command === 'check') return runCheck(checkArgs(rest), { color: env.color, version });
    if (command === 'roadmap') {
      const args = roadmapArgs(rest);
      const out = runRoadmap(args);
      if (args.out && out.code === 0) {
        writeFileSync(args.out, out.stdout);
        return { stdout: '', stderr: `${out.stderr ?? ''}wrote ${args.out}\n`, code: 0 };
      }
      return out;
    }
    throw new UsageError(`unknown command "${command}" (expected check or roadmap; see okr --help)`);
  } catch (e) {
    if (e instanceof UsageError) return { stdout: '', stderr: `okr: ${e.message}\n`, code: 2 };
    const err = e as NodeJS.ErrnoException;
    if (err.code && err.syscall) return { stdout: '', stderr: `okr: ${err.message}\n`, code: 2 };
    throw e;
  }
}

if (require.main === module) {
  const color = !!process.stdout.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  const out = main(process.argv.slice(2), { color });
  if (out.stdout) process.stdout.write(out.stdout);
  if (out.stderr) process.stderr.write(out.stderr);
  process.exitCode = out.code;
}
