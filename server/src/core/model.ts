/**
 * The plain-data model of one parsed file and of the findings about it.
 * Offsets only: positions and LSP types live in server/src/lsp/.
 */

/** `[start, end)` character offsets into the file's text. */
export type Span = readonly [number, number];

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const CODES = [
  'yaml-syntax', 'schema', 'duplicate-id', 'unknown-unit', 'broken-link', 'link-wrong-kind', 'cycle',
  'not-parent-link', 'orphan-kr', 'untraceable-item', 'missing-hypothesis', 'weak-hypothesis',
  'kr-not-measurable', 'kr-without-roadmap', 'horizon-outside-period', 'overloaded-now',
  'depends-on-later', 'dated-later', 'too-many-objectives', 'stale-review',
  'due-passed', 'behind-pace', 'under-covered', 'over-promised', 'rollup-unit-mismatch', 'invalidated-bet',
] as const;
export type Code = (typeof CODES)[number];

/** What a quick fix needs to know about a finding (LSP `diagnostic.data`). */
export interface ProblemData {
  /** Closest valid ids, best first (broken-link, unknown-unit, unknown keys). */
  suggestions?: string[];
  /** The entity the finding is about, `unit/ID`. */
  entity?: string;
  /** For an unknown key: the key as written. */
  key?: string;
}

export interface Problem {
  code: Code;
  severity: Severity;
  message: string;
  /** The file key (path or URI) the span belongs to. */
  file: string;
  span: Span;
  data?: ProblemData;
}

export interface Located<T> {
  value: T;
  span: Span;
}

/** A reference as written: `ID` (same unit) or `unit/ID`. */
export interface Ref {
  raw: string;
  /** The unit named by the reference, or undefined for a same-unit `ID`. */
  unit?: string;
  id: string;
  span: Span;
  /**
   * For a reference read through an alias (`supports: *wau`), the anchored
   * text it repeats; `span` is the alias, where this entity's author wrote it.
   */
  source?: Span;
}

export type EntityKind = 'objective' | 'kr' | 'item';

interface EntityBase {
  id: string;
  /** The id of the unit that declares it. */
  unit: string;
  file: string;
  /** The id key: where entity findings, definitions and renames land. */
  keySpan: Span;
  /** From the key to the end of the entry's value. */
  span: Span;
  title?: Located<string>;
  owner?: Located<string>;
  /** `private: true` written on this entity (inheritance is computed, see core/audience). */
  private?: Located<boolean>;
  /** `private_fields:` as written, one element each. */
  privateFields?: Located<string>[];
}

export type Rollup = 'sum' | 'mean' | 'min' | 'max';
export type BetResult = 'validated' | 'invalidated' | 'inconclusive';

/** A value recorded by hand under a KR's `checkins:`. */
export interface Checkin {
  date: Located<string>;
  value: Located<number>;
  note?: Located<string>;
  /** The whole list element. */
  span: Span;
}

export interface Objective extends EntityBase {
  kind: 'objective';
  krs: KeyResult[];
}

export interface KeyResult extends EntityBase {
  kind: 'kr';
  objective: string;
  baseline?: Located<number>;
  /** Numeric only; a non-numeric target is kept in `targetRaw`. */
  target?: Located<number>;
  targetRaw?: Located<string>;
  current?: Located<number>;
  metricUnit?: Located<string>;
  supports: Ref[];
  /** The `supports` key, when present. */
  supportsKey?: Span;
  rollup?: Located<Rollup>;
  /** Valid check-ins, in the order written. */
  checkins: Checkin[];
}

export interface Rice {
  reach?: number;
  impact?: number;
  confidence?: number;
  effort?: number;
}

export interface Item extends EntityBase {
  kind: 'item';
  supports: Ref[];
  supportsKey?: Span;
  hypothesis?: Located<string>;
  horizon?: Located<string>;
  confidence?: Located<'high' | 'medium' | 'low'>;
  status?: Located<'idea' | 'planned' | 'active' | 'done' | 'dropped'>;
  type?: Located<string>;
  dependsOn: Ref[];
  due?: Located<string>;
  effort?: Located<number>;
  rice?: Rice;
  result?: Located<BetResult>;
  evidence?: Located<string>;
}

export type Entity = Objective | KeyResult | Item;

/** A planning period: the quarters it covers, as `year * 4 + (q - 1)` indices. */
export interface Period {
  text: string;
  first: number;
  last: number;
}

export interface UnitFile {
  /** The file key: an absolute path (CLI) or a URI (language server). */
  file: string;
  text: string;
  /** Where the document's content starts (after leading comments and directives). */
  contentStart: number;
  unitId?: Located<string>;
  name?: Located<string>;
  level?: Located<string>;
  parent?: Located<string>;
  period?: Located<Period>;
  owner?: Located<string>;
  capacity?: Located<number>;
  reviewed?: Located<string>;
  private?: Located<boolean>;
  privateFields?: Located<string>[];
  objectivesKey?: Span;
  roadmapKey?: Span;
  /** From the `roadmap` key to the end of its value. */
  roadmapSpan?: Span;
  objectives: Objective[];
  krs: KeyResult[];
  items: Item[];
  /** Problems found while parsing: yaml-syntax, schema, duplicate-id inside the file. */
  problems: Problem[];
  /** True when the YAML itself is broken; the file's other findings are held back. */
  syntaxErrors: boolean;
  /** Line (0-based) → codes silenced there by `# okr-ignore: CODE`. */
  ignores: Map<number, Set<string>>;
  /** Offsets where each line starts. */
  lineStarts: number[];
}

export function entityKey(unit: string, id: string): string {
  return `${unit}/${id}`;
}
