import { Suggester } from '../text';
import { sitesOf, type Rule } from './types';

export const unknownUnit: Rule = {
  code: 'unknown-unit',
  severity: 'error',
  summary: '`parent` or a reference names a unit that does not exist.',
  help: 'Name a unit declared by a `unit:` key somewhere in the cascade, or add the missing unit file.',
  check(file, ctx) {
    // Every unit id, as a suggester built once per file check (a file may name many unknown units).
    const units = () => ctx.memo('units', () => new Suggester(ctx.index.units.keys()));
    if (file.parent && !ctx.index.units.has(file.parent.value)) {
      const suggestions = units().closest(file.parent.value, 4).filter((u) => u !== file.unitId?.value).slice(0, 3);
      ctx.report(file.parent.span, `Parent unit \`${file.parent.value}\` does not exist${didYouMean(suggestions)}`, { suggestions });
    }
    const from = file.unitId?.value;
    if (!from) return;
    for (const { ref } of sitesOf(file, ctx)) {
      if (ref.unit === undefined || ctx.index.units.has(ref.unit)) continue;
      const suggestions = units().closest(ref.unit).map((u) => `${u}/${ref.id}`);
      ctx.report(ref.span, `\`${ref.raw}\` names unit \`${ref.unit}\`, which does not exist${didYouMean(suggestions)}`, { suggestions });
    }
  },
};

export function didYouMean(suggestions: string[]): string {
  return suggestions.length ? `; did you mean \`${suggestions[0]}\`?` : '';
}
