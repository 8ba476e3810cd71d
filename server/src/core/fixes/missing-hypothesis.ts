/** missing-hypothesis → insert "We believe <item> will move <KR> because …" at the item's indentation. */
import { setEntry } from './edit';
import { itemAt, type FixProvider } from './types';

export const missingHypothesis: FixProvider = ({ file, index, problem }) => {
  const item = itemAt(file, problem.span[0]);
  if (!item) return [];
  const kr = index.supportedKrs(item)[0];
  const krName = kr ? (kr.title?.value ?? kr.id) : item.supports[0]?.raw ?? 'the key result';
  const text = `We believe ${item.title?.value ?? item.id} will move ${krName} because …`;
  const edit = setEntry(file, item.keySpan[0], 'hypothesis', text, ['supports', 'title']);
  return edit ? [{ title: 'Add a hypothesis: "We believe … will move … because …"', edits: [edit], preferred: true }] : [];
};
