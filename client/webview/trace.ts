/**
 * The trace view: first the gaps (every break in the chain that `okr check`
 * knows about, each a link to its source, counted in the summary), then the
 * tree company KR → product KR → team KR → items as nested lists, KRs with
 * nothing under them marked. A large tree starts with its deeper branches
 * closed; long lists show their first rows and a "Show more" button.
 */
import type { TraceGap, TraceGapKind, TraceNode } from '../../server/src/core/roadmap/model';
import { basename } from './cards';
import type { Ctx } from './context';
import { badge, cssToken, h, plural, progressBar } from './dom';
import { moreButton } from './lanes';
import { isOpen } from './state';

/** Gap kinds in the order they are listed, with their heading (singular, plural). */
const GAP_KINDS: [TraceGapKind, string, string][] = [
  ['broken-link', 'broken link', 'broken links'],
  ['untraceable-item', 'item that supports no KR', 'items that support no KR'],
  ['unlinked-item', 'unlinked item', 'unlinked items'],
  ['orphan-kr', 'orphan KR', 'orphan KRs'],
  ['unsupported-kr', 'KR nothing supports', 'KRs nothing supports'],
];

/** A tree bigger than this starts with its branches below the second level closed. */
const OPEN_TREE_MAX = 600;

export function renderTrace(ctx: Ctx): HTMLElement {
  const roots = ctx.model.trace ?? [];
  const gaps = ctx.model.gaps;
  const wrap = h('div', { class: 'trace' });
  const parts = gaps
    ? GAP_KINDS.map(([k, one, many]) => [gaps.filter((g) => g.kind === k).length, one, many] as const).filter(([n]) => n > 0)
    : [];
  const treeGaps = countGaps(roots);
  const total = gaps ? gaps.length : treeGaps;
  wrap.appendChild(h('p', { class: 'trace__summary', role: 'status' },
    `${plural(roots.length, 'top-level key result')} traced down to the work. `,
    total
      ? h('span', { class: 'trace__gapcount' }, `⚠ ${plural(total, 'gap')}`,
        gaps ? `: ${parts.map(([n, one, many]) => `${n} ${n === 1 ? one : many}`).join(' · ')}.` : ': key results with nothing under them.')
      : h('span', { class: 'trace__ok' }, '✓ No gaps.')));
  if (gaps?.length) wrap.appendChild(gapList(gaps, ctx));
  const large = ctx.large || size(roots) > OPEN_TREE_MAX;
  wrap.appendChild(h('h2', { class: 'trace__heading' }, 'Key results and the work under them'));
  wrap.appendChild(list(roots, 1, '', ctx, large));
  return wrap;
}

function gapList(gaps: readonly TraceGap[], ctx: Ctx): HTMLElement {
  const box = h('section', { class: 'trace__gaps', 'aria-label': 'Gaps' });
  for (const [kind, one, many] of GAP_KINDS) {
    const rows = gaps.map((g, i) => [g, i] as const).filter(([g]) => g.kind === kind);
    if (!rows.length) continue;
    const key = `gaps:${kind}`;
    const limit = ctx.shown(key);
    box.appendChild(h('h3', { class: 'trace__gapkind' }, `${rows.length} ${rows.length === 1 ? one : many}`));
    box.appendChild(h('ul', { class: 'trace__gaprows', 'data-key': key, 'aria-label': many },
      rows.slice(0, limit).map(([g, i]) => gapRow(g, i)),
      rows.length > limit ? h('li', {}, moreButton(key, rows.length - limit)) : null));
  }
  return box;
}

function gapRow(g: TraceGap, i: number): HTMLElement {
  const what = g.entity === 'kr' ? 'KR' : 'item';
  return h('li', {
    class: `trace__gap trace__gap--${cssToken(g.kind)}`,
    tabindex: 0,
    role: 'button',
    'data-ref': g.ref,
    'data-kind': 'gap',
    'data-gap': i,
    'data-key': `gap:${g.kind}:${g.ref}:${g.link ?? ''}:${g.field ?? ''}`,
    title: `${g.code ? `${g.code} · ` : ''}${basename(g.location.file)}:${g.location.line + 1}`,
    'aria-label': `${what} ${g.ref}: ${g.title}: ${g.message}`,
  },
  h('span', { class: `trace__kind trace__kind--${g.entity}` }, what),
  h('span', { class: 'ref' }, g.ref),
  h('span', { class: 'trace__title' }, g.title),
  h('span', { class: 'trace__why' }, g.message));
}

function list(nodes: readonly TraceNode[], level: number, path: string, ctx: Ctx, large: boolean): HTMLElement {
  return h('ul', { class: 'trace__list', role: level === 1 ? 'tree' : 'group', 'aria-label': level === 1 ? 'Traceability' : null },
    nodes.map((n) => node(n, level, `${path}>${n.ref}`, ctx, large)));
}

function node(n: TraceNode, level: number, path: string, ctx: Ctx, large: boolean): HTMLElement {
  const cls = ['trace__node', `trace__node--${n.kind}`];
  if (n.gap) cls.push('trace__node--gap');
  if (n.status === 'dropped') cls.push('trace__node--dropped');
  const id = `trace:${path}`;
  const open = n.children.length > 0 && isOpen(ctx.state, id, !large || level < 2);
  const li = h('li', {
    class: cls.join(' '), role: 'treeitem', 'aria-level': level, 'aria-expanded': n.children.length ? String(open) : null, 'data-key': path,
  });
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
  pct !== null ? h('span', { class: 'trace__progress', title: 'Progress from baseline to target' }, progressBar(n.progress, `Progress of ${n.ref}`), h('span', { class: 'trace__pct' }, pct)) : null,
  n.status ? badge(n.status, `status-${cssToken(n.status)}`, `Status: ${n.status}`) : null,
  n.gap ? h('span', { class: 'trace__gapmark' }, '⚠ gap: nothing moves this KR') : null,
  !open && n.children.length ? h('span', { class: 'trace__below' }, `${plural(size(n.children), 'entry', 'entries')} below`) : null);
  const toggle = n.children.length ? h('button', {
    class: 'lane__toggle trace__toggle', type: 'button', 'data-action': 'toggle-trace', 'data-node': id, 'data-default': !large || level < 2 ? '1' : '0',
    'aria-expanded': String(open), title: open ? 'Hide what is under it' : `Show the ${plural(n.children.length, 'entry', 'entries')} under it`,
    'aria-label': `${open ? 'Hide' : 'Show'} what supports ${n.ref}`,
  }, h('span', { class: 'lane__chevron', 'aria-hidden': 'true' })) : h('span', { class: 'trace__spacer', 'aria-hidden': 'true' });
  li.appendChild(h('div', { class: 'trace__line' }, toggle, row));
  if (open) li.appendChild(list(n.children, level + 1, path, ctx, large));
  return li;
}

function countGaps(nodes: readonly TraceNode[]): number {
  let n = 0;
  for (const x of nodes) n += (x.gap ? 1 : 0) + countGaps(x.children);
  return n;
}

function size(nodes: readonly TraceNode[]): number {
  let n = 0;
  for (const x of nodes) n += 1 + size(x.children);
  return n;
}
