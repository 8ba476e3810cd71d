/**
 * The audience picker of the preview's toolbar ("Audience: Everyone /
 * customers / executives…"), shown only when okr.config.yaml has audiences:
 * picking one asks the host for the roadmap redacted for it (`setAudience`);
 * the view buttons then offer only that audience's `views`. The host says
 * which audiences exist and which is shown (`config`), and the choice is
 * saved with the webview's state, so a reload keeps it.
 */
import type { RoadmapView } from '../../server/src/core/roadmap/model';
import type { Ctx } from './context';
import { h } from './dom';

/** An audience as the host describes it. */
export interface AudienceChoice {
  name: string;
  views: RoadmapView[];
}

export const EVERYONE_LABEL = 'Everyone';

/** The `<select>`, or null when no audience is configured (or outside VS Code). */
export function audiencePicker(ctx: Ctx): HTMLElement | null {
  const list = ctx.opts.audiences ?? [];
  if (ctx.opts.mode !== 'vscode' || !list.length) return null;
  const current = ctx.opts.audience;
  const sel = h('select', {
    class: current ? 'select select--audience is-set' : 'select select--audience', 'data-action': 'audience', 'data-key': 'ctl:audience',
    'aria-label': 'Audience', title: 'Who the roadmap is for: only what that audience may see is shown (okr.config.yaml, audiences:)',
    'data-sig': JSON.stringify([list, current ?? '']),
  });
  sel.appendChild(h('option', { value: '' }, EVERYONE_LABEL));
  for (const a of list) {
    const opt = h('option', { value: a.name }, a.name);
    if (a.name === current) opt.selected = true;
    sel.appendChild(opt);
  }
  return h('label', { class: 'field field--audience' }, h('span', { class: 'field__label' }, 'Audience'), sel);
}

/** The views the shown audience may see; undefined for everyone. */
export function audienceViews(ctx: Ctx): readonly RoadmapView[] | undefined {
  const current = ctx.opts.audience;
  return current ? ctx.opts.audiences?.find((a) => a.name === current)?.views : undefined;
}
