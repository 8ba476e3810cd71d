/** The status bar item's text and tooltip for the cascade's totals. Pure. */
import type { StatusParams } from '../../server/src/protocol';

export interface StatusText {
  text: string;
  tooltip: string;
}

/** Pure: the item's text and tooltip for a status. */
export function describeStatus(s: StatusParams): StatusText {
  const parts: string[] = [];
  if (s.errors === 0 && s.warnings === 0) parts.push('$(check) OKR');
  else parts.push(`OKR $(error) ${s.errors} $(warning) ${s.warnings}`);
  if (s.coverage.items !== null) parts.push(`${formatPercent(s.coverage.items)} linked`);
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const lines = [
    `OKR cascade: ${plural(s.files, 'file')}`,
    `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info', 'infos')}${s.hints ? `, ${plural(s.hints, 'hint')}` : ''}`,
    `Roadmap items linked to a KR: ${s.coverage.items === null ? 'no items' : formatPercent(s.coverage.items)}`,
    `KRs supported from below: ${s.coverage.krs === null ? 'no KRs' : formatPercent(s.coverage.krs)}`,
    'Click to open the Problems panel',
  ];
  return { text: parts.join(' · '), tooltip: lines.join('\n') };
}

function formatPercent(p: number): string {
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}
