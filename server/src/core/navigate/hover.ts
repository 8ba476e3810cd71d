/**
 * Hover text (Markdown) for id keys, references and unit ids: title, metric
 * and progress, where it sits in the cascade and what supports it.
 */
import type { PaceThresholds } from '../config';
import { STATUS_WORDS } from '../history/pace';
import { KrPaces, type KrPace } from '../history/status';
import type { CascadeIndex, UnitInfo } from '../link';
import type { Entity, Item, KeyResult, Objective, Span, UnitFile } from '../model';
import { formatDay, today as clockToday, type Day } from '../period';
import { krProgress } from '../roadmap/progress';
import { metricUnitOf, withUnit } from '../rollup';
import { isSupporter, refName, siteAt, targetOf } from './locate';

export interface HoverInfo {
  span: Span;
  markdown: string;
}

export interface HoverOptions {
  /** "Today" for pace and status (`okr.asOf`); the clock when absent. */
  today?: Day;
  /** Pace thresholds from okr.config.yaml; the defaults when absent. */
  pace?: PaceThresholds;
}

const MAX_LIST = 8;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function hover(index: CascadeIndex, file: UnitFile, offset: number, opts: HoverOptions = {}): HoverInfo | undefined {
  const site = siteAt(file, offset);
  const target = site && targetOf(index, site);
  if (!site || !target) return undefined;
  if (target.kind === 'unit') {
    const unit = index.units.get(target.id);
    return { span: site.span, markdown: unit ? unitHover(index, unit) : `Unit \`${target.id}\` is not declared in this cascade.` };
  }
  return { span: site.span, markdown: entityHover(index, target.entity, opts) };
}

export function entityHover(index: CascadeIndex, e: Entity, opts: HoverOptions = {}): string {
  const paces = new KrPaces(index, opts.today ?? clockToday(), opts.pace);
  switch (e.kind) {
    case 'kr': return krHover(index, e, paces);
    case 'item': return itemHover(index, e, paces);
    default: return objectiveHover(index, e, paces);
  }
}

/** Markdown-safe text. */
export function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&');
}

const titled = (e: Entity) => `\`${refName(e)}\`${e.title ? ` ${md(e.title.value)}` : ''}`;

function heading(index: CascadeIndex, e: Entity, what: string): string {
  const u = index.units.get(e.unit)?.primary;
  const unitName = u?.name ? ` (${md(u.name.value)}${u.level ? `, ${md(u.level.value)}` : ''})` : u?.level ? ` (${md(u.level.value)})` : '';
  const title = e.title ? md(e.title.value) : '_untitled_';
  return `**${md(e.id)}** · ${title}\n\n${what} of unit \`${e.unit}\`${unitName}`;
}

/**
 * `48 → 39 → 25 s · 39% of the way`, or what is missing. With a pace, a
 * current computed by the KR's roll-up is shown and marked as computed.
 */
export function metricLine(kr: KeyResult, pace?: KrPace): string {
  const unit = kr.metricUnit ? ` ${md(kr.metricUnit.value)}` : '';
  if (!kr.target) return kr.targetRaw ? `target "${md(kr.targetRaw.value)}" is not a number` : 'no numeric target yet';
  const current = pace ? pace.current : kr.current?.value;
  const values = [kr.baseline?.value, current, kr.target.value].filter((v) => v !== undefined).join(' → ');
  const p = pace ? pace.progress : krProgress(kr);
  const currentLabel = current === undefined ? undefined : pace?.computed ? 'current, computed by the roll-up' : 'current';
  const labels = [kr.baseline && 'baseline', currentLabel, 'target'].filter(Boolean).join(' → ');
  return `${values}${unit} (${labels})${p === undefined ? '' : ` · **${Math.round(p * 100)}%** of the way`}`;
}

const pct = (x: number | undefined) => `${Math.round((x ?? 0) * 100)}%`;

/** `**Pace:** off track · 90% of 2026 passed, 47% of the way · expected by 2026-11-24: 31.56 %`, or why it cannot be judged. */
export function paceLine(kr: KeyResult, p: KrPace, today: Day): string {
  const u = metricUnitOf(kr);
  if (p.status === 'done') return `**Pace:** done: the target is reached${p.computed ? ' (by the computed current)' : ''}.`;
  if (p.status !== 'unknown') {
    const passed = p.exact.elapsed! >= 1 ? `${p.period!.text} has ended` : `${pct(p.elapsed)} of ${p.period!.text} passed`;
    const expected = p.exact.elapsed! >= 1 ? `expected by its end: ${md(withUnit(p.expected!, u))}` : `expected by ${formatDay(today)}: ${md(withUnit(p.expected!, u))}`;
    return `**Pace:** ${STATUS_WORDS[p.status]} · ${passed}, ${pct(p.progress)} of the way · ${expected}`;
  }
  const why = kr.baseline === undefined || kr.target === undefined ? 'it needs a `baseline:` and a numeric `target:`'
    : kr.baseline.value === kr.target.value ? 'the target equals the baseline'
    : p.current === undefined ? (kr.rollup ? 'no KR that adds up to it has a `current:` yet' : 'no `current:` yet')
    : 'no `period:` in this unit or above';
  return `**Pace:** unknown: ${why}.`;
}

