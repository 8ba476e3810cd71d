/**
 * `okr.config.yaml`: rule severities, pace thresholds, audiences and input
 * limits. Validated like a cascade file: problems land on the exact key or
 * value, with "did you mean" for unknown keys and codes.
 *
 *   rules:
 *     weak-hypothesis: off
 *   pace: { at_risk: 0.10, off_track: 0.25 }
 *   audiences:
 *     customers: { views: [themes, horizons], dates: false, forbidden: [Falcon] }
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { CheckOptions, SeverityOverride } from './check';
import { AUDIENCE_FORMATS, CONFIG_KEYS, configSchema, SEVERITY_LEVELS, SHOW_FIELDS, type AudienceFormat, type ConfigInput, type ShowField } from './config-schema';
import { CODES, type Code, type Located, type Problem, type Span } from './model';
import type { RoadmapView } from './roadmap/model';
import { ROADMAP_VIEWS } from './roadmap/model';
import { closest } from './text';
import { entries, spanOf, type AnyNode } from './yaml-nodes';

export { SEVERITY_LEVELS } from './config-schema';
export const CONFIG_FILE = 'okr.config.yaml';

/** How far behind its linear pace a KR may fall before it is at risk / off track (shares of the whole change). */
export interface PaceThresholds {
  atRisk: number;
  offTrack: number;
}

export const DEFAULT_PACE: PaceThresholds = { atRisk: 0.1, offTrack: 0.25 };

/** One audience of `audiences:`, with the defaults of DESIGN.md filled in. */
export interface Audience {
  name: string;
  /** The audience's key in the config file. */
  keySpan: Span;
  views: RoadmapView[];
  show: ShowField[];
  include: { status?: string[]; type?: string[] };
  hidePrivate: boolean;
  dates: boolean;
  /** Words that must never appear in this audience's output, each where it is written. */
  forbidden: Located<string>[];
  formats: AudienceFormat[];
}

export interface Limits {
  /** Files larger than this (bytes) are not read; one finding says so. */
  maxFileSize: number;
  /** YAML nested deeper than this is reported, not walked. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Limits = { maxFileSize: 5 * 1024 * 1024, maxDepth: 64 };

export interface Config {
  severities: NonNullable<CheckOptions['severities']>;
  pace: PaceThresholds;
  audiences: Audience[];
  limits: Limits;
  problems: Problem[];
}

export function defaultConfig(): Config {
  return { severities: {}, pace: { ...DEFAULT_PACE }, audiences: [], limits: { ...DEFAULT_LIMITS }, problems: [] };
}

export function parseConfig(file: string, text: string): Config {
  const config = defaultConfig();
  const doc = parseDocument(text, { prettyErrors: false, keepSourceTokens: true });
  for (const e of doc.errors) {
    config.problems.push({ code: 'yaml-syntax', severity: 'error', message: `YAML syntax: ${e.message.split('\n')[0]}`, file, span: [e.pos[0], e.pos[1]] });
  }
  if (config.problems.length || doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return config;
  if (!isMap(doc.contents)) {
    config.problems.push(problem(file, spanOf(doc.contents as AnyNode) ?? [0, 0], `${CONFIG_FILE} must be a map with keys such as ${CONFIG_KEYS.join(', ')}`));
    return config;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    config.problems.push(problem(file, [0, 0], `${CONFIG_FILE} cannot be read as data: ${(e as Error).message}`));
    return config;
  }
  const result = configSchema().safeParse(data);
  const bad = new Set<string>();
  if (!result.success) {
    for (const issue of result.error.issues) {
      config.problems.push(...issueProblems(doc, file, issue));
      bad.add(issue.path.slice(0, 3).map(String).join('\0'));
    }
  }
  // Use what is valid even when something else is not: a typo in one audience keeps the rules working.
  read(config, doc, data as ConfigInput, bad);
  return config;
}

function read(config: Config, doc: Document.Parsed, data: ConfigInput, bad: Set<string>): void {
  const ok = (...path: string[]) => ![...bad].some((b) => path.join('\0').startsWith(b) || b.startsWith(path.join('\0')));
  for (const [code, level] of Object.entries(data?.rules ?? {})) {
    if ((CODES as readonly string[]).includes(code) && (SEVERITY_LEVELS as readonly unknown[]).includes(level)) config.severities[code as Code] = level as SeverityOverride;
  }
  if (data?.pace && ok('pace')) {
    config.pace = { atRisk: data.pace.at_risk ?? DEFAULT_PACE.atRisk, offTrack: data.pace.off_track ?? DEFAULT_PACE.offTrack };
  }
  if (data?.limits && ok('limits')) {
    config.limits = {
      maxFileSize: data.limits.max_file_size === undefined ? DEFAULT_LIMITS.maxFileSize : bytes(data.limits.max_file_size) ?? DEFAULT_LIMITS.maxFileSize,
      maxDepth: data.limits.max_depth ?? DEFAULT_LIMITS.maxDepth,
    };
  }
  const audiencesNode = doc.get('audiences', true);
  for (const { key, keySpan, value } of entries(audiencesNode)) {
    if (!ok('audiences', key)) continue;
    const a = data?.audiences?.[key] ?? {};
    const forbiddenNode = isMap(value) ? value.get('forbidden', true) : undefined;
    const forbidden: Located<string>[] = [];
    if (isSeq(forbiddenNode)) {
      for (const n of forbiddenNode.items as Node[]) if (isScalar(n) && n.range && String(n.value ?? '').trim()) forbidden.push({ value: String(n.value), span: [n.range[0], n.range[1]] });
    }
    config.audiences.push({
      name: key,
      keySpan,
      views: (a.views as RoadmapView[] | undefined) ?? [...ROADMAP_VIEWS],
      show: a.show ?? [...SHOW_FIELDS],
      include: { ...(a.include?.status ? { status: a.include.status } : {}), ...(a.include?.type ? { type: a.include.type } : {}) },
      hidePrivate: a.hide_private ?? true,
      dates: a.dates ?? true,
      forbidden,
      formats: a.formats ?? [...AUDIENCE_FORMATS],
    });
  }
}

/** `5242880`, `5MB`, `512 KB`, `1.5 MiB` → bytes. */
export function bytes(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB)?\s*$/i.exec(value);
  if (!m) return undefined;
  const unit = (m[2] ?? 'B').toLowerCase();
  const scale = unit.startsWith('g') ? 1024 ** 3 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('k') ? 1024 : 1;
  return Math.round(Number(m[1]) * scale);
}

