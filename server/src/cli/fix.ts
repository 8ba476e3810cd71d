/**
 * `okr check --fix`: the quick fixes that are not a guess, applied with the
 * editor's own minimal edits (core/fixes) and written back. A fix is applied
 * only when it replaces a misspelling by its single close match: a misspelt
 * key, a reference to a missing id or unit with exactly one suggestion.
 * Fixes that insert a placeholder (a hypothesis template, a target of 100)
 * or pick one of several KRs are left to a person.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Cascade } from '../core/cascade';
import { fixesFor, type Fix } from '../core/fixes';
import type { Code, Problem } from '../core/model';
import { positionAt } from '../core/text';
import { applyEdits, type TextEdit } from '../core/text-edit';
import { UsageError } from './command';
import { displayPath, type Loaded } from './files';
import { reportedFiles } from './findings';

/** The codes whose fixes replace a misspelling by a suggestion. */
const SPELLING: ReadonlySet<Code> = new Set<Code>(['schema', 'broken-link', 'unknown-unit']);
/** Passes over the files: a fix can reveal another (a renamed key, then its value). */
const MAX_PASSES = 5;

/** The one fix of a finding, when there is exactly one and it corrects a spelling. */
export function unambiguousFix(cascade: Cascade, file: string, problem: Problem): Fix | undefined {
  if (!SPELLING.has(problem.code)) return undefined;
  const unit = cascade.file(file);
  if (!unit) return undefined;
  const fixes = fixesFor({ file: unit, index: cascade.index, problem });
  return fixes.length === 1 && fixes[0].edits.length ? fixes[0] : undefined;
}

const overlaps = (a: TextEdit, b: TextEdit) => a.span[0] < b.span[1] && b.span[0] < a.span[1] || a.span[0] === b.span[0];

/**
 * Fixes the reported files of every cascade in place (the cascades are
 * updated, the files written); answers the lines that say what changed.
 */
export function fixCascades(loads: Loaded[], cascades: Cascade[], cwd: string): string {
  const lines: string[] = [];
  let fixed = 0;
  const files = new Set<string>();
  const writes: [file: string, before: string, after: string][] = [];
  loads.forEach((loaded, i) => {
    const cascade = cascades[i];
    const original = new Map<string, string>();
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let changed = false;
      for (const file of reportedFiles(loaded)) {
        const unit = cascade.file(file);
        if (!unit) continue;
        const chosen: { problem: Problem; fix: Fix }[] = [];
        for (const problem of cascade.problems(file)) {
          const fix = unambiguousFix(cascade, file, problem);
          if (!fix || chosen.some((c) => c.fix.edits.some((e) => fix.edits.some((f) => overlaps(e, f))))) continue;
          chosen.push({ problem, fix });
        }
        if (!chosen.length) continue;
        if (!original.has(file)) original.set(file, unit.text);
        for (const { problem, fix } of chosen) {
          const at = positionAt(unit.lineStarts, problem.span[0]);
          lines.push(`okr: fixed ${displayPath(file, cwd)}:${at.line + 1}:${at.character + 1}  ${problem.code}  ${fix.title}`);
        }
        const text = applyEdits(unit.text, chosen.flatMap((c) => c.fix.edits));
        cascade.update(file, text);
        loaded.texts.set(file, text);
        fixed += chosen.length;
        files.add(file);
        changed = true;
      }
      if (!changed) break;
    }
    for (const [file, before] of original) writes.push([file, before, cascade.file(file)!.text]);
  });
  // Every file is checked before any is written: all the fixes, or none.
  for (const [file, before] of writes) unchanged(file, before, cwd);
  for (const [file, , after] of writes) writeFileSync(file, after);
  if (fixed) lines.push(`okr: fixed ${fixed} finding${fixed === 1 ? '' : 's'} in ${files.size} file${files.size === 1 ? '' : 's'}`);
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Refuses to write over a file that changed on disk meanwhile, or holds bytes UTF-8 cannot carry back. */
function unchanged(file: string, before: string, cwd: string): void {
  let onDisk: Buffer | undefined;
  try {
    onDisk = readFileSync(file);
  } catch {
    onDisk = undefined;
  }
  if (!onDisk?.equals(Buffer.from(before, 'utf8'))) {
    throw new UsageError(`--fix: ${displayPath(file, cwd)} changed on disk while it was checked (or is not valid UTF-8); no file was written`);
  }
}
