/**
 * How alike two entries are, to tell a rename (or a move to another unit)
 * from a removal plus an addition: the title counts most, then the
 * hypothesis, then every other field; who refers to the entity (the
 * references that followed a rename) is evidence of its own.
 */
import { sameValue, type Data } from './data';

/** Dice coefficient over character bigrams of the lower-cased, space-normalised texts: 1 equal, 0 nothing shared. */
export function textSimilarity(a: string, b: string): number {
  const x = normalize(a);
  const y = normalize(b);
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const g = x.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const g = y.slice(i, i + 2);
    const n = grams.get(g);
    if (n) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length - 1 + (y.length - 1));
}

const normalize = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

const WEIGHTS: Record<string, number> = { title: 3, hypothesis: 2 };

export interface Likeness {
  /** 0..1, weighted over every field either side has. */
  score: number;
  /** The titles' similarity (0 when either has none). */
  title: number;
}

/**
 * Field by field: texts by {@link textSimilarity} for the title and the
 * hypothesis, equality for the rest (`same` decides, e.g. references
 * compared as what they name).
 */
export function likeness(a: Data, b: Data, same: (key: string, x: unknown, y: unknown) => boolean = (_k, x, y) => sameValue(x, y)): Likeness {
  let total = 0;
  let got = 0;
  let title = 0;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[key] ?? null;
    const y = b[key] ?? null;
    if (x === null && y === null) continue;
    const w = WEIGHTS[key] ?? 1;
    total += w;
    const s = key in WEIGHTS && typeof x === 'string' && typeof y === 'string' ? textSimilarity(x, y) : same(key, x, y) ? 1 : 0;
    if (key === 'title') title = s;
    got += w * s;
  }
  return { score: total ? got / total : 1, title };
}

/** Jaccard index of two sets (1 when both are empty). */
export function overlap<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (!a.size && !b.size) return 1;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}
