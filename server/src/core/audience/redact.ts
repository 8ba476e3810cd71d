/**
 * RoadmapModel → the model one audience may see. What is hidden is absent from
 * the model itself, not hidden by a renderer:
 *
 * - private entities (when `hide_private`) and items `include` filters out are
 *   gone, and so is a lane whose objective is gone (with every KR of it);
 * - each card, outcome and trace node keeps only the fields `show` lists and
 *   `private_fields` does not name; lane titles (the themes) stay unless private;
 * - counts are recomputed from what is left: `supportedBy` counts only the
 *   supporters this audience sees, a trace KR with nothing visible under it is a
 *   gap, lanes and "unlinked" hold only visible cards;
 * - with `dates: false`, columns are now / next / later, a quarter horizon
 *   becomes its bucket, `due` is gone (the period label and as-of date stay);
 * - no entity or unit id and no file location: every id becomes an opaque key
 *   (`k1`, `k2`, … in order of first appearance; the same entity keeps one key
 *   within a model), so cards can still be told apart and linked to outcomes;
 * - an item whose `horizon` is private sits in an `Unscheduled` column.
 *
 * Cards are sorted again from what is left (column, then status and title when
 * shown), so the order does not give away a hidden status.
 */
import type { CascadeIndex } from '../link';
import type { Entity, Located } from '../model';
import { horizonBucket, quarterIndex } from '../period';
import { compact, compareRefs } from '../roadmap/cards';
import type { Card, Lane, Outcome, PortfolioSection, RoadmapColumn, RoadmapModel, TraceNode } from '../roadmap/model';
import type { Lens } from './lens';
import { entityText, unitText } from './privacy';

/** A text of the cascade that the redacted model carries: where the leak check looks for the source of a leak. */
export interface Source {
  file: string;
  /** `unit/ID` for an entity, the unit id for a unit's own fields. */
  owner: string;
  /** The YAML field: `title`, `hypothesis`, `owner`, `name`, … (`unit` for a unit id shown as its name). */
  field: string;
  value: Located<string>;
}

export interface Redacted {
  model: RoadmapModel;
  /** Every cascade text the model shows, once per owner and field. */
  sources: Source[];
}

export const UNSCHEDULED: RoadmapColumn = { id: 'unscheduled', title: 'Unscheduled' };
const BUCKETS: RoadmapColumn[] = [{ id: 'now', title: 'Now', current: true }, { id: 'next', title: 'Next' }, { id: 'later', title: 'Later' }];
const STATUS_RANK: Record<string, number> = { active: 0, planned: 1, idea: 2, done: 4, dropped: 5 };

export function redact(base: RoadmapModel, lens: Lens, todayQuarter: number): Redacted {
  return new Redactor(lens, todayQuarter).model(base);
}

class Redactor {
  private readonly keys = new Map<string, string>();
  private readonly sources = new Map<string, Source>();
  private readonly index: CascadeIndex;
  private readonly datesOn: boolean;
  private unscheduled = false;

  constructor(private readonly lens: Lens, private readonly todayQuarter: number) {
    this.index = lens.index;
    this.datesOn = lens.audience.dates;
  }

  model(base: RoadmapModel): Redacted {
    const m = compact<RoadmapModel>({
      unit: this.key(base.unit),
      title: this.unitName(base.unit),
      view: base.view,
      audience: this.lens.audience.name,
      asOf: base.asOf,
      period: base.period,
      columns: [],
      lanes: this.lanes(base.lanes),
      unlinked: this.cards(base.unlinked),
      sections: base.sections?.map((s) => this.section(s)).filter((s): s is PortfolioSection => !!s),
      trace: base.trace?.map((n) => this.trace(n)).filter((n): n is TraceNode => !!n),
    });
    m.columns = this.datesOn ? base.columns.map((c) => ({ ...c })) : BUCKETS.map((c) => ({ ...c }));
    if (this.unscheduled) m.columns.push({ ...UNSCHEDULED });
    const order = new Map(m.columns.map((c, i) => [c.id, i]));
    const sort = (cards: Card[]) => cards.sort((a, b) => compareCards(a, b, order));
    for (const lane of [...m.lanes, ...(m.sections ?? []).flatMap((s) => s.lanes)]) sort(lane.cards);
    sort(m.unlinked);
    for (const s of m.sections ?? []) sort(s.unlinked);
    for (const card of this.allCards(m)) delete (card as { [ORIGINAL]?: string })[ORIGINAL];
    return { model: m, sources: [...this.sources.values()] };
  }

  private allCards(m: RoadmapModel): Card[] {
    const lanes = [...m.lanes, ...(m.sections ?? []).flatMap((s) => s.lanes)];
    return [...lanes.flatMap((l) => l.cards), ...m.unlinked, ...(m.sections ?? []).flatMap((s) => s.unlinked)];
  }

