/** The trace view: company KR → product KR → team KR → items, as nested lists, gaps marked. */
import type { TraceNode } from '../../server/src/core/roadmap/model';
import { basename } from './cards';
import type { Ctx } from './context';
import { badge, cssToken, h, progressBar } from './dom';

export function renderTrace(ctx: Ctx): HTMLElement {
  const roots = ctx.model.trace ?? [];
  const gaps = countGaps(roots);
  const wrap = h('div', { class: 'trace' });
  wrap.appendChild(h('p', { class: 'trace__summary' },
    `${roots.length} top-level key ${roots.length === 1 ? 'result' : 'results'} traced down to the work. `,
    gaps ? h('span', { class: 'trace__gapcount' }, `⚠ ${gaps} ${gaps === 1 ? 'gap' : 'gaps'}: key results with nothing under them.`)
      : h('span', { class: 'trace__ok' }, '✓ No gaps.')));
  wrap.appendChild(list(roots, 1));
  return wrap;
}

function list(nodes: readonly TraceNode[], level: number): HTMLElement {
  return h('ul', { class: 'trace__list', role: level === 1 ? 'tree' : 'group', 'aria-label': level === 1 ? 'Traceability' : null },
    nodes.map((n) => node(n, level)));
}

function node(n: TraceNode, level: number): HTMLElement {
  const cls = ['trace__node', `trace__node--${n.kind}`];
  if (n.gap) cls.push('trace__node--gap');
  if (n.status === 'dropped') cls.push('trace__node--dropped');
  const li = h('li', { class: cls.join(' '), role: 'treeitem', 'aria-level': level, 'aria-expanded': n.children.length ? 'true' : null });
  const pct = typeof n.progress === 'number' ? `${Math.round(Math.max(0, Math.min(1, n.progress)) * 100)}%` : null;
  const row = h('div', {
    class: 'trace__row',
    tabindex: 0,
    role: 'button',
    'data-ref': n.ref,
    'data-kind': `trace-${n.kind}`,
    title: n.location ? `${n.ref} · ${basename(n.location.file)}:${n.location.line + 1}` : null,
    'aria-label': `${n.kind === 'kr' ? 'Key result' : 'Item'} ${n.ref}: ${n.title}${n.gap ? ', gap: nothing under it' : ''}`,
  },
  h('span', { class: `trace__kind trace__kind--${n.kind}` }, n.kind === 'kr' ? 'KR' : 'item'),
  h('span', { class: 'ref' }, n.ref),
  h('span', { class: 'trace__title' }, n.title),
  pct !== null ? h('span', { class: 'trace__progress' }, progressBar(n.progress, `Progress of ${n.ref}`), h('span', { class: 'trace__pct' }, pct)) : null,
  n.status ? badge(n.status, `status-${cssToken(n.status)}`, `Status: ${n.status}`) : null,
  n.gap ? h('span', { class: 'trace__gap' }, '⚠ gap: nothing moves this KR') : null);
  li.appendChild(row);
  if (n.children.length) li.appendChild(list(n.children, level + 1));
  return li;
}

function countGaps(nodes: readonly TraceNode[]): number {
  let n = 0;
  for (const x of nodes) n += (x.gap ? 1 : 0) + countGaps(x.children);
  return n;
}
