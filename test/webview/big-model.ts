/** A synthetic portfolio of a large company, for the renderer's scale tests: `products` sections of 4 lanes. */
import type { Card, Lane, RoadmapModel } from '../../server/src/core/roadmap/model';

const COLUMNS = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', 'later'];

export function bigPortfolio(products: number, cardsPerLane: number): RoadmapModel {
  let n = 0;
  const loc = (u: string, line: number) => ({ file: `${u}.okr.yaml`, line, character: 2 });
  const card = (u: string, o: number): Card => {
    n++;
    return {
      ref: `${u}/item-${n}`, kind: 'item', title: `Roadmap item ${n}`, column: COLUMNS[n % COLUMNS.length],
      supports: [`${u}/KR${o}1`], supportsTitles: ['Key result'], serves: [`${u}/KR${o}1`],
      confidence: (['high', 'medium', 'low'] as const)[n % 3], status: (['active', 'planned', 'idea', 'done'] as const)[n % 4],
      type: 'feature', hypothesis: 'We believe it moves the number because users asked.', unit: u, location: loc(u, 40 + (n % 300)),
    };
  };
  const lane = (u: string, o: number, cards: number): Lane => ({
    id: `${u}/O${o}`, title: `Objective ${o} of ${u}`, location: loc(u, 8),
    outcomes: [1, 2].map((k) => ({ ref: `${u}/KR${o}${k}`, title: `Key result ${k}`, baseline: 10, current: 14, target: 20, progress: 0.4, supportedBy: 3, location: loc(u, 10 + k) })),
    cards: Array.from({ length: cards }, () => card(u, o)),
  });
  return {
    unit: 'megacorp', title: 'Megacorp', level: 'company', view: 'portfolio', asOf: '2026-11-24', period: '2026',
    columns: COLUMNS.map((id) => ({ id, title: id === 'later' ? 'Later' : `${id.slice(5)} ${id.slice(0, 4)}`, ...(id === '2026-Q4' ? { current: true } : {}) })),
    lanes: [1, 2, 3].map((o) => lane('megacorp', o, 0)),
    unlinked: [],
    sections: Array.from({ length: products }, (_, p) => ({
      unit: `product-${p + 1}`, title: `Product ${p + 1}`, level: 'product', unlinked: [],
      lanes: [1, 2, 3, 4].map((o) => lane(`product-${p + 1}`, o, cardsPerLane)),
    })),
  };
}

export const cardCount = (m: RoadmapModel): number =>
  [...m.lanes, ...(m.sections ?? []).flatMap((s) => s.lanes)].reduce((k, l) => k + l.cards.length, 0);
