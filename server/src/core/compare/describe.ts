/**
 * Plain-words pieces shared by the text and Markdown renderings of a change
 * set: values, field changes, coverage, places on the board. No escaping
 * here: the Markdown renderer escapes every piece it is handed.
 */
import type { Coverage } from '../coverage';
import type { CardPlace, Change, ChangeSet, FieldChange, LoadChange } from './types';

const LONG = 48;

/** A value as a person reads it: `—` for absent, lists in brackets, long texts cut. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return cut(v.replace(/\s+/g, ' ').trim());
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return cut(`[${v.map(showValue).join(', ')}]`);
  return cut(`{ ${Object.entries(v as object).map(([k, x]) => `${k}: ${showValue(x)}`).join(', ')} }`);
}

const cut = (s: string) => (s.length > LONG ? `${s.slice(0, LONG - 1)}…` : s);

/** `horizon next → later`; a long text rewritten: `hypothesis rewritten`; a field added or removed says so. */
export function showField(name: string, f: FieldChange): string {
  const long = (v: unknown) => typeof v === 'string' && v.length > LONG;
  if (f.before === null) return `${name} added: ${showValue(f.after)}`;
  if (f.after === null) return `${name} removed (was ${showValue(f.before)})`;
  if (long(f.before) || long(f.after)) return `${name} rewritten`;
  return `${name} ${showValue(f.before)} → ${showValue(f.after)}`;
}

const pct = (p: number | null) => (p === null ? '—' : `${Math.round(p * 100)}%`);

/** What changed about one change, in one line of plain words (without its kind and ref). */
export function changeDetails(c: Change): string {
  const parts: string[] = [];
  if (c.kind === 'renamed' || (c.kind === 'moved' && c.from)) parts.push(`${c.kind === 'renamed' ? 'was' : 'from'} ${c.from}`);
  if (c.kind === 'moved' && c.entity === 'unit' && c.before && c.location) parts.push(`${c.before.file} → ${c.location.file}`);
  for (const [name, f] of Object.entries(c.fields ?? {})) {
    let s = showField(name, f);
    if (name === 'horizon' && c.slipped !== undefined) s += c.slipped ? ' (slipped)' : ' (pulled in)';
    if (name === 'status' && c.events?.includes('revived')) s += ' (revived)';
    if (name === 'current' && c.progress) s += ` (progress ${pct(c.progress.before)} → ${pct(c.progress.after)})`;
    parts.push(s);
  }
  if (c.progress && !c.fields?.current) parts.push(`progress ${pct(c.progress.before)} → ${pct(c.progress.after)}`);
  if ((c.kind === 'added' || c.kind === 'removed') && c.title) parts.push(`"${c.title}"`);
  return parts.join('; ');
}

export const ENTITY_NAME = { unit: 'unit', objective: 'objective', kr: 'KR', item: 'item' } as const;

const share = (p: number | null) => (p === null ? '—' : `${p}%`);

/** `KRs 94.6% → 91.9%, items 97.4% → 97.4%`, or undefined when neither share moved. */
export function coverageLine(before: Coverage, after: Coverage): string | undefined {
  const krs = before.krs.percent !== after.krs.percent;
  const items = before.items.percent !== after.items.percent;
  if (!krs && !items) return undefined;
  return `KRs supported from below ${share(before.krs.percent)} → ${share(after.krs.percent)} (${before.krs.supported}/${before.krs.total} → ${after.krs.supported}/${after.krs.total}), items linked to a KR ${share(before.items.percent)} → ${share(after.items.percent)} (${before.items.linked}/${before.items.total} → ${after.items.linked}/${after.items.total})`;
}

/** Per level whose shares moved: `team: KRs 100% → 90%, items 95% → 95%`. */
export function coverageLevels(before: Coverage, after: Coverage): string[] {
  const out: string[] = [];
  const b = new Map(before.levels.map((l) => [l.level, l]));
  const a = new Map(after.levels.map((l) => [l.level, l]));
  for (const level of new Set([...b.keys(), ...a.keys()])) {
    const x = b.get(level);
    const y = a.get(level);
    if (x?.krCoverage === y?.krCoverage && x?.itemCoverage === y?.itemCoverage) continue;
    out.push(`${level}: KRs ${share(x?.krCoverage ?? null)} → ${share(y?.krCoverage ?? null)}, items ${share(x?.itemCoverage ?? null)} → ${share(y?.itemCoverage ?? null)}`);
  }
  return out;
}

export function showPlaces(p: CardPlace[] | null): string {
  if (!p) return 'not on the roadmap';
  return p.map((x) => `${x.lane === 'unlinked' ? 'Unlinked' : x.lane} · ${x.column}`).join(', ');
}

export function loadLine(l: LoadChange): string {
  const cap = l.capacity.before === l.capacity.after ? (l.capacity.after === null ? 'no capacity set' : `capacity ${l.capacity.after}`) : `capacity ${l.capacity.before ?? 'none'} → ${l.capacity.after ?? 'none'}`;
  const state = l.overloaded.after && !l.overloaded.before ? ' — overloaded' : !l.overloaded.after && l.overloaded.before ? ' — no longer overloaded' : l.overloaded.after ? ' — still overloaded' : '';
  return `${l.unit}: ${l.now.before} → ${l.now.after} items in now, ${cap}${state}`;
}

/** `7 changes: 1 renamed, 1 moved, 5 changed · findings: 2 introduced, 0 resolved`. */
export function summaryLine(cs: ChangeSet): string {
  const s = cs.summary;
  const n = s.added + s.removed + s.renamed + s.moved + s.changed;
  const kinds = (['added', 'removed', 'renamed', 'moved', 'changed'] as const).filter((k) => s[k]).map((k) => `${s[k]} ${k}`);
  const head = n === 0 ? 'No changes to the plan' : `${n} change${n === 1 ? '' : 's'}: ${kinds.join(', ')}`;
  return `${head} · findings: ${s.introduced} introduced, ${s.resolved} resolved${s.coverageDropped ? ' · coverage dropped' : ''}`;
}