  /** The opaque key of an entity ref or unit id. */
  private key(ref: string): string {
    let k = this.keys.get(ref);
    if (!k) this.keys.set(ref, (k = `k${this.keys.size + 1}`));
    return k;
  }

  private entity(ref: string): Entity | undefined {
    return this.index.entity(ref);
  }

  private visible(ref: string): boolean {
    const e = this.entity(ref);
    return !!e && this.lens.visible(e);
  }

  /** Records that the model shows this field of `e`; answers its value. */
  private text(e: Entity, field: string, shown: string | undefined): string | undefined {
    if (shown === undefined) return undefined;
    const value = entityText(e, field);
    if (value) this.add({ file: e.file, owner: `${e.unit}/${e.id}`, field, value });
    return shown;
  }

  private add(s: Source): void {
    const k = `${s.owner}\0${s.field}`;
    if (!this.sources.has(k)) this.sources.set(k, s);
  }

  /** The unit's display name as shown (its `name`, else its id), or undefined when private. */
  private unitName(id: string): string | undefined {
    const value = this.lens.unitName(id);
    const f = this.index.units.get(id)?.primary;
    if (!value || !f) return undefined;
    const field = value === unitText(f, 'name') ? 'name' : 'unit';
    this.add({ file: f.file, owner: id, field, value });
    return value.value;
  }

  private lanes(lanes: Lane[]): Lane[] {
    return lanes.map((l) => this.lane(l)).filter((l): l is Lane => !!l);
  }

  private lane(l: Lane): Lane | undefined {
    const o = this.entity(l.id);
    if (!o || !this.lens.visible(o)) return undefined;
    return compact<Lane>({
      id: this.key(l.id),
      title: this.lens.privateField(o, 'title') ? undefined : this.text(o, 'title', l.title),
      owner: this.lens.shows(o, 'owner') ? this.text(o, 'owner', l.owner) : undefined,
      outcomes: l.outcomes.map((x) => this.outcome(x)).filter((x): x is Outcome => !!x),
      cards: this.cards(l.cards),
    } as Lane);
  }

  private outcome(o: Outcome): Outcome | undefined {
    const kr = this.entity(o.ref);
    if (!kr || kr.kind !== 'kr' || !this.lens.visible(kr)) return undefined;
    const numbers = this.numbers(kr);
    return compact<Outcome>({
      ref: this.key(o.ref),
      title: this.lens.shows(kr, 'title') ? this.text(kr, 'title', o.title) : undefined,
      baseline: numbers.baseline ? o.baseline : undefined,
      current: numbers.current ? o.current : undefined,
      target: numbers.target ? o.target : undefined,
      unit: numbers.unit ? this.text(kr, 'unit', o.unit) : undefined,
      progress: numbers.progress ? o.progress : undefined,
      // Pace (status, expected) and a rolled-up current say as much as the numbers: only with all of them.
      computed: numbers.progress ? o.computed : undefined,
      status: numbers.progress ? o.status : undefined,
      expected: numbers.progress ? o.expected : undefined,
      supportedBy: this.supporters(kr),
      owner: this.lens.shows(kr, 'owner') ? this.text(kr, 'owner', o.owner) : undefined,
    } as Outcome);
  }

  /** Which of a KR's numbers this audience sees: `outcome` shown, each not private; progress only when none of the three is. */
  private numbers(kr: Entity): { baseline: boolean; current: boolean; target: boolean; unit: boolean; progress: boolean } {
    const on = this.lens.showsOutcome();
    const open = (f: string) => on && !this.lens.privateField(kr, f);
    const [baseline, current, target] = [open('baseline'), open('current'), open('target')];
    return { baseline, current, target, unit: open('unit'), progress: baseline && current && target };
  }

  /** How many distinct supporters of the KR this audience sees. */
  private supporters(kr: Entity): number {
    const seen = new Set<string>();
    for (const s of this.index.supportersOf(kr)) if (this.lens.visible(s)) seen.add(`${s.unit}/${s.id}`);
    return seen.size;
  }

  private cards(cards: Card[]): Card[] {
    return cards.map((c) => this.card(c)).filter((c): c is Card => !!c);
  }

