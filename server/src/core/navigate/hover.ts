/**
 * Hover text (Markdown) for id keys, references and unit ids: title, metric
 * and progress, where it sits in the cascade and what supports it.
 */
import type { CascadeIndex, UnitInfo } from '../link';
import type { Entity, Item, KeyResult, Objective, Span, UnitFile } from '../model';
import { krProgress } from '../roadmap/progress';
import { isSupporter, refName, siteAt, targetOf } from './locate';

export interface HoverInfo {
  span: Span;
  markdown: string;
}

const MAX_LIST = 8;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function hover(index: CascadeIndex, file: UnitFile, offset: number): HoverInfo | undefined {
  const site = siteAt(file, offset);
  const target = site && targetOf(index, site);
  if (!site || !target) return undefined;
  if (target.kind === 'unit') {
    const unit = index.units.get(target.id);
    return { span: site.span, markdown: unit ? unitHover(index, unit) : `Unit \`${target.id}\` is not declared in this cascade.` };
  }
  return { span: site.span, markdown: entityHover(index, target.entity) };
}

export function entityHover(index: CascadeIndex, e: Entity): string {
  switch (e.kind) {
    case 'kr': return krHover(index, e);
    case 'item': return itemHover(index, e);
    default: return objectiveHover(index, e);
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

/** `48 → 39 → 25 s · 39% of the way`, or what is missing. */
export function metricLine(kr: KeyResult): string {
  const unit = kr.metricUnit ? ` ${md(kr.metricUnit.value)}` : '';
  if (!kr.target) return kr.targetRaw ? `target "${md(kr.targetRaw.value)}" is not a number` : 'no numeric target yet';
  const values = [kr.baseline?.value, kr.current?.value, kr.target.value].filter((v) => v !== undefined).join(' → ');
  const p = krProgress(kr);
  const labels = [kr.baseline && 'baseline', kr.current && 'current', 'target'].filter(Boolean).join(' → ');
  return `${values}${unit} (${labels})${p === undefined ? '' : ` · **${Math.round(p * 100)}%** of the way`}`;
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

function krHover(index: CascadeIndex, kr: KeyResult): string {
  const lines = [heading(index, kr, `Key result of objective \`${kr.objective}\`,`), metricLine(kr)];
  if (kr.owner) lines.push(`Owner: ${md(kr.owner.value)}`);
  lines.push(...chainLines(index, kr), supportersLines(index, kr).join('\n'));
  return lines.join('\n\n');
}

function itemHover(index: CascadeIndex, it: Item): string {
  const facts = [it.horizon?.value, it.confidence && `${it.confidence.value} confidence`, it.status?.value, it.type?.value, it.owner && `owner ${md(it.owner.value)}`, it.due && `due ${it.due.value}`]
    .filter(Boolean)
    .join(' · ');
  const lines = [heading(index, it, 'Roadmap item') + (facts ? `  \n${facts}` : '')];
  if (it.hypothesis) lines.push(`> ${md(it.hypothesis.value)}`);
  const krs = index.supportedKrs(it);
  if (krs.length) lines.push(`**Supports:**\n${krs.map((k) => `- ${titled(k)}: ${metricLine(k)}`).join('\n')}`);
  else lines.push('**Supports no key result**: nothing it does traces to an OKR.');
  lines.push(...chainLines(index, it));
  const deps = it.dependsOn.map((r) => index.resolve(r, it.unit)).filter((r) => r.ok).map((r) => titled((r as { entity: Entity }).entity));
  if (deps.length) lines.push(`**Depends on:** ${deps.join(', ')}`);
  const needed = index.dependents.get(refName(it)) ?? [];
  if (needed.length) lines.push(`**Needed by:** ${needed.map(titled).join(', ')}`);
  return lines.join('\n\n');
}

function objectiveHover(index: CascadeIndex, o: Objective): string {
  const lines = [heading(index, o, 'Objective')];
  if (o.owner) lines.push(`Owner: ${md(o.owner.value)}`);
  if (o.krs.length) lines.push(`**${o.krs.length} key result${o.krs.length === 1 ? '' : 's'}:**\n${o.krs.map((k) => `- ${titled(k)}: ${metricLine(k)}`).join('\n')}`);
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
