/**
 * The entity (objective, KR or roadmap item) whose block holds a line, found
 * from indentation alone: walk up from the line collecting the keys of its
 * ancestors, then read the path `objectives/O/key_results/KR` or
 * `roadmap/ITEM`. Pure; used to highlight the card under the cursor.
 */
import { lineKey } from './horizon-edit';

export interface EntityAt {
  kind: 'objective' | 'kr' | 'item';
  /** The unit's id from `unit:` (undefined when the file has none). */
  unit?: string;
  id: string;
  /** `unit/ID`, the form the roadmap model uses for refs. */
  ref: string;
  /** 0-based line of the entity's id key. */
  line: number;
}

const isBlankOrComment = (l: string) => /^\s*(#.*)?$/.test(l);
const indentOf = (l: string) => /^\s*/.exec(l)![0].length;

/** The value of the top-level `unit:` key, unquoted. */
export function unitOf(lines: readonly string[]): string | undefined {
  for (const l of lines) {
    const m = /^unit\s*:\s*("([^"]*)"|'([^']*)'|[^\s#]+)/.exec(l);
    if (m) return m[2] ?? m[3] ?? m[1];
  }
  return undefined;
}

export function entityAt(text: string | readonly string[], line: number): EntityAt | undefined {
  const lines = typeof text === 'string' ? text.split(/\r?\n/) : text;
  if (line < 0 || line >= lines.length) return undefined;
  let start = line;
  while (start >= 0 && isBlankOrComment(lines[start])) start--;
  if (start < 0) return undefined;
  // Ancestors: each line above with a key and less indentation than the last one taken.
  const path: { key: string; line: number }[] = [];
  let limit = Infinity;
  for (let i = start; i >= 0; i--) {
    const l = lines[i];
    if (isBlankOrComment(l)) continue;
    const ind = indentOf(l);
    if (ind >= limit) continue;
    limit = ind;
    const k = lineKey(l);
    path.unshift({ key: k ? k.key : '', line: i });
    if (ind === 0) break;
  }
  const unit = unitOf(lines);
  const make = (kind: EntityAt['kind'], p: { key: string; line: number }): EntityAt | undefined =>
    p.key ? { kind, unit, id: p.key, ref: unit ? `${unit}/${p.key}` : p.key, line: p.line } : undefined;
  const [top, second, third, fourth] = path;
  if (top?.key === 'roadmap' && second) return make('item', second);
  if (top?.key === 'objectives' && second) {
    if (third?.key === 'key_results' && fourth) return make('kr', fourth);
    return make('objective', second);
  }
  return undefined;
}
