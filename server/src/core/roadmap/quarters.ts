/** The `quarters` view (a release plan): one column per quarter of the unit's period, then `later`. */
import { krQuarter, quarterColumns } from './columns';
import { buildLanes, type ViewContext, type ViewResult } from './cards';

export function quartersView(v: ViewContext): ViewResult {
  const columns = quarterColumns(v.period, v.todayQuarter);
  const { lanes, unlinked } = buildLanes(v, v.unit, { columns, krQuarter: (kr) => krQuarter(v.index, kr, v.todayQuarter, v.period) });
  return { columns: columns.columns, lanes, unlinked };
}
