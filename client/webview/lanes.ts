/**
 * The board: a sticky header of columns, then one swimlane per objective
 * (headed by its outcomes) and the Unlinked lane, cards placed in their
 * column's cell. Used by the quarters, horizons and tech views and by each
 * section of the portfolio view.
 */
import type { Card, Lane, Outcome, RoadmapColumn } from '../../server/src/core/roadmap/model';
import { countLabel, metric, renderCard } from './cards';
import type { Ctx } from './context';
import { h, plural, progressBar, refId } from './dom';
import { filterCards } from './filters';

export interface BoardData {
  /** Used for ids of the unlinked lane and its explanation. */
  unit: string;
  unitTitle: string;
  lanes: Lane[];
  unlinked: Card[];
}

/** The id given to the Unlinked lane of a unit (for collapse state and tests). */
export function unlinkedLaneId(unit: string): string {
  return `${unit}/#unlinked`;
}

/** Columns of the model, plus one per unknown column a card names (so no card is ever lost). */
export function boardColumns(columns: readonly RoadmapColumn[], cards: readonly Card[]): RoadmapColumn[] {
  const out = [...columns];
  const known = new Set(columns.map((c) => c.id));
  for (const c of cards) {
    if (!known.has(c.column)) {
      known.add(c.column);
      out.push({ id: c.column, title: c.column || 'Unscheduled' });
    }
  }
  return out;
}

export function renderBoard(data: BoardData, ctx: Ctx): HTMLElement {
  const every = [...data.lanes.flatMap((l) => l.cards), ...data.unlinked];
  const columns = boardColumns(ctx.model.columns, every);
  const board = h('div', { class: 'board', role: 'table', 'aria-label': `Roadmap of ${data.unitTitle}` });
  board.style.setProperty('--cols', String(Math.max(1, columns.length)));

  const head = h('div', { class: 'board__head', role: 'row' },
    h('div', { class: 'board__corner', role: 'columnheader' }, 'Objectives & key results'));
  for (const col of columns) {
    const shown = filterCards(every.filter((c) => c.column === col.id), ctx.state.filters).length;
    head.appendChild(h('div', {
      class: col.current ? 'col-head col-head--current' : 'col-head',
      role: 'columnheader',
      'data-column': col.id,
      'aria-current': col.current ? 'date' : null,
    },
    h('span', { class: 'col-head__title' }, col.title),
    col.current && col.id !== 'now' ? h('span', { class: 'col-head__now' }, 'now') : null,
    h('span', { class: 'col-head__count', title: plural(shown, 'card') }, String(shown))));
  }
  board.appendChild(head);

  for (const lane of data.lanes) board.appendChild(renderLane(lane, columns, ctx, false, data));
  if (data.unlinked.length) {
    const lane: Lane = { id: unlinkedLaneId(data.unit), title: 'Unlinked', outcomes: [], cards: data.unlinked };
    board.appendChild(renderLane(lane, columns, ctx, true, data));
  }
  return board;
}

function renderLane(lane: Lane, columns: RoadmapColumn[], ctx: Ctx, unlinked: boolean, data: BoardData): HTMLElement {
  const collapsed = ctx.state.collapsed.includes(lane.id);
  const cards = filterCards(lane.cards, ctx.state.filters);
  const hidden = lane.cards.length - cards.length;
  const cls = ['lane'];
  if (unlinked) cls.push('lane--unlinked');
  if (collapsed) cls.push('lane--collapsed');
  const row = h('section', { class: cls.join(' '), role: 'row', 'data-lane': lane.id, 'aria-label': laneName(lane, unlinked) });

  row.appendChild(laneHead(lane, ctx, { unlinked, collapsed, shown: cards, hidden, unitTitle: data.unitTitle }));

  for (const col of columns) {
    const inCol = cards.filter((c) => c.column === col.id);
    const cell = h('div', {
      class: col.current ? 'cell cell--current' : 'cell',
      role: 'cell',
      'data-column': col.id,
      'aria-label': `${col.title}: ${plural(inCol.length, 'card')}`,
    });
    for (const card of inCol) cell.appendChild(renderCard(card, ctx));
    if (collapsed && inCol.length) cell.appendChild(h('div', { class: 'cell__count' }, countLabel(inCol)));
    row.appendChild(cell);
  }
  return row;
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

/** The sticky left cell of a lane: toggle, objective, counts, outcomes (or the unlinked explanation). */
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
    info.unlinked ? null : h('span', { class: 'ref lane__id' }, refId(lane.id)),
    h('span', { class: 'lane__name' }, info.unlinked ? 'Unlinked' : lane.title));
  head.appendChild(h('div', { class: 'lane__titlebar' }, toggle, title));

  const count = countLabel(info.shown) || 'no cards';
  head.appendChild(h('div', { class: 'lane__count' }, count,
    info.hidden ? h('span', { class: 'lane__filtered' }, ` (+${info.hidden} filtered out)`) : null,
    lane.owner ? h('span', { class: 'lane__owner' }, ` · ${lane.owner}`) : null));

  const body = h('div', { class: 'lane__body', id: bodyId });
  if (info.unlinked) {
    body.appendChild(h('p', { class: 'lane__explain' },
      `Items whose chain reaches no objective of ${info.unitTitle}. Link each one to a key result with `,
      h('code', {}, 'supports:'), '.'));
  } else if (lane.outcomes.length) {
    body.appendChild(h('ul', { class: 'outcomes', 'aria-label': 'Key results' }, lane.outcomes.map(renderOutcome)));
  } else {
    body.appendChild(h('p', { class: 'lane__explain lane__explain--muted' }, 'This objective has no key results yet.'));
  }
  head.appendChild(body);
  return head;
}

/** A KR in a lane header: id + title, baseline → current → target, progress, "nothing supports this KR". */
export function renderOutcome(o: Outcome): HTMLElement {
  const pct = typeof o.progress === 'number' ? `${Math.round(Math.max(0, Math.min(1, o.progress)) * 100)}%` : '—';
  const li = h('li', {
    class: o.supportedBy === 0 ? 'outcome outcome--unsupported' : 'outcome',
    tabindex: 0,
    role: 'button',
    'data-ref': o.ref,
    'data-kind': 'outcome',
    'aria-label': `Key result ${refId(o.ref)}: ${o.title}, ${pct} of the way${o.supportedBy === 0 ? ', nothing supports this KR' : ''}`,
  });
  li.appendChild(h('div', { class: 'outcome__head' },
    h('span', { class: 'ref' }, refId(o.ref)),
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
    h('span', { class: 'outcome__pct' }, pct)));
  if (o.supportedBy === 0) {
    li.appendChild(h('div', { class: 'outcome__warn' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), 'nothing supports this KR'));
  } else {
    li.appendChild(h('div', { class: 'outcome__support' }, `supported by ${o.supportedBy}`));
  }
  return li;
}
