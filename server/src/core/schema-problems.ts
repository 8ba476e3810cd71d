/** Zod issues → `schema` problems on the exact key or value, with "did you mean" for unknown keys. */
import { isMap, isScalar, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { Problem, Span } from './model';
import { KEYS, unitFileSchema } from './schema';
import { closest } from './text';
import { entries, spanOf } from './yaml-nodes';

type Path = PropertyKey[];

function kindOf(path: Path): { kind: keyof typeof KEYS; label: string } {
  const [top, id, sub, kr, rice] = path;
  if (top === 'objectives' && path.length >= 4 && sub === 'key_results') return { kind: 'kr', label: `key result ${String(kr)}` };
  if (top === 'objectives' && path.length >= 2) return { kind: 'objective', label: `objective ${String(id)}` };
  if (top === 'roadmap' && path.length >= 3 && sub === 'rice') return { kind: 'rice', label: `the rice of ${String(id)}` };
  if (top === 'roadmap' && path.length >= 2) return { kind: 'item', label: `roadmap item ${String(id)}` };
  void rice;
  return { kind: 'unit', label: 'the unit' };
}

function keySpanIn(doc: Document.Parsed, path: Path, key: string): Span | undefined {
  const map = path.length ? doc.getIn(path as unknown[], true) : doc.contents;
  return entries(map).find((e) => e.key === key)?.keySpan;
}

/** Where a finding about the whole file goes when nothing more exact exists. */
function fileStart(doc: Document.Parsed): Span {
  const first = entries(doc.contents)[0];
  return first ? first.keySpan : [0, 0];
}

export function schemaProblems(doc: Document.Parsed, file: string): Problem[] {
  if (!isMap(doc.contents)) {
    const span = spanOf(doc.contents as Node) ?? [0, 0];
    const empty = doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null);
    const message = empty
      ? 'This cascade file is empty: start it with `unit: <id>` and add objectives or a roadmap'
      : 'A cascade file must be a map of keys (unit, objectives, roadmap …), not a single value or a list';
    return [{ code: 'schema', severity: 'error', message, file, span }];
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return [{ code: 'schema', severity: 'error', message: `The file cannot be read as data: ${(e as Error).message}`, file, span: fileStart(doc) }];
  }
  const result = unitFileSchema.safeParse(data);
  if (result.success) return [];
  const out: Problem[] = [];
  for (const issue of result.error.issues) out.push(...issueProblems(doc, file, issue));
  return out;
}

function issueProblems(doc: Document.Parsed, file: string, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path;
  const problem = (span: Span, message: string, data?: Problem['data']): Problem => ({ code: 'schema', severity: 'error', message, file, span, data });
  if (issue.code === 'unrecognized_keys') {
    const { kind, label } = kindOf([...path, '?']);
    return issue.keys.map((key) => {
      const span = keySpanIn(doc, path, key) ?? fileStart(doc);
      const suggestions = closest(key, KEYS[kind]);
      const hint = suggestions.length ? `; did you mean \`${suggestions[0]}\`?` : `; the keys allowed here are ${KEYS[kind].join(', ')}`;
      return problem(span, `Unknown key \`${key}\` in ${label}${hint}`, { key, suggestions });
    });
  }
  if (issue.code === 'invalid_union') {
    // A list with one bad element: point at that element, not the whole list.
    const deep = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
    if (deep) return deep.flatMap((i) => issueProblems(doc, file, { ...i, path: [...path, ...i.path] } as z.core.$ZodIssue));
  }
  if (issue.code === 'invalid_key') {
    const key = String(path[path.length - 1]);
    const span = keySpanIn(doc, path.slice(0, -1), key) ?? fileStart(doc);
    const detail = issue.issues[0]?.message ?? 'invalid id';
    return [problem(span, `\`${key}\` is not a valid id: ${detail}`)];
  }
  const node = path.length ? (doc.getIn(path as unknown[], true) as Node | undefined) : undefined;
  const span = spanOf(node);
  if (span) return [problem(span, issue.message)];
  // The value is missing: a required key (only `unit`).
  const parentKey = path.length > 1 ? keySpanIn(doc, path.slice(0, -2), String(path[path.length - 2])) : undefined;
  const missing = String(path[path.length - 1] ?? '');
  const message = missing === 'unit' ? 'Missing `unit:` — every cascade file names its unit, e.g. `unit: payments`' : `Missing \`${missing}\`: ${issue.message}`;
  return [problem(parentKey ?? fileStart(doc), message)];
}
