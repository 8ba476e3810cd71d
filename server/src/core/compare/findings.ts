/**
 * Findings introduced and resolved. A finding is the same on both sides when
 * its code, its entity (followed through renames and moves) and its message
 * without positions are: one that only shifted lines is neither introduced
 * nor resolved. Files whose text and findings are the same on both sides
 * are skipped whole.
 */
import { entityKey, type Problem, type UnitFile } from '../model';
import { positionAt } from '../text';
import type { Matching } from './match';
import type { Plan } from './plan';
import type { PlanFinding } from './types';

export interface FindingDiff {
  introduced: PlanFinding[];
  resolved: PlanFinding[];
}

export function compareFindings(base: Plan, head: Plan, m: Matching): FindingDiff {
  const headFiles = new Map(head.files.map((f) => [f.file, f]));
  const baseFiles = new Map(base.files.map((f) => [f.file, f]));
  const pending = new Map<string, { problem: Problem; file: UnitFile }[]>();
  for (const f of base.files) {
    const h = headFiles.get(f.file);
    if (h && (h === f || h.text === f.text) && sameProblems(base.findings(f.file), head.findings(f.file))) continue;
    for (const p of base.findings(f.file)) {
      const key = findingKey(p, f, m);
      (pending.get(key) ?? pending.set(key, []).get(key)!).push({ problem: p, file: f });
    }
  }
  const introduced: PlanFinding[] = [];
  for (const f of head.files) {
    const b = baseFiles.get(f.file);
    if (b && (b === f || b.text === f.text) && sameProblems(base.findings(f.file), head.findings(f.file))) continue;
    for (const p of head.findings(f.file)) {
      const list = pending.get(findingKey(p, f));
      if (list?.length) list.shift();
      else introduced.push(located(head, f, p));
    }
  }
  const resolved: PlanFinding[] = [];
  for (const list of pending.values()) for (const { problem, file } of list) resolved.push(located(base, file, problem));
  return { introduced: introduced.sort(byPlace), resolved: resolved.sort(byPlace) };
}

/**
 * `code`, the entity (on the newer side's names) and the message with line
 * numbers taken out; with `m`, an older side's finding is named as the newer
 * side names its entity (a renamed KR's findings are the same findings).
 */
export function findingKey(p: Problem, file: UnitFile, m?: Matching): string {
  let entity = entityOf(p, file);
  let message = p.message;
  if (m) {
    const slash = entity.indexOf('/');
    const mapped = slash < 0 ? m.unitMap.get(entity) : m.entityMap.get(entity);
    if (mapped && mapped !== entity) {
      message = renamedIn(message, entity, mapped);
      entity = mapped;
    }
  }
  return `${p.code}\n${entity}\n${withoutPositions(message)}`;
}

/** The entity a finding is about: the one it names, else the innermost entry holding it, else its unit (else its file). */
function entityOf(p: Problem, file: UnitFile): string {
  if (p.data?.entity) return p.data.entity;
  let best: { key: string; size: number } | undefined;
  for (const e of [...file.objectives, ...file.krs, ...file.items]) {
    const [s, end] = [e.keySpan[0], e.span[1]];
    if (p.span[0] < s || p.span[0] > end) continue;
    if (!best || end - s < best.size) best = { key: entityKey(e.unit, e.id), size: end - s };
  }
  return best?.key ?? file.unitId?.value ?? `file:${file.file}`;
}

/** Backquoted `id` and `unit/id` of the older name, written with the newer one. */
function renamedIn(message: string, from: string, to: string): string {
  const id = (k: string) => k.slice(k.indexOf('/') + 1);
  let out = message.split(`\`${from}\``).join(`\`${to}\``);
  if (from.includes('/')) out = out.split(`\`${id(from)}\``).join(`\`${id(to)}\``);
  return out;
}

export function withoutPositions(message: string): string {
  return message.replace(/\blines? \d+(?:\s*[-–]\s*\d+)?/g, 'line').replace(/:\d+:\d+\b/g, '');
}

function sameProblems(a: readonly Problem[], b: readonly Problem[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => x.code === b[i].code && x.message === b[i].message && x.severity === b[i].severity && x.span[0] === b[i].span[0] && x.span[1] === b[i].span[1]);
}

export function located(plan: Plan, file: UnitFile, p: Problem): PlanFinding {
  return {
    file: plan.display(p.file),
    range: { start: positionAt(file.lineStarts, p.span[0]), end: positionAt(file.lineStarts, p.span[1]) },
    severity: p.severity,
    code: p.code,
    message: p.message,
  };
}

export function byPlace(a: PlanFinding, b: PlanFinding): number {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return cmp(a.file, b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    || a.range.end.line - b.range.end.line || a.range.end.character - b.range.end.character || cmp(a.code, b.code) || cmp(a.message, b.message);
}
