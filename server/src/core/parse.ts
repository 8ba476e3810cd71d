/**
 * Text → UnitFile: the model of one file plus the problems found in it. Never
 * throws; every value keeps its span. Lenient: a badly typed value is reported
 * by the schema and left out of the model, the rest is still used.
 */
import type { Document, Node } from 'yaml';
import { parseYaml } from './document';
import { CONFIDENCES, STATUSES, HORIZONS, QUARTER, ROLLUPS, RESULTS, DATE } from './schema';
import type { Checkin, Item, KeyResult, Objective, Problem, Span, UnitFile, Rice } from './model';
import { parsePeriod } from './period';
import { schemaProblems } from './schema-problems';
import { ignoreComments, lineStarts, positionAt } from './text';
import { entries, pairSpan, refs, scalarBool, scalarList, scalarNumber, scalarOneOf, scalarText, type AnyNode } from './yaml-nodes';
import { isSeq } from 'yaml';

export function parseUnitFile(file: string, text: string): UnitFile {
  const doc = parseYaml(text);
  const starts = lineStarts(text);
  const unit: UnitFile = {
    file, text, contentStart: (doc.contents as AnyNode)?.range?.[0] ?? 0, objectives: [], krs: [], items: [], problems: [],
    syntaxErrors: doc.errors.length > 0, ignores: ignoreComments(text, starts), lineStarts: starts,
  };
  for (const err of doc.errors) {
    const start = Math.min(err.pos[0], text.length);
    const end = Math.min(err.pos[1], text.length);
    const message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    unit.problems.push({ code: 'yaml-syntax', severity: 'error', message: `YAML syntax: ${message}`, file, span: [start, Math.max(end, start)] });
  }
  try {
    readUnit(unit, doc.contents as AnyNode);
    if (!unit.syntaxErrors) unit.problems.push(...schemaProblems(doc, file));
    unit.problems.push(...duplicateKeys(unit, doc));
  } catch (e) {
    // A bug in the reader must not take the cascade down: report it where the user can see it.
    unit.problems.push({ code: 'schema', severity: 'error', message: `This file could not be read: ${(e as Error).message}`, file, span: [0, 0] });
  }
  return unit;
}

function readUnit(u: UnitFile, root: AnyNode): void {
  // The unit id first: entities carry it, wherever `unit:` stands in the file.
  u.unitId = scalarText(entries(root).find((e) => e.key === 'unit')?.value);
  for (const { key, keySpan, value } of entries(root)) {
    switch (key) {
      case 'name': u.name = scalarText(value); break;
      case 'level': u.level = scalarText(value); break;
      case 'parent': u.parent = scalarText(value); break;
      case 'owner': u.owner = scalarText(value); break;
      case 'capacity': u.capacity = scalarNumber(value); break;
      case 'reviewed': u.reviewed = scalarText(value); break;
      case 'private': u.private = scalarBool(value); break;
      case 'private_fields': u.privateFields = scalarList(value); break;
      case 'period': {
        const t = scalarText(value);
        const p = t && parsePeriod((value as { value: unknown }).value);
        if (t && p) u.period = { value: p, span: t.span };
        break;
      }
      case 'objectives': u.objectivesKey = keySpan; readObjectives(u, value); break;
      case 'roadmap': u.roadmapKey = keySpan; u.roadmapSpan = pairSpan(keySpan, value); readItems(u, value); break;
    }
  }
}

const unitIdOf = (u: UnitFile) => u.unitId?.value ?? '';

function readObjectives(u: UnitFile, node: AnyNode): void {
  for (const { key, keySpan, value } of entries(node)) {
    const o: Objective = { kind: 'objective', id: key, unit: unitIdOf(u), file: u.file, keySpan, span: pairSpan(keySpan, value), krs: [] };
    for (const f of entries(value)) {
      if (f.key === 'title') o.title = scalarText(f.value);
      else if (f.key === 'owner') o.owner = scalarText(f.value);
      else if (f.key === 'key_results') o.krs = readKrs(u, key, f.value);
      else if (f.key === 'private') o.private = scalarBool(f.value);
      else if (f.key === 'private_fields') o.privateFields = scalarList(f.value);
    }
    u.objectives.push(o);
    u.krs.push(...o.krs);
  }
}

function readKrs(u: UnitFile, objective: string, node: AnyNode): KeyResult[] {
  return entries(node).map(({ key, keySpan, value }) => {
    const kr: KeyResult = { kind: 'kr', id: key, unit: unitIdOf(u), file: u.file, keySpan, span: pairSpan(keySpan, value), objective, supports: [], checkins: [] };
    for (const f of entries(value)) {
      switch (f.key) {
        case 'title': kr.title = scalarText(f.value); break;
        case 'owner': kr.owner = scalarText(f.value); break;
        case 'baseline': kr.baseline = scalarNumber(f.value); break;
        case 'current': kr.current = scalarNumber(f.value); break;
        case 'unit': kr.metricUnit = scalarText(f.value); break;
        case 'target': kr.target = scalarNumber(f.value); if (!kr.target) kr.targetRaw = scalarText(f.value); break;
        case 'supports': kr.supports = refs(f.value); kr.supportsKey = f.keySpan; break;
        case 'rollup': kr.rollup = scalarOneOf(f.value, ROLLUPS); break;
        case 'checkins': kr.checkins = readCheckins(f.value); break;
        case 'private': kr.private = scalarBool(f.value); break;
        case 'private_fields': kr.privateFields = scalarList(f.value); break;
      }
    }
    return kr;
  });
}

