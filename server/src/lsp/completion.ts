/** Completion of references, keys and enum values. */
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { completions, type CompletionCandidate } from '../core/navigate';
import type { ServerContext } from './context';
import { textOf, toOffset, toRange } from './convert';

export const TRIGGER_CHARACTERS = [' ', ':', '/', '[', ','];

const KIND: Record<CompletionCandidate['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  ref: CompletionItemKind.Reference,
  unit: CompletionItemKind.Module,
  enum: CompletionItemKind.EnumMember,
  id: CompletionItemKind.Constant,
};

export function registerCompletion(ctx: ServerContext): void {
  const { conn, ws } = ctx;
  const empty: CompletionList = { isIncomplete: false, items: [] };
  conn.onCompletion(
    ctx.guard('completion', empty, (params) => {
      const file = ws.file(params.textDocument.uri);
      const doc = ws.document(ws.key(params.textDocument.uri));
      if (!file && !doc) return empty; // a document that is not ours (another YAML file)
      const text = file ? file : textOf(doc!.getText());
      const offset = toOffset(text, params.position);
      const result = completions(ws.cascade.index, file, text.text, offset, params.context?.triggerCharacter);
      const items: CompletionItem[] = result.items.map((c) => ({
        label: c.label,
        ...rowText(c, ctx.client.completionLabelDetails),
        kind: KIND[c.kind],
        documentation: c.documentation ? { kind: ctx.client.markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: c.documentation } : undefined,
        sortText: c.sortText,
        filterText: c.label,
        textEdit: { range: toRange(text, c.replace), newText: c.insertText },
      }));
      return { isIncomplete: result.incomplete, items };
    }),
  );
}

/**
 * What a row shows besides its label. VS Code shows `detail` only on the
 * focused row, `labelDetails` on every row: the title right after the label,
 * the note (where the target sits, or the finding it would raise) on the
 * right. A client without labelDetails (Neovim lists `detail` on every row)
 * gets both in `detail`.
 */
function rowText(c: CompletionCandidate, labelDetails: boolean): Pick<CompletionItem, 'detail' | 'labelDetails'> {
  const detail = [c.detail, c.note].filter(Boolean).join(' · ') || undefined;
  if (!labelDetails || (!c.note && c.kind !== 'ref')) return { detail };
  return { detail, labelDetails: { detail: c.detail ? ` ${c.detail}` : undefined, description: c.note } };
}
