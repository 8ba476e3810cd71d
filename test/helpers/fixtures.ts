/**
 * Folder-per-case fixtures for `okr check` (the sveltejs/language-tools pattern).
 *
 * A case folder holds `*.okr.yaml` files, optionally `okr.config.yaml` and
 * `options.json` (`{ "asOf": "2026-11-24", "title": "…" }`), and `expected.json`:
 * the `diagnostics` array that `okr check --format json` prints for that folder,
 * with paths relative to the case folder, sorted by file then position.
 *
 * `UPDATE=1` in the environment (or `--update` on the command line) rewrites the
 * expected files instead of comparing against them. See test/fixtures/check/README.md.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseDay } from '../../server/src/core/period';
import { loadCascade, displayPath } from '../../server/src/cli/files';
import { collectFindings } from '../../server/src/cli/findings';
import type { Finding } from '../../server/src/cli/report';

export const REPO = resolve(__dirname, '../..');
export const DEFAULT_AS_OF = '2026-11-24';

/** True when expected files should be rewritten rather than compared. */
export const UPDATING = /^(1|true|yes)$/i.test(process.env.UPDATE ?? '') || process.argv.includes('--update');

export interface CaseOptions {
  /** "Today" for date rules, YYYY-MM-DD. */
  asOf?: string;
  /** What a user would notice, used as the test title. */
  title?: string;
}

/** Sorts findings by file, then start, then end, then code (the order of expected.json). */
export function sortFindings(findings: Finding[]): Finding[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return findings.slice().sort((a, b) =>
    cmp(a.file, b.file)
    || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    || a.range.end.line - b.range.end.line || a.range.end.character - b.range.end.character
    || cmp(a.code, b.code) || cmp(a.message, b.message));
}

/**
 * The findings of `okr check <dir> --format json`, computed with the engine the
 * CLI runs (same loader, same config lookup, same `toFindings`), with paths
 * relative to `dir`.
 */
export function checkFolder(dir: string, asOf: string = DEFAULT_AS_OF): Finding[] {
  const day = parseDay(asOf);
  if (!day) throw new Error(`bad asOf ${asOf}`);
  // The folder is the cascade (its root), wherever it sits in this repository.
  return sortFindings(collectFindings(loadCascade([dir], { root: dir }), { asOf: day, display: (f) => displayPath(f, dir) }).findings);
}

export function readCaseOptions(dir: string): CaseOptions {
  const file = join(dir, 'options.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CaseOptions) : {};
}

/** Sub-folders of `root` that hold at least one cascade file, sorted by name. */
export function caseFolders(root: string): string[] {
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .filter((name) => readdirSync(join(root, name)).some((f) => /\.okr\.ya?ml$/.test(f)))
    .sort();
}

export function readExpected(file: string): Finding[] | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Finding[]) : undefined;
}

export function writeExpected(file: string, findings: Finding[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(findings, null, 2) + '\n');
}

/**
 * Compares the findings of `dir` with `expectedFile`, or rewrites it when
 * updating. A missing expected file fails with how to create it.
 */
export function assertMatchesExpected(dir: string, expectedFile: string, asOf: string = DEFAULT_AS_OF): Finding[] {
  const actual = checkFolder(dir, asOf);
  if (UPDATING) {
    writeExpected(expectedFile, actual);
    return actual;
  }
  const expected = readExpected(expectedFile);
  assert.ok(expected, `${relative(REPO, expectedFile)} is missing: run the tests with UPDATE=1 to create it, then review it by hand`);
  assert.deepStrictEqual(actual, expected, `findings of ${relative(REPO, dir)} differ from ${relative(REPO, expectedFile)} (UPDATE=1 rewrites it)`);
  return actual;
}

/** `# expect: CODE at line N` annotations of a sample file (1-based lines), as `CODE@N` strings, sorted. */
export function expectAnnotations(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^#\s*expect:\s*([a-z][a-z-]*) at line (\d+)\b/.exec(line);
    if (m) out.push(`${m[1]}@${m[2]}`);
  }
  return out.sort();
}

/** The findings of one file as `CODE@LINE` strings (1-based), sorted, to compare with annotations. */
export function findingLines(findings: Finding[], file: string): string[] {
  return findings.filter((f) => f.file === file).map((f) => `${f.code}@${f.range.start.line + 1}`).sort();
}

export type { Finding };
