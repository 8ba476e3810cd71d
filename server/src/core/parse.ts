/**
 * Text → UnitFile: the model of one file plus the problems found in it. Never
 * throws; every value keeps its span. Lenient: a badly typed value is reported
 * by the schema and left out of the model, the rest is still used.
 *
 * The text is read as YAML 1.2 means it (yaml-tree.ts: aliases, merge keys,
 * tags, keys as written) and within the limits of `okr.config.yaml`
 * (yaml-read.ts). A byte-order mark is not part of the text: positions count
 * from the first character a person sees.
 */
import { DEFAULT_LIMITS, type Limits } from './config';
import type { Checkin, Item, KeyResult, Objective, Problem, Rice, UnitFile } from './model';
import { parsePeriod } from './period';
import { CONFIDENCES, DATE, HORIZONS, QUARTER, RESULTS, ROLLUPS, STATUSES } from './schema';
import { partProblems, schemaProblems } from './schema-problems';
import { ignoreComments, lineStarts, positionAt } from './text';
import { boolOf, listOf, numberOf, oneOf, pairSpan, refsOf, textOf } from './yaml-nodes';
import { readYaml } from './yaml-read';
import { fastRead } from './yaml-fast';
import { uncertainParts } from './yaml-fast-valid';
import { entriesOf, entryOf, readTree, type Tree, type YEntry, type YValue } from './yaml-tree';

export interface ParseOptions {
  /** Size and depth limits (`limits:` of okr.config.yaml); the defaults when absent. */
  limits?: Limits;
  /** Try the fast reader first (yaml-fast.ts); `false` reads every file the full way (the equality tests compare both). */
  fast?: boolean;
}

/** The text without a leading byte-order mark. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseUnitFile(file: string, source: string, options: ParseOptions = {}): UnitFile {
  const text = withoutBom(source);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const starts = lineStarts(text);
  const unitOf = (contentStart: number, syntaxErrors: boolean): UnitFile => ({
    file, text, contentStart, objectives: [], krs: [], items: [], problems: [], syntaxErrors, ignores: ignoreComments(text, starts), lineStarts: starts,
  });
  // Most files are plain block YAML: read them without building a yaml Document (yaml-fast.ts), the same tree or none.
  const fast = options.fast === false ? undefined : fastRead(text, limits);
  if (fast) {
    const unit = unitOf(fast.contentStart, false);
    guarded(unit, () => readChecked(unit, { root: fast.root, problems: [] }, true));
    return unit;
  }
  const read = readYaml(text, limits);
  const unit = unitOf(read.doc?.contents?.range?.[0] ?? 0, read.errors.length > 0);
  for (const e of read.errors) unit.problems.push({ code: 'yaml-syntax', severity: 'error', message: e.message, file, span: e.span });
  if (!read.doc) return unit;
  const doc = read.doc;
  guarded(unit, () => readChecked(unit, readTree(doc, text.length, limits.maxDepth)));
  return unit;
}

function guarded(unit: UnitFile, read: () => void): void {
  try {
    read();
  } catch (e) {
    // A bug in the reader must not take the cascade down: report it where the user can see it.
    unit.problems.push({ code: 'schema', severity: 'error', message: `This file could not be read: ${(e as Error).message}`, file: unit.file, span: [0, 0] });
  }
}

/**
 * The model, the schema's findings and duplicate keys, from the tree. `fast`:
 * the fast reader's tree, where zod checks only the objectives and items
 * the quick check (yaml-fast-valid.ts) cannot vouch for, or none.
 */
function readChecked(unit: UnitFile, tree: Tree, fast = false): void {
  const file = unit.file;
  for (const p of tree.problems) unit.problems.push({ code: p.code, severity: 'error', message: p.message, file, span: p.span });
  readUnit(unit, tree.root);
  // An alias that cannot be read is said once, where it is written, not again as a value of the wrong type.
  const unreadable = new Set(tree.problems.map((p) => `${p.span[0]}:${p.span[1]}`));
  if (!unit.syntaxErrors) {
    // A fast tree: zod only for what the quick check cannot vouch for (often nothing, or one item).
    const parts = fast ? uncertainParts(tree.root) : undefined;
    const found = !parts ? schemaProblems(tree.root, file) : parts.objectives.length || parts.items.length ? partProblems(tree.root!, file, parts) : [];
    for (const p of found) if (!unreadable.has(`${p.span[0]}:${p.span[1]}`)) unit.problems.push(p);
  }
  for (const p of duplicateKeys(unit, tree.root)) unit.problems.push(p);
}

