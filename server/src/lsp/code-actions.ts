/** Quick fixes: each diagnostic of ours is matched to the current finding (code and range), then to its fix module. */
import { CodeActionKind, type CodeAction, type Diagnostic, type SnippetTextEdit, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { fixesFor, type Fix } from '../core/fixes';
import type { Problem, Span, UnitFile } from '../core/model';
import { today } from '../core/period';
import { WHAT_IF_KIND } from '../protocol';
import { kindAllowed, whatIfActions } from './compare';
import type { ServerContext } from './context';
import { toDiagnostic, toRange, toSpan } from './convert';
import { toWorkspaceEdit } from './edits';

export function registerCodeActions(ctx: ServerContext): void {
  const { conn, ws } = ctx;
  conn.onCodeAction(
    ctx.guard('codeAction', [] as CodeAction[], (params) => {
      const only = params.context.only;
      const whatIf = kindAllowed(only, WHAT_IF_KIND) ? whatIfActions(ctx, params.textDocument.uri, params.range, ctx.settings.asOf() ?? today()) : [];
      if (!kindAllowed(only, CodeActionKind.QuickFix)) return whatIf;
      const key = ws.key(params.textDocument.uri);
      const file = ws.cascade.file(key);
      if (!file) return whatIf;
      const problems = ws.cascade.problems(key);
      const same = (p: Problem, d: Diagnostic) => {
        const [s, e] = toSpan(file, d.range);
        return p.code === d.code && p.span[0] === s && p.span[1] === e;
      };
      const asked = params.context.diagnostics.filter((d) => d.code !== undefined);
      const [rs, re] = toSpan(file, params.range);
      const matched = asked.length
        ? problems.filter((p) => asked.some((d) => same(p, d)))
        : problems.filter((p) => p.span[0] <= re && p.span[1] >= rs);
      const out: CodeAction[] = [];
      for (const problem of matched) {
        for (const fix of fixesFor({ file, index: ws.cascade.index, problem })) {
          const edit = toWorkspaceEdit(ctx, new Map([[key, fix.edits]]));
          out.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [asked.find((d) => same(problem, d)) ?? toDiagnostic(file, problem)],
            isPreferred: fix.preferred || undefined,
            edit: ctx.client.snippetEdits ? withSnippet(edit, file, fix) : edit,
          });
        }
      }
      return [...out, ...whatIf];
    }),
  );
}

/**
 * The fix's edit with placeholders as an LSP 3.18 snippet edit, so the editor
 * selects the first placeholder and Tab moves to the next. Clients without
 * snippet edits get the plain text, placeholders included.
 */
function withSnippet(edit: WorkspaceEdit, file: UnitFile, fix: Fix): WorkspaceEdit {
  const p = fix.placeholders;
  const doc = edit.documentChanges?.[0] as TextDocumentEdit | undefined;
  if (!p || !doc) return edit;
  const e = fix.edits[p.edit];
  const snippet: SnippetTextEdit = { range: toRange(file, e.span), snippet: { kind: 'snippet', value: snippetOf(e.newText, p.spans) } };
  return { documentChanges: [{ ...doc, edits: doc.edits.map((x, i) => (i === p.edit ? snippet : x)) }] };
}

/** `text` as snippet syntax: `${n:…}` around each placeholder (in order), `$`, `}` and `\` escaped elsewhere. */
export function snippetOf(text: string, spans: Span[]): string {
  const esc = (s: string) => s.replace(/[$}\\]/g, '\\$&');
  let out = '';
  let at = 0;
  spans.forEach(([s, e], i) => {
    out += `${esc(text.slice(at, s))}\${${i + 1}:${esc(text.slice(s, e))}}`;
    at = e;
  });
  return out + esc(text.slice(at));
}
