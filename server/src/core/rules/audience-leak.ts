/**
 * `audience-leak`: an export for an audience would carry a forbidden word,
 * the text of a private entity or field, or a date where the audience sees
 * none. Found by the scan of the rendered exports (core/audience/scanner.ts);
 * this rule puts each finding on the source text that carries the leak (the
 * public title with the codename), or, when no text of the cascade holds it,
 * on the roadmap unit's `unit:` value.
 */
import type { LeakFinding } from '../audience/leaks';
import { entityText, unitText } from '../audience/privacy';
import { containsWords, normalizeDate, words, writtenDates } from '../audience/scan';
import type { Located, UnitFile } from '../model';
import type { Rule } from './types';

export const audienceLeak: Rule = {
  code: 'audience-leak',
  severity: 'error',
  summary: 'An export for an audience would carry private text, a forbidden word, or a date where dates are off.',
  help: 'Reword the text, or mark the entity private (`private: true`) so the audience does not see it; the audiences are set in okr.config.yaml.',
  check(file, ctx) {
    for (const f of ctx.leaks?.forFile(file.file) ?? []) {
      const value = sourceOf(file, f);
      // The scan may be of an older text (an editor scans in steps): report only what the text still holds.
      if (!value || !stillHolds(value.value, f)) continue;
      ctx.report(value.span, f.message, f.site.owner.includes('/') ? { entity: f.site.owner } : undefined);
    }
  },
};

/** The text a leak sits on in this file: the field of the entity (`unit/ID`) or of the unit. */
function sourceOf(file: UnitFile, f: LeakFinding): Located<string> | undefined {
  const { owner, field } = f.site;
  if (!owner.includes('/')) return file.unitId?.value === owner ? unitText(file, field) : undefined;
  const slash = owner.lastIndexOf('/');
  const [unit, id] = [owner.slice(0, slash), owner.slice(slash + 1)];
  if (file.unitId?.value !== unit) return undefined;
  const e = [...file.objectives, ...file.krs, ...file.items].find((x) => x.id === id);
  return e && entityText(e, field);
}

function stillHolds(text: string, f: LeakFinding): boolean {
  if (f.unattributed) return true;
  if (f.kind === 'date') return writtenDates(text).has(normalizeDate(f.text));
  return containsWords(words(text), f.words);
}
