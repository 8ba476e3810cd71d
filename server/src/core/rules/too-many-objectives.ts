import type { Rule } from './types';

export const MAX_OBJECTIVES = 5;

export const tooManyObjectives: Rule = {
  code: 'too-many-objectives',
  severity: 'info',
  summary: 'More than 5 objectives in one unit.',
  help: 'Focus: keep 3 to 5 objectives per unit and merge or drop the rest.',
  check(file, ctx) {
    if (!file.objectivesKey || file.objectives.length <= MAX_OBJECTIVES) return;
    ctx.report(file.objectivesKey, `${file.objectives.length} objectives is more than ${MAX_OBJECTIVES}: focus on the few that matter most`);
  },
};
