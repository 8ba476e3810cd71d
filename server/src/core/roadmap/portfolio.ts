/**
 * The `portfolio` view (a company): the unit's own lanes as in the quarters
 * view, then one section per child unit (each product) with that child's own
 * lanes and unlinked items. Every section uses the top unit's columns, so one
 * grid lines them all up.
 */
import { krQuarter, quarterColumns } from './columns';
import { buildLanes, compact, compareRefs, type ViewContext, type ViewResult } from './cards';
import type { PortfolioSection } from './model';

export function portfolioView(v: ViewContext): ViewResult {
  const columns = quarterColumns(v.period, v.todayQuarter);
  const kq = (kr: Parameters<typeof krQuarter>[1]) => krQuarter(v.index, kr, v.todayQuarter, v.period);
  const top = buildLanes(v, v.unit, { columns, krQuarter: kq, unlinkedFrom: (u) => u === v.unit.id });
  const seen = new Set([v.unit.id]);
  const children = v.unit.children.filter((c) => !seen.has(c.id) && seen.add(c.id)).sort((a, b) => compareRefs(a.id, b.id));
  const sections: PortfolioSection[] = children.map((child) => {
    const { lanes, unlinked } = buildLanes(v, child, { columns, krQuarter: kq });
    return compact<PortfolioSection>({ unit: child.id, title: child.primary.name?.value ?? child.id, level: child.primary.level?.value, lanes, unlinked });
  });
  return { columns: columns.columns, lanes: top.lanes, unlinked: top.unlinked, sections };
}
