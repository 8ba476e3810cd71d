/** `okr/markReviewed`: the edit behind OKR: Mark Reviewed (see protocol.ts). */
import { setReviewedEdits } from '../core/edits/set-reviewed';
import { formatDay, today } from '../core/period';
import { MarkReviewedRequestMethod, type MarkReviewedParams, type MarkReviewedResult } from '../protocol';
import type { ServerContext } from './context';
import { toTextEdit } from './convert';

export function registerReview(ctx: ServerContext): void {
  const { conn, ws, settings } = ctx;
  conn.onRequest(
    MarkReviewedRequestMethod,
    ctx.guard('markReviewed', { error: 'the language server could not compute the edit (see its output)' } as MarkReviewedResult, (params: MarkReviewedParams) => {
      const file = ws.file(params.uri);
      if (!file) return { error: 'the file is not part of the OKR cascade' };
      const date = params.date || formatDay(settings.asOf() ?? today());
      const result = setReviewedEdits(file, date);
      if ('error' in result) return result;
      const version = ws.document(file.file)?.version ?? null;
      return { uri: params.uri, version, date, edits: result.map((e) => toTextEdit(file, e)) };
    }),
  );
}
