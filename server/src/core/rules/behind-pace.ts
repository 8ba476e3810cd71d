import { krPeriod, KrPaces } from '../history/status';
import { elapsedShare, exactProgress, STATUS_WORDS, statusOf } from '../history/pace';
import { metricUnitOf, withUnit } from '../rollup';
import type { Rule } from './types';

/** `behind-pace` waits until this share of the period has passed (DESIGN.md). */
export const BEHIND_PACE_AFTER = 0.25;

export const behindPace: Rule = {
  code: 'behind-pace',
  severity: 'info',
  summary: 'A KR is off track (its progress lags the share of its period that has passed), at least a quarter of its period has passed, and it has a `current` (written or computed by its roll-up).',
  help: 'Decide at the next review: add or change the bets that should move it, or reset the target. Update `current:` when the number moves; thresholds are `pace:` in okr.config.yaml.',
  check(file, ctx) {
    const paces = new KrPaces(ctx.index, ctx.today, ctx.pace);
    for (const kr of file.krs) {
      // Most KRs are on pace: judge with the exact shares first, format only the few that are not.
      if (!kr.baseline || !kr.target || (!kr.current && !kr.rollup)) continue;
      const period = krPeriod(ctx.index, kr);
      const current = kr.current ? kr.current.value : paces.currents.of(kr)?.value;
      if (!period || current === undefined) continue;
      if (statusOf(exactProgress(kr.baseline.value, current, kr.target.value), elapsedShare(period, ctx.today), ctx.pace) !== 'off-track') continue;
      const p = paces.of(kr);
      if (p.status !== 'off-track' || p.current === undefined || p.exact.elapsed === undefined || p.exact.elapsed < BEHIND_PACE_AFTER - 1e-9) continue;
      const unit = metricUnitOf(kr);
      const now = `${withUnit(p.current, unit)}${p.computed ? ' (computed from the KRs below)' : ''}`;
      const pct = (x: number | undefined) => `${Math.round((x ?? 0) * 100)}%`;
      const from = `from ${withUnit(kr.baseline!.value, unit)} to ${withUnit(kr.target!.value, unit)}`;
      ctx.report(
        kr.keySpan,
        `\`${kr.id}\` is ${STATUS_WORDS[p.status]}: ${now} now, ${pct(p.progress)} of the way ${from}, ${p.exact.elapsed >= 1 ? `while ${p.period!.text} has ended (${withUnit(p.expected!, unit)} was expected by its end)` : `while ${pct(p.elapsed)} of ${p.period!.text} has passed (about ${withUnit(p.expected!, unit)} expected by now)`}; add or change the bets that move it, or reset the target`,
        { entity: `${kr.unit}/${kr.id}` },
      );
    }
  },
};
