/**
 * The keystroke budget over the real protocol: `dist/server.js` spawned on a
 * generated 200-unit workspace; time from `didChange` to the matching
 * `publishDiagnostics`, and for a hover. Prints figures only.
 */
import { performance } from 'node:perf_hooks';
import { LspClient } from '../test/lsp/helpers';
import { generateCascade } from '../test/helpers/generate-cascade';

function stats(samples: number[]): string {
  const s = samples.slice().sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `p50 ${q(0.5).toFixed(1)} ms  p95 ${q(0.95).toFixed(1)} ms  max ${s[s.length - 1].toFixed(1)} ms`;
}

export async function benchLsp(units: number): Promise<void> {
  const files: Record<string, string> = {};
  for (const [path, text] of generateCascade(units)) files[path.replace('/bench/', '')] = text;
  const t0 = performance.now();
  const client = await LspClient.start({ files });
  await client.until(() => client.statuses.length > 0, 'the first okr/status');
  console.log(`\nlanguage server, ${Object.keys(files).length} units on disk`);
  console.log(`  ${'start + index + publish every file'.padEnd(44)} ${(performance.now() - t0).toFixed(0)} ms`);
  const team = Object.keys(files).find((f) => f.startsWith('teams/'))!;
  const base = files[team];
  await client.open(team, base);
  const roundTrips: number[] = [];
  for (let i = 0; i < 40; i++) {
    const broken = i % 2 === 0;
    const since = client.mark();
    const start = performance.now();
    await client.change(team, broken ? base.replace('supports: KR1', 'supports: KR9') : base);
    await client.diagnostics(team, (d) => d.some((x) => x.code === 'broken-link') === broken, since);
    roundTrips.push(performance.now() - start);
  }
  console.log(`  ${'keystroke → publishDiagnostics (team file)'.padEnd(44)} ${stats(roundTrips)}`);
  const hovers: number[] = [];
  const line = base.split('\n').findIndex((l) => l.includes('supports: '));
  for (let i = 0; i < 40; i++) {
    const start = performance.now();
    await client.request('textDocument/hover', { textDocument: { uri: client.uri(team) }, position: { line, character: 20 } });
    hovers.push(performance.now() - start);
  }
  console.log(`  ${'hover on a cross-file reference'.padEnd(44)} ${stats(hovers)}`);
  await client.stop();
}
