/**
 * Random edits of cascade files for property tests (fast-check): typing and
 * deleting YAML fragments (anchors, aliases, merge keys, brackets, quotes,
 * tabs, a BOM, CRLF), structural edits, and edits that only move line breaks
 * (joining two comment lines keeps every offset and shifts every line below).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCascade } from './generate-cascade';

export const FRAGMENTS = [
  '\n', '\r\n', '  ', ': ', '- ', '[', ']', '{', '}', ', ', '"', "'", '# ', '\t', '\uFEFF', '? ', '---\n',
  'KR1', 'KR9', 'acme/KR1', 'checkout/KR2', 'supports: KR1', 'supports: [KR1, KR2]', 'depends_on: [a]', 'horizon: now',
  '&a ', '*a', '<<: *a', 'x: &a { title: A, supports: KR1 }\n', 'y: *a\n', '  z:\n    <<: *a\n', '!!float ', '!!str ', '1.10',
  'title: Fix: it', 'hypothesis: We believe it because users ask', 'parent: acme', 'unit: acme', 'because', '*missing',
];

export type Edit =
  | { kind: 'type'; file: number; at: number; text: string }
  | { kind: 'delete'; file: number; at: number; length: number }
  | { kind: 'join-comment'; file: number; nth: number }
  | { kind: 'split-comment'; file: number; nth: number }
  | { kind: 'blank-line'; file: number; nth: number }
  | { kind: 'line-ends'; file: number; crlf: boolean };

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('type' as const), file: fc.nat(), at: fc.nat(), text: fc.constantFrom(...FRAGMENTS) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), file: fc.nat(), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('join-comment' as const), file: fc.nat(), nth: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('split-comment' as const), file: fc.nat(), nth: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('blank-line' as const), file: fc.nat(), nth: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('line-ends' as const), file: fc.nat(), crlf: fc.boolean() }) },
);

/** The offsets of every match of `re` in `text`. */
function positions(text: string, re: RegExp): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(re)) out.push(m.index!);
  return out;
}

/** Applies one edit to its file (chosen modulo the file count); answers the file and its new text. */
export function applyEdit(files: [string, string][], e: Edit): [string, string] {
  const [name, text] = files[e.file % files.length];
  const pick = (list: number[], n: number) => (list.length ? list[n % list.length] : undefined);
  switch (e.kind) {
    case 'type': {
      const at = e.at % (text.length + 1);
      return [name, text.slice(0, at) + e.text + text.slice(at)];
    }
    case 'delete': {
      const at = e.at % (text.length + 1);
      return [name, text.slice(0, at) + text.slice(at + e.length)];
    }
    case 'join-comment': {
      // `# a\n# b` → `# a # b`: same length, one line less below.
      const at = pick(positions(text, /\n(?=[ \t]*#)/g), e.nth);
      return [name, at === undefined ? text : `${text.slice(0, at)} ${text.slice(at + 1)}`];
    }
    case 'split-comment': {
      // `# a # b` → `# a\n# b` (a space before a second `#` in a comment line becomes a line break).
      const at = pick(positions(text, /(?<=#[^\n]*) (?=#)/g), e.nth);
      return [name, at === undefined ? text : `${text.slice(0, at)}\n${text.slice(at + 1)}`];
    }
    case 'blank-line': {
      const at = pick(positions(text, /^/gm), e.nth) ?? 0;
      return [name, `${text.slice(0, at)}\n${text.slice(at)}`];
    }
    case 'line-ends':
      return [name, e.crlf ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n')];
  }
}

/** Every cascade file of samples/okrs, sorted, with a comment line added after each `roadmap:` so comments can be joined. */
export function samples(root: string): [string, string][] {
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((x) => (x.isDirectory() ? walk(join(d, x.name)) : x.name.endsWith('.okr.yaml') ? [join(d, x.name)] : []));
  return walk(join(root, 'samples', 'okrs')).sort().map((f) => [f, readFileSync(f, 'utf8')]);
}

/** A small generated cascade with comments between entries, and anchors and aliases in its team files. */
export function generated(units: number): [string, string][] {
  return [...generateCascade(units)].map(([f, t]) => {
    let text = t.replace(/^( {2}[a-z][\w-]*:)$/gm, '  # the next bet\n  # (two comment lines)\n$1');
    if (f.includes('/teams/')) text = text.replace(/hypothesis: (.*)/, 'hypothesis: &why $1').replace(/(\n {4})hypothesis: (?!&why)[^\n]*/, '$1hypothesis: *why');
    return [f, text];
  });
}

/** The seed of a property test: `FC_SEED` when set (to replay a failure), else a fixed one. */
export function seedOf(fallback: number): number {
  const env = process.env.FC_SEED;
  return env !== undefined && env !== '' ? Number(env) : fallback;
}
