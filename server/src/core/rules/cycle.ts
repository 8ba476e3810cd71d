import type { CascadeIndex } from '../link';
import type { Entity } from '../model';
import { sitesOf, type Rule } from './types';

/** The loop a parent chain makes from `unit` back to it (`a`, `b`, …, `a`), or undefined when it does not loop back to it. */
export function parentLoop(index: CascadeIndex, unit: string): string[] | undefined {
  const path = [unit];
  const seen = new Set<string>([unit]);
  for (let p = index.parentOf(unit); p; p = index.parentOf(p.id)) {
    path.push(p.id);
    if (p.id === unit) return path;
    if (seen.has(p.id)) return undefined;
    seen.add(p.id);
  }
  return undefined;
}

/** The parent-unit chain of `unit` loops back to it. */
export function parentCycle(index: CascadeIndex, unit: string): boolean {
  return parentLoop(index, unit) !== undefined;
}

/** At most this many entities are searched to name a loop, and this many shown. */
const SEARCH = 200;
const SHOWN = 8;

const name = (e: Entity) => `${e.unit}/${e.id}`;

/** `a → b → … → a` for a loop of names, the middle elided past SHOWN. */
function arrows(names: string[]): string {
  const shown = names.length <= SHOWN ? names : [...names.slice(0, SHOWN - 2), '…', ...names.slice(-2)];
  return shown.join(' → ');
}

/**
 * The shortest way from `to` back to `from` along links of the same kind
 * (supports between KRs, depends_on between items), searched breadth-first
 * over at most SEARCH entities; undefined when not found within that.
 */
function wayBack(index: CascadeIndex, from: Entity, to: Entity): Entity[] | undefined {
  const next = (e: Entity): Entity[] => {
    if (e.kind === 'objective') return [];
    const out: Entity[] = [];
    for (const r of e.kind === 'kr' ? e.supports : e.dependsOn) {
      const res = index.resolve(r, e.unit);
      if (res.ok && res.entity.kind === e.kind && index.onLoop(e, res.entity)) out.push(res.entity);
    }
    return out;
  };
  const back = new Map<Entity, Entity>();
  const queue = [to];
  back.set(to, to);
  for (let i = 0; i < queue.length && queue.length <= SEARCH; i++) {
    for (const n of next(queue[i])) {
      if (back.has(n)) continue;
      back.set(n, queue[i]);
      if (n === from) {
        const path = [n];
        for (let p = queue[i]; p !== to; p = back.get(p)!) path.unshift(p);
        path.unshift(to);
        return path;
      }
      queue.push(n);
    }
  }
  return undefined;
}

/** Every reference on a loop is marked, so each file of the loop shows it; ids are always `unit/ID`. */
export const cycle: Rule = {
  code: 'cycle',
  severity: 'error',
  summary: '`supports`, `parent` or `depends_on` loops back on itself.',
  help: 'Links point one way: a team KR supports a product KR, which supports a company KR; an item depends on earlier items. Remove the link that closes the loop.',
  check(file, ctx) {
    const from = file.unitId?.value;
    if (!from) return;
    if (file.parent && ctx.index.units.get(from)?.primary === file) {
      const loop = file.parent.value === from ? undefined : parentLoop(ctx.index, from);
      if (file.parent.value === from) ctx.report(file.parent.span, `Unit \`${from}\` names itself as its parent; name the unit above it`);
      else if (loop) ctx.report(file.parent.span, `The parent chain of \`${from}\` loops back to it: ${arrows(loop)}. The cascade must be a tree: remove the \`parent\` that closes the loop`);
    }
    for (const { ref, owner, expects, field } of sitesOf(file, ctx)) {
      if (field === 'supports' && owner.kind === 'item') continue; // items support KRs: no loop possible
      const res = ctx.index.resolve(ref, from);
      if (!res.ok || res.entity.kind !== expects) continue;
      if (!ctx.index.onLoop(owner, res.entity)) continue;
      const what = field === 'supports' ? 'supports' : 'depends on';
      if (res.entity === owner) {
        ctx.report(ref.span, `\`${name(owner)}\` ${what} itself; remove this reference`);
        continue;
      }
      const way = wayBack(ctx.index, owner, res.entity);
      const loop = way ? `: ${arrows([name(owner), ...way.map(name)])}` : '';
      ctx.report(ref.span, `\`${name(owner)}\` ${what} \`${name(res.entity)}\`, which leads back to \`${name(owner)}\`${loop}. Remove the link that closes the loop`);
    }
  },
};
