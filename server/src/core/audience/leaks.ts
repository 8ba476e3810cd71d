/**
 * Leaks found by the scan, grouped by where they sit: the text of the cascade
 * that carries the leak (the title with the codename, the hypothesis with the
 * date), with the audience, the roadmaps (unit and view) and the formats that
 * would carry it. `audience-leak` (rules/audience-leak.ts) reports them.
 */
import type { RoadmapView } from '../roadmap/model';
import type { ExportFormat } from './render';

export type LeakKind = 'forbidden' | 'private' | 'date';

/** Where a leak sits: a field of an entity (`unit/ID`) or of a unit (its id); `unit` is the `unit:` value. */
export interface LeakSite {
  file: string;
  owner: string;
  field: string;
}

/** One thing found in one audience's exports of one roadmap. */
export interface Hit {
  kind: LeakKind;
  /** The words found (forbidden word, private text) or the date as written, normalized. */
  text: string;
  words: string[];
  /** The forbidden word as configured; for a date, as the source writes it. */
  word?: string;
  formats: ExportFormat[];
  /** The texts of the cascade in the export that hold it; empty when none does (the export added it itself). */
  sites: LeakSite[];
}

export interface Leak {
  kind: LeakKind;
  audience: string;
  site: LeakSite;
  /** True when no text of the cascade holds it: it sits on the roadmap unit's `unit:` value. */
  unattributed?: boolean;
  text: string;
  words: string[];
  /** For a private text: which private entity or field it repeats. */
  origin?: string;
  word?: string;
  where: { unit: string; view: RoadmapView; formats: ExportFormat[] }[];
}

/** A leak as the rule reports it: where, what to re-check in the current text, and the message. */
export interface LeakFinding {
  site: LeakSite;
  kind: LeakKind;
  unattributed: boolean;
  /** For `date`: the date to find in the current value; else the words. */
  text: string;
  words: string[];
  message: string;
}

/** The leaks of one pass, by file. */
export class LeakSet {
  readonly byFile = new Map<string, LeakFinding[]>();

  constructor(readonly leaks: Leak[] = []) {
    for (const l of leaks) {
      const list = this.byFile.get(l.site.file) ?? [];
      list.push({ site: l.site, kind: l.kind, unattributed: !!l.unattributed, text: l.text, words: l.words, message: leakMessage(l) });
      this.byFile.set(l.site.file, list);
    }
  }

  forFile(file: string): LeakFinding[] {
    return this.byFile.get(file) ?? [];
  }

  /** A string per file that changes when its findings would: to know which files to re-check. */
  signature(file: string): string {
    return this.forFile(file).map((f) => `${f.site.owner}\0${f.site.field}\0${f.message}`).join('\n');
  }
}

/** Groups the hits of every roadmap into leaks, one per audience, kind, text and site. */
export function collectLeaks(
  entries: Iterable<{ audience: string; unit: string; view: RoadmapView; hits: Hit[]; home: LeakSite }>,
  origins: Map<string, string>,
): Leak[] {
  const out = new Map<string, Leak>();
  for (const { audience, unit, view, hits, home } of entries) {
    for (const h of hits) {
      if (h.kind === 'private' && !origins.has(h.text)) continue; // no longer private
      const sites = h.sites.length ? h.sites : [home];
      for (const site of sites) {
        const key = [audience, h.kind, h.text, site.file, site.owner, site.field].join('\0');
        let leak = out.get(key);
        if (!leak) {
          leak = { kind: h.kind, audience, site, text: h.text, words: h.words, where: [], ...(h.sites.length ? {} : { unattributed: true }), ...(h.word ? { word: h.word } : {}) };
          if (h.kind === 'private') leak.origin = origins.get(h.text);
          out.set(key, leak);
        }
        leak.where.push({ unit, view, formats: h.formats });
      }
    }
  }
  return [...out.values()].sort((a, b) => (a.site.file < b.site.file ? -1 : a.site.file > b.site.file ? 1 : 0) || a.audience.localeCompare(b.audience));
}

const FIELD_NAME: Record<string, string> = { unit: 'unit id (shown as its name)', depends_on: 'dependency' };

/** The message of a leak: what would be seen, by which audience, in which roadmaps and formats, and what to do. */
export function leakMessage(l: Leak): string {
  const what = `this ${FIELD_NAME[l.site.field] ?? l.site.field}`;
  const where = whereText(l.where);
  const mark = l.site.owner.includes('/') ? 'mark it private' : 'mark the unit private';
  if (l.unattributed) {
    const thing = l.kind === 'date' ? `the date "${l.word ?? l.text}"` : l.kind === 'forbidden' ? `the forbidden word "${l.word ?? l.text}"` : `private text (${l.origin})`;
    return `The "${l.audience}" export of ${where} would carry ${thing}, and no text of the cascade it shows holds it: check what the export adds, or the audience's settings in okr.config.yaml`;
  }
  switch (l.kind) {
    case 'forbidden':
      return `The "${l.audience}" audience must never see "${l.word ?? l.text}", but ${what} would show it in ${where}: reword it, or ${mark}`;
    case 'private':
      return `${cap(what)} repeats ${l.origin ?? 'private text'}, which the "${l.audience}" audience must not see; it would show in ${where}: reword it, or ${mark} too`;
    case 'date':
      return `The "${l.audience}" audience sees no dates (dates: false), but ${what} writes "${l.word ?? l.text}", which would show in ${where}: remove the date, or ${mark}`;
  }
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

/** `the checkout roadmap (themes view; html, md)` or a short list of several. */
function whereText(where: Leak['where']): string {
  const byUnit = new Map<string, { views: RoadmapView[]; formats: Set<ExportFormat> }>();
  for (const w of where) {
    const u = byUnit.get(w.unit) ?? { views: [], formats: new Set<ExportFormat>() };
    if (!u.views.includes(w.view)) u.views.push(w.view);
    w.formats.forEach((f) => u.formats.add(f));
    byUnit.set(w.unit, u);
  }
  const parts = [...byUnit].map(([unit, u]) => `${unit} (${u.views.join(', ')} ${u.views.length === 1 ? 'view' : 'views'}; ${[...u.formats].join(', ')})`);
  const shown = parts.slice(0, 3).join(', ');
  const more = parts.length > 3 ? ` and ${parts.length - 3} more` : '';
  return `its roadmap${parts.length === 1 ? '' : 's'} of ${shown}${more}`;
}