  private card(c: Card): Card | undefined {
    const e = this.entity(c.ref);
    if (!e || !this.lens.visible(e)) return undefined;
    const L = this.lens;
    const out: Record<string | symbol, unknown> = { ref: this.key(c.ref), kind: c.kind };
    if (L.shows(e, 'title')) out.title = this.text(e, 'title', c.title);
    out.column = this.column(c, e);
    if (L.shows(e, 'kr')) {
      const supports: string[] = [];
      const titles: string[] = [];
      c.supports.forEach((r, i) => {
        const k = this.entity(r);
        if (!k || !L.visible(k)) return;
        supports.push(this.key(r));
        titles.push(L.shows(k, 'title') ? (this.text(k, 'title', c.supportsTitles?.[i]) ?? '') : '');
      });
      out.supports = supports;
      out.supportsTitles = titles;
      if (c.serves) out.serves = c.serves.filter((r) => this.visible(r)).map((r) => this.key(r));
    }
    if (e.kind === 'item') {
      if (L.shows(e, 'confidence')) out.confidence = this.text(e, 'confidence', c.confidence);
      if (L.shows(e, 'status')) out.status = this.text(e, 'status', c.status);
      if (L.shows(e, 'type')) out.type = this.text(e, 'type', c.type);
      if (L.shows(e, 'hypothesis')) out.hypothesis = this.text(e, 'hypothesis', c.hypothesis);
    }
    if (L.showsUnit()) out.unit = this.unitName(e.unit);
    if (L.shows(e, 'owner')) out.owner = this.text(e, 'owner', c.owner);
    if (e.kind === 'item' && L.shows(e, 'horizon') && c.horizon !== undefined) {
      out.horizon = this.datesOn ? this.text(e, 'horizon', c.horizon) : (horizonBucket(c.horizon, this.todayQuarter) ?? 'later');
    }
    if (e.kind === 'item' && this.datesOn && L.shows(e, 'due')) out.due = this.text(e, 'due', c.due);
    if (e.kind === 'kr' && this.numbers(e).progress) out.progress = c.progress;
    if (e.kind === 'item' && L.shows(e, 'dependencies') && c.dependsOn) {
      const deps = c.dependsOn.filter((r) => this.visible(r)).map((r) => this.key(r));
      if (deps.length) out.dependsOn = deps;
    }
    out[ORIGINAL] = c.ref;
    return compact(out) as unknown as Card;
  }

  /** The card's column for this audience: a bucket when dates are off, `unscheduled` when its horizon is private. */
  private column(c: Card, e: Entity): string {
    if (e.kind === 'item' && this.lens.privateField(e, 'horizon')) {
      this.unscheduled = true;
      return UNSCHEDULED.id;
    }
    if (this.datesOn) return c.column;
    if (e.kind === 'item') return horizonBucket(e.horizon?.value ?? 'later', this.todayQuarter) ?? 'later';
    const q = quarterIndex(c.column);
    if (q !== undefined) return horizonBucket(c.column, this.todayQuarter) ?? 'later';
    return c.column === 'now' || c.column === 'next' ? c.column : 'later';
  }

  private section(s: PortfolioSection): PortfolioSection | undefined {
    if (this.lens.unitHidden(s.unit)) return undefined;
    return compact<PortfolioSection>({
      unit: this.key(s.unit),
      title: this.unitName(s.unit),
      lanes: this.lanes(s.lanes),
      unlinked: this.cards(s.unlinked),
    } as PortfolioSection);
  }

  private trace(n: TraceNode): TraceNode | undefined {
    const e = this.entity(n.ref);
    if (!e || !this.lens.visible(e)) return undefined;
    const children = n.children.map((c) => this.trace(c)).filter((c): c is TraceNode => !!c);
    return compact<TraceNode>({
      ref: this.key(n.ref),
      kind: n.kind,
      title: this.lens.shows(e, 'title') ? this.text(e, 'title', n.title) : undefined,
      unit: this.lens.showsUnit() ? this.unitName(e.unit) : undefined,
      progress: e.kind === 'kr' && this.numbers(e).progress ? n.progress : undefined,
      status: e.kind === 'item' && this.lens.shows(e, 'status') ? this.text(e, 'status', n.status) : undefined,
      gap: n.kind === 'kr' && children.length === 0 ? true : undefined,
      children,
    } as TraceNode);
  }
}

/** The entity ref a redacted card came from, kept only while sorting. */
const ORIGINAL = Symbol('ref');

/** Column, then status (when shown), then title (when shown), then the hidden ref: nothing hidden decides the order. */
function compareCards(a: Card, b: Card, order: Map<string, number>): number {
  const rank = (c: Card) => (c.status ? STATUS_RANK[c.status] ?? 3 : 3);
  const ref = (c: Card) => (c as { [ORIGINAL]?: string })[ORIGINAL] ?? '';
  return (order.get(a.column) ?? order.size) - (order.get(b.column) ?? order.size)
    || rank(a) - rank(b)
    || plain(a.title ?? '', b.title ?? '')
    || compareRefs(ref(a), ref(b));
}

function plain(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
