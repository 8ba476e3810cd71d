/** untraceable-item → "Link to KR …" for each KR of the item's unit and of its parent. */
import { setEntry } from './edit';
import { described, itemAt, krsOf, type Fix, type FixProvider } from './types';

export const untraceableItem: FixProvider = ({ file, index, problem }) => {
  const item = itemAt(file, problem.span[0]);
  const unit = file.unitId?.value;
  if (!item || !unit) return [];
  const parent = index.parentOf(unit)?.id;
  const refs = [
    ...krsOf(index, unit).map((k) => ({ ref: k.id, kr: k })),
    ...krsOf(index, parent).map((k) => ({ ref: `${parent}/${k.id}`, kr: k })),
  ];
  const out: Fix[] = [];
  for (const { ref, kr } of refs) {
    const edit = setEntry(file, item.keySpan[0], 'supports', ref, ['title']);
    if (edit) out.push({ title: `Link to KR ${described(ref, kr.title?.value)}`, edits: [edit], preferred: refs.length === 1 });
  }
  return out;
};
