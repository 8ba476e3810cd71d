/**
 * missing-hypothesis → insert "We believe <the item> will move <its KR> because
 * <reason>" at the item's indentation, with the change and the reason as
 * placeholders to tab into. The text it leaves is still a template, so the
 * finding stays (on the placeholder) until a reason is written.
 */
import { hypothesisTemplate } from '../hypothesis';
import type { Span } from '../model';
import { setEntry } from './edit';
import { itemAt, type FixProvider } from './types';

export const missingHypothesis: FixProvider = ({ file, index, problem }) => {
  const item = itemAt(file, problem.span[0]);
  if (!item) return [];
  const kr = index.supportedKrs(item)[0];
  const target = kr ? { title: kr.title?.value, ref: kr.unit === item.unit ? kr.id : `${kr.unit}/${kr.id}` } : item.supports[0] ? { ref: item.supports[0].raw } : undefined;
  const template = hypothesisTemplate(item.title?.value ?? item.id, target);
  const edit = setEntry(file, item.keySpan[0], 'hypothesis', template.text, ['supports', 'title']);
  if (!edit) return [];
  const spans = placeholdersIn(edit.newText, template.text, template.placeholders);
  return [{
    title: 'Add a hypothesis: "We believe … will … because <reason>"',
    edits: [edit],
    preferred: true,
    ...(spans ? { placeholders: { edit: 0, spans } } : {}),
  }];
};

/**
 * Where the placeholders of `value` sit in `newText`, which holds `value` as a
 * YAML scalar: written plain (the same characters) or double-quoted (JSON
 * escapes, one character at a time, so a prefix maps to a prefix).
 */
function placeholdersIn(newText: string, value: string, spans: Span[]): Span[] | undefined {
  const plain = newText.indexOf(value);
  if (plain >= 0) return spans.map(([s, e]) => [plain + s, plain + e]);
  const quoted = newText.indexOf(JSON.stringify(value));
  if (quoted < 0) return undefined;
  const at = (i: number) => quoted + JSON.stringify(value.slice(0, i)).length - 1;
  return spans.map(([s, e]) => [at(s), at(e)]);
}
