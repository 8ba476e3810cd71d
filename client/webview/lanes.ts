/**
 * The board: a sticky header of columns, then one swimlane per objective
 * (headed by its outcomes) and the Unlinked lane, cards placed in their
 * column's cell. Used by the quarters, horizons and tech views and by each
 * section of the portfolio view.
 *
 * Wide, the lane headings are a sticky column on the left; narrow (the
 * stylesheet's media query), they sit above their row. Past quarters folded by
 * the column plan (fold.ts) become one narrow "Earlier" column of counts. A cell
 * shows its first cards and a "Show more" button (large boards stay cheap).
 */
import type { Card, Lane, Outcome, RoadmapColumn } from '../../server/src/core/roadmap/model';
import { countLabel, metric, renderCard } from './cards';
import { live, progressDelta } from './compare-view';
import { sparkline, statusChip } from './sparkline';
import type { Ctx } from './context';
import { h, plural, progressBar, refId } from './dom';
import { filterCards } from './filters';
import { foldedTitle } from './fold';
import { isOpen } from './state';

export interface BoardData {
  /** The unit whose lanes these are: its own KRs are named by their bare id on cards. */
  unit: string;
  unitTitle: string;
  lanes: Lane[];
  unlinked: Card[];
}

/** The id given to the Unlinked lane of a unit (for collapse state and tests). */
export function unlinkedLaneId(unit: string): string {
  return `${unit}/#unlinked`;
}

/** The column id of the folded "Earlier" column (not a column of the model). */
export const EARLIER = '#earlier';

export function renderBoard(data: BoardData, ctx: Ctx): HTMLElement {
  const { columns, folded } = ctx.plan;
  const shown = columns.filter((c) => !folded.includes(c.id));
  const foldedCols = columns.filter((c) => folded.includes(c.id));
  const board = h('div', { class: 'board', role: 'table', 'aria-label': `Roadmap of ${data.unitTitle}` });
  const tracks = `${foldedCols.length ? 'var(--earlier-w) ' : ''}repeat(${Math.max(1, shown.length)}, minmax(var(--col-min), 1fr))`;
  board.style.setProperty('--cells', tracks);
  board.style.setProperty('--board-min', `calc(var(--lane-col) + ${foldedCols.length ? 'var(--earlier-w) + ' : ''}${shown.length} * var(--col-min))`);

  const every = live(ctx, filterCards([...data.lanes.flatMap((l) => l.cards), ...data.unlinked], ctx.state.filters));
  const head = h('div', { class: 'board__head', role: 'row' },
    h('div', { class: 'board__corner', role: 'columnheader' }, 'Objectives & key results'));
  if (foldedCols.length) {
    const n = every.filter((c) => folded.includes(c.column)).length;
    const range = foldedTitle(foldedCols);
    head.appendChild(h('div', { class: 'col-head col-head--earlier', role: 'columnheader', 'data-column': EARLIER },
      h('button', {
        class: 'earlier__btn', type: 'button', 'data-action': 'unfold', 'data-key': 'unfold:head',
        title: `${range}: ${plural(n, 'card')}. Show these quarters`, 'aria-label': `Earlier, ${range}: ${plural(n, 'card')}. Show these quarters`,
      }, h('span', { class: 'earlier__label' }, 'Earlier'), h('span', { class: 'col-head__count' }, String(n)))));
  }
  shown.forEach((col, i) => head.appendChild(columnHead(col, every, ctx, i === 0 && ctx.plan.foldable && !folded.length)));
  board.appendChild(head);

  for (const lane of data.lanes) board.appendChild(renderLane(lane, shown, foldedCols, ctx, false, data));
  if (data.unlinked.length) {
    const lane: Lane = { id: unlinkedLaneId(data.unit), title: 'Unlinked', outcomes: [], cards: data.unlinked };
    board.appendChild(renderLane(lane, shown, foldedCols, ctx, true, data));
  }
  return board;
}

