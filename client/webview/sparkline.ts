/**
 * A KR's pace in its outcome (issue 11 item 2): the status in words and
 * colour, and a sparkline of its history (check-ins; git history when the
 * model carries it) against the pace line from baseline at the start of its
 * period to target at its end. Drawn with DOM calls only (no markup parsed,
 * no inline style: the CSP allows neither).
 */
import type { Lane, Outcome, OutcomePoint, PortfolioSection, RoadmapModel } from '../../server/src/core/roadmap/model';
import { h, num } from './dom';

const SVG = 'http://www.w3.org/2000/svg';
const W = 120;
const H = 28;
const PAD = 3;

const STATUS_WORDS: Record<string, string> = { 'on-track': 'on track', 'at-risk': 'at risk', 'off-track': 'off track', done: 'done', unknown: 'pace unknown' };

/** "on track" / "off track" … as a coloured chip, with what it means. */
export function statusChip(o: Outcome): HTMLElement | null {
  if (!o.status || o.status === 'unknown') return null;
  const words = STATUS_WORDS[o.status] ?? o.status;
  const why = o.status === 'done' ? 'The target is reached'
    : `Expected today on a straight line from baseline to target: ${num(o.expected)}${o.unit && !/^[%‰°]/.test(o.unit) ? ` ${o.unit}` : o.unit ?? ''}`;
  return h('span', { class: `pace pace--${o.status}`, title: why }, words);
}

const day = (s: string): number => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));

function el(tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The sparkline, or null when the outcome has no history, or no baseline and target to draw the pace against. */
export function sparkline(o: Outcome): SVGElement | null {
  const pts = o.history ?? [];
  if (!pts.length || !o.periodDays || o.baseline === undefined || o.target === undefined) return null;
  const t0 = day(o.periodDays.first);
  const t1 = day(o.periodDays.last);
  if (!(t1 > t0)) return null;
  const values = [o.baseline, o.target, ...pts.map((p) => p.value)];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (d: string) => PAD + ((Math.min(t1, Math.max(t0, day(d))) - t0) / (t1 - t0)) * (W - 2 * PAD);
  const y = (v: number) => (hi === lo ? H / 2 : PAD + (1 - (v - lo) / (hi - lo)) * (H - 2 * PAD));
  const f = (n: number) => n.toFixed(1);
  const label = `History of ${o.ref}: ${pts.map((p) => `${num(p.value)} on ${p.date}`).join(', ')}; pace line from ${num(o.baseline)} on ${o.periodDays.first} to ${num(o.target)} on ${o.periodDays.last}`;
  const svg = el('svg', { class: `spark spark--${o.status ?? 'unknown'}`, viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': label });
  const title = el('title', {});
  title.textContent = label;
  svg.appendChild(title);
  svg.appendChild(el('line', { class: 'spark__pace', x1: f(x(o.periodDays.first)), y1: f(y(o.baseline)), x2: f(x(o.periodDays.last)), y2: f(y(o.target)) }));
  if (pts.length > 1) svg.appendChild(el('polyline', { class: 'spark__line', points: pts.map((p) => `${f(x(p.date))},${f(y(p.value))}`).join(' ') }));
  for (const p of pts) svg.appendChild(el('circle', { class: p.source === 'git' ? 'spark__dot spark__dot--git' : 'spark__dot', cx: f(x(p.date)), cy: f(y(p.value)), r: 2 }));
  return svg;
}

/** The git history the host sent (`okr/history`'s answer): KR ref → points, and each KR's period days. */
export interface GitOutcomes {
  krs: Record<string, readonly OutcomePoint[]>;
  periods: Record<string, { first: string; last: string }>;
}

/**
 * The model with each outcome's history made of git's points (the commits
 * that changed its `current`) and the model's own check-ins (live: as typed),
 * by date, git first on one day (as the server merges them). The same model
 * when git adds nothing. Remembers its last answer, so a redraw of the same
 * model and history gives the same objects.
 */
export function gitMerger(): (model: RoadmapModel, git: GitOutcomes | undefined) => RoadmapModel {
  let last: { model: RoadmapModel; git: GitOutcomes | undefined; out: RoadmapModel } | undefined;
  let lastGit: GitOutcomes | undefined;
  let merges = new WeakMap<PortfolioSection, PortfolioSection>();
  return (model, git) => {
    if (last?.model === model && last.git === git) return last.out;
    let changed = false;
    const merged = (o: Outcome): Outcome => {
      const points = (git?.krs[o.ref] ?? []).filter((p) => p.source === 'git');
      const days = o.periodDays ?? git?.periods[o.ref];
      if (!points.length || !days) return o;
      changed = true;
      const all = [...points, ...(o.history ?? [])].map((p, i) => ({ p, i }));
      all.sort((a, b) => (a.p.date < b.p.date ? -1 : a.p.date > b.p.date ? 1 : a.i - b.i));
      return { ...o, history: all.map((x) => x.p), periodDays: days };
    };
    const lanes = (ls: Lane[]): Lane[] => ls.map((l) => {
      const outcomes = l.outcomes.map(merged);
      return outcomes.every((o, i) => o === l.outcomes[i]) ? l : { ...l, outcomes };
    });
    // A section whose outcomes have no git history stays the same object (the renderer's memo keys on it).
    if (git !== lastGit) { merges = new WeakMap(); lastGit = git; }
    const section = (s: PortfolioSection): PortfolioSection => {
      let out = merges.get(s);
      if (!out) {
        const ls = lanes(s.lanes);
        out = ls.every((l, i) => l === s.lanes[i]) ? s : { ...s, lanes: ls };
        merges.set(s, out);
      }
      if (out !== s) changed = true;
      return out;
    };
    const next = git ? { ...model, lanes: lanes(model.lanes), ...(model.sections ? { sections: model.sections.map(section) } : {}) } : model;
    const out = changed ? next : model;
    last = { model, git, out };
    return out;
  };
}
