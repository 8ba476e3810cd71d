/**
 * `okr.config.yaml` at the cascade root: rule severities (`off` included).
 * Validated like a cascade file: problems land on the exact key or value.
 *
 *   rules:
 *     weak-hypothesis: off
 *     stale-review: warning
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import type { CheckOptions, SeverityOverride } from './check';
import { CODES, type Code, type Problem } from './model';
import { closest } from './text';
import { entries, spanOf, type AnyNode } from './yaml-nodes';

export const CONFIG_FILE = 'okr.config.yaml';
export const SEVERITY_LEVELS = ['error', 'warning', 'info', 'hint', 'off'] as const;

export interface Config {
  severities: NonNullable<CheckOptions['severities']>;
  problems: Problem[];
}

export function parseConfig(file: string, text: string): Config {
  const doc = parseDocument(text, { prettyErrors: false });
  const severities: Partial<Record<Code, SeverityOverride>> = {};
  const problems: Problem[] = doc.errors.map((e) => ({ code: 'yaml-syntax', severity: 'error', message: `YAML syntax: ${e.message.split('\n')[0]}`, file, span: [e.pos[0], e.pos[1]] }));
  const bad = (span: readonly [number, number], message: string, data?: Problem['data']) => problems.push({ code: 'schema', severity: 'error', file, span, message, ...(data ? { data } : {}) });
  if (problems.length || doc.contents === null) return { severities, problems };
  if (!isMap(doc.contents)) {
    bad(spanOf(doc.contents as AnyNode) ?? [0, 0], `${CONFIG_FILE} must be a map with a \`rules\` key`);
    return { severities, problems };
  }
  for (const e of entries(doc.contents)) if (e.key !== 'rules') bad(e.keySpan, `Unknown key \`${e.key}\` in ${CONFIG_FILE}; the only key is \`rules\``, { key: e.key, suggestions: ['rules'] });
  const rules = doc.get('rules', true) as AnyNode;
  if (rules && !isMap(rules) && !(isScalar(rules) && rules.value === null)) bad(spanOf(rules) ?? [0, 0], '`rules` must be a map of finding code → severity');
  for (const e of entries(rules)) {
    const level = isScalar(e.value) ? e.value.value : undefined;
    if (!(CODES as readonly string[]).includes(e.key)) {
      const suggestions = closest(e.key, CODES, false);
      bad(e.keySpan, `Unknown rule \`${e.key}\`${suggestions.length ? `; did you mean \`${suggestions[0]}\`?` : ''}`, { key: e.key, suggestions });
    } else if (!(SEVERITY_LEVELS as readonly unknown[]).includes(level)) {
      bad(spanOf(e.value) ?? e.keySpan, `The severity of \`${e.key}\` must be one of ${SEVERITY_LEVELS.join(', ')}`);
    } else {
      severities[e.key as Code] = level as SeverityOverride;
    }
  }
  return { severities, problems };
}
