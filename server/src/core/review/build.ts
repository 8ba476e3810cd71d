/**
 * The review document as a pure function of the cascade now, the cascade at
 * `since` (possibly absent) and the KRs' history (possibly empty): per
 * objective of the unit, each KR with its numbers, pace, status, history and
 * change; the roadmap items below with what happened to them; the decisions.
 */
import type { PaceThresholds } from '../config';
import { KrPaces } from '../history/status';
import { valueAt, withCheckins, type HistoryPoint } from '../history/series';
import type { CascadeIndex, UnitInfo } from '../link';
import type { Entity, Item, KeyResult } from '../model';
import { dayQuarter, formatDay, type Day } from '../period';
import { compact, compareRefs, locate, objectivesOf, reach, ref, titleOf, type BuildContext } from '../roadmap/cards';
import { defaultRoadmapUnit } from '../roadmap/index';
import { contribution, Currents } from '../rollup';
import { isValidDate } from '../schema';
import { closest } from '../text';
import { decisions } from './decisions';
import { isLive, itemEvents } from './events';
import type { ReviewDocument, ReviewItem, ReviewKr } from './types';

export interface ReviewOptions {
  /** The unit reviewed; the roadmap's default unit when absent. */
  unit?: string;
  asOf: Day;
  pace?: PaceThresholds;
  /** `YYYY-MM-DD`: the last review; default: the unit's `reviewed:` date. */
  since?: string;
  /** How `since` was given (for the document's wording). */
  sinceFrom?: 'date' | 'revision';
  /** The cascade at `since`: item events and each KR's `change.from` come from it. */
  before?: CascadeIndex;
  /** KR ref → its values from git, oldest first (core/history/series.ts). */
  history?: ReadonlyMap<string, readonly HistoryPoint[]>;
  /** File key → the path shown in locations. */
  path?: (file: string) => string;
}

/** The review cannot be built as asked: an unknown unit or an empty cascade. */
export class ReviewError extends Error {
  override readonly name = 'ReviewError';
}

export function buildReview(index: CascadeIndex, options: ReviewOptions): ReviewDocument {
  const known = [...index.units.keys()].sort(compareRefs);
  const unitId = options.unit ?? defaultRoadmapUnit(index);
  if (unitId === undefined) throw new ReviewError('The cascade has no units: no file declares `unit:`');
  const unit = index.units.get(unitId);
  if (!unit) {
    const near = closest(unitId, known, false);
    throw new ReviewError(`Unknown unit "${unitId}".${near.length ? ` Did you mean ${near.map((u) => `"${u}"`).join(' or ')}?` : ''} Known units: ${known.join(', ')}`);
  }
  const todayQuarter = dayQuarter(options.asOf);
  const ctx: BuildContext = { index, todayQuarter, path: options.path ?? ((f) => f) };
  const paces = new KrPaces(index, options.asOf, options.pace);
  const reviewed = unit.primary.reviewed?.value;
  const since = options.since ?? (reviewed && isValidDate(reviewed) ? reviewed : undefined);
  const sinceFrom = options.since ? (options.sinceFrom ?? 'date') : since ? 'reviewed' : undefined;
  const beforeCurrents = options.before && new Currents(options.before);

  const krs: ReviewKr[] = [];
  for (const o of objectivesOf(unit)) {
    for (const kr of o.krs) {
      const pace = paces.of(kr);
      const history = withCheckins(kr, options.history?.get(ref(kr)) ?? [], pace.period);
      const then = options.before?.entity(ref(kr));
      const from = (then?.kind === 'kr' ? beforeCurrents?.of(then)?.value : undefined) ?? (since ? valueAt(history, since)?.value : undefined);
      const c = kr.rollup && contribution(index, kr);
      // Live bets first, then the finished, dropped and invalidated ones; each group in source order.
      const bets = betsOf(index, kr).sort((a, b) => Number(isLive(b)) - Number(isLive(a)));
      krs.push(compact<ReviewKr>({
        ref: ref(kr),
        title: titleOf(kr),
        objective: ref(o),
        objectiveTitle: titleOf(o),
        unit: kr.metricUnit?.value,
        baseline: kr.baseline?.value,
        target: kr.target?.value,
        current: pace.current,
        computed: pace.computed,
        progress: pace.progress,
        elapsed: pace.elapsed,
        expected: pace.expected,
        status: pace.status,
        period: pace.period?.text,
        history,
        change: from !== undefined && pace.current !== undefined ? { from, to: pace.current } : undefined,
        rollup: kr.rollup ? compact({ kind: kr.rollup.value, planned: c?.planned, needed: c?.needed, shortfall: c?.shortfall, overPromised: c ? c.overPromised : undefined }) : undefined,
        liveBets: bets.filter(isLive).map(ref),
        bets: bets.map(ref),
        betsFailed: bets.length && bets.every((b) => b.status?.value === 'dropped' || b.result?.value === 'invalidated') ? true : undefined,
        location: locate(ctx, kr),
      }));
    }
  }

  const items = reviewItems(ctx, unit, options);
  const doc: ReviewDocument = compact<ReviewDocument>({
    unit: unit.id,
    title: unit.primary.name?.value,
    asOf: formatDay(options.asOf),
    since,
    sinceFrom,
    period: unit.primary.period?.value.text,
    compared: !!options.before,
    krs,
    items,
    decisions: [],
  });
  doc.decisions = decisions(doc);
  return doc;
}

