/**
 * Findings as the CLI prints them: text like a compiler, the JSON of
 * DESIGN.md, SARIF 2.1.0, and GitHub Actions workflow commands.
 */
import type { Coverage } from '../core/coverage';
import type { Problem, UnitFile } from '../core/model';
import { RULES } from '../core/rules/index';
import { lineStarts, positionAt, type LineChar } from '../core/text';

export interface Finding {
  file: string;
  range: { start: LineChar; end: LineChar };
  severity: Problem['severity'];
  code: Problem['code'];
  message: string;
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  coverage: Coverage;
}

/** Problems → findings with 0-based positions, in file then position order. */
export function toFindings(problems: Problem[], files: Map<string, UnitFile | string>, display: (f: string) => string): Finding[] {
  const starts = new Map<string, number[]>();
  const lines = (file: string) => {
    let s = starts.get(file);
    if (!s) {
      const f = files.get(file);
      s = typeof f === 'string' ? lineStarts(f) : (f?.lineStarts ?? [0]);
      starts.set(file, s);
    }
    return s;
  };
  return problems.map((p) => ({
    file: display(p.file),
    range: { start: positionAt(lines(p.file), p.span[0]), end: positionAt(lines(p.file), p.span[1]) },
    severity: p.severity,
    code: p.code,
    message: p.message,
  }));
}

export function summarize(findings: Finding[], files: number, coverage: Coverage): Summary {
  const n = (s: string[]) => findings.filter((f) => s.includes(f.severity)).length;
  return { files, errors: n(['error']), warnings: n(['warning']), infos: n(['info', 'hint']), coverage };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const paint = (color: boolean, code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const SEV_COLOR = { error: '31', warning: '33', info: '36', hint: '36' } as const;

/** `file:line:col  severity  code  message`, 1-based, one line per finding. */
export function findingLines(findings: Finding[], color: boolean): string[] {
  return findings.map((f) => {
    const where = `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    const sev = f.severity === 'hint' ? 'info' : f.severity;
    return `${paint(color, '1', where)}  ${paint(color, SEV_COLOR[f.severity], sev.padEnd(7))}  ${paint(color, '2', f.code)}  ${f.message}`;
  });
}

/** `✔ 0 errors, 1 warning, 0 infos in 3 files` (red with a cross when there are errors). */
export function totalsLine(summary: Summary, color: boolean): string {
  const total = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')} in ${plural(summary.files, 'file')}`;
  return summary.errors ? paint(color, '31', `✖ ${total}`) : paint(color, '32', `✔ ${total}`);
}

export function formatText(findings: Finding[], summary: Summary, color: boolean): string {
  const out = findingLines(findings, color);
  if (out.length) out.push('');
  out.push(totalsLine(summary, color));
  const c = summary.coverage;
  const p = (x: number | null) => (x === null ? '–' : `${x}%`);
  out.push(`Traceability: ${p(c.krs.percent)} of KRs supported from below (${c.krs.supported}/${c.krs.total}), ${p(c.items.percent)} of items linked to a KR (${c.items.linked}/${c.items.total})`);
  for (const l of c.levels) out.push(`  ${l.level.padEnd(10)} KRs ${p(l.krCoverage).padStart(6)} (${l.supportedKrs}/${l.krs})   items ${p(l.itemCoverage).padStart(6)} (${l.linkedItems}/${l.items})`);
  return out.join('\n') + '\n';
}

/** Reports from the findings: one per `--format` (and `--output-file`). */
export const CHECK_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export function format(kind: CheckFormat, findings: Finding[], summary: Summary, o: { color: boolean; version: string }): string {
  switch (kind) {
    case 'json': return formatJson(findings, summary);
    case 'sarif': return formatSarif(findings, o.version);
    case 'github': return formatGithub(findings, summary);
    case 'text': return formatText(findings, summary, o.color);
  }
}

// GitHub's rules for workflow commands: the message escapes % CR LF; properties also : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const GITHUB_LEVEL = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;

/**
 * One `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`
 * per finding (1-based; the end column is exclusive, as in SARIF), so GitHub
 * shows each finding on its line in the pull request; then the summary.
 */
export function formatGithub(findings: Finding[], summary: Summary): string {
  const lines = findings.map((f) => {
    const props = [
      ['file', f.file], ['line', f.range.start.line + 1], ['col', f.range.start.character + 1],
      ['endLine', f.range.end.line + 1], ['endColumn', f.range.end.character + 1], ['title', f.code],
    ].map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
    return `::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
  });
  return lines.join('\n') + (lines.length ? '\n' : '') + formatText([], summary, false);
}

/** The coverage of several cascades as one: counts added per level, shares recomputed. */
export function mergeCoverage(all: Coverage[]): Coverage {
  if (all.length === 1) return all[0];
  const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);
  const levels = new Map<string, Coverage['levels'][number]>();
  for (const c of all) {
    for (const l of c.levels) {
      const row = levels.get(l.level) ?? { ...l, krs: 0, supportedKrs: 0, items: 0, linkedItems: 0 };
      row.krs += l.krs;
      row.supportedKrs += l.supportedKrs;
      row.items += l.items;
      row.linkedItems += l.linkedItems;
      levels.set(l.level, row);
    }
  }
  const rows = [...levels.values()].map((r) => ({ ...r, krCoverage: pct(r.supportedKrs, r.krs), itemCoverage: pct(r.linkedItems, r.items) }));
  const sum = (k: 'krs' | 'supportedKrs' | 'items' | 'linkedItems') => rows.reduce((n, r) => n + r[k], 0);
  return {
    krs: { total: sum('krs'), supported: sum('supportedKrs'), percent: pct(sum('supportedKrs'), sum('krs')) },
    items: { total: sum('items'), linked: sum('linkedItems'), percent: pct(sum('linkedItems'), sum('items')) },
    levels: rows,
  };
}

export function formatJson(findings: Finding[], summary: Summary): string {
  return JSON.stringify({ diagnostics: findings, summary }, null, 2) + '\n';
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export function formatSarif(findings: Finding[], version: string): string {
  const rules = RULES.map((r) => ({
    id: r.code,
    name: r.code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.summary },
    fullDescription: { text: `${r.summary} ${r.help}` },
    help: { text: r.help, markdown: `**${r.code}**: ${r.summary}\n\n${r.help}` },
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
  }));
  const index = new Map(RULES.map((r, i) => [r.code, i]));
  const results = findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: index.get(f.code)!,
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
        region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
      },
    }],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'okr', fullName: 'OKR Cascade', version, semanticVersion: version, informationUri: 'https://github.com/okr-cascade/okr-cascade', rules } }, columnKind: 'utf16CodeUnits', results }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
