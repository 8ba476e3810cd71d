/**
 * Which columns a board draws, and which past quarters it folds into one
 * narrow "Earlier" column, so that today's column is on screen when the board
 * opens without scrolling anything: the past quarters that hold no card are
 * always folded (from the first one), and more past quarters are folded, oldest
 * first, while today's column would not fit in the width the board has. The
 * user can unfold them (`ViewState.unfold`).
 */
import type { Card, RoadmapColumn } from '../../server/src/core/roadmap/model';

/** Widths the plan needs, in CSS pixels (read from the stylesheet's custom properties). */
export interface Layout {
  /** The width the board can use without scrolling. */
  avail: number;
  /** The lane column beside the cells (0 when lane headings sit above their row). */
  laneW: number;
  /** The narrowest a quarter column may be. */
  colMin: number;
  /** The folded "Earlier" column. */
  earlierW: number;
}

export interface ColumnPlan {
  /** Every column of the board, in order (folded ones included). */
  columns: RoadmapColumn[];
  /** Ids of the columns folded into "Earlier" (a prefix of `columns`). */
  folded: string[];
  /** True when folding is possible (something is or could be folded): the board offers the toggle. */
  foldable: boolean;
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

export function planColumns(columns: RoadmapColumn[], cards: readonly Card[], layout: Layout, unfold: boolean): ColumnPlan {
  const today = columns.findIndex((c) => c.current);
  if (today <= 0) return { columns, folded: [], foldable: false };
  if (unfold) return { columns, folded: [], foldable: true };
  const used = new Set(cards.map((c) => c.column));
  let k = 0;
  while (k < today && !used.has(columns[k].id)) k++;
  const fits = (n: number) => layout.laneW + (n ? layout.earlierW : 0) + (today - n + 1) * layout.colMin <= layout.avail;
  while (k < today && !fits(k)) k++;
  return { columns, folded: columns.slice(0, k).map((c) => c.id), foldable: true };
}

/** "Q1–Q2 2026", "Q1 2026", "Q4 2025–Q2 2026". */
export function foldedTitle(columns: readonly RoadmapColumn[]): string {
  if (!columns.length) return '';
  const first = columns[0].title;
  const last = columns[columns.length - 1].title;
  if (first === last) return first;
  const [q1, y1] = first.split(' ');
  const [q2, y2] = last.split(' ');
  return y1 && y1 === y2 ? `${q1}–${q2} ${y1}` : `${first}–${last}`;
}
