/**
 * Lane assignment and card building: which objective of the roadmap unit a
 * roadmap item or a lower KR serves (by following `supports` upward), and the
 * card, outcome and lane objects the views share.
 */
import { periodDays } from '../history/pace';
import { withCheckins } from '../history/series';
import type { KrPaces } from '../history/status';
import type { CascadeIndex, UnitInfo } from '../link';
import { entityKey, type Entity, type Item, type KeyResult, type Objective, type Period, type UnitFile } from '../model';
import { formatDay } from '../period';
import { positionAt } from '../text';
import type { ColumnScheme } from './columns';
import type { Card, Lane, Outcome, OutcomePoint, RoadmapModel, SourceLocation } from './model';
import { krProgress } from './progress';

/** What every view needs: the cascade, today, and how to show a file key. */
export interface BuildContext {
  index: CascadeIndex;
  todayQuarter: number;
  path: (file: string) => string;
  /** Pace and computed currents as of the model's date (outcomes carry status and expected when given). */
  paces?: KrPaces;
}

export interface LaneOptions {
  columns: ColumnScheme;
  /** When given, the KRs of lower units become `kr` cards (initiatives) in the quarter this answers. */
  krQuarter?: (kr: KeyResult) => number;
  /** Keep only the items this accepts (the tech view). */
  item?: (item: Item) => boolean;
  /** Collect unlinked items of these units only (default: U and every unit below). */
  unlinkedFrom?: (unit: string) => boolean;
}

export interface LanesResult {
  lanes: Lane[];
  unlinked: Card[];
}

export const ref = (e: Entity): string => entityKey(e.unit, e.id);
export const titleOf = (e: Entity): string => e.title?.value ?? e.id;

/** Drops the keys whose value is undefined, so the JSON and deep-equals stay clean. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function locate(ctx: BuildContext, e: Entity): SourceLocation {
  const file: UnitFile | undefined =
    ctx.index.units.get(e.unit)?.files.find((f) => f.file === e.file) ?? ctx.index.files.find((f) => f.file === e.file);
  const pos = file ? positionAt(file.lineStarts, e.keySpan[0]) : { line: 0, character: 0 };
  return { file: ctx.path(e.file), line: pos.line, character: pos.character };
}

/**
 * The KRs of `unit` that the `supports` chain of `e` reaches, by objective:
 * follows each supported KR upward through its own `supports` until a KR of
 * `unit` is met (cycle-safe). Empty when the chain reaches no objective.
 */
export function reach(index: CascadeIndex, e: KeyResult | Item, unit: string): Map<string, KeyResult[]> {
  const out = new Map<string, KeyResult[]>();
  // Breadth first; a KR is one object per `unit/ID` in an index, so the KRs seen are kept as themselves.
  const queue = index.supportedKrs(e);
  const seen = new Set<KeyResult>();
  for (let i = 0; i < queue.length; i++) {
    const kr = queue[i];
    if (seen.has(kr)) continue;
    seen.add(kr);
    if (kr.unit === unit) {
      const list = out.get(kr.objective);
      if (list) list.push(kr);
      else out.set(kr.objective, [kr]);
    } else index.supportedKrs(kr, queue);
  }
  return out;
}

function supportsOf(index: CascadeIndex, e: KeyResult | Item): Pick<Card, 'supports' | 'supportsTitles' | 'unresolved'> {
  const supports: string[] = [];
  const supportsTitles: string[] = [];
  const unresolved: string[] = [];
  for (const r of e.supports) {
    const res = index.resolve(r, e.unit);
    if (!res.ok || res.entity.kind !== 'kr') {
      unresolved.push(r.raw);
      continue;
    }
    const key = ref(res.entity);
    if (supports.includes(key)) continue;
    supports.push(key);
    supportsTitles.push(titleOf(res.entity));
  }
  return unresolved.length ? { supports, supportsTitles, unresolved } : { supports, supportsTitles };
}

export function itemCard(ctx: BuildContext, it: Item, column: string, serves?: KeyResult[]): Card {
  const dependsOn: string[] = [];
  for (const r of it.dependsOn) {
    const res = ctx.index.resolve(r, it.unit);
    if (res.ok && res.entity.kind === 'item' && !dependsOn.includes(ref(res.entity))) dependsOn.push(ref(res.entity));
  }
  return compact<Card>({
    ref: ref(it),
    kind: 'item',
    title: titleOf(it),
    column,
    ...supportsOf(ctx.index, it),
    serves: serves?.map(ref),
    confidence: it.confidence?.value,
    status: it.status?.value,
    type: it.type?.value,
    hypothesis: it.hypothesis?.value,
    unit: it.unit,
    owner: it.owner?.value,
    horizon: it.horizon?.value,
    due: it.due?.value,
    dependsOn: dependsOn.length ? dependsOn : undefined,
    location: locate(ctx, it),
  });
}

