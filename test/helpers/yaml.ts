/**
 * Inline cascade files for unit tests, cursor-free: write the YAML as it would
 * sit in a file, indented to match the test code; `yaml` strips the common
 * indentation and the first line break. Findings come back with 0-based
 * line/character ranges (as in LSP and `okr check --format json`), so a test
 * states the exact range, and `textAt` shows which characters it covers.
 */
import { checkAll, type CheckOptions } from '../../server/src/core/check';
import type { Code, ProblemData, Severity, UnitFile } from '../../server/src/core/model';
import { parseUnitFile } from '../../server/src/core/parse';
import { parseDay } from '../../server/src/core/period';
import { lineStarts, positionAt, type LineChar } from '../../server/src/core/text';

export interface Range {
  start: LineChar;
  end: LineChar;
}

export interface TestFinding {
  file: string;
  code: Code;
  severity: Severity;
  message: string;
  range: Range;
  data?: ProblemData;
}

/** Template tag: dedented YAML text ending in one line break. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  let raw = strings.raw.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  raw = raw.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n[ \t]*$/, '');
  const lines = raw.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n') + '\n';
}

/** `{ line, character }` → `{ start, end }` shorthand: `range(3, 8, 3, 11)`. */
export function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

/** The characters a range covers. */
export function textAt(text: string, r: Range): string {
  const starts = lineStarts(text);
  const off = (p: LineChar) => starts[p.line] + p.character;
  return text.slice(off(r.start), off(r.end));
}

export interface CheckTextOptions extends Omit<CheckOptions, 'asOf'> {
  /** YYYY-MM-DD; 2026-11-24 unless given. */
  asOf?: string;
}

/** Parses the given files (name → text) and checks them as one cascade. */
export function checkTexts(files: Record<string, string>, options: CheckTextOptions = {}): TestFinding[] {
  const parsed: UnitFile[] = Object.entries(files).map(([name, text]) => parseUnitFile(name, text));
  const results = checkAll(parsed, { severities: options.severities, asOf: parseDay(options.asOf ?? '2026-11-24') });
  const out: TestFinding[] = [];
  for (const f of parsed) {
    for (const p of results.get(f.file) ?? []) {
      out.push({
        file: p.file, code: p.code, severity: p.severity, message: p.message,
        range: { start: positionAt(f.lineStarts, p.span[0]), end: positionAt(f.lineStarts, p.span[1]) },
        ...(p.data ? { data: p.data } : {}),
      });
    }
  }
  return out;
}

/** Findings of one code only. */
export function only(findings: TestFinding[], code: Code): TestFinding[] {
  return findings.filter((f) => f.code === code);
}

/** `code@line:char-line:char` strings: a compact, exact view for deepEqual. */
export function brief(findings: TestFinding[]): string[] {
  return findings.map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`);
}
