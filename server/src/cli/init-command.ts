/** `okr init [DIR]`: a linked company / product / team trio that checks clean, from the editor's own templates. */
import { lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseUnitFile } from '../core/parse';
import { formatDay, today } from '../core/period';
import { scaffoldCascade } from '../core/scaffold';
import { locate } from '../files/discover';
import { readTextSync } from '../files/read';
import { findCascadeFilesSync } from '../files/walk';
import { asOfFlag, parseCommand, type CommandSpec } from './args';
import { UsageError, type CliEnv, type Command, type Output } from './command';
import { displayPath } from './files';

export const INIT_SPEC: CommandSpec = {
  name: 'init',
  summary: 'start a cascade: a company, a product and a team, linked KR to KR',
  usage: 'okr init [DIR] [options]',
  details: [
    'Writes three files into DIR (default: the current folder; created if missing): <company>.okr.yaml, <company>-app.okr.yaml and teams/<company>-growth.okr.yaml, the same files as the editor\'s "OKR: New Cascade…" command. Each KR supports the one above it and each item has a hypothesis, so the new cascade checks clean. Unit ids already used in the cascade around DIR are avoided.',
    'Nothing is ever overwritten: when one of the files already exists, nothing is written.',
  ],
  options: [
    { name: 'name', value: 'NAME', help: 'The company\'s display name (default Acme); the unit ids are made from it (Acme Pay → acme-pay).', example: 'okr init okrs --name "Acme Pay"' },
    { name: 'as-of', value: 'DATE', help: 'The date written as `reviewed:` (YYYY-MM-DD, default today); the period is its year and, for the team, its quarter.', example: 'okr init --as-of 2026-07-01' },
  ],
  exit: ['0  the files were written', '2  a bad command line, a file already there, or a folder that cannot be written'],
  examples: [
    ['okr init okrs', 'start a cascade in ./okrs, then: okr check okrs'],
    ['okr init --name "Acme Pay"', 'in the current folder, for a company named Acme Pay'],
  ],
};

const LEVELS = ['company', 'product', 'team'];

const exists = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/** Unit ids already declared in the cascade around `dir`, so the new ones do not clash. */
function unitsAround(dir: string): Set<string> {
  const out = new Set<string>();
  for (const f of findCascadeFilesSync(locate(dir).root).files) {
    const r = readTextSync(f.path);
    const unit = r.ok ? parseUnitFile(f.path, r.text).unitId?.value : undefined;
    if (unit) out.add(unit);
  }
  return out;
}

async function run(argv: string[], env: CliEnv): Promise<Output> {
  const { values, positionals } = parseCommand(INIT_SPEC, argv);
  if (positionals.length > 1) throw new UsageError('give one folder (okr init [DIR])');
  const name = values.name as string | undefined;
  if (name !== undefined && !/[\p{L}\p{N}]/u.test(name)) throw new UsageError('--name must contain a letter or a digit');
  const day = asOfFlag(values['as-of'] as string | undefined) ?? today();
  const dir = resolve(env.cwd, positionals[0] ?? '.');
  const files = scaffoldCascade({ company: name ?? 'Acme', today: formatDay(day), taken: unitsAround(dir) });
  const paths = files.map((f) => join(dir, f.path));
  const show = (p: string) => displayPath(p, env.cwd);
  const existing = paths.filter(exists);
  if (existing.length) throw new UsageError(`${existing.map(show).join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written (pick another folder or --name)`);
  try {
    for (let i = 0; i < files.length; i++) {
      mkdirSync(dirname(paths[i]), { recursive: true });
      writeFileSync(paths[i], files[i].text, { flag: 'wx' });
    }
  } catch (e) {
    throw new UsageError(`cannot write ${(e as NodeJS.ErrnoException).path ? show((e as NodeJS.ErrnoException).path!) : dir}: ${(e as Error).message.replace(/^[A-Z]+: /, '').replace(/, open .*$/, '')}`);
  }
  const width = Math.max(...paths.map((p) => show(p).length)) + 2;
  const lines = files.map((f, i) => `  ${show(paths[i]).padEnd(width)}${LEVELS[i].padEnd(9)}unit: ${f.unit}`);
  const where = show(dir);
  return {
    stdout: `Created a cascade in ${where}:\n${lines.join('\n')}\nNext: okr check ${where}   ·   okr roadmap ${where} --unit ${files[1].unit} --view horizons\n`,
    code: 0,
  };
}

export const initCommand: Command = { spec: INIT_SPEC, run };