function columnHead(col: RoadmapColumn, every: Card[], ctx: Ctx, foldButton: boolean): HTMLElement {
  const n = every.filter((c) => c.column === col.id).length;
  return h('div', {
    class: col.current ? 'col-head col-head--current' : 'col-head',
    role: 'columnheader',
    'data-column': col.id,
    'aria-current': col.current ? 'date' : null,
  },
  foldButton ? h('button', { class: 'fold__btn', type: 'button', 'data-action': 'fold', 'data-key': 'fold', title: 'Fold the past quarters into one narrow column', 'aria-label': 'Fold the past quarters' }, '◂') : null,
  h('span', { class: 'col-head__title' }, col.title),
  col.current && col.id !== 'now' ? h('span', { class: 'col-head__now', title: 'Today is in this quarter' }, 'now') : null,
  h('span', { class: 'col-head__count', title: plural(n, 'card') }, String(n)));
}

function renderLane(lane: Lane, columns: RoadmapColumn[], foldedCols: RoadmapColumn[], ctx: Ctx, unlinked: boolean, data: BoardData): HTMLElement {
  const collapsed = !isOpen(ctx.state, lane.id, !ctx.large);
  const cards = filterCards(lane.cards, ctx.state.filters);
  const hidden = lane.cards.length - cards.length;
  const cls = ['lane'];
  if (unlinked) cls.push('lane--unlinked');
  if (collapsed) cls.push('lane--collapsed');
  const row = h('section', { class: cls.join(' '), role: 'row', 'data-lane': lane.id, 'aria-label': laneName(lane, unlinked) });

  row.appendChild(laneHead(lane, ctx, { unlinked, collapsed, shown: live(ctx, cards), hidden, unitTitle: data.unitTitle }));

  if (foldedCols.length) {
    const ids = new Set(foldedCols.map((c) => c.id));
    const early = live(ctx, cards).filter((c) => ids.has(c.column));
    const range = foldedTitle(foldedCols);
    row.appendChild(h('div', { class: 'cell cell--earlier', role: 'cell', 'data-column': EARLIER, 'aria-label': `${range}: ${plural(early.length, 'card')}` },
      early.length ? h('button', {
        class: 'earlier__count', type: 'button', 'data-action': 'unfold', 'data-key': `unfold:${lane.id}`,
        title: `${countLabel(early)} in ${range}. Show these quarters`,
      }, String(early.length)) : null));
  }
  const lookup = new Map(lane.outcomes.map((o) => [o.ref, o.title]));
  for (const col of columns) {
    const inCol = cards.filter((c) => c.column === col.id);
    const cell = h('div', {
      class: col.current ? 'cell cell--current' : 'cell',
      role: 'cell',
      'data-column': col.id,
      'aria-label': `${col.title}: ${plural(inCol.length, 'card')}`,
    });
    if (collapsed) {
      if (live(ctx, inCol).length) cell.appendChild(h('div', { class: 'cell__count' }, countLabel(live(ctx, inCol))));
    } else {
      const key = `${lane.id}|${col.id}`;
      const limit = ctx.shown(key);
      for (const card of inCol.slice(0, limit)) cell.appendChild(renderCard(card, ctx, { laneUnit: data.unit, outcomes: lookup, slot: `card:${key}|${card.kind}:${card.ref}` }));
      if (inCol.length > limit) cell.appendChild(moreButton(key, inCol.length - limit));
    }
    row.appendChild(cell);
  }
  return row;
}

/** "Show 37 more" under a cell or a list that shows only its first cards. */
export function moreButton(key: string, rest: number): HTMLElement {
  return h('button', { class: 'btn btn--link cell__more', type: 'button', 'data-action': 'more', 'data-cell': key, 'data-key': `more:${key}` },
    `Show ${rest} more`);
}

function laneName(lane: Lane, unlinked: boolean): string {
  return unlinked ? 'Unlinked items' : `Objective ${refId(lane.id)}: ${lane.title}`;
}

interface HeadInfo {
  unlinked: boolean;
  collapsed: boolean;
  shown: Card[];
  hidden: number;
  unitTitle: string;
}

