/** Findings as the CLI prints them: text like a compiler, the JSON of DESIGN.md, SARIF 2.1.0. */
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

export function formatText(findings: Finding[], summary: Summary, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor = { error: '31', warning: '33', info: '36', hint: '36' } as const;
  const out = findings.map((f) => {
    const where = `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    const sev = f.severity === 'hint' ? 'info' : f.severity;
    return `${paint('1', where)}  ${paint(sevColor[f.severity], sev.padEnd(7))}  ${paint('2', f.code)}  ${f.message}`;
  });
  const total = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')} in ${plural(summary.files, 'file')}`;
  if (out.length) out.push('');
  out.push(summary.errors ? paint('31', `✖ ${total}`) : paint('32', `✔ ${total}`));
  const c = summary.coverage;
  const p = (x: number | null) => (x === null ? '–' : `${x}%`);
  out.push(`Traceability: ${p(c.krs.percent)} of KRs supported from below (${c.krs.supported}/${c.krs.total}), ${p(c.items.percent)} of items linked to a KR (${c.items.linked}/${c.items.total})`);
  for (const l of c.levels) out.push(`  ${l.level.padEnd(10)} KRs ${p(l.krCoverage).padStart(6)} (${l.supportedKrs}/${l.krs})   items ${p(l.itemCoverage).padStart(6)} (${l.linkedItems}/${l.items})`);
  return out.join('\n') + '\n';
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
