/**
 * Runs the rules over a cascade: parse problems plus every rule, with
 * severities from the config and `# okr-ignore` comments applied.
 */
import type { LeakSet } from './audience/leaks';
import { LeakTracker } from './audience/tracker';
import { DEFAULT_PACE, type Audience, type Limits, type PaceThresholds } from './config';
import { CascadeIndex } from './link';
import type { Code, Problem, Severity, UnitFile } from './model';
import { dayQuarter, today as clockToday, type Day } from './period';
import { RULES } from './rules/index';
import type { KeptSites, RuleContext } from './rules/types';
import { positionAt } from './text';

export type SeverityOverride = Severity | 'off';

export interface CheckOptions {
  /** "Today" for date rules; the clock when absent. */
  asOf?: Day;
  /** Per-code severities from `okr.config.yaml` or editor settings. */
  severities?: Partial<Record<Code, SeverityOverride>>;
  /** File size and nesting limits (`limits:` of okr.config.yaml) the files are parsed with; the defaults when absent. */
  limits?: Limits;
  /** Pace thresholds from `okr.config.yaml` (defaults 0.10 / 0.25). */
  pace?: PaceThresholds;
  /** The audiences of `okr.config.yaml`: their exports are scanned for leaks (`audience-leak`). */
  audiences?: readonly Audience[];
}

/**
 * The rules whose findings in a file read only how its own references resolve
 * (and the ids and parent chain of the units they name). When another unit's
 * declarations change (a KR renamed), the files below it and those naming it
 * re-run only these; everything else they found cannot have moved.
 */
export const REFERENCE_CODES: ReadonlySet<Code> = new Set<Code>([
  'broken-link', 'link-wrong-kind', 'not-parent-link', 'unknown-unit', 'cycle', 'depends-on-later', 'rollup-unit-mismatch', 'untraceable-item', 'orphan-kr',
]);
const REFERENCE_RULES = RULES.filter((r) => REFERENCE_CODES.has(r.code));

/**
 * The findings of one file, before severities and ignores. `only: 'references'`:
 * the findings of REFERENCE_CODES alone (no parse problems); undefined when
 * the file cannot be judged that way (a syntax error, no unit) and needs a full check.
 * `memos`: what rules work out from the index alone (`ctx.memo`), shared by
 * the files checked against the same index (a broken reference named by 60
 * files is looked up once). `keptSites`: reference sites kept between checks (see sitesOf).
 * `lasting`: values kept between checks (see RuleContext.lasting).
 */
export function checkFile(file: UnitFile, index: CascadeIndex, today: Day, pace?: PaceThresholds, leaks?: LeakSet, only?: undefined, memos?: Map<string, unknown>, keptSites?: KeptSites): Problem[];
export function checkFile(file: UnitFile, index: CascadeIndex, today: Day, pace: PaceThresholds | undefined, leaks: LeakSet | undefined, only: 'references', memos?: Map<string, unknown>, keptSites?: KeptSites, lasting?: Map<string, unknown>): Problem[] | undefined;
export function checkFile(file: UnitFile, index: CascadeIndex, today: Day, pace: PaceThresholds = DEFAULT_PACE, leaks?: LeakSet, only?: 'references', memos = new Map<string, unknown>(), keptSites?: KeptSites, lasting?: Map<string, unknown>): Problem[] | undefined {
  if (only && (file.syntaxErrors || !file.unitId)) return undefined;
  const out: Problem[] = only ? [] : [...file.problems];
  if (file.syntaxErrors) return out.filter((p) => p.code === 'yaml-syntax');
  // Without `unit:` the file cannot be placed in the cascade: the schema finding says so, nothing else can be judged.
  if (!file.unitId) return out;
  const ctx: RuleContext & { rule?: (typeof RULES)[number] } = {
    index,
    memo: <T>(key: string, make: () => T): T => {
      if (!memos.has(key)) memos.set(key, make());
      return memos.get(key) as T;
    },
    today,
    todayQuarter: dayQuarter(today),
    pace,
    ...(leaks ? { leaks } : {}),
    ...(keptSites ? { keptSites } : {}),
    ...(lasting
      ? {
          lasting: <T>(key: string, make: () => T): T => {
            if (!lasting.has(key)) lasting.set(key, make());
            return lasting.get(key) as T;
          },
        }
      : {}),
    report: (span, message, data) => {
      const rule = ctx.rule!;
      out.push({ code: rule.code, severity: rule.severity, message, file: file.file, span, ...(data ? { data } : {}) });
    },
  };
  for (const rule of only ? REFERENCE_RULES : RULES) {
    ctx.rule = rule;
    rule.check(file, ctx);
  }
  return out;
}

/** Applies severities (dropping `off`) and `# okr-ignore` comments, and sorts by position. */
export function finish(file: UnitFile, problems: Problem[], severities: CheckOptions['severities'] = {}): Problem[] {
  const out: Problem[] = [];
  for (const p of problems) {
    const sev = severities[p.code];
    if (sev === 'off') continue;
    if (file.ignores.size && file.ignores.get(positionAt(file.lineStarts, p.span[0]).line)?.has(p.code)) continue;
    out.push(sev ? { ...p, severity: sev } : p);
  }
  return out.sort(byPosition);
}

/** The order of a file's findings (stable: findings at the same place with the same code keep the order they were found in). */
export const byPosition = (a: Problem, b: Problem): number => a.span[0] - b.span[0] || a.span[1] - b.span[1] || a.code.localeCompare(b.code);

/** Checks every file of the cascade; the result maps file → sorted findings. */
export function checkAll(cascade: readonly UnitFile[] | CascadeIndex, options: CheckOptions = {}): Map<string, Problem[]> {
  const index = cascade instanceof CascadeIndex ? cascade : new CascadeIndex([...cascade]);
  const today = options.asOf ?? clockToday();
  const out = new Map<string, Problem[]>();
  const { leaks } = new LeakTracker('sync').forCheck(index, today, options);
  const memos = new Map<string, unknown>();
  for (const f of index.files) out.set(f.file, finish(f, checkFile(f, index, today, options.pace, leaks, undefined, memos), options.severities));
  return out;
}

const RANK = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/**
 * At most `max` findings of one file for an editor to show: the most severe
 * first (then by position), and when some are left out, a last one at the
 * first of those saying how many more there are. The result is in position
 * order. `max` below 2 is taken as 2.
 */
export function capFindings(problems: Problem[], max: number): Problem[] {
  if (problems.length <= max) return problems;
  const keep = Math.max(2, max) - 1;
  const ranked = problems.slice().sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.span[0] - b.span[0] || a.span[1] - b.span[1]);
  const shown = ranked.slice(0, keep);
  const left = ranked.slice(keep);
  const counts = new Map<string, number>();
  for (const p of left) counts.set(p.severity, (counts.get(p.severity) ?? 0) + 1);
  const what = [...counts].map(([sev, n]) => `${n.toLocaleString('en')} ${sev === 'info' || sev === 'hint' ? sev : `${sev}${n === 1 ? '' : 's'}`}`).join(', ');
  const first = left.reduce((a, b) => (b.span[0] < a.span[0] ? b : a));
  shown.push({
    code: left[0].code, severity: left[0].severity, file: first.file, span: first.span,
    message: `${left.length.toLocaleString('en')} more findings in this file are not shown (${what}): fix the ones shown first, or run \`okr check\` for the full list`,
  });
  return shown.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
}
