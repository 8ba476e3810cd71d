/**
 * A start from the findings cache: when the cache was made from exactly the
 * files on disk (by their size, modification time and inode, read without
 * opening them; failing that, by their texts) and the same options, every
 * file's findings are published at once, before indexing, and the cascade is
 * seeded with them. Indexing then checks every file and publishes what
 * differs, which catches a file edited without either changing.
 */
import { statSync } from 'node:fs';
import type { Cascade, Totals } from '../core/cascade';
import type { Problem } from '../core/model';
import { stateOf, type FindingsCache } from '../cache/findings';
import { contentKey } from '../cache/store';
import { readTextSync } from './disk';
import type { Source } from './indexing';
import type { Logger } from './workspace';

/** What a warm start needs of the workspace. */
export interface WarmHost {
  cascade: Cascade;
  log: Logger;
  /** True for a document open in the client. */
  isOpen(key: string): boolean;
  /** An open document's latest text. */
  editorText(key: string): string | undefined;
  /** An open document's text not applied yet, taken (indexing loads it instead of the disk's); undefined when there is none. */
  takeEditorText(key: string): string | undefined;
  onCached(files: [key: string, text: string, problems: Problem[]][], totals: Totals): Promise<void> | void;
  onCachedRendered?: (files: [key: string, json: Buffer][], totals: Totals) => Promise<void> | void;
}

export interface WarmStart {
  /** Texts by path for indexing to load rather than read again (disk texts; the editor's text of `adopted` documents). */
  texts: Map<string, string | undefined>;
  hit: boolean;
  /** Open documents whose findings were published from the cache and whose editor text indexing loads first. */
  adopted?: Set<string>;
}

/**
 * When the findings cache matches these files and options, seeds the cascade
 * with its findings and hands them to `onCachedRendered` (or `onCached`) at
 * once, open documents first.
 */
export async function publishFromFindings(host: WarmHost, sources: readonly Source[], findings: FindingsCache): Promise<WarmStart> {
  const { cascade } = host;
  const limits = cascade.checkOptions.limits;
  const options = cascade.optionsKey();
  const texts = new Map<string, string | undefined>();
  const readAll = () => {
    for (const s of sources) if (!texts.has(s.path)) texts.set(s.path, readTextSync(s.path, host.log, limits?.maxFileSize));
  };
  const textOf = (key: string, path: string) => (host.isOpen(key) ? host.editorText(key) : texts.get(path));
  let hit = findings.takeRendered(options, { quick: quickState(host, sources.map((s) => [s.key, s.path])) });
  if (!hit) {
    readAll();
    const current: [string, string][] = [];
    for (const { key, path } of sources) {
      const text = textOf(key, path);
      if (text !== undefined) current.push([key, text]);
    }
    hit = findings.takeRendered(options, { state: stateOf(current.map(([key, text]) => [key, contentKey(key, text, limits)])) });
    if (!hit) return { texts, hit: false };
  }
  const rendered = new Map(hit.rendered);
  // Open documents first: their squiggles are what the user is looking at.
  const keys = sources.map((s) => s.key).filter((key) => rendered.has(key));
  const order = [...keys.filter((key) => host.isOpen(key)), ...keys.filter((key) => !host.isOpen(key))];
  let seeded: Map<string, Problem[]>;
  try {
    if (host.onCachedRendered && order.every((key) => rendered.get(key) !== undefined)) {
      // Sent before indexing takes the thread (and before the findings are parsed: the JSON goes out as it was written).
      // The findings are parsed (and the texts read) once the messages are written: nothing holds them up.
      await host.onCachedRendered(order.map((key) => [key, rendered.get(key)!]), hit.totals);
      seeded = hit.findings();
      readAll();
    } else {
      seeded = hit.findings();
      readAll();
      const byKey = new Map(sources.map((s) => [s.key, textOf(s.key, s.path)]));
      await host.onCached(order.flatMap((key) => { const text = byKey.get(key); return text === undefined ? [] : [[key, text, seeded.get(key) ?? []] as [string, string, Problem[]]]; }), hit.totals);
    }
  } catch (e) {
    host.log.error(`okr: the findings cache could not be used: ${(e as Error)?.stack ?? e}`);
    return { texts, hit: false };
  }
  cascade.seed(seeded);
  const adopted = new Set<string>();
  for (const { key, path } of sources) {
    const text = host.takeEditorText(key);
    if (text === undefined) continue;
    texts.set(path, text);
    adopted.add(key);
  }
  return { texts, hit: true, adopted };
}

/**
 * One hash of what the files are without reading them: each file's size,
 * modification time and inode (an open document: its text's content key).
 */
export function quickState(host: WarmHost, files: [key: string, path: string | undefined][]): string {
  const limits = host.cascade.checkOptions.limits;
  const sigs: [string, string][] = [];
  for (const [key, path] of files) {
    if (host.isOpen(key)) {
      const text = host.editorText(key);
      if (text !== undefined) sigs.push([key, `text:${contentKey(key, text, limits)}`]);
      continue;
    }
    const st = path ? statSync(path, { throwIfNoEntry: false }) : undefined;
    if (st) sigs.push([key, `${st.size}:${st.mtimeMs}:${st.ino}`]);
  }
  return stateOf(sigs);
}
