/**
 * A preview in compare mode: what it compares with (a git revision, or a
 * what-if), the `okr/compare` request made after each model the preview
 * posts (same view and unit), and the locations the answer may open.
 *
 * Also the Review view's request (postReview).
 *
 * Only the newest answer is posted (an answer overtaken by the next request is
 * dropped); a failure ends compare mode with a message saying why.
 */
import { CompareRequestMethod, HistoryRequestMethod, ReviewRequestMethod, type CompareParams, type CompareResult, type HistoryParams, type HistoryResult, type ReviewParams, type ReviewResult, type WhatIfEdit } from '../../../server/src/protocol';
import type { HistoryMessage, ReviewMessage } from '../../webview/messages';

import type { CompareData, PlanLocation } from '../../webview/compare';
import type { Ctx } from '../ctx';
import type { RoadmapView, SourceLocation } from '../../webview/messages';

export type { CompareParams, CompareResult, WhatIfEdit };
/** `okr/compare` (server/src/protocol.ts). */
export const COMPARE_METHOD = CompareRequestMethod;

export interface CompareTarget {
  rev?: string;
  whatIf?: WhatIfEdit[];
  /** What the preview says it compares with: "HEAD", "main", "what if: cut checkout/KR1". */
  label: string;
}

/** "what if: cut checkout/KR1, move checkout/x to next". */
export function whatIfLabel(edits: readonly WhatIfEdit[]): string {
  return `what if: ${edits.map((e) => (e.op === 'move' ? `move ${e.ref} to ${e.horizon}` : `${e.op} ${e.ref}`)).join(', ')}`;
}

const key = (file: string, line: number, character = 0): string => `${file}\n${line}\n${character}`;

export class CompareSession {
  private seq = 0;
  private allowed = new Set<string>();

  constructor(
    readonly target: CompareTarget,
    private readonly ctx: Ctx,
    private readonly post: (data: CompareData) => void,
    private readonly failed: (message: string) => void,
  ) {}

  private async request(params: CompareParams): Promise<CompareResult | null> {
    return (await this.ctx.languageClient()).sendRequest<CompareResult | null>(COMPARE_METHOD, params);
  }

  /** Asks for the comparison of the preview's document, view and unit; posts the answer unless a newer request was made. */
  async refresh(uri: string, view: RoadmapView, unit: string | undefined, asOf: string | undefined): Promise<void> {
    const s = ++this.seq;
    try {
      const params: CompareParams = { uri, view, unit, asOf };
      if (this.target.rev) params.rev = this.target.rev;
      else params.whatIf = this.target.whatIf;
      const r = await this.request(params);
      if (s !== this.seq) return;
      if (!r) return this.failed(`Cannot compare with ${this.target.label}: the language server gave no answer (see the "OKR Cascade" output).`);
      this.allowed = locations(r);
      this.post({ label: this.target.label, changes: r.changes, base: r.base, head: r.head });
    } catch (e) {
      if (s === this.seq) this.failed(`Cannot compare with ${this.target.label}: ${(e as Error)?.message ?? e}`);
    }
  }

  /** Stops posting answers (one in flight is dropped). */
  end(): void {
    this.seq++;
  }

  /** True when the last answer holds this location (the webview may ask to open only those). */
  allows(loc: SourceLocation): boolean {
    return this.allowed.has(key(loc.file, loc.line, loc.character ?? 0));
  }
}

/** Every location the answer names: changes, findings, consequences. */
function locations(r: CompareResult): Set<string> {
  const out = new Set<string>();
  const add = (l: PlanLocation | undefined): void => { if (l) out.add(key(l.file, l.line, l.character)); };
  for (const c of r.changes.changes) { add(c.location); add(c.before); }
  for (const f of [...r.changes.findings.introduced, ...r.changes.findings.resolved]) out.add(key(f.file, f.range.start.line, f.range.start.character));
  const c = r.changes.consequences;
  for (const x of [...c.untraceable, ...c.traced, ...c.unsupported, ...c.supported, ...c.dependsLater, ...c.dependsLaterResolved]) add(x.location);
  return out;
}

/**
 * The Review view's document (`okr/review`), posted as a `review` message; a
 * failure is posted as its reason. When the view opens: at once with the
 * check-ins, then again with the git history too (the view never waits on
 * git; a git failure leaves the first one drawn). A refresh while it is open
 * (`history: true`) asks with git's at once: by then it is known.
 */
export async function postReview(ctx: Ctx, params: ReviewParams, post: (m: ReviewMessage) => void): Promise<void> {
  const client = await ctx.languageClient();
  const ask = (history: boolean) => client.sendRequest<ReviewResult | null>(ReviewRequestMethod, { ...params, history });
  try {
    const doc = await ask(!!params.history).catch((e: unknown) => (params.history ? ask(false) : Promise.reject(e)));
    post(doc ? { type: 'review', doc } : { type: 'review', doc: null, error: 'the language server gave no review (see the "OKR Cascade" output)' });
    if (!doc || params.history) return;
  } catch (e) {
    post({ type: 'review', doc: null, error: (e as Error)?.message ?? String(e) });
    return;
  }
  const withGit = await ask(true).catch(() => null);
  if (withGit) post({ type: 'review', doc: withGit });
}

/**
 * The KRs' git history (`okr/history`) for the board's sparklines, posted as
 * a `history` message; asked once the board is drawn (the board never waits
 * on git). Nothing is posted without git or when git fails: the sparklines
 * keep the check-ins.
 */
export async function postHistory(ctx: Ctx, params: HistoryParams, post: (m: HistoryMessage) => void): Promise<void> {
  try {
    const h = await (await ctx.languageClient()).sendRequest<HistoryResult>(HistoryRequestMethod, params);
    if (h.git) post({ type: 'history', krs: h.krs, periods: h.periods ?? {} });
  } catch (e) {
    ctx.log(`preview: no git history for the sparklines (${(e as Error)?.message ?? e})`);
  }
}
