/**
 * Seeded random cascades for property tests: a company, products and teams
 * with KRs that support their parent's, items with horizons of every kind,
 * dependencies (some across units), capacities near the `now` load, a few
 * unlinked items and broken references, so cuts, drops and moves reach
 * every finding and consequence.
 */

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

const HORIZONS = ['now', 'next', 'later', '2026-Q3', '2026-Q4', '2027-Q1'];
const STATUS = ['idea', 'planned', 'active', 'done', 'dropped'];
const WORDS = ['checkout', 'search', 'wallet', 'onboarding', 'invoices', 'alerts', 'sync', 'export', 'reports', 'pricing', 'mobile', 'ledger'];

export interface Generated {
  files: Map<string, string>;
  /** Every entity ref, by kind. */
  krs: string[];
  items: string[];
  objectives: string[];
  units: string[];
}

export function randomCascade(seed: number, teams = 6): Generated {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const out: Generated = { files: new Map(), krs: [], items: [], objectives: [], units: [] };
  const units: { id: string; parent?: string; level: string }[] = [{ id: 'acme', level: 'company' }];
  const products = Math.max(1, Math.round(teams / 3));
  for (let p = 0; p < products; p++) units.push({ id: `prod-${p}`, parent: 'acme', level: 'product' });
  for (let t = 0; t < teams; t++) units.push({ id: `team-${t}`, parent: `prod-${t % products}`, level: 'team' });
  const krsOf = new Map<string, string[]>();
  const itemsOf = new Map<string, string[]>();
  for (const u of units) {
    const lines = [`unit: ${u.id}`, `level: ${u.level}`];
    if (u.parent) lines.push(`parent: ${u.parent}`);
    lines.push(`period: ${u.level === 'team' ? pick(['2026-H2', '2026-Q4', '2026']) : '2026'}`);
    const items = u.level === 'company' ? 0 : 2 + Math.floor(r() * 5);
    if (r() < 0.7) lines.push(`capacity: ${Math.max(0, Math.floor(items / 3) + Math.floor(r() * 2))}`);
    lines.push('objectives:');
    const krs: string[] = [];
    const parentKrs = u.parent ? (krsOf.get(u.parent) ?? []) : [];
    for (let o = 1; o <= 1 + Math.floor(r() * 3); o++) {
      lines.push(`  O${o}:`, `    title: ${pick(WORDS)} objective ${o} of ${u.id}`, '    key_results:');
      out.objectives.push(`${u.id}/O${o}`);
      for (let k = 0; k < 1 + Math.floor(r() * 2); k++) {
        const id = `KR${krs.length + 1}`;
        krs.push(id);
        out.krs.push(`${u.id}/${id}`);
        lines.push(`      ${id}:`, `        title: Move ${pick(WORDS)} metric ${id} of ${u.id}`, `        baseline: ${10 + k}`, `        target: ${20 + o}`);
        if (r() < 0.6) lines.push(`        current: ${12 + k}`);
        if (parentKrs.length && r() < 0.9) {
          const refs = [pick(parentKrs)];
          if (r() < 0.2) refs.push(pick(parentKrs));
          lines.push(`        supports: ${refs.length > 1 && refs[0] !== refs[1] ? `[${refs.map((x) => `${u.parent}/${x}`).join(', ')}]` : `${u.parent}/${refs[0]}`}`);
        }
      }
    }
    krsOf.set(u.id, krs);
    const own: string[] = [];
    if (items) lines.push('roadmap:');
    for (let i = 1; i <= items; i++) {
      const id = `${pick(WORDS)}-${u.id}-${i}`;
      own.push(id);
      out.items.push(`${u.id}/${id}`);
      lines.push(`  ${id}:`, `    title: ${pick(WORDS)} bet ${i} of ${u.id}`);
      const roll = r();
      if (roll < 0.8) lines.push(`    supports: ${pick(krs)}`);
      else if (roll < 0.9 && parentKrs.length) lines.push(`    supports: [${pick(krs)}, ${u.parent}/${pick(parentKrs)}]`);
      if (r() < 0.85) lines.push(`    hypothesis: We believe bet ${i} will move it${r() < 0.8 ? ' because users asked' : ''}.`);
      if (r() < 0.9) lines.push(`    horizon: ${pick(HORIZONS)}`);
      if (r() < 0.8) lines.push(`    status: ${pick(STATUS)}`);
      if (r() < 0.2) lines.push(`    due: 2026-12-${10 + Math.floor(r() * 18)}`);
      const deps: string[] = [];
      if (own.length > 1 && r() < 0.35) deps.push(pick(own.slice(0, -1)));
      const sibling = u.parent ? units.find((x) => x.parent === u.parent && x.id !== u.id && itemsOf.has(x.id)) : undefined;
      const theirs = sibling ? (itemsOf.get(sibling.id) ?? []) : [];
      if (sibling && theirs.length && r() < 0.15) deps.push(`${sibling.id}/${pick(theirs)}`);
      if (deps.length) lines.push(`    depends_on: [${[...new Set(deps)].join(', ')}]`);
    }
    itemsOf.set(u.id, own);
    out.units.push(u.id);
    out.files.set(u.level === 'team' ? `teams/${u.id}.okr.yaml` : `${u.id}.okr.yaml`, lines.join('\n') + '\n');
  }
  return out;
}
