/** `okr --help`, each command's `--help`, and what a mistyped flag or command gets. */
import { strict as assert } from 'node:assert';
import { CHECK_SPEC } from '../../../server/src/cli/check-command';
import { DIFF_SPEC } from '../../../server/src/cli/diff';
import { WHAT_IF_SPEC } from '../../../server/src/cli/what-if';
import { INIT_SPEC } from '../../../server/src/cli/init-command';
import { REVIEW_SPEC } from '../../../server/src/cli/review';
import { ROADMAP_SPEC } from '../../../server/src/cli/roadmap-command';
import { COMMAND_TABLE } from '../../../server/src/cli';
import { VERSION, assertUsageError, ensureBuilt, okr } from './helpers';

describe('okr --help and mistakes on the command line (the built CLI)', function () {
  this.timeout(60_000);
  before(ensureBuilt);

  it('okr --help (and -h) lists every command with what it is for, and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const r = okr([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '');
      assert.ok(r.stdout.startsWith(`okr ${VERSION} — OKRs and roadmap as code\n\nUsage: okr COMMAND [PATH...] [options]\n`), r.stdout);
      for (const spec of [CHECK_SPEC, ROADMAP_SPEC, REVIEW_SPEC, DIFF_SPEC, WHAT_IF_SPEC, INIT_SPEC]) assert.ok(r.stdout.includes(`\n  ${spec.name.padEnd(10)}${spec.summary}\n`), `${spec.name} listed`);
      assert.match(r.stdout, /FORCE_COLOR/);
      assert.match(r.stdout, /GITHUB_ACTIONS/);
    }
  });

  it('the dispatcher\'s table (commands loaded when they run) names each command as its spec does, in the order help lists them', () => {
    assert.deepEqual(COMMAND_TABLE.map((c) => c.name), [CHECK_SPEC, ROADMAP_SPEC, REVIEW_SPEC, DIFF_SPEC, WHAT_IF_SPEC, INIT_SPEC].map((s) => s.name));
    for (const c of COMMAND_TABLE) assert.equal(c.load().spec.name, c.name);
    assert.equal(COMMAND_TABLE.find((c) => c.name === 'diff')!.load().spec, DIFF_SPEC);
  });

  it('okr with no command prints the same help and exits 2', () => {
    const r = okr([]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, okr(['--help']).stdout);
  });

  for (const spec of [CHECK_SPEC, ROADMAP_SPEC, REVIEW_SPEC, DIFF_SPEC, WHAT_IF_SPEC, INIT_SPEC]) {
    it(`okr ${spec.name} --help describes every option with an example, its exit codes and examples`, () => {
      const r = okr([spec.name, '--help']);
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '');
      const out = r.stdout;
      assert.ok(out.startsWith(`okr ${spec.name} — ${spec.summary} (okr ${VERSION})\n\nUsage: ${spec.usage}\n`), out.slice(0, 200));
      const options = out.slice(out.indexOf('\nOptions:\n'), out.indexOf('\nExit codes:\n'));
      for (const o of spec.options) {
        const label = `--${o.name}${o.value ? ` ${o.value}` : ''}`;
        const at = options.indexOf(label);
        assert.ok(at > 0, `${label} is described`);
        const block = options.slice(at, options.indexOf('\n  -', at + 1) < 0 ? undefined : options.indexOf('\n  -', at + 1));
        assert.ok(block.includes(o.help.split(' ').slice(0, 3).join(' ')), `${label}: its description`);
        assert.ok(block.includes(`e.g. ${o.example}`), `${label}: its example`);
        assert.ok(o.example.startsWith(`okr ${spec.name}`) || o.example.includes(`| okr ${spec.name}`), `${label}: the example runs okr ${spec.name}`);
      }
      assert.match(out, /\nExit codes:\n {2}0 {2}/);
      for (const [cmd] of spec.examples) assert.ok(out.includes(`\n  ${cmd}\n`), `example ${cmd}`);
      // Every line fits a terminal, except an example command that cannot be broken.
      for (const line of out.split('\n')) if (!/e\.g\. |^ {2}okr /.test(line)) assert.ok(line.length <= 100, `too long: ${line}`);
    });
  }

  it('--help anywhere among the flags, or okr help COMMAND, prints that command\'s help', () => {
    const check = okr(['check', '--help']).stdout;
    assert.equal(okr(['check', 'samples/okrs', '--quiet', '-h']).stdout, check);
    assert.equal(okr(['help', 'check']).stdout, check);
    assert.equal(okr(['roadmap', '-h']).stdout, okr(['help', 'roadmap']).stdout);
    assert.equal(okr(['diff', 'main', 'HEAD', '--help']).stdout, okr(['help', 'diff']).stdout);
    assert.equal(okr(['what-if', '--cut', 'x/KR1', '-h']).stdout, okr(['help', 'what-if']).stdout);
  });

  describe('a mistyped flag or command: exit 2, one line that names the closest', () => {
    it('check --quite', () => assert.equal(okr(['check', '--quite']).stderr, 'okr: unknown option --quite (did you mean --quiet?); see okr check --help\n'));
    it('check --max-warning 3', () => assertUsageError(okr(['check', '--max-warning', '3']), /^okr: unknown option --max-warning \(did you mean --max-warnings\?\); see okr check --help\n$/));
    it('check --output=x.sarif', () => assertUsageError(okr(['check', '--output=x.sarif']), /^okr: unknown option --output \(did you mean --output-file\?\); see okr check --help\n$/));
    it('roadmap --vew horizons', () => assertUsageError(okr(['roadmap', '--vew', 'horizons']), /^okr: unknown option --vew \(did you mean --view\?\); see okr roadmap --help\n$/));
    it('diff --stagd', () => assert.equal(okr(['diff', '--stagd']).stderr, 'okr: unknown option --stagd (did you mean --staged?); see okr diff --help\n'));
    it('what-if --cutt shop/KR1', () => assertUsageError(okr(['what-if', '--cutt', 'shop/KR1']), /^okr: unknown option --cutt \(did you mean --cut\?\); see okr what-if --help\n$/));
    it('diff --format markdown', () => assertUsageError(okr(['diff', '--format', 'markdown']), /^okr: --format must be one of text, md, json \(got "markdown"/));
    it('init --nmae x', () => assertUsageError(okr(['init', '--nmae', 'x']), /did you mean --name\?/));
    it('a flag with no close match gets no guess', () => assert.equal(okr(['check', '--zzzzzzzz']).stderr, 'okr: unknown option --zzzzzzzz; see okr check --help\n'));
    it('a value that is close to an allowed one', () => assertUsageError(okr(['check', '--format', 'jsn']), /^okr: --format must be one of text, json, sarif, github \(got "jsn"; did you mean json\?\)\n$/));
    it('a missing value', () => assertUsageError(okr(['check', '--format']), /^okr: '?--format'? argument missing; see okr check --help\n$/));
    it('a mistyped command', () => assert.equal(okr(['chek']).stderr, 'okr: unknown command "chek" (did you mean check?); the commands are check, roadmap, review, diff, what-if, init (see okr --help)\n'));
    it('okr help of an unknown command', () => assertUsageError(okr(['help', 'roadmp']), /did you mean roadmap\?/));
  });
});
