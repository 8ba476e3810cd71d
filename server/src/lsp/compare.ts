/**
 * `okr/compare` (see protocol.ts): the change set and both roadmap models for
 * a git revision against the live workspace, or for a what-if on it; and the
 * "What if …?" code actions that open it. Thin: git in ../git, the
 * comparison in ../core/compare.
 */
import { dirname, join, relative, sep } from 'node:path';
import { CodeActionKind, LSPErrorCodes, ResponseError, type CodeAction, type Range } from 'vscode-languageserver';
import { comparePlans, planOf, type Plan } from '../core/compare/index';
import { LiveBase, livePlan, whatIfLive } from '../core/compare/live';
import type { RoadmapPair } from '../core/compare/roadmaps';
import type { WhatIfEdit } from '../core/compare/what-if';
import type { UnitFile } from '../core/model';
import { horizonBucket, dayQuarter, formatDay, parseDay, today, type Day } from '../core/period';
import { buildRoadmap, defaultRoadmapUnit, RoadmapError, roadmapUnitFor } from '../core/roadmap/index';
import type { RoadmapView } from '../core/roadmap/model';
import { isValidDate } from '../core/schema';
import { readRevision } from '../git/revision';
import { GitRepo } from '../git/repo';
import { GitError } from '../git/run';
import { CompareCommand, CompareRequestMethod, WHAT_IF_KIND, type CompareParams, type CompareResult } from '../protocol';
import type { ServerContext } from './context';
import { toSpan } from './convert';
import { pathToUri, uriToPath } from './uris';

const fail = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message);

export function registerCompare(ctx: ServerContext): void {
  const { conn, ws, settings } = ctx;
  const live = new LiveBase();
  const repos = new Map<string, GitRepo>();
  /** The older side of "a revision vs the workspace", by repository, commit and severities (one kept). */
  let revBase: { key: string; plan: Plan } | undefined;

  const repoFor = (uri: string): GitRepo => {
    const path = uriToPath(uri);
    const dir = path ? dirname(path) : ws.workspaceFolders()[0];
    if (!dir) throw fail('the workspace has no folder on disk, so there is no git repository to compare with');
    for (const repo of repos.values()) if (dir === repo.root || dir.startsWith(repo.root + sep)) return repo;
    const repo = GitRepo.open(dir);
    repos.set(repo.root, repo);
    return repo;
  };

  /** The workspace at a revision: git's files where the repository holds the folders, the live files elsewhere. */
  const revisionPlan = (uri: string, rev: string, display: (f: string) => string): Plan => {
    const repo = repoFor(uri);
    const sha = repo.commit(rev);
    const liveFiles = ws.cascade.all();
    const folders = ws.workspaceFolders().filter((f) => f === repo.root || f.startsWith(repo.root + sep));
    const inside = folders.length ? folders : [repo.root];
    const key = JSON.stringify([repo.root, sha, inside, settings.options()]);
    if (revBase?.key === key) return revBase.plan;
    const paths = inside.map((f) => relative(repo.root, f).split(sep).join('/'));
    const byKey = new Map(liveFiles.map((f) => [f.file, f]));
    const files = new Map<string, string | UnitFile>();
    for (const f of readRevision(repo, { kind: 'commit', name: rev, sha }, paths)) {
      const k = ws.key(pathToUri(join(repo.root, f.path)));
      const same = byKey.get(k);
      files.set(k, same && same.text === f.text ? same : f.text);
    }
    const under = (k: string) => {
      const p = uriToPath(k);
      return !!p && inside.some((d) => p === d || p.startsWith(d + sep));
    };
    for (const f of liveFiles) if (!under(f.file)) files.set(f.file, f);
    const plan = planOf(files, { ...settings.options(), label: { rev: sha.slice(0, 7) }, display });
    revBase = { key, plan };
    return plan;
  };

  conn.onRequest(
    CompareRequestMethod,
    ctx.guard('compare', null as CompareResult | null, (params: CompareParams) => {
      if (params.asOf && !isValidDate(params.asOf)) throw fail(`asOf "${params.asOf}" is not a date written YYYY-MM-DD`);
      if (!params.rev === !params.whatIf?.length) throw fail('give either `rev` (a revision to compare with) or `whatIf` (edits to try)');
      const asOf = (params.asOf && parseDay(params.asOf)) || settings.asOf() || today();
      const view: RoadmapView = params.view ?? 'quarters';
      const display = (key: string) => ws.uriOf(key);
      const unitOf = (plan: Plan) => params.unit || (params.uri ? roadmapUnitFor(plan.index, ws.key(params.uri)) : undefined) || defaultRoadmapUnit(plan.index);
      const pick = (base: Plan, head: Plan, liveBase = false): RoadmapPair[] => {
        const unit = unitOf(head) ?? unitOf(base);
        if (!unit) return [];
        const build = (plan: Plan) => (plan.index.units.has(unit) ? buildRoadmap(plan.index, { unit, view, asOf, path: display }) : undefined);
        // The workspace as it is: its roadmap is kept between what-ifs (until a text changes).
        const older = liveBase ? (base.index.units.has(unit) ? live.roadmap(JSON.stringify([unit, view, formatDay(asOf)]), () => build(base)!) : undefined) : build(base);
        return [{ unit, base: older, head: build(head) }];
      };
      try {
        if (params.whatIf?.length) {
          const base = live.plan(ws.cascade, display, { rev: 'working tree' });
          const r = whatIfLive(ws.cascade, base, params.whatIf, { asOf, view, display, pickRoadmaps: (b, h) => pick(b, h, true) });
          if ('error' in r) throw fail(r.error);
          return { changes: r.changeSet, base: r.roadmaps[0]?.base ?? null, head: r.roadmaps[0]?.head ?? null };
        }
        const base = revisionPlan(params.uri, params.rev!, display);
        const head = livePlan(ws.cascade, display, { rev: 'working tree' });
        const roadmaps = pick(base, head);
        const r = comparePlans(base, head, { asOf, view, roadmaps });
        return { changes: r.changeSet, base: roadmaps[0]?.base ?? null, head: roadmaps[0]?.head ?? null };
      } catch (e) {
        if (e instanceof GitError || e instanceof RoadmapError) throw fail(e.message);
        throw e;
      }
    }),
  );
}

