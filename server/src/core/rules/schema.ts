import type { Rule } from './types';

/** Reported while parsing (zod against the one format definition). */
export const schema: Rule = {
  code: 'schema',
  severity: 'error',
  summary: 'A value has the wrong type, a key is unknown, an id is malformed, or a period, horizon or date is invalid.',
  help: 'Use the keys and value forms of the format (see schemas/okr.schema.json); unknown keys come with the closest known key.',
  check() {},
};