/** Upward paths: `team/KR1 → product/KR2 → company/KR1`, at most a few, cycle-safe. */
export function chains(index: CascadeIndex, from: KeyResult | Item, limit = 3): Entity[][] {
  const out: Entity[][] = [];
  const walk = (path: Entity[]) => {
    if (out.length >= limit) return;
    const last = path[path.length - 1];
    const up = isSupporter(last) ? index.supportedKrs(last).filter((k) => !path.includes(k)) : [];
    if (!up.length || path.length > 8) {
      out.push(path);
      return;
    }
    for (const k of up) walk([...path, k]);
  };
  walk([from]);
  return out;
}

function chainLines(index: CascadeIndex, e: KeyResult | Item): string[] {
  const paths = chains(index, e).filter((p) => p.length > 1);
  if (!paths.length) return [];
  const render = (p: Entity[]) => p.map((x, i) => (i === p.length - 1 ? titled(x) : `\`${refName(x)}\``)).join(' → ');
  return [`**Chain:** ${paths.map(render).join('  \n')}`];
}

function supportersLines(index: CascadeIndex, kr: KeyResult): string[] {
  const sup = index.supportersOf(kr);
  if (!sup.length) return ['**Supported by nothing**: no roadmap item or KR below names it.'];
  const items = sup.filter((s) => s.kind === 'item').length;
  const krs = sup.length - items;
  const parts = [items && `${items} item${items === 1 ? '' : 's'}`, krs && `${krs} KR${krs === 1 ? '' : 's'}`].filter(Boolean).join(', ');
  const list = sup.slice(0, MAX_LIST).map((s) => `- ${titled(s)}`);
  if (sup.length > MAX_LIST) list.push(`- … and ${sup.length - MAX_LIST} more`);
  return [`**Supported by ${sup.length}** (${parts}):`, ...list];
}

function krHover(index: CascadeIndex, kr: KeyResult, paces: KrPaces): string {
  const pace = paces.of(kr);
  const lines = [heading(index, kr, `Key result of objective \`${kr.objective}\`,`), metricLine(kr, pace), paceLine(kr, pace, paces.today)];
  if (kr.rollup) lines.push(`Rolls up (\`${kr.rollup.value}\`) the KRs below that count in ${metricUnitOf(kr) ? `\`${md(metricUnitOf(kr)!)}\`` : 'no unit'}.`);
  if (kr.owner) lines.push(`Owner: ${md(kr.owner.value)}`);
  lines.push(...chainLines(index, kr), supportersLines(index, kr).join('\n'));
  return lines.join('\n\n');
}

function itemHover(index: CascadeIndex, it: Item, paces: KrPaces): string {
  const facts = [it.horizon?.value, it.confidence && `${it.confidence.value} confidence`, it.status?.value, it.type?.value, it.owner && `owner ${md(it.owner.value)}`, it.due && `due ${it.due.value}`]
    .filter(Boolean)
    .join(' · ');
  const lines = [heading(index, it, 'Roadmap item') + (facts ? `  \n${facts}` : '')];
  if (it.hypothesis) lines.push(`> ${md(it.hypothesis.value)}`);
  const krs = index.supportedKrs(it);
  if (krs.length) lines.push(`**Supports:**\n${krs.map((k) => `- ${titled(k)}: ${metricLine(k, paces.of(k))}`).join('\n')}`);
  else lines.push('**Supports no key result**: nothing it does traces to an OKR.');
  lines.push(...chainLines(index, it));
  const deps = it.dependsOn.map((r) => index.resolve(r, it.unit)).filter((r) => r.ok).map((r) => titled((r as { entity: Entity }).entity));
  if (deps.length) lines.push(`**Depends on:** ${deps.join(', ')}`);
  const needed = index.dependents.get(refName(it)) ?? [];
  if (needed.length) lines.push(`**Needed by:** ${needed.map(titled).join(', ')}`);
  return lines.join('\n\n');
}

function objectiveHover(index: CascadeIndex, o: Objective, paces: KrPaces): string {
  const lines = [heading(index, o, 'Objective')];
  if (o.owner) lines.push(`Owner: ${md(o.owner.value)}`);
  if (o.krs.length) lines.push(`**${o.krs.length} key result${o.krs.length === 1 ? '' : 's'}:**\n${o.krs.map((k) => `- ${titled(k)}: ${metricLine(k, paces.of(k))}${paces.of(k).status === 'unknown' ? '' : ` · ${STATUS_WORDS[paces.of(k).status]}`}`).join('\n')}`);
  else lines.push('No key results yet.');
  const items = new Set(o.krs.flatMap((k) => index.supportersOf(k).filter((s) => s.kind === 'item')));
  lines.push(`${items.size} roadmap item${items.size === 1 ? '' : 's'} support it directly.`);
  return lines.join('\n\n');
}

function unitHover(index: CascadeIndex, unit: UnitInfo): string {
  const f = unit.primary;
  const facts = [f.level?.value, f.period && `period ${f.period.value.text}`, f.owner && `owner ${md(f.owner.value)}`].filter(Boolean).join(' · ');
  const lines = [`**${unit.id}**${f.name ? ` · ${md(f.name.value)}` : ''}${facts ? `  \n${facts}` : ''}`];
  const parent = index.parentOf(unit.id);
  lines.push(parent ? `Below \`${parent.id}\`${parent.primary.name ? ` ${md(parent.primary.name.value)}` : ''}` : unit.parent ? `Parent \`${unit.parent}\` is not declared` : 'Top of the cascade');
  if (unit.children.length) lines.push(`Units below: ${unit.children.map((c) => `\`${c.id}\``).join(', ')}`);
  lines.push([plural(f.objectives.length, 'objective'), plural(f.krs.length, 'key result'), plural(f.items.length, 'roadmap item')].join(' · '));
  return lines.join('\n\n');
}