const problem = (file: string, span: Span, message: string, data?: Problem['data']): Problem => ({ code: 'schema', severity: 'error', file, span, message, ...(data ? { data } : {}) });

/** The keys allowed in the map at `path` (for "did you mean"). */
function allowedKeys(path: PropertyKey[]): readonly string[] {
  const [top, name, sub] = path.map(String);
  if (path.length === 0) return CONFIG_KEYS;
  if (top === 'rules') return CODES;
  if (top === 'pace') return ['at_risk', 'off_track'];
  if (top === 'limits') return ['max_file_size', 'max_depth'];
  if (top === 'audiences' && path.length === 2 && name) return ['views', 'show', 'include', 'hide_private', 'dates', 'forbidden', 'formats'];
  if (top === 'audiences' && sub === 'include') return ['status', 'type'];
  return [];
}

function keySpanIn(doc: Document.Parsed, path: PropertyKey[], key: string): Span | undefined {
  const map = path.length ? doc.getIn(path as unknown[], true) : doc.contents;
  return entries(map).find((e) => e.key === key)?.keySpan;
}

function issueProblems(doc: Document.Parsed, file: string, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const span = keySpanIn(doc, path, key) ?? [0, 0];
      const allowed = allowedKeys(path);
      const suggestions = closest(key, allowed, path[0] !== 'rules');
      if (path.length === 1 && path[0] === 'rules') {
        return problem(file, span, `Unknown rule \`${key}\`${suggestions.length ? `; did you mean \`${suggestions[0]}\`?` : ''}`, { key, suggestions });
      }
      const where = path.length ? `\`${path.map(String).join('.')}\`` : CONFIG_FILE;
      const hint = suggestions.length ? `; did you mean \`${suggestions[0]}\`?` : allowed.length ? `; the keys allowed here are ${allowed.join(', ')}` : '';
      return problem(file, span, `Unknown key \`${key}\` in ${where}${hint}`, { key, suggestions });
    });
  }
  const node = doc.getIn(path as unknown[], true) as AnyNode;
  const span = spanOf(node) ?? (path.length ? keySpanIn(doc, path.slice(0, -1), String(path[path.length - 1])) : undefined) ?? [0, 0];
  if (path.length === 2 && path[0] === 'rules') return [problem(file, span, `The severity of \`${String(path[1])}\` must be one of ${SEVERITY_LEVELS.join(', ')}`)];
  return [problem(file, span, issue.message)];
}
