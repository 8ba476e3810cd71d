/** kr-not-measurable → add `baseline:` and `target:`, or turn a non-numeric target into a number. */
import { entries } from '../yaml-nodes';
import { childPair, fillValue, guarded, insertEntries, pairAt, type Value } from './edit';
import { safeReplace } from './replace';
import { krAt, type FixProvider } from './types';

/** Placeholder target when nothing better is known: the user sets the real number. */
const PLACEHOLDER = 100;

export const krNotMeasurable: FixProvider = ({ file, problem }) => {
  const kr = krAt(file, problem.span[0]);
  const found = kr && pairAt(file, kr.keySpan[0]);
  if (!kr || !found) return [];
  if (kr.targetRaw) {
    const n = /-?\d+(?:\.\d+)?/.exec(kr.targetRaw.value)?.[0];
    const value = n ?? String(PLACEHOLDER);
    const edits = safeReplace(file, kr.targetRaw.span, value, `kr:${kr.id}`);
    return edits ? [{ title: `Make the target a number: \`target: ${value}\``, edits, preferred: true }] : [];
  }
  const present = new Set(entries(found.pair.value).map((e) => e.key));
  const baseline = kr.current?.value ?? 0;
  const targetPair = childPair(found.pair, 'target');
  if (targetPair) {
    const edit = guarded(file, `kr:${kr.id}`, fillValue(file, targetPair, PLACEHOLDER));
    return edit ? [{ title: `Set \`target: ${PLACEHOLDER}\` (then the real number)`, edits: [edit], preferred: true }] : [];
  }
  const add: [string, Value][] = present.has('baseline') ? [] : [['baseline', baseline]];
  add.push(['target', PLACEHOLDER]);
  const edit = guarded(file, `kr:${kr.id}`, insertEntries(file, found.pair, add, ['baseline', 'title']));
  const what = add.map(([k, v]) => `\`${k}: ${v}\``).join(' and ');
  return edit ? [{ title: `Add ${what} (then set the real numbers)`, edits: [edit], preferred: true }] : [];
};
