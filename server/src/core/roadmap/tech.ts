/** The `tech` view: the quarters view restricted to items of `type: tech` (no KR cards). */
import { quarterColumns } from './columns';
import { buildLanes, type ViewContext, type ViewResult } from './cards';

export function techView(v: ViewContext): ViewResult {
  const columns = quarterColumns(v.period, v.todayQuarter);
  const { lanes, unlinked } = buildLanes(v, v.unit, { columns, item: (it) => it.type?.value === 'tech' });
  return { columns: columns.columns, lanes, unlinked };
}
