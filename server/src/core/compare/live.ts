/**
 * What-if on a live cascade (the language server's), without a rebuild: the
 * hypothetical texts are applied to the cascade's incremental engine, the
 * comparison is taken while they are in, and the real texts are put back —
 * all in one synchronous step, so nothing else ever sees the hypothesis.
 * The older side is a copy of the cascade's index, kept while the texts
 * stay the same (repeated what-ifs pay only for the edit and its checks).
 */
import type { Cascade } from '../cascade';
import { coverage, type Coverage } from '../coverage';
import { CascadeIndex } from '../link';
import type { Problem, UnitFile } from '../model';
import type { RoadmapModel } from '../roadmap/model';
import { comparePlans, type CompareOptions, type Comparison } from './index';
import type { Plan } from './plan';
import type { RoadmapPair } from './roadmaps';
import type { Side } from './types';
import { applyWhatIf, type WhatIfEdit } from './what-if';

/** The cascade as it is, as the older side of a comparison; rebuilt only when a text changed. */
export class LiveBase {
  private cached?: { files: UnitFile[]; index: CascadeIndex; coverage?: Coverage; roadmaps: Map<string, RoadmapModel> };

  plan(cascade: Cascade, display: (file: string) => string, label: Side): Plan {
    const files = cascade.all();
    const c = this.cached;
    const same = c && c.files.length === files.length && c.files.every((f, i) => f.file === files[i].file && f.text === files[i].text);
    if (!same) this.cached = { files, index: new CascadeIndex(files.slice()), roadmaps: new Map() };
    const findings = new Map<string, readonly Problem[]>(files.map((f) => [f.file, cascade.problems(f.file)]));
    const c2 = this.cached!;
    return { label, files: c2.files, index: c2.index, findings: (f) => findings.get(f) ?? [], display, coverage: () => (c2.coverage ??= coverage(c2.index)) };
  }

  /**
   * A roadmap of the cascade as it is (the older side), built once while the
   * texts stay the same: a what-if after another pays for the newer side's
   * roadmap only. `key` names what else it depends on (view, day, paths).
   */
  roadmap(key: string, build: () => RoadmapModel): RoadmapModel {
    const c = this.cached;
    if (!c) return build();
    let m = c.roadmaps.get(key);
    if (!m) {
      if (c.roadmaps.size >= 16) c.roadmaps.clear();
      c.roadmaps.set(key, (m = build()));
    }
    return m;
  }
}

/** The cascade itself, as it is now (the newer side of "a revision vs the workspace"). */
export function livePlan(cascade: Cascade, display: (file: string) => string, label: Side): Plan {
  return { label, files: cascade.all(), index: cascade.index, findings: (f) => cascade.problems(f), display };
}

export interface LiveWhatIfOptions extends Omit<CompareOptions, 'roadmaps'> {
  display: (file: string) => string;
  /** Builds the roadmaps to compare from both sides (the preview's unit); default: every roadmap the edits reach. */
  pickRoadmaps?: (base: Plan, head: Plan) => RoadmapPair[];
}

/** Applies `edits` to the live cascade, compares, and restores it; an edit that cannot be made is `{ error }`. */
export function whatIfLive(cascade: Cascade, base: Plan, edits: readonly WhatIfEdit[], options: LiveWhatIfOptions): Comparison | { error: string } {
  const made = applyWhatIf(base.index, edits);
  if ('error' in made) return made;
  // The files as they are, put back as they were parsed (no second parse of the real text).
  const saved = new Map<string, UnitFile>();
  for (const key of made.texts.keys()) {
    const f = cascade.file(key);
    if (f) saved.set(key, f);
  }
  try {
    for (const [key, text] of made.texts) {
      if (text === null) cascade.remove(key);
      else cascade.update(key, text);
    }
    const head = livePlan(cascade, options.display, { rev: 'what-if', edits: made.labels });
    const { pickRoadmaps, ...rest } = options;
    return comparePlans(base, head, { ...rest, roadmaps: pickRoadmaps?.(base, head) });
  } finally {
    for (const [key, f] of saved) cascade.update(key, f.text, f);
  }
}
