/**
 * The YAML document of a cascade file, parsed on demand. The model
 * (`UnitFile`) keeps offsets and values only, so a workspace of thousands of
 * files does not hold thousands of syntax trees; the few operations that need
 * nodes (quick fixes, a drag's edit) parse the one file they touch again.
 * Parsing is deterministic: the nodes' ranges are those the model was read from.
 */
import { parseDocument, type Document } from 'yaml';
import type { UnitFile } from './model';

/** The options every cascade file is parsed with. */
export const PARSE_OPTIONS = { keepSourceTokens: true, uniqueKeys: false, prettyErrors: false, strict: false } as const;

export function parseYaml(text: string): Document.Parsed {
  return parseDocument(text, PARSE_OPTIONS);
}

/** The parsed document of `file`'s text (a fresh parse: callers that need it twice keep it). */
export function documentOf(file: Pick<UnitFile, 'text'>): Document.Parsed {
  return parseYaml(file.text);
}