/** Roadmap items whose `supports` chain reaches `kr` (through the KRs below it), in source order, cycle-safe. */
export function betsOf(index: CascadeIndex, kr: KeyResult): Item[] {
  const out: Item[] = [];
  const seen = new Set<Entity>([kr]);
  const queue: KeyResult[] = [kr];
  while (queue.length) {
    const k = queue.shift()!;
    for (const s of index.supportersOf(k)) {
      if (seen.has(s)) continue;
      seen.add(s);
      if (s.kind === 'item') out.push(s);
      else queue.push(s);
    }
  }
  return out;
}

/** The items of the unit and of every unit below it, now and (removed ones) at `since`. */
function reviewItems(ctx: BuildContext, unit: UnitInfo, options: ReviewOptions): ReviewItem[] {
  const { index, todayQuarter } = ctx;
  const before = options.before;
  const now = new Map<string, Item>();
  for (const u of index.descendants(unit.id)) for (const e of u.entities.values()) if (e.kind === 'item') now.set(ref(e), e);
  const then = new Map<string, Item>();
  if (before) for (const u of before.descendants(unit.id)) for (const e of u.entities.values()) if (e.kind === 'item') then.set(ref(e), e);
  const refs = [...new Set([...now.keys(), ...then.keys()])].sort(compareRefs);
  return refs.map((r) => {
    const it = now.get(r);
    const was = before?.entity(r);
    const old = was?.kind === 'item' ? was : undefined;
    const shown = it ?? old!;
    const events = itemEvents(it, old, !!before, options.asOf, todayQuarter);
    const changed = <K extends 'horizon' | 'status' | 'confidence' | 'result'>(k: K) => (it && old && it[k]?.value !== old[k]?.value ? old[k]?.value : undefined);
    const beforeFields = it && old ? compact({ horizon: changed('horizon'), status: changed('status'), confidence: changed('confidence'), result: changed('result') }) : undefined;
    const krs = it ? [...reach(index, it, unit.id).values()].flat().map(ref) : [];
    return compact<ReviewItem>({
      ref: r,
      title: titleOf(shown),
      status: shown.status?.value,
      horizon: shown.horizon?.value,
      confidence: shown.confidence?.value,
      result: shown.result?.value,
      evidence: shown.evidence?.value,
      due: shown.due?.value,
      krs: [...new Set(krs)],
      events,
      before: beforeFields && Object.keys(beforeFields).length ? beforeFields : undefined,
      location: it ? locate(ctx, it) : undefined,
    });
  });
}
