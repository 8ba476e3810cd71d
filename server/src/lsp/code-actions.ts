/** Quick fixes: each diagnostic of ours is matched to the current finding (code and range), then to its fix module. */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { fixesFor } from '../core/fixes';
import type { Problem } from '../core/model';
import { today } from '../core/period';
import { WHAT_IF_KIND } from '../protocol';
import { kindAllowed, whatIfActions } from './compare';
import type { ServerContext } from './context';
import { toDiagnostic, toSpan } from './convert';
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
          out.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [asked.find((d) => same(problem, d)) ?? toDiagnostic(file, problem)],
            isPreferred: fix.preferred || undefined,
            edit: toWorkspaceEdit(ctx, new Map([[key, fix.edits]])),
          });
        }
      }
      return [...out, ...whatIf];
    }),
  );
}