/** The lane heading (sticky left column, or above the row): toggle, objective, counts, outcomes (or the unlinked explanation). */
export function laneHead(lane: Lane, ctx: Ctx, info: HeadInfo): HTMLElement {
  const headId = ctx.id('lane');
  const bodyId = ctx.id('lanebody');
  const head = h('div', { class: 'lane__head', role: 'rowheader' });
  const toggle = h('button', {
    class: 'lane__toggle',
    type: 'button',
    'data-action': 'toggle-lane',
    'data-lane-id': lane.id,
    'data-key': `toggle:${lane.id}`,
    'aria-expanded': info.collapsed ? 'false' : 'true',
    'aria-controls': bodyId,
    'aria-labelledby': headId,
    title: info.collapsed ? 'Expand lane' : 'Collapse lane',
  }, h('span', { class: 'lane__chevron', 'aria-hidden': 'true' }));
  const title = h('div', { class: 'lane__title', id: headId },
    info.unlinked ? h('span', { class: 'lane__warn', 'aria-hidden': 'true' }, '⚠') : null,
    info.unlinked ? null : h('span', { class: 'ref lane__id', title: `Objective ${lane.id}` }, refId(lane.id)),
    h('span', { class: 'lane__name' }, info.unlinked ? 'Unlinked' : lane.title));
  const count = countLabel(info.shown) || 'no cards';
  head.appendChild(h('div', { class: 'lane__titlebar' }, toggle, title,
    h('div', { class: 'lane__count' }, count,
      info.hidden ? h('span', { class: 'lane__filtered' }, ` (+${info.hidden} filtered out)`) : null,
      lane.owner ? h('span', { class: 'lane__owner', title: 'Owner' }, ` · ${lane.owner}`) : null)));

  const body = h('div', { class: 'lane__body', id: bodyId });
  if (info.unlinked) {
    body.appendChild(h('p', { class: 'lane__explain' },
      `Items whose chain reaches no objective of ${info.unitTitle}. Link each one to a key result with `,
      h('code', {}, 'supports:'), '.'));
  } else if (lane.outcomes.length) {
    body.appendChild(h('ul', { class: 'outcomes', 'aria-label': 'Key results' }, lane.outcomes.map((o) => renderOutcome(o, ctx))));
  } else {
    body.appendChild(h('p', { class: 'lane__explain lane__explain--muted' }, 'This objective has no key results yet.'));
  }
  head.appendChild(body);
  return head;
}

/** A KR in a lane header: id + title, baseline → current → target, progress, "nothing supports this KR". */
export function renderOutcome(o: Outcome, ctx?: Ctx): HTMLElement {
  const delta = progressDelta(ctx, o.ref);
  const pct = typeof o.progress === 'number' ? `${Math.round(Math.max(0, Math.min(1, o.progress)) * 100)}%` : '—';
  const li = h('li', {
    class: o.supportedBy === 0 ? 'outcome outcome--unsupported' : 'outcome',
    'data-sig': JSON.stringify([o, delta?.textContent]),
    tabindex: 0,
    role: 'button',
    'data-ref': o.ref,
    'data-kind': 'outcome',
    'aria-label': `Key result ${refId(o.ref)}: ${o.title}, ${pct} of the way${o.supportedBy === 0 ? ', nothing supports this KR' : ''}`,
  });
  li.appendChild(h('div', { class: 'outcome__head' },
    h('span', { class: 'ref', title: o.ref }, refId(o.ref)),
    h('span', { class: 'outcome__title' }, o.title)));
  const hasNumbers = o.baseline !== undefined || o.current !== undefined || o.target !== undefined;
  if (hasNumbers) {
    li.appendChild(h('div', { class: 'outcome__metric', title: 'baseline → current → target' },
      h('span', { class: 'outcome__baseline' }, metric(o.baseline, o.unit)),
      h('span', { class: 'outcome__arrow', 'aria-hidden': 'true' }, ' → '),
      h('span', { class: 'outcome__current' }, o.current === undefined ? '—' : metric(o.current, o.unit)),
      h('span', { class: 'outcome__arrow', 'aria-hidden': 'true' }, ' → '),
      h('span', { class: 'outcome__target' }, metric(o.target, o.unit))));
  }
  li.appendChild(h('div', { class: 'outcome__progress' },
    progressBar(o.progress, `Progress of ${refId(o.ref)}`),
    h('span', { class: 'outcome__pct', title: 'Progress from baseline to target' }, pct), delta));
  const chip = statusChip(o);
  const spark = sparkline(o);
  if (chip || spark) li.appendChild(h('div', { class: 'outcome__pace' }, chip, spark as unknown as HTMLElement | null));
  if (o.supportedBy === 0) {
    li.appendChild(h('div', { class: 'outcome__warn' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), 'nothing supports this KR'));
  } else {
    li.appendChild(h('div', { class: 'outcome__support', title: 'Roadmap items and KRs below that name this KR in supports:' }, `supported by ${o.supportedBy}`));
  }
  return li;
}
