/**
 * A fast reader for the simplest YAML entries, the way check-ins write them:
 * one `key: value` per line at one indentation, values that are plain words
 * and numbers, simple quoted strings or a one-line list of plain words. It
 * answers exactly what the YAML parser would (the core schema); anything it
 * is not sure of — a comment after a value, a block scalar, a nested list, an
 * escape, a value that YAML could read as something else — answers
 * `undefined`, and the caller parses. Comparing two versions of an entry
 * then costs no parse in the usual case.
 */
import type { Data } from './data';

const KEY_LINE = /^( *)([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(.*?))?[ ]*$/;
/** Characters a plain scalar cannot start with, or that make YAML read it differently. */
const BAD_START = /^[-?:,[\]{}#&*!|>'"%@`\t ]/;
/** Anything YAML could read as null, a boolean, a number, or not a single plain scalar. */
const CORE = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^-?(?:0|[1-9][0-9]*)$/;
const FLOAT = /^-?(?:0|[1-9][0-9]*)\.[0-9]+$/;

/** A scalar's value, or `undefined` when unsure. */
function scalar(raw: string, inFlow: boolean): unknown {
  const v = raw.trim();
  if (v === '') return inFlow ? undefined : null;
  if (v.startsWith('"')) return /^"[^"\\]*"$/.test(v) && !inFlow ? v.slice(1, -1) : undefined;
  if (v.startsWith("'")) return /^'[^']*'$/.test(v) && !inFlow ? v.slice(1, -1) : undefined;
  if (CORE.test(v)) {
    if (v === 'true' || v === 'false') return v === 'true';
    if (v === 'null' || v === '~') return null;
    if (INT.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
    if (FLOAT.test(v) && v.length < 16) return Number(v);
    return undefined;
  }
  if (BAD_START.test(v) || v.includes(': ') || v.includes(' #') || v.includes('\t') || v.endsWith(':')) return undefined;
  if (inFlow && /[,[\]{}:#'"]/.test(v)) return undefined;
  return v;
}

function value(raw: string): unknown {
  if (raw.startsWith('[')) {
    if (!raw.endsWith(']')) return undefined;
    const inner = raw.slice(1, -1);
    if (!inner.trim()) return [];
    const out: unknown[] = [];
    for (const part of inner.split(',')) {
      const v = scalar(part, true);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  }
  return scalar(raw, false);
}

/**
 * The keys of a block map written one per line at `indent` (lines deeper
 * than that only under a key of `skip`, whose value is not read); blank and
 * comment lines ignored; the first of a repeated key kept.
 */
export function quickMap(lines: readonly string[], indent: number, skip: readonly string[]): Data | undefined {
  const out: Data = {};
  let skipping = false;
  for (const line of lines) {
    if (line.includes('\t')) return undefined;
    const t = line.trimStart();
    if (t === '' || t.startsWith('#')) continue;
    const depth = line.length - t.length;
    if (depth > indent) {
      if (skipping) continue;
      return undefined; // a nested value this reader does not read
    }
    if (depth < indent) return undefined;
    const m = KEY_LINE.exec(line);
    if (!m) return undefined;
    const key = m[2];
    skipping = skip.includes(key);
    if (skipping || key in out) continue;
    if (m[3] === undefined) {
      out[key] = null; // `key:` alone; a nested value below it is caught above
      continue;
    }
    const v = value(m[3]);
    if (v === undefined) return undefined;
    out[key] = v;
  }
  return out;
}

/** An entry `ID:` on its own line, its keys one indentation deeper: the id and its keys, or undefined. */
export function quickEntry(text: string, skip: readonly string[]): { id: string; data: Data } | undefined {
  if (text.includes('\r')) return undefined;
  const lines = text.split('\n');
  const head = /^( *)([A-Za-z0-9_][A-Za-z0-9_.-]*):[ ]*$/.exec(lines[0]);
  if (!head || CORE.test(head[2])) return undefined;
  const body = lines.slice(1);
  const first = body.find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (first === undefined) return { id: head[2], data: {} };
  const indent = first.length - first.trimStart().length;
  if (indent <= head[1].length) return undefined;
  const data = quickMap(body, indent, skip);
  return data && { id: head[2], data };
}
