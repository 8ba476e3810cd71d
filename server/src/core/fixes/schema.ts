/** schema, unknown key → rename the key to the suggested one (unless that key is already there). */
import { entries } from '../yaml-nodes';
import { rawSpan } from '../text-edit';
import { pairAt } from './edit';
import type { FixProvider } from './types';

export const schema: FixProvider = ({ file, problem }) => {
  const key = problem.data?.key;
  if (!key || !problem.data?.suggestions?.length) return [];
  const present = new Set(entries(pairAt(file, problem.span[0])?.map).map((e) => e.key));
  const span = rawSpan(file.text, problem.span, key);
  return problem.data.suggestions
    .filter((s) => !present.has(s))
    .map((s, i) => ({ title: `Rename \`${key}\` to \`${s}\``, edits: [{ span, newText: s }], preferred: i === 0 }));
};
