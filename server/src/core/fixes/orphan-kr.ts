/** orphan-kr → "Supports <parent>/<KR> …" for each KR of the parent unit. */
import { setEntry } from './edit';
import { described, krAt, krsOf, type Fix, type FixProvider } from './types';

const AFTER = ['unit', 'current', 'target', 'baseline', 'title'];

export const orphanKr: FixProvider = ({ file, index, problem }) => {
  const kr = krAt(file, problem.span[0]);
  const parent = file.parent?.value;
  if (!kr || !parent) return [];
  const krs = krsOf(index, parent);
  const out: Fix[] = [];
  for (const p of krs) {
    const ref = `${parent}/${p.id}`;
    const edit = setEntry(file, kr.keySpan[0], 'supports', ref, AFTER);
    if (edit) out.push({ title: `Supports ${described(ref, p.title?.value)}`, edits: [edit], preferred: krs.length === 1 });
  }
  return out;
};
