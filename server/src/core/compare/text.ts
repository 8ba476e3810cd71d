/**
 * A change set as text, like `git diff --stat` but about the plan: one line
 * per change, then what it does (findings, coverage, lanes, load, cards,
 * traceability), then a summary. Colour only when asked (a terminal).
 */
import { changeDetails, coverageLevels, coverageLine, ENTITY_NAME, loadLine, showPlaces, summaryLine } from './describe';
import type { ChangeSet, PlanFinding, PlanLocation } from './types';

const MARK = { added: '+', removed: '-', renamed: '>', moved: '>', changed: '~' } as const;
const COLOR = { added: '32', removed: '31', renamed: '36', moved: '36', changed: '33' } as const;

const where = (l: PlanLocation | undefined) => (l ? `${l.file}:${l.line + 1}` : '');
const at = (f: PlanFinding) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;

export function formatChangeSetText(cs: ChangeSet, options: { color?: boolean; command?: string } = {}): string {
  const color = !!options.color;
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const label = (s: ChangeSet['base']) => s.rev ?? s.path ?? '?';
  const out: string[] = [paint('1', `${options.command ?? 'okr diff'} ${label(cs.base)} → ${label(cs.head)}${cs.head.edits?.length ? ` (${cs.head.edits.join(', ')})` : ''} · as of ${cs.asOf}`)];
  if (cs.changes.length) out.push('');
  const width = Math.min(48, Math.max(0, ...cs.changes.map((c) => c.ref.length)));
  for (const c of cs.changes) {
    const head = `${MARK[c.kind]} ${c.kind.padEnd(7)} ${ENTITY_NAME[c.entity].padEnd(9)} ${c.ref.padEnd(width)}`;
    const details = changeDetails(c);
    out.push(`${paint(COLOR[c.kind], head)}${details ? `  ${details}` : ''}  ${paint('2', where(c.location ?? c.before))}`.trimEnd());
  }
  const section = (title: string, lines: string[]) => {
    if (!lines.length) return;
    out.push('', paint('1', title), ...lines.map((l) => `  ${l}`));
  };
  const sevColor = { error: '31', warning: '33', info: '36', hint: '36' } as const;
  const finding = (sign: string, f: PlanFinding) => `${paint(sign === '+' ? '31' : '32', sign)} ${at(f)}  ${paint(sevColor[f.severity], f.severity)}  ${paint('2', f.code)}  ${f.message}`;
  section(`Findings: ${cs.findings.introduced.length} introduced, ${cs.findings.resolved.length} resolved`, [
    ...cs.findings.introduced.map((f) => finding('+', f)),
    ...cs.findings.resolved.map((f) => finding('-', f)),
  ]);
  const cov = coverageLine(cs.coverage.before, cs.coverage.after);
  section('Coverage', cov ? [cov, ...coverageLevels(cs.coverage.before, cs.coverage.after)] : []);
  const k = cs.consequences;
  const refs = (xs: { ref: string }[]) => xs.map((x) => x.ref).join(', ');
  section('Traceability', [
    ...(k.untraceable.length ? [`items that no longer support any KR: ${refs(k.untraceable)}`] : []),
    ...(k.unsupported.length ? [`KRs that lost all support: ${refs(k.unsupported)}`] : []),
    ...(k.traced.length ? [`items that now support a KR: ${refs(k.traced)}`] : []),
    ...(k.supported.length ? [`KRs supported now: ${refs(k.supported)}`] : []),
  ]);
  section('Dependencies', [
    ...k.dependsLater.map((d) => `${d.ref} (${d.horizon}) now depends on ${d.on}, planned later (${d.dependencyHorizon})`),
    ...k.dependsLaterResolved.map((d) => `${d.ref} no longer waits on something planned later (${d.on})`),
  ]);
  section('Roadmap', [
    ...k.lanes.map((l) => `${l.unit}: lane ${l.lane} "${l.title}" ${l.change} (${l.cards.before} → ${l.cards.after} cards)`),
    ...k.cards.filter((c) => c.before && c.after).map((c) => `${c.unit}: ${c.ref} ${showPlaces(c.before)} → ${showPlaces(c.after)}`),
  ]);
  section('Now', k.load.map(loadLine));
  out.push('', paint(cs.summary.introducedErrors ? '31' : '1', summaryLine(cs)));
  return out.join('\n') + '\n';
}