function readUnit(u: UnitFile, root: YValue | null): void {
  // The unit id first: entities carry it, wherever `unit:` stands in the file.
  u.unitId = textOf(entryOf(root, 'unit')?.value);
  for (const { key, keySpan, value } of entriesOf(root)) {
    switch (key) {
      case 'name': u.name = textOf(value); break;
      case 'level': u.level = textOf(value); break;
      case 'parent': u.parent = textOf(value); break;
      case 'owner': u.owner = textOf(value); break;
      case 'capacity': u.capacity = numberOf(value); break;
      case 'reviewed': u.reviewed = textOf(value); break;
      case 'private': u.private = boolOf(value); break;
      case 'private_fields': u.privateFields = listOf(value); break;
      case 'period': {
        const t = textOf(value);
        const p = t && value?.kind === 'scalar' ? parsePeriod(value.value) : undefined;
        u.period = t && p ? { value: p, span: t.span } : undefined;
        break;
      }
      case 'objectives': u.objectivesKey = keySpan; readObjectives(u, value); break;
      case 'roadmap': u.roadmapKey = keySpan; u.roadmapSpan = pairSpan(keySpan, value); readItems(u, value); break;
    }
  }
}

const unitIdOf = (u: UnitFile) => u.unitId?.value ?? '';

function readObjectives(u: UnitFile, node: YValue | null): void {
  u.objectives = [];
  u.krs = [];
  for (const { key, keySpan, value } of entriesOf(node)) {
    const o: Objective = { kind: 'objective', id: key, unit: unitIdOf(u), file: u.file, keySpan, span: pairSpan(keySpan, value), krs: [] };
    for (const f of entriesOf(value)) {
      if (f.key === 'title') o.title = textOf(f.value);
      else if (f.key === 'owner') o.owner = textOf(f.value);
      else if (f.key === 'key_results') o.krs = readKrs(u, key, f.value);
      else if (f.key === 'private') o.private = boolOf(f.value);
      else if (f.key === 'private_fields') o.privateFields = listOf(f.value);
    }
    u.objectives.push(o);
    for (const kr of o.krs) u.krs.push(kr);
  }
}

function readKrs(u: UnitFile, objective: string, node: YValue | null): KeyResult[] {
  return entriesOf(node).map(({ key, keySpan, value }) => {
    const kr: KeyResult = { kind: 'kr', id: key, unit: unitIdOf(u), file: u.file, keySpan, span: pairSpan(keySpan, value), objective, supports: [], checkins: [] };
    for (const f of entriesOf(value)) {
      switch (f.key) {
        case 'title': kr.title = textOf(f.value); break;
        case 'owner': kr.owner = textOf(f.value); break;
        case 'baseline': kr.baseline = numberOf(f.value); break;
        case 'current': kr.current = numberOf(f.value); break;
        case 'unit': kr.metricUnit = textOf(f.value); break;
        case 'target': kr.target = numberOf(f.value); kr.targetRaw = kr.target ? undefined : textOf(f.value); break;
        case 'supports': kr.supports = refsOf(f.value); kr.supportsKey = f.keySpan; break;
        case 'rollup': kr.rollup = oneOf(f.value, ROLLUPS); break;
        case 'checkins': kr.checkins = readCheckins(f.value); break;
        case 'private': kr.private = boolOf(f.value); break;
        case 'private_fields': kr.privateFields = listOf(f.value); break;
      }
    }
    return kr;
  });
}

function readItems(u: UnitFile, node: YValue | null): void {
  u.items = [];
  for (const { key, keySpan, value } of entriesOf(node)) {
    const it: Item = { kind: 'item', id: key, unit: unitIdOf(u), file: u.file, keySpan, span: pairSpan(keySpan, value), supports: [], dependsOn: [] };
    for (const f of entriesOf(value)) {
      switch (f.key) {
        case 'title': it.title = textOf(f.value); break;
        case 'owner': it.owner = textOf(f.value); break;
        case 'supports': it.supports = refsOf(f.value); it.supportsKey = f.keySpan; break;
        case 'depends_on': it.dependsOn = refsOf(f.value); break;
        case 'hypothesis': {
          const h = textOf(f.value);
          it.hypothesis = h && h.value.trim() ? h : undefined;
          break;
        }
        case 'horizon': {
          const h = textOf(f.value);
          it.horizon = h && ((HORIZONS as readonly string[]).includes(h.value) || QUARTER.test(h.value)) ? h : undefined;
          break;
        }
        case 'confidence': it.confidence = oneOf(f.value, CONFIDENCES); break;
        case 'status': it.status = oneOf(f.value, STATUSES); break;
        case 'type': it.type = textOf(f.value); break;
        case 'due': it.due = textOf(f.value); break;
        case 'effort': it.effort = numberOf(f.value); break;
        case 'rice': it.rice = readRice(f.value); break;
        case 'result': it.result = oneOf(f.value, RESULTS); break;
        case 'evidence': it.evidence = textOf(f.value); break;
        case 'private': it.private = boolOf(f.value); break;
        case 'private_fields': it.privateFields = listOf(f.value); break;
      }
    }
    u.items.push(it);
  }
}

