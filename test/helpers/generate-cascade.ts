/**
 * A synthetic cascade of any size for tests: one company, products of 5
 * teams each, believable shapes (3 objectives × 2–3 KRs, ~6 items per team),
 * fully linked, no faults. Keys are `/bench/…` paths; `generatedFiles` gives
 * workspace-relative paths. (Benchmark figures come from ../shared/lspbench's
 * generator, which adds the faults real cascades have.)
 */
export function generatedFiles(units: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of generateCascade(units)) out[path.replace('/bench/', '')] = text;
  return out;
}

export function generateCascade(units: number): Map<string, string> {
  const files = new Map<string, string>();
  const products = Math.max(1, Math.round((units - 1) / 6));
  files.set('/bench/acme.okr.yaml', unitText('acme', undefined, 'company', 'acme', 0));
  let made = 1;
  for (let p = 0; p < products && made < units; p++, made++) {
    const pid = `product-${p}`;
    files.set(`/bench/${pid}.okr.yaml`, unitText(pid, 'acme', 'product', 'acme', 4));
    for (let t = 0; t < 5 && made + 1 < units; t++, made++) {
      const tid = `team-${p}-${t}`;
      files.set(`/bench/teams/${tid}.okr.yaml`, unitText(tid, pid, 'team', pid, 6));
    }
  }
  return files;
}

function unitText(id: string, parent: string | undefined, level: string, parentId: string, items: number): string {
  const lines = [`unit: ${id}`, `name: ${id.replace(/-/g, ' ')}`, `level: ${level}`];
  if (parent) lines.push(`parent: ${parent}`);
  lines.push(`period: ${level === 'team' ? '2026-Q4' : '2026'}`, 'capacity: 8', 'reviewed: 2026-11-01', 'objectives:');
  let kr = 0;
  for (let o = 1; o <= 3; o++) {
    lines.push(`  O${o}:`, `    title: Objective ${o} of ${id}`, '    key_results:');
    for (let k = 0; k < 2 + (o % 2); k++) {
      kr++;
      lines.push(`      KR${kr}:`, `        title: Move metric ${kr} of ${id}`, '        baseline: 40', '        target: 25', '        current: 33', '        unit: "%"');
      if (parent) lines.push(`        supports: ${parentId}/KR${((kr - 1) % 7) + 1}`);
    }
  }
  lines.push('roadmap:');
  for (let i = 1; i <= items; i++) {
    lines.push(
      `  bet-${i}:`,
      `    title: Bet ${i} of ${id}`,
      `    supports: KR${((i - 1) % kr) + 1}`,
      `    hypothesis: We believe bet ${i} will move KR${((i - 1) % kr) + 1} because users told us so in interviews.`,
      `    horizon: ${['now', 'next', 'later', '2026-Q4'][i % 4]}`,
      `    confidence: ${['high', 'medium', 'low'][i % 3]}`,
      `    status: ${['active', 'planned', 'idea', 'done'][i % 4]}`,
      `    type: ${i % 3 ? 'feature' : 'tech'}`,
    );
  }
  // Company KRs get support only from products; make sure every company KR has some.
  if (!parent) lines.pop();
  return lines.join('\n') + '\n';
}
