/**
 * `okr/history` (see protocol.ts): each KR's values over time and each
 * item's states, from the git history of the workspace merged with the KRs'
 * hand check-ins, for the preview's sparklines and the Review view. Thin: git
 * in ../git (run in the background, so the roadmap request never waits on
 * it), the series in ../core/history. One reader per repository keeps blobs,
 * parsed texts and the last answer.
 */
import { dirname, sep } from 'node:path';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { withCheckins } from '../core/history/series';
import { KrPaces } from '../core/history/status';
import { periodDays } from '../core/history/pace';
import { formatDay, today } from '../core/period';
import { HistoryReader, DEFAULT_DEPTH, type GitHistory } from '../git/history';
import { GitRepo } from '../git/repo';
import { GitError } from '../git/run';
import { HistoryRequestMethod, type HistoryParams, type HistoryResult } from '../protocol';
import type { ServerContext } from './context';
import { pathToUri, uriToPath } from './uris';

/** The git history of the repository holding a file, shared by okr/history and okr/review. */
export interface HistorySource {
  /** Undefined without git (or outside a repository); a GitError when git fails. */
  read(uri: string, depth?: number): Promise<GitHistory | undefined>;
}

export function registerHistory(ctx: ServerContext): HistorySource {
  const { conn, ws, settings } = ctx;
  const readers = new Map<string, HistoryReader>();

  const readerFor = (uri: string): HistoryReader | undefined => {
    const path = uriToPath(uri);
    const dir = path ? dirname(path) : ws.workspaceFolders()[0];
    if (!dir) return undefined;
    for (const r of readers.values()) if (dir === r.repo.root || dir.startsWith(r.repo.root + sep)) return r;
    let repo: GitRepo;
    try {
      repo = GitRepo.open(dir);
    } catch (e) {
      if (e instanceof GitError) return undefined; // no git, or not a repository: no history
      throw e;
    }
    const reader = new HistoryReader(repo, (p) => ws.key(pathToUri(`${repo.root}/${p}`)));
    readers.set(repo.root, reader);
    return reader;
  };

  const source: HistorySource = { read: async (uri, depth) => readerFor(uri)?.read({ depth: depth ?? DEFAULT_DEPTH }) };

  conn.onRequest(
    HistoryRequestMethod,
    ctx.guard('history', { git: false, truncated: false, krs: {}, items: {} } as HistoryResult, async (params: HistoryParams) => {
      let git: GitHistory | undefined;
      try {
        git = await source.read(params.uri, params.depth);
      } catch (e) {
        if (e instanceof GitError) throw new ResponseError(LSPErrorCodes.RequestFailed, e.message);
        throw e;
      }
      // The live cascade after the wait: its KRs, periods and check-ins.
      const index = ws.cascade.index;
      const paces = new KrPaces(index, settings.asOf() ?? today());
      const units = params.unit ? index.descendants(params.unit).map((u) => u.id) : [...index.units.keys()];
      const out: HistoryResult = { git: !!git, ...(git?.head ? { head: git.head } : {}), truncated: git?.truncated ?? false, krs: {}, items: {}, periods: {} };
      for (const id of units) {
        const unit = index.units.get(id);
        if (!unit) continue;
        for (const e of unit.entities.values()) {
          const ref = `${e.unit}/${e.id}`;
          if (e.kind === 'kr') {
            const period = paces.of(e).period;
            const points = withCheckins(e, git?.krs.get(ref) ?? [], period);
            if (points.length) out.krs[ref] = points;
            if (points.length && period) {
              const days = periodDays(period);
              out.periods![ref] = { first: formatDay(days.first), last: formatDay(days.last) };
            }
          } else if (e.kind === 'item') {
            const states = git?.items.get(ref);
            if (states?.length) out.items[ref] = states;
          }
        }
      }
      return out;
    }),
  );
  return source;
}
