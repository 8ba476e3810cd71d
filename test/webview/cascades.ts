/**
 * Models for the renderer tests, built by the engine from cascades on disk
 * (the samples, and test/fixtures/board: a cascade the samples do not cover),
 * and what `okr check` says about the same files; plus the probe (what is on
 * screen, client/webview/probe.ts) bundled to evaluate in any page.
 */
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { checkAll } from '../../server/src/core/check';
import { CascadeIndex } from '../../server/src/core/link';
import type { Entity } from '../../server/src/core/model';
import { parseUnitFile } from '../../server/src/core/parse';
import { buildRoadmap } from '../../server/src/core/roadmap/index';
import type { RoadmapModel, RoadmapView } from '../../server/src/core/roadmap/model';
import type { ProbeReport } from '../../client/webview/probe';
import { ROOT } from './harness';

export const AS_OF = { y: 2026, m: 11, d: 24 };

export interface Cascade {
  name: string;
  dir: string;
  index: CascadeIndex;
  /** The unit a product file previews, and the company for the portfolio. */
  unit: string;
  company: string;
}

function okrFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? okrFiles(p) : /\.okr\.ya?ml$/.test(f) ? [p] : [];
  }).sort();
}

export function loadCascade(name: string, rel: string, unit: string, company: string): Cascade {
  const dir = join(ROOT, rel);
  return { name, dir, unit, company, index: new CascadeIndex(okrFiles(dir).map((f) => parseUnitFile(f, readFileSync(f, 'utf8')))) };
}

/** The model of a view, as `okr roadmap --format json` prints it (the portfolio is the company's). */
export function modelOf(c: Cascade, view: RoadmapView): RoadmapModel {
  return buildRoadmap(c.index, { unit: view === 'portfolio' ? c.company : c.unit, view, asOf: AS_OF, path: (f) => relative(c.dir, f).split(sep).join('/') });
}

const TRACE_CODES = new Set(['broken-link', 'unknown-unit', 'link-wrong-kind', 'untraceable-item', 'orphan-kr', 'kr-without-roadmap']);

/** `unit/ID` of every KR and item that `okr check` flags as broken, untraceable, orphan or unsupported, in the units under `unit`. */
export function flaggedByCheck(c: Cascade, unit: string): string[] {
  const files = new Set(c.index.descendants(unit).flatMap((u) => u.files.map((f) => f.file)));
  const out = new Set<string>();
  for (const [file, problems] of checkAll(c.index, { asOf: AS_OF })) {
    if (!files.has(file)) continue;
    const f = c.index.files.find((x) => x.file === file)!;
    const owners: Entity[] = [...f.krs, ...f.items];
    for (const p of problems) {
      if (!TRACE_CODES.has(p.code) || (f.parent && p.span[0] === f.parent.span[0])) continue;
      const owner = owners.find((e) => e.span[0] <= p.span[0] && p.span[1] <= e.span[1]);
      if (owner) out.add(`${owner.unit}/${owner.id}`);
    }
  }
  return [...out].sort();
}

let probeSource: string | undefined;

/** What is on screen in `page` (probe.ts, evaluated through DevTools: the page's CSP does not apply). */
export async function probe(page: Page): Promise<ProbeReport> {
  probeSource ??= (await esbuild.build({
    entryPoints: [join(ROOT, 'client/webview/probe.ts')], bundle: true, write: false, format: 'iife', globalName: 'okrProbe',
    platform: 'browser', target: 'es2020', logLevel: 'warning',
  })).outputFiles[0].text;
  return page.evaluate(`${probeSource}; okrProbe.probeLayout(document)`) as Promise<ProbeReport>;
}
