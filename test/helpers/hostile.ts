/**
 * Hostile inputs made to measure: each generator scales one dimension of a
 * cascade (broken links, id length, file size, findings, nesting) so tests
 * can compare the engine's work at N and 4N.
 */

/** One unit with `n` KRs and `n` items, each item naming a KR that does not exist. */
export function brokenLinks(n: number): string {
  const krs: string[] = [];
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    krs.push(`      KR${i}: { title: Metric ${i}, baseline: 0, target: ${i + 1} }`);
    items.push(`  item-${i}: { title: Bet ${i}, supports: KR${n + i}x, hypothesis: it helps because users ask, horizon: next }`);
  }
  return ['unit: big', 'period: 2026', 'objectives:', '  O1:', '    title: Grow', '    key_results:', ...krs, 'roadmap:', ...items, ''].join('\n');
}

/** A unit whose id and KR ids are `len` characters long, with one broken reference among `refs`. */
export function longIds(len: number, refs = 1): string {
  const unit = 'u'.repeat(len);
  const kr = (k: number) => `K${String(k)}${'r'.repeat(Math.max(0, len - 1 - String(k).length))}`;
  const lines = [`unit: ${unit}`, 'period: 2026', 'objectives:', '  O1:', '    title: Grow', '    key_results:'];
  for (let k = 0; k < 3; k++) lines.push(`      ${kr(k)}: { title: Metric, baseline: 0, target: 1 }`);
  lines.push('roadmap:');
  for (let r = 0; r < refs; r++) lines.push(`  i${r}: { title: Bet, supports: ${kr(0)}x, hypothesis: it helps because users ask }`);
  return lines.join('\n') + '\n';
}

/** One item whose `depends_on` names `n` missing items: `n` broken-link findings in one file. */
export function manyFindings(n: number): string {
  return `unit: many\nperiod: 2026\nroadmap:\n  a:\n    title: A\n    hypothesis: it helps because users ask\n    depends_on: [${Array(n).fill('nope').join(', ')}]\n`;
}

/** A valid unit of about `bytes` characters: objectives with KRs, and items linked to them. */
export function bigValidUnit(bytes: number): string {
  const head: string[] = ['unit: huge', 'name: Huge', 'level: product', 'period: 2026', 'objectives:'];
  const items: string[] = ['roadmap:'];
  let size = 0;
  const add = (list: string[], ...lines: string[]) => {
    for (const l of lines) {
      list.push(l);
      size += l.length + 1;
    }
  };
  for (let o = 0; size < bytes; o++) {
    add(head, `  O${o}:`, `    title: Objective number ${o} of a very large plan`, '    key_results:');
    for (let k = 0; k < 4; k++) {
      const id = `KR${o}-${k}`;
      add(head, `      ${id}:`, `        title: Key result ${k} of objective ${o}`, '        baseline: 10', '        target: 20', '        current: 12', '        unit: "%"');
      add(items,
        `  bet-${o}-${k}:`,
        `    title: Bet ${k} for objective ${o}`,
        `    supports: ${id}`,
        '    hypothesis: We believe this bet will move the number because users asked for it in interviews',
        `    horizon: ${['now', 'next', 'later', '2026-Q3'][k]}`,
        '    confidence: medium',
        '    status: planned',
      );
    }
  }
  return [...head, ...items, ''].join('\n');
}

/** `depth` levels of nested flow lists under one key. */
export function deepFlow(depth: number): string {
  return `unit: deep\nroadmap: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

/** `depth` levels of nested block maps. */
export function deepBlock(depth: number): string {
  const lines = ['unit: deep', 'roadmap:'];
  for (let i = 0; i < depth; i++) lines.push(`${' '.repeat(i + 1)}k${i}:`);
  return lines.join('\n') + ' 1\n';
}