/** "What if we cut KR1?", "What if we drop x?", "What if x moves to next?" on the id key under the cursor. */
export function whatIfActions(ctx: ServerContext, uri: string, range: Range, asOf: Day): CodeAction[] {
  const file = ctx.ws.file(uri);
  if (!file?.unitId) return [];
  const [start, end] = toSpan(file, range);
  const e = [...file.objectives, ...file.krs, ...file.items].find((x) => x.keySpan[0] <= end && start <= x.keySpan[1]);
  if (!e) return [];
  const ref = `${e.unit}/${e.id}`;
  const action = (title: string, edit: WhatIfEdit): CodeAction => {
    const args: CompareParams = { uri, whatIf: [edit] };
    return { title, kind: WHAT_IF_KIND, command: { title, command: CompareCommand, arguments: [args] } };
  };
  const out = [action(`What if we cut ${e.id}?`, { op: 'cut', ref })];
  if (e.kind === 'item') {
    const bucket = e.horizon ? horizonBucket(e.horizon.value, dayQuarter(asOf)) : 'later';
    const to = bucket === 'next' ? 'later' : 'next';
    out.push(action(`What if ${e.id} moves to ${to}?`, { op: 'move', ref, horizon: to }));
    if (e.status?.value !== 'dropped') out.push(action(`What if we drop ${e.id}?`, { op: 'drop', ref }));
  }
  return out;
}

/** True when a code action request's `only` lets this kind through. */
export function kindAllowed(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => k === CodeActionKind.Empty || k === kind || kind.startsWith(`${k}.`));
}
