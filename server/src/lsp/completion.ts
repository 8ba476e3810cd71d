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
        kind: KIND[c.kind],
        detail: c.detail,
        documentation: c.documentation ? { kind: ctx.client.markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: c.documentation } : undefined,
        sortText: c.sortText,
        filterText: c.label,
        textEdit: { range: toRange(text, c.replace), newText: c.insertText },
      }));
      return { isIncomplete: result.incomplete, items };
    }),
  );
}
