/** schema, unknown key → rename the key to the suggested one (unless that key is already there, or others repeat this map). */
import { entries } from '../yaml-nodes';
import { rawSpan } from '../text-edit';
import { guarded, pairAt } from './edit';
import type { FixProvider } from './types';

export const schema: FixProvider = ({ file, problem }) => {
  const key = problem.data?.key;
  if (!key || !problem.data?.suggestions?.length) return [];
  const present = new Set(entries(pairAt(file, problem.span[0])?.map).map((e) => e.key));
  const span = rawSpan(file.text, problem.span, key);
  // The innermost entity whose entry holds the key: the only one the rename may change.
  const owner = [...file.krs, ...file.items, ...file.objectives]
    .filter((e) => e.span[0] <= span[0] && span[1] <= e.span[1])
    .sort((a, b) => a.span[1] - a.span[0] - (b.span[1] - b.span[0]))[0];
  return problem.data.suggestions
    .filter((s) => !present.has(s))
    .map((s) => guarded(file, owner ? `${owner.kind}:${owner.id}` : undefined, { span, newText: s }))
    .filter((e): e is NonNullable<typeof e> => !!e)
    .map((edit, i) => ({ title: `Rename \`${key}\` to \`${edit.newText}\``, edits: [edit], preferred: i === 0 }));
};
