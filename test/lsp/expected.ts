/** What the engine finds in a folder, as the LSP diagnostics the server must publish for it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { checkAll } from '../../server/src/core/check';
import { parseUnitFile } from '../../server/src/core/parse';
import { parseDay } from '../../server/src/core/period';
import { lineStarts, positionAt } from '../../server/src/core/text';
import { AS_OF } from './helpers';

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

/** A full `checkAll` of every cascade file under `dir`, as LSP diagnostics per URI (ranges included). */
export function expectedDiagnostics(dir: string): Map<string, Diagnostic[]> {
  const texts = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.okr\.ya?ml$/.test(e.name)) texts.set(pathToFileURL(join(d, e.name)).href, readFileSync(join(d, e.name), 'utf8'));
    }
  };
  walk(dir);
  const out = new Map<string, Diagnostic[]>();
  for (const [uri, problems] of checkAll([...texts].map(([uri, text]) => parseUnitFile(uri, text)), { asOf: parseDay(AS_OF) })) {
    const starts = lineStarts(texts.get(uri)!);
    out.set(uri, problems.map((p) => ({
      range: { start: positionAt(starts, p.span[0]), end: positionAt(starts, p.span[1]) },
      severity: SEVERITY[p.severity], code: p.code, source: 'okr', message: p.message, ...(p.data ? { data: p.data } : {}),
    })));
  }
  return out;
}