export function krCard(ctx: BuildContext, kr: KeyResult, column: string, serves: KeyResult[]): Card {
  return compact<Card>({
    ref: ref(kr),
    kind: 'kr',
    title: titleOf(kr),
    column,
    ...supportsOf(ctx.index, kr),
    serves: serves.map(ref),
    unit: kr.unit,
    owner: kr.owner?.value,
    progress: ctx.paces ? ctx.paces.of(kr).progress : krProgress(kr),
    location: locate(ctx, kr),
  });
}

export function outcome(ctx: BuildContext, kr: KeyResult): Outcome {
  const pace = ctx.paces?.of(kr);
  return compact<Outcome>({
    ref: ref(kr),
    title: titleOf(kr),
    baseline: kr.baseline?.value,
    current: pace ? pace.current : kr.current?.value,
    target: kr.target?.value,
    unit: kr.metricUnit?.value,
    progress: pace ? pace.progress : krProgress(kr),
    computed: pace?.computed || undefined,
    status: pace?.status,
    expected: pace?.expected,
    ...historyOf(kr, pace?.period),
    supportedBy: ctx.index.supportersOf(kr).length,
    owner: kr.owner?.value,
    location: locate(ctx, kr),
  });
}

export function objectivesOf(unit: UnitInfo): Objective[] {
  return [...unit.entities.values()].filter((e): e is Objective => e.kind === 'objective');
}

/** The lanes (one per objective of `unit`, with their cards) and the unlinked items. */
export function buildLanes(ctx: BuildContext, unit: UnitInfo, opts: LaneOptions): LanesResult {
  const lanes = new Map<string, Lane>();
  for (const o of objectivesOf(unit)) {
    lanes.set(o.id, compact<Lane>({
      id: ref(o), title: titleOf(o), owner: o.owner?.value, outcomes: o.krs.map((kr) => outcome(ctx, kr)), cards: [], location: locate(ctx, o),
    }));
  }
  const unlinked: Card[] = [];
  const place = (reached: Map<string, KeyResult[]>, card: (serves: KeyResult[]) => Card) => {
    for (const [objective, krs] of reached) lanes.get(objective)?.cards.push(card(krs));
  };
  for (const u of ctx.index.descendants(unit.id)) {
    for (const e of u.entities.values()) {
      if (e.kind === 'item') {
        if (opts.item && !opts.item(e)) continue;
        const column = opts.columns.horizon(e.horizon?.value);
        const reached = reach(ctx.index, e, unit.id);
        if (reached.size) place(reached, (serves) => itemCard(ctx, e, column, serves));
        else if (!opts.unlinkedFrom || opts.unlinkedFrom(u.id)) unlinked.push(itemCard(ctx, e, column));
      } else if (e.kind === 'kr' && opts.krQuarter && u !== unit) {
        const column = opts.columns.quarter(opts.krQuarter(e));
        place(reach(ctx.index, e, unit.id), (serves) => krCard(ctx, e, column, serves));
      }
    }
  }
  const order = columnOrder(opts.columns);
  const result = [...lanes.values()];
  for (const lane of result) lane.cards.sort((a, b) => compareCards(a, b, order));
  unlinked.sort((a, b) => compareCards(a, b, order));
  return { lanes: result, unlinked };
}

const STATUS_RANK: Record<string, number> = { active: 0, planned: 1, idea: 2, done: 4, dropped: 5 };
/** A card without a status (a KR card) sorts among the open ones, after `idea`. */
const statusRank = (c: Card) => (c.status ? STATUS_RANK[c.status] : 3);

export function columnOrder(columns: ColumnScheme): Map<string, number> {
  return new Map(columns.columns.map((c, i) => [c.id, i]));
}

/** One collator for every comparison: `localeCompare` with options builds one per call. */
const NATURAL = new Intl.Collator('en', { numeric: true });

export function compareRefs(a: string, b: string): number {
  return NATURAL.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Column order, then status (active, planned, idea, —, done, dropped), then ref. */
export function compareCards(a: Card, b: Card, order: Map<string, number>): number {
  return (order.get(a.column) ?? order.size) - (order.get(b.column) ?? order.size) || statusRank(a) - statusRank(b) || compareRefs(a.ref, b.ref);
}

/** What a view is built from: the context plus the roadmap unit and the period its columns span. */
export interface ViewContext extends BuildContext {
  unit: UnitInfo;
  period: Period;
}

export type ViewResult = Pick<RoadmapModel, 'columns' | 'lanes' | 'unlinked' | 'sections' | 'trace' | 'gaps'>;

/** A KR's hand check-ins within its period, and the period's days (for the sparkline and its pace line); nothing when it has none. */
function historyOf(kr: KeyResult, period: Period | undefined): Pick<Outcome, 'history' | 'periodDays'> {
  if (!period || !kr.checkins.length) return {};
  const history = withCheckins(kr, [], period).map((p) => compact<OutcomePoint>({ date: p.date, value: p.value, source: p.source, note: p.note }));
  if (!history.length) return {};
  const days = periodDays(period);
  return { history, periodDays: { first: formatDay(days.first), last: formatDay(days.last) } };
}