/** The valid elements of `checkins:` (a date and a number each); the schema reports the others. */
function readCheckins(node: YValue | null): Checkin[] {
  if (node?.kind !== 'seq') return [];
  const out: Checkin[] = [];
  for (const el of node.items) {
    const date = textOf(entryOf(el, 'date')?.value);
    const value = numberOf(entryOf(el, 'value')?.value);
    if (!el || !date || !DATE.test(date.value) || !value) continue;
    const note = textOf(entryOf(el, 'note')?.value);
    out.push({ date, value, ...(note ? { note } : {}), span: el.span });
  }
  return out;
}

function readRice(node: YValue | null): Rice {
  const r: Rice = {};
  for (const f of entriesOf(node)) {
    const n = numberOf(f.value)?.value;
    if (n !== undefined && (f.key === 'reach' || f.key === 'impact' || f.key === 'confidence' || f.key === 'effort')) r[f.key] = n;
  }
  return r;
}

/**
 * Ids of objectives, KRs and items share one namespace per unit: an id seen
 * before (in the same map or another) is a duplicate at its later occurrences.
 * Other keys given twice in one map (written there, not merged in) are a
 * `yaml-syntax` finding at the later one; the later value is the one read.
 */
function duplicateKeys(u: UnitFile, root: YValue | null): Problem[] {
  const out: Problem[] = [];
  if (idsRepeated(u)) {
    const seen = new Map<string, number>();
    const ids = [...u.objectives, ...u.krs, ...u.items].sort((a, b) => a.keySpan[0] - b.keySpan[0]);
    for (const e of ids) {
      const first = seen.get(e.id);
      if (first === undefined) {
        seen.set(e.id, e.keySpan[0]);
        continue;
      }
      const line = positionAt(u.lineStarts, first).line + 1;
      out.push({
        code: 'duplicate-id', severity: 'error', file: u.file, span: e.keySpan, data: { entity: `${e.unit}/${e.id}` },
        message: `\`${e.id}\` is already defined in this unit (line ${line}); objectives, KRs and roadmap items share one namespace, so rename one of them`,
      });
    }
  }
  const objectives = entryOf(root, 'objectives')?.value;
  const roadmap = entryOf(root, 'roadmap')?.value;
  const krMaps = new Set<YValue | null | undefined>();
  for (const o of entriesOf(objectives)) krMaps.add(entryOf(o.value, 'key_results')?.value);
  // Every map written in the file (not one repeated through an alias), walked with an explicit stack.
  const stack: (YValue | null)[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (!v || v.via) continue;
    if (v.kind === 'seq') {
      for (const i of v.items) stack.push(i);
      continue;
    }
    if (v.kind !== 'map') continue;
    const entries = v.entries;
    // Maps of ids, and maps without a key written twice (nearly all): their values only, no set of keys.
    if (v === objectives || v === roadmap || krMaps.has(v) || !keyRepeated(entries)) {
      for (const e of entries) stack.push(e.value);
      continue;
    }
    const keys = new Set<string>();
    for (const e of entries) {
      stack.push(e.value);
      if (e.merged) continue;
      if (keys.has(e.key)) {
        out.push({ code: 'yaml-syntax', severity: 'error', file: u.file, span: e.keySpan, message: `\`${e.key}\` is given twice in this map: the later one is read, but YAML keys must be unique, so remove one` });
      }
      keys.add(e.key);
    }
  }
  return out;
}

/** True when two objectives, KRs or items of the unit have the same id. */
function idsRepeated(u: UnitFile): boolean {
  const ids = new Set<string>();
  for (const list of [u.objectives, u.krs, u.items]) {
    for (const e of list) {
      if (ids.has(e.id)) return true;
      ids.add(e.id);
    }
  }
  return false;
}

/** True when a key is written twice among a map's entries that are not merged in (a scan for small maps, a set past them). */
function keyRepeated(entries: readonly YEntry[]): boolean {
  if (entries.length > 12) {
    const keys = new Set<string>();
    for (const e of entries) {
      if (e.merged) continue;
      if (keys.has(e.key)) return true;
      keys.add(e.key);
    }
    return false;
  }
  for (let i = 1; i < entries.length; i++) {
    if (entries[i].merged) continue;
    for (let j = 0; j < i; j++) if (!entries[j].merged && entries[i].key === entries[j].key) return true;
  }
  return false;
}
