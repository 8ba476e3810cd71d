import type { Rule } from './types';

/** Reported while parsing; listed here so every code has its rule entry. */
export const yamlSyntax: Rule = {
  code: 'yaml-syntax',
  severity: 'error',
  summary: 'The file is not valid YAML.',
  help: 'Fix the YAML at the marked place (indentation, an unclosed bracket or quote, a key given twice). The rest of the cascade is still checked.',
  check() {},
};
