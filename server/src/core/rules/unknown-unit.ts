import { closest } from '../text';
import { refSites, type Rule } from './types';

export const unknownUnit: Rule = {
  code: 'unknown-unit',
  severity: 'error',
  summary: '`parent` or a reference names a unit that does not exist.',
  help: 'Name a unit declared by a `unit:` key somewhere in the cascade, or add the missing unit file.',
  check(file, ctx) {
    const units = [...ctx.index.units.keys()];
    if (file.parent && !ctx.index.units.has(file.parent.value)) {
      const suggestions = closest(file.parent.value, units.filter((u) => u !== file.unitId?.value), false);
      ctx.report(file.parent.span, `Parent unit \`${file.parent.value}\` does not exist${didYouMean(suggestions)}`, { suggestions });
    }
    const from = file.unitId?.value;
    if (!from) return;
    for (const { ref } of refSites(file)) {
      if (ref.unit === undefined || ctx.index.units.has(ref.unit)) continue;
      const suggestions = closest(ref.unit, units, false).map((u) => `${u}/${ref.id}`);
      ctx.report(ref.span, `\`${ref.raw}\` names unit \`${ref.unit}\`, which does not exist${didYouMean(suggestions)}`, { suggestions });
    }
  },
};

export function didYouMean(suggestions: string[]): string {
  return suggestions.length ? `; did you mean \`${suggestions[0]}\`?` : '';
}
