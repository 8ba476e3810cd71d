/** `okr/review`: the review document of a unit, for the preview's Review view (see protocol.ts). Thin: the document is core/review's. */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { parseDay, today } from '../core/period';
import { ReviewError, buildReview } from '../core/review/index';
import { defaultRoadmapUnit, roadmapUnitFor } from '../core/roadmap/index';
import { isValidDate } from '../core/schema';
import { GitError } from '../git/run';
import { ReviewRequestMethod, type ReviewParams, type ReviewResult } from '../protocol';
import type { ServerContext } from './context';
import type { HistorySource } from './history';

const fail = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message);

export function registerReviewDocument(ctx: ServerContext, history?: HistorySource): void {
  const { conn, ws, settings } = ctx;
  conn.onRequest(
    ReviewRequestMethod,
    ctx.guard('review', null as ReviewResult | null, async (params: ReviewParams) => {
      if (params.asOf && !isValidDate(params.asOf)) throw fail(`asOf "${params.asOf}" is not a date written YYYY-MM-DD`);
      if (params.since && !isValidDate(params.since)) throw fail(`since "${params.since}" is not a date written YYYY-MM-DD`);
      // With `history`: git's history first (in the background: other requests go on meanwhile); without git, check-ins only.
      let git: Awaited<ReturnType<HistorySource['read']>>;
      try {
        git = params.history && params.uri ? await history?.read(params.uri) : undefined;
      } catch (e) {
        if (e instanceof GitError) throw fail(e.message);
        throw e;
      }
      // The live cascade after the wait.
      const index = ws.cascade.index;
      const unit = params.unit || (params.uri ? roadmapUnitFor(index, ws.key(params.uri)) : undefined) || defaultRoadmapUnit(index);
      const asOf = (params.asOf && parseDay(params.asOf)) || settings.asOf() || today();
      try {
        // History: the KRs' hand check-ins (core/review adds them), and git's when asked (the preview asks again with it once the review is drawn).
        return buildReview(index, { unit, asOf, pace: settings.configFile?.config.pace, since: params.since || undefined, path: (key) => ws.uriOf(key), ...(git ? { history: git.krs } : {}) });
      } catch (e) {
        if (e instanceof ReviewError) throw fail(e.message);
        throw e;
      }
    }),
  );
}
