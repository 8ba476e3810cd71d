import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AudienceScanner } from '../../../server/src/core/audience/scanner';
import { CascadeIndex } from '../../../server/src/core/link';
import { parseUnitFile } from '../../../server/src/core/parse';
import { AS_OF, loadAudienceCase } from './helper';

function leaksOf(name: string) {
  const { index, config } = loadAudienceCase(name);
  const s = new AudienceScanner();
  s.configure(config.audiences, AS_OF);
  return s.run(index).leaks.map((l) => ({ audience: l.audience, kind: l.kind, owner: l.site.owner, field: l.site.field, text: l.word ?? l.text }));
}

describe('audience: the leak scan of every export', () => {
  it('a clean configuration reports nothing', () => {
    assert.deepEqual(leaksOf('basic'), []);
  });

  it('each planted leak is found on its source text: a forbidden word, a date, a repeated private title', () => {
    assert.deepEqual(leaksOf('leaky'), [
      { audience: 'customers', kind: 'forbidden', owner: 'app/rails', field: 'title', text: 'Falcon' },
      { audience: 'customers', kind: 'date', owner: 'app/launch', field: 'title', text: 'Q4 2026' },
      { audience: 'executives', kind: 'private', owner: 'app/echo', field: 'title', text: 'project falcon bank integration' },
    ]);
  });

  it('the message names the audience, the roadmaps, views and formats, and what to do', () => {
    const { index, config } = loadAudienceCase('leaky');
    const s = new AudienceScanner();
    s.configure(config.audiences, AS_OF);
    const set = s.run(index);
    const file = join(loadAudienceCase('leaky').dir, 'app.okr.yaml');
    assert.deepEqual(set.forFile(file).map((f) => f.message), [
      'The "customers" audience must never see "Falcon", but this title would show it in its roadmaps of app (themes, horizons views; html, md, csv, json), co (themes, horizons views; html, md, csv, json): reword it, or mark it private',
      'The "customers" audience sees no dates (dates: false), but this title writes "Q4 2026", which would show in its roadmaps of app (themes, horizons views; html, md, csv, json), co (themes, horizons views; html, md, csv, json): remove the date, or mark it private',
      'This title repeats the title of private item `app/falcon`, which the "executives" audience must not see; it would show in its roadmaps of app (themes, trace views; html, md, csv, json), co (themes, trace views; html, md, csv, json): reword it, or mark it private too',
    ]);
  });

  it('incremental: a fixed title clears its leak, a new private item makes a kept export leak', () => {
    const { dir, index, config } = loadAudienceCase('leaky');
    const s = new AudienceScanner();
    s.configure(config.audiences, AS_OF);
    assert.equal(s.run(index).leaks.length, 3);
    const file = join(dir, 'app.okr.yaml');
    const text = readFileSync(file, 'utf8');
    const others = index.files.filter((f) => f.file !== file);
    const fixed = text.replace('Faster rails (falcon-2)', 'Faster rails').replace('Launch wallets in Q4 2026', 'Launch wallets');
    const after = s.run(new CascadeIndex([...others, parseUnitFile(file, fixed)]));
    assert.deepEqual(after.leaks.map((l) => l.site.owner), ['app/echo']);
    // `launch` becomes private: its title is private text, and no public text repeats it; echo still leaks
    const priv = fixed.replace('  launch:\n    title: Launch wallets\n', '  launch:\n    title: Launch wallets\n    private: true\n');
    assert.notEqual(priv, fixed);
    const third = s.run(new CascadeIndex([...others, parseUnitFile(file, priv)]));
    assert.deepEqual(third.leaks.map((l) => l.site.owner), ['app/echo']);
    // echo's title is made to repeat the now-private launch title: found although echo's own roadmaps were kept
    const repeat = priv.replace('Follow-up to project falcon BANK integration', 'Launch wallets, part two');
    const fourth = s.run(new CascadeIndex([...others, parseUnitFile(file, repeat)]));
    assert.deepEqual(fourth.leaks.map((l) => [l.audience, l.kind, l.site.owner]), [['executives', 'private', 'app/echo']]);
  });
});
