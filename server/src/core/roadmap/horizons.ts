/** The `horizons` view (lean): `now`, `next`, `later`, with explicit quarters mapped against today. */
import { horizonColumns, krQuarter } from './columns';
import { buildLanes, type ViewContext, type ViewResult } from './cards';

export function horizonsView(v: ViewContext): ViewResult {
  const columns = horizonColumns(v.todayQuarter);
  const { lanes, unlinked } = buildLanes(v, v.unit, { columns, krQuarter: (kr) => krQuarter(v.index, kr, v.todayQuarter, v.period) });
  return { columns: columns.columns, lanes, unlinked };
}