function readItems(u: UnitFile, node: AnyNode): void {
  for (const { key, keySpan, value } of entries(node)) {
    const it: Item = { kind: 'item', id: key, unit: unitIdOf(u), file: u.file, keySpan, span: pairSpan(keySpan, value), supports: [], dependsOn: [] };
    for (const f of entries(value)) {
      switch (f.key) {
        case 'title': it.title = scalarText(f.value); break;
        case 'owner': it.owner = scalarText(f.value); break;
        case 'supports': it.supports = refs(f.value); it.supportsKey = f.keySpan; break;
        case 'depends_on': it.dependsOn = refs(f.value); break;
        case 'hypothesis': {
          const h = scalarText(f.value);
          if (h && h.value.trim()) it.hypothesis = h;
          break;
        }
        case 'horizon': {
          const h = scalarText(f.value);
          if (h && ((HORIZONS as readonly string[]).includes(h.value) || QUARTER.test(h.value))) it.horizon = h;
          break;
        }
        case 'confidence': it.confidence = scalarOneOf(f.value, CONFIDENCES); break;
        case 'status': it.status = scalarOneOf(f.value, STATUSES); break;
        case 'type': it.type = scalarText(f.value); break;
        case 'due': it.due = scalarText(f.value); break;
        case 'effort': it.effort = scalarNumber(f.value); break;
        case 'rice': it.rice = readRice(f.value); break;
        case 'result': it.result = scalarOneOf(f.value, RESULTS); break;
        case 'evidence': it.evidence = scalarText(f.value); break;
        case 'private': it.private = scalarBool(f.value); break;
        case 'private_fields': it.privateFields = scalarList(f.value); break;
      }
    }
    u.items.push(it);
  }
}

/** The valid elements of `checkins:` (a date and a number each); the schema reports the others. */
function readCheckins(node: AnyNode): Checkin[] {
  if (!isSeq(node)) return [];
  const out: Checkin[] = [];
  for (const el of node.items as AnyNode[]) {
    const fields = new Map(entries(el).map((e) => [e.key, e.value]));
    const date = scalarText(fields.get('date'));
    const value = scalarNumber(fields.get('value'));
    if (!date || !DATE.test(date.value) || !value || !el?.range) continue;
    const note = scalarText(fields.get('note'));
    out.push({ date, value, ...(note ? { note } : {}), span: [el.range[0], el.range[1]] });
  }
  return out;
}

function readRice(node: AnyNode): Rice {
  const r: Rice = {};
  for (const f of entries(node)) {
    const n = scalarNumber(f.value)?.value;
    if (n !== undefined && (f.key === 'reach' || f.key === 'impact' || f.key === 'confidence' || f.key === 'effort')) r[f.key] = n;
  }
  return r;
}

/**
 * Ids of objectives, KRs and items share one namespace per unit: an id seen
 * before (in the same map or another) is a duplicate at its later occurrences.
 * Other keys repeated in one map make the YAML invalid.
 */
function duplicateKeys(u: UnitFile, doc: Document.Parsed): Problem[] {
  const out: Problem[] = [];
  const seen = new Map<string, Span>();
  const ids = [...u.objectives, ...u.krs, ...u.items].sort((a, b) => a.keySpan[0] - b.keySpan[0]);
  for (const e of ids) {
    const first = seen.get(e.id);
    if (!first) {
      seen.set(e.id, e.keySpan);
      continue;
    }
    const line = positionAt(u.lineStarts, first[0]).line + 1;
    out.push({
      code: 'duplicate-id', severity: 'error', file: u.file, span: e.keySpan, data: { entity: `${e.unit}/${e.id}` },
      message: `\`${e.id}\` is already defined in this unit (line ${line}); objectives, KRs and roadmap items share one namespace, so rename one of them`,
    });
  }
  const idMaps = new Set<unknown>();
  const collect = (n: unknown) => idMaps.add(n);
  collect(doc.getIn(['objectives'], true));
  collect(doc.getIn(['roadmap'], true));
  for (const o of entries(doc.getIn(['objectives'], true))) collect(doc.getIn(['objectives', o.key, 'key_results'], true));
  walkMaps(doc.contents as Node | null, (map) => {
    if (idMaps.has(map)) return;
    const keys = new Set<string>();
    for (const e of entries(map)) {
      if (keys.has(e.key)) {
        out.push({ code: 'yaml-syntax', severity: 'error', file: u.file, span: e.keySpan, message: `\`${e.key}\` is given twice in this map; YAML keys must be unique, so remove one` });
      }
      keys.add(e.key);
    }
  });
  return out;
}

function walkMaps(node: unknown, visit: (map: unknown) => void, depth = 0): void {
  if (!node || typeof node !== 'object' || depth > 32) return;
  const items = (node as { items?: unknown[] }).items;
  if (!Array.isArray(items)) return;
  if (entries(node).length || items.length === 0) visit(node);
  for (const it of items) {
    const v = it && typeof it === 'object' && 'value' in (it as object) ? (it as { value: unknown }).value : it;
    walkMaps(v, visit, depth + 1);
  }
}
