/**
 * `okr check --watch`, spawned as a user runs it: the first report, then
 * after each edit on disk only the files whose findings changed and the new
 * totals. The test waits on the output, never on time.
 */
import { strict as assert } from 'node:assert';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, okr, okrSpawn, removeScratches, scratch } from './helpers';
import { NESTED } from './nested';

/** Collects a child's output; `next(re)` resolves with the output after the last read once it matches. */
class Output {
  private text = '';
  private read = 0;
  private waiters: (() => void)[] = [];
  constructor(stream: NodeJS.ReadableStream) {
    stream.on('data', (d: Buffer) => {
      this.text += d.toString();
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** The new output, once it matches `re` (fails with what came if the child exits first). */
  next(re: RegExp, child: ChildProcessWithoutNullStreams): Promise<string> {
    return new Promise((resolve, reject) => {
      const test = () => {
        const fresh = this.text.slice(this.read);
        if (re.test(fresh)) {
          this.read = this.text.length;
          resolve(fresh);
        } else if (child.exitCode !== null) reject(new Error(`exited ${child.exitCode} before ${re}; output:\n${fresh}`));
        else this.waiters.push(test);
      };
      child.once('exit', () => test());
      test();
    });
  }
}

describe('okr check --watch (the built CLI, spawned)', function () {
  this.timeout(60_000);
  before(ensureBuilt);
  after(removeScratches);

  it('prints the first report, then only what changed after each edit, and exits by the last state when stopped', async () => {
    const repo = scratch(NESTED);
    const child = okrSpawn(['check', '--watch', '--as-of', '2026-11-24'], { cwd: repo });
    const out = new Output(child.stdout);
    const err = new Output(child.stderr);
    try {
      const first = await out.next(/Traceability: .*\n(.*\n)*/, child);
      assert.equal(first, okr(['check', '--as-of', '2026-11-24'], { cwd: repo }).stdout.slice(0, first.length), 'the first report is okr check\'s');
      assert.match(first, /products\/teams\/web\.okr\.yaml:14:15 {2}error {4}broken-link/);
      assert.equal(await err.next(/\n/, child), 'okr: watching 3 files for changes (Ctrl+C to stop)\n');

      // What `okr check` says now, file by file and in total: what the watch must print for the files that changed.
      const now = () => {
        const lines = okr(['check', '--as-of', '2026-11-24'], { cwd: repo }).stdout.split('\n');
        return { of: (file: string) => lines.filter((l) => l.startsWith(`${file}:`)), totals: lines.find((l) => /^[✔✖] /.test(l))! };
      };

      // Mend the broken link: only web.okr.yaml is printed, with the findings it has left, then the totals.
      const web = join(repo, 'products/teams/web.okr.yaml');
      writeFileSync(web, NESTED['products/teams/web.okr.yaml'].replace('app/KR7', 'app/KR1'));
      const mended = await out.next(/^\n(.*\n)*[✔✖] .*\n/, child);
      let expected = now();
      assert.equal(mended, ['', ...expected.of('products/teams/web.okr.yaml'), expected.totals, ''].join('\n'));
      assert.ok(!mended.includes('broken-link'));

      // A title edit changes no finding: acme.okr.yaml (which has a finding) is not printed.
      // Then an editor's atomic save breaks app.okr.yaml's parent: only it is printed.
      writeFileSync(join(repo, 'acme.okr.yaml'), NESTED['acme.okr.yaml'].replace('Grow revenue', 'Grow revenue faster'));
      const app = join(repo, 'products/app.okr.yaml');
      const tmp = join(repo, 'products/.app.tmp');
      writeFileSync(tmp, NESTED['products/app.okr.yaml'].replace('parent: acme', 'parent: acmee'));
      renameSync(tmp, app);
      const broken = await out.next(/acmee(.*\n)*[✔✖] .*\n/, child);
      expected = now();
      assert.equal(broken, ['', ...expected.of('products/app.okr.yaml'), expected.totals, ''].join('\n'));
      assert.match(broken, /\nproducts\/app\.okr\.yaml:3:9 {2}error {4}unknown-unit {2}/);

      // A new file in a new folder is picked up; a deleted file is said to be gone.
      mkdirSync(join(repo, 'products/mobile'));
      writeFileSync(join(repo, 'products/mobile/ios.okr.yaml'), 'unit: ios\nlevel: team\nparent: app\nperiod: 2026-Q4\nreviewed: 2026-10-01\nobjectives: {}\n');
      const added = await out.next(/in 4 files\n/, child);
      assert.match(added, /^\n(products\/mobile\/ios\.okr\.yaml {2}✔ no findings|products\/mobile\/ios\.okr\.yaml:.*)\n/);
      unlinkSync(web);
      const removed = await out.next(/in 3 files\n/, child);
      assert.match(removed, /^\nproducts\/teams\/web\.okr\.yaml {2}removed\n/);
    } finally {
      child.kill('SIGTERM');
    }
    await new Promise((r) => child.once('exit', r));
    assert.equal(child.exitCode, 1, 'stopped with an error in the cascade: exit 1');
  });

  it('--watch refuses a machine format, - and --output-file', () => {
    for (const extra of [['--format', 'json'], ['-'], ['--output-file', 'x.sarif']]) {
      const r = okr(['check', '--watch', ...extra]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--watch prints text as files change/);
    }
  });
});
