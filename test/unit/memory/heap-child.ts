/**
 * Run by trim.test.ts in a child process (V8 flags are process-wide): prints
 * the young generation's size after a busy allocation, or the old space's
 * committed size after half of what it held became garbage and one collection.
 *
 *   node --import tsx heap-child.ts young | young-small | ordinary | compact
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { fullCollect, keepYoungGenerationSmall } from '../../../server/src/lsp/memory';
const mode = process.argv[2];
const space = (n: string) => getHeapSpaceStatistics().find((s) => s.space_name === n)!;
if (mode === 'young-small') keepYoungGenerationSmall();
if (mode.startsWith('young')) {
  const keep: object[][] = [];
  for (let r = 0; r < 60; r++) { const a: object[] = []; for (let i = 0; i < 20000; i++) a.push({ i, s: `x${i}` }); keep.push(a); if (keep.length > 30) keep.shift(); }
  console.log(space('new_space').space_size);
} else {
  const a: object[] = []; const b: object[] = [];
  for (let i = 0; i < 300000; i++) { a.push({ i, s: `a${i}` }); b.push({ i, s: `b${i}` }); }
  void fullCollect(0); // promoted, ordinary
  b.length = 0;
  void fullCollect(mode === 'compact' ? undefined : 0);
  console.log(space('old_space').physical_space_size, a.length);
}
