/**
 * A change set as a pull-request comment in GitHub-flavoured Markdown: a
 * summary line, then one collapsed `<details>` section per subject, each
 * change linking to its file and line. Every string that comes from the
 * cascade (titles, ids, values, messages, paths) is escaped, so nothing
 * written in a file can add Markdown or HTML to the comment.
 */
import { changeDetails, coverageLevels, coverageLine, ENTITY_NAME, loadLine, showPlaces, summaryLine } from './describe';
import type { ChangeSet, PlanFinding, PlanLocation } from './types';

/** Where a link points: `base` locations are in the older side, `head` in the newer. Undefined: no link. */
export type LinkTo = (side: 'base' | 'head', location: PlanLocation) => string | undefined;

export interface MarkdownOptions {
  link?: LinkTo;
  /** The command shown in the heading (`okr diff`, `okr what-if`). */
  command?: string;
}

/** A hidden first line a workflow can look for to update its own comment. */
export const MARKER = '<!-- okr-diff -->';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text that renders as itself: HTML characters as entities, every other ASCII punctuation backslash-escaped, lines joined. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, (c) => HTML[c] ?? `\\${c}`);
}

/** A link target made safe for `[text](url)`: no spaces, parentheses or angle brackets left raw. */
function safeUrl(url: string): string {
  return encodeURI(url).replace(/[()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function formatChangeSetMarkdown(cs: ChangeSet, options: MarkdownOptions = {}): string {
  const link = options.link ?? ((_s, l) => `${l.file}#L${l.line + 1}`);
  const place = (side: 'base' | 'head', l: PlanLocation | undefined, text?: string) => {
    if (!l) return '';
    const label = escapeMarkdown(text ?? `${l.file}:${l.line + 1}`);
    const url = link(side, l);
    return url ? `[${label}](${safeUrl(url)})` : label;
  };
  const e = escapeMarkdown;
  const label = (s: ChangeSet['base']) => s.rev ?? s.path ?? '?';
  const out: string[] = [MARKER];
  const title = `${options.command ?? 'okr diff'} ${label(cs.base)} → ${label(cs.head)}${cs.head.edits?.length ? ` (${cs.head.edits.join(', ')})` : ''}`;
  out.push(`**${e(title)}**: ${e(summaryLine(cs))}`, '');
  const section = (summary: string, lines: string[]) => {
    if (!lines.length) return;
    out.push('<details>', `<summary>${summary}</summary>`, '', ...lines, '', '</details>', '');
  };
  section(`Changes (${cs.changes.length})`, cs.changes.map((c) => {
    const side = c.location ? 'head' : 'base';
    const ref = place(side, c.location ?? c.before, c.ref);
    const details = changeDetails(c);
    return `- **${c.kind}** ${ENTITY_NAME[c.entity]} ${ref}${details ? ` — ${e(details)}` : ''}`;
  }));
  const finding = (side: 'base' | 'head', f: PlanFinding) =>
    `- ${place(side, { file: f.file, line: f.range.start.line, character: f.range.start.character })} **${e(f.severity)}** ${e(f.code)}: ${e(f.message)}`;
  section(`Findings: ${cs.findings.introduced.length} introduced, ${cs.findings.resolved.length} resolved`, [
    ...(cs.findings.introduced.length ? ['**Introduced**', '', ...cs.findings.introduced.map((f) => finding('head', f)), ''] : []),
    ...(cs.findings.resolved.length ? ['**Resolved**', '', ...cs.findings.resolved.map((f) => finding('base', f))] : []),
  ]);
  const cov = coverageLine(cs.coverage.before, cs.coverage.after);
  section(`Coverage${cs.summary.coverageDropped ? ' dropped' : ''}`, cov ? [`- ${e(cov)}`, ...coverageLevels(cs.coverage.before, cs.coverage.after).map((l) => `- ${e(l)}`)] : []);
  const k = cs.consequences;
  const refs = (xs: { ref: string; location?: PlanLocation }[]) => xs.map((x) => place('head', x.location, x.ref)).join(', ');
  section('Traceability', [
    ...(k.untraceable.length ? [`- Items that no longer support any KR: ${refs(k.untraceable)}`] : []),
    ...(k.unsupported.length ? [`- KRs that lost all support: ${refs(k.unsupported)}`] : []),
    ...(k.traced.length ? [`- Items that now support a KR: ${refs(k.traced)}`] : []),
    ...(k.supported.length ? [`- KRs supported now: ${refs(k.supported)}`] : []),
  ]);
  section('Dependencies', [
    ...k.dependsLater.map((d) => `- ${place('head', d.location, d.ref)} ${e(`(${d.horizon}) now depends on ${d.on}, planned later (${d.dependencyHorizon})`)}`),
    ...k.dependsLaterResolved.map((d) => `- ${e(`${d.ref} no longer waits on something planned later (${d.on})`)}`),
  ]);
  section('Roadmap', [
    ...k.lanes.map((l) => `- ${e(`${l.unit}: lane ${l.lane} "${l.title}" ${l.change} (${l.cards.before} → ${l.cards.after} cards)`)}`),
    ...k.cards.filter((c) => c.before && c.after).map((c) => `- ${e(`${c.unit}: ${c.ref} ${showPlaces(c.before)} → ${showPlaces(c.after)}`)}`),
  ]);
  section('Now', k.load.map((l) => `- ${e(loadLine(l))}`));
  return out.join('\n').replace(/\n+$/, '') + '\n';
}
