/**
 * Held-out style: cascades this code has never seen, generated from a seed,
 * with audiences, private units/objectives/KRs/items, `private_fields`, and
 * codenames hidden in titles, hypotheses, owners, evidence and unit names.
 *
 * - every export (json, md, csv, html source, mermaid, svg) of every audience
 *   that hides private entries, of every unit and view, holds no codename;
 * - with nothing planted, `okr check` reports no `audience-leak`;
 * - each planted leak (a forbidden word, a private title repeated, a quarter
 *   for an audience without dates) in a public title, hypothesis or owner is
 *   reported on exactly its line, for exactly the audiences that would see it.
 */
import { strict as assert } from 'node:assert';
import { audienceModel, audienceUnits, lensFor, renderAudienceModel, type ExportFormat } from '../../../server/src/core/audience/render';
import { checkAll } from '../../../server/src/core/check';
import { parseConfig, type Config } from '../../../server/src/core/config';
import { CascadeIndex } from '../../../server/src/core/link';
import { parseUnitFile } from '../../../server/src/core/parse';
import { parseDay } from '../../../server/src/core/period';
import { RoadmapError } from '../../../server/src/core/roadmap/index';
import { ROADMAP_VIEWS, type RoadmapView } from '../../../server/src/core/roadmap/model';

const AS_OF = parseDay('2026-08-15')!;
const FORMATS: ExportFormat[] = ['json', 'md', 'csv', 'html', 'mermaid', 'svg'];
const FORBIDDEN = 'Quillfeather';
const SHOWABLE = ['outcome', 'kr', 'hypothesis', 'confidence', 'status', 'owner', 'unit', 'horizon', 'type', 'due', 'dependencies'];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Plant {
  kind: string;
  file: string;
  /** 0-based line of the planted text. */
  line: number;
  audiences: string[];
}

interface Generated {
  files: Map<string, string>;
  config: Config;
  /** Codenames of private things: no hiding audience may ever see one. */
  secrets: string[];
  plants: Plant[];
}

const WORDS = ['checkout', 'wallet', 'payout', 'ledger', 'invoice', 'refund', 'onboarding', 'dashboard', 'search', 'pricing', 'reporting', 'identity', 'billing', 'catalog', 'partner'];
const PEOPLE = ['Dana Li', 'Sam Park', 'Ana Ruiz', 'Tom Berg', 'Priya Raman'];

function generate(seed: number, plant: boolean): Generated {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;
  let n = 0;
  const token = () => `zq${seed}x${++n}k`; // one word, never in any other text
  const secrets: string[] = [];
  const secret = () => {
    const t = `Cod${token()}`;
    secrets.push(t);
    return t;
  };
  const title = () => `${pick(WORDS)} ${pick(WORDS)} ${token()}`;

  // audiences: every one sees themes (objective and KR titles, item titles in JSON) and titles
  const names = ['customers', 'board', 'engineering'];
  const audiences = names.map((name, i) => {
    const views = [...new Set<RoadmapView>(['themes', ...ROADMAP_VIEWS.filter(() => chance(0.4))])];
    const show = ['title', ...SHOWABLE.filter(() => chance(0.5))];
    const include = chance(0.5) ? { status: ['planned', 'active', 'done'] } : undefined;
    return { name, views, show, include, hide_private: i < 2 || chance(0.5), dates: i !== 0 && chance(0.5), forbidden: chance(0.8) ? [FORBIDDEN] : [] };
  });
  const configText = `audiences:\n${audiences.map((a) => `  ${a.name}:\n    views: [${a.views.join(', ')}]\n    show: [${a.show.join(', ')}]\n${a.include ? `    include: { status: [${a.include.status.join(', ')}] }\n` : ''}    hide_private: ${a.hide_private}\n    dates: ${a.dates}\n    forbidden: [${a.forbidden.join(', ')}]\n`).join('')}`;
  const config = parseConfig('okr.config.yaml', configText);
  assert.deepEqual(config.problems, [], configText);

  const files = new Map<string, string>();
  const plants: Plant[] = [];
  const privateTitles: string[] = [];
  const units: { id: string; parent?: string; level: string; period: string; private: boolean }[] = [
    { id: 'co', level: 'company', period: '2026', private: false },
    { id: 'p1', parent: 'co', level: 'product', period: '2026', private: false },
    { id: 'p2', parent: 'co', level: 'product', period: '2026', private: chance(0.5) },
    { id: 't1', parent: 'p1', level: 'team', period: '2026-Q4', private: chance(0.3) },
    { id: 't2', parent: 'p2', level: 'team', period: '2026-H2', private: false },
  ];
  const privateUnit = (id: string): boolean => { const u = units.find((x) => x.id === id)!; return u.private || (!!u.parent && privateUnit(u.parent)); };
  const krsOf = new Map<string, { ref: string; public: boolean }[]>();
  for (const u of units) {
    const uPriv = privateUnit(u.id);
    const lines: string[] = [];
    const add = (s: string) => lines.push(s);
    add(`unit: ${u.id}`);
    add(`name: ${JSON.stringify(u.private ? `${secret()} unit` : `${pick(WORDS)} ${token()}`)}`);
    add(`level: ${u.level}`);
    if (u.parent) add(`parent: ${u.parent}`);
    add(`period: ${u.period}`);
    if (u.private) add('private: true');
    add('objectives:');
    const krs: { ref: string; public: boolean }[] = [];
    const parentKrs = u.parent ? krsOf.get(u.parent) ?? [] : [];
    for (let o = 1; o <= 2; o++) {
      const oPriv = chance(0.25);
      add(`  O${o}:`);
      const oPlant = plant && !uPriv && !oPriv && chance(0.3);
      if (oPlant) plants.push({ kind: 'objective title', file: `${u.id}.okr.yaml`, line: lines.length, audiences: audiences.filter((a) => a.forbidden.length).map((a) => a.name) });
      const oTitle = oPriv ? `${secret()} ${title()}` : oPlant ? `${title()} with ${FORBIDDEN}` : title();
      if (oPriv) privateTitles.push(oTitle);
      add(`    title: ${JSON.stringify(oTitle)}`);
      if (oPriv) add('    private: true');
      add('    key_results:');
      for (let k = 1; k <= 2; k++) {
        const kPriv = !oPriv && chance(0.2);
        const id = `KR${o}${k}`;
        add(`      ${id}:`);
        const kTitle = kPriv ? `${secret()} ${title()}` : title();
        if (kPriv) privateTitles.push(kTitle);
        add(`        title: ${JSON.stringify(kTitle)}`);
        if (kPriv) add('        private: true');
        add(`        baseline: ${10 + k}`);
        add(`        target: ${40 + o}`);
        add(`        current: ${20 + k}`);
        if (chance(0.5)) add(`        owner: ${JSON.stringify(kPriv || oPriv ? secret() + ' Person' : pick(PEOPLE))}`);
        if (parentKrs.length) add(`        supports: ${pick(parentKrs).ref}`);
        krs.push({ ref: `${u.id}/${id}`, public: !uPriv && !oPriv && !kPriv });
      }
    }
    krsOf.set(u.id, krs);
    if (u.level !== 'company') {
      add('roadmap:');
      const count = 3 + Math.floor(r() * 3);
      for (let i = 1; i <= count; i++) {
        const priv = chance(0.3);
        const fields = !priv && chance(0.25) ? (['hypothesis', 'owner', 'evidence'] as const).filter(() => chance(0.6)) : [];
        const target = pick(krs);
        const status = pick(['idea', 'planned', 'active', 'done'] as const);
        add(`  item${i}:`);
        // a plant: only on a public item every audience sees (active, linked to a public KR of its own unit, no private_fields)
        const kind = plant && !uPriv && !priv && !fields.length && target.public ? pick(['forbidden', 'repeat', 'date', 'owner', 'hypothesis', 'none', 'none'] as const) : 'none';
        const at = lines.length;
        const sees = (field: string) => audiences.filter((a) => a.show.includes(field) || field === 'title');
        let itemTitle = priv ? `${secret()} ${title()}` : title();
        if (kind === 'forbidden') {
          itemTitle = `${title()} ${FORBIDDEN}-ready`;
          plants.push({ kind: 'forbidden', file: `${u.id}.okr.yaml`, line: at, audiences: sees('title').filter((a) => a.forbidden.length).map((a) => a.name) });
        } else if (kind === 'repeat' && privateTitles.length) {
          itemTitle = `Again: ${pick(privateTitles)}`;
          plants.push({ kind: 'repeat', file: `${u.id}.okr.yaml`, line: at, audiences: audiences.filter((a) => a.hide_private).map((a) => a.name) });
        } else if (kind === 'date') {
          itemTitle = `${title()} in Q4 2026`;
          plants.push({ kind: 'date', file: `${u.id}.okr.yaml`, line: at, audiences: audiences.filter((a) => !a.dates).map((a) => a.name) });
        }
        if (priv) privateTitles.push(itemTitle);
        add(`    title: ${JSON.stringify(itemTitle)}`);
        if (priv) add('    private: true');
        if (fields.length) add(`    private_fields: [${fields.join(', ')}]`);
        add(`    supports: ${target.ref.startsWith(`${u.id}/`) ? target.ref.slice(u.id.length + 1) : target.ref}`);
        add(`    status: ${kind === 'none' ? status : 'active'}`);
        add(`    type: ${pick(['feature', 'tech'])}`);
        add(`    horizon: ${pick(['now', 'next', 'later', '2026-Q3', '2026-Q4'])}`);
        const hidden = (f: string) => priv || (fields as readonly string[]).includes(f);
        let hyp = `We think ${pick(WORDS)} moves it because ${hidden('hypothesis') ? secret() : token()} says so`;
        if (kind === 'hypothesis') {
          hyp = `We think it works because ${FORBIDDEN} said so`;
          plants.push({ kind: 'hypothesis', file: `${u.id}.okr.yaml`, line: lines.length, audiences: sees('hypothesis').filter((a) => a.forbidden.length).map((a) => a.name) });
        }
        add(`    hypothesis: ${JSON.stringify(hyp)}`);
        let owner = hidden('owner') ? `${secret()} Person` : pick(PEOPLE);
        if (kind === 'owner') {
          owner = `${FORBIDDEN} Team`;
          plants.push({ kind: 'owner', file: `${u.id}.okr.yaml`, line: lines.length, audiences: sees('owner').filter((a) => a.forbidden.length).map((a) => a.name) });
        }
        add(`    owner: ${JSON.stringify(owner)}`);
        if (chance(0.4)) add(`    evidence: ${JSON.stringify(hidden('evidence') ? `see ${secret()} report` : `see ${token()} report`)}`);
        if (chance(0.3)) add('    due: 2026-12-15');
      }
    }
    files.set(`${u.id}.okr.yaml`, lines.join('\n') + '\n');
  }
  return { files, config, secrets, plants: plants.filter((p) => p.audiences.length) };
}

function indexOf(g: Generated): CascadeIndex {
  return new CascadeIndex([...g.files].map(([f, t]) => parseUnitFile(f, t)));
}

describe('audience: held-out style generated cascades', function () {
  this.timeout(120_000);
  const SEEDS = Array.from({ length: 12 }, (_, i) => 1001 + i * 7);
  const kinds = new Set<string>();
  after(() => assert.deepEqual([...kinds].sort(), ['date', 'forbidden', 'hypothesis', 'objective title', 'owner', 'repeat'], 'every kind of leak was planted in some seed'));

  for (const seed of SEEDS) {
    it(`seed ${seed}: no export of a hiding audience holds a codename; nothing planted, nothing reported`, () => {
      const g = generate(seed, false);
      const index = indexOf(g);
      for (const [f] of g.files) assert.deepEqual(index.files.find((x) => x.file === f)!.problems.filter((p) => p.code === 'schema' || p.code === 'yaml-syntax'), [], g.files.get(f));
      let exports = 0;
      for (const a of g.config.audiences.filter((x) => x.hidePrivate)) {
        const lens = lensFor(a, index);
        for (const unit of audienceUnits(index, lens)) {
          for (const view of a.views) {
            let model;
            try {
              model = audienceModel(index, lens, unit, view, AS_OF).model;
            } catch (e) {
              if (e instanceof RoadmapError) continue;
              throw e;
            }
            for (const format of FORMATS) {
              let text: string;
              try {
                text = renderAudienceModel(model, format, { script: '', css: '' }).toLowerCase();
              } catch (e) {
                if ((e as Error).name === 'MermaidTooLarge') continue;
                throw e;
              }
              exports++;
              for (const s of g.secrets) assert.ok(!text.includes(s.toLowerCase()), `${a.name} ${unit} ${view} ${format} holds ${s}: ${text.slice(Math.max(0, text.indexOf(s.toLowerCase()) - 200), text.indexOf(s.toLowerCase()) + 40)}`);
              assert.ok(!text.includes('.okr.yaml'), `${a.name} ${unit} ${view} ${format} names a file`);
              // the period label stays (DESIGN.md: "the period label … and the as-of date of the export stay"), even a quarter
              const dated = model.period ? text.split(model.period.toLowerCase()).join('') : text;
              if (!a.dates) assert.doesNotMatch(dated, /2026-q[1-4]|2026-12-15|q[1-4] 2026/, `${a.name} ${unit} ${view} ${format}: ${/.{0,60}(2026-q[1-4]|2026-12-15|q[1-4] 2026).{0,60}/.exec(dated)?.[0]}`);
            }
          }
        }
      }
      assert.ok(exports > 20, `many exports checked (${exports})`);
      const leaks = [...checkAll(index, { asOf: AS_OF, audiences: g.config.audiences })].flatMap(([, ps]) => ps.filter((p) => p.code === 'audience-leak'));
      assert.deepEqual(leaks.map((p) => p.message), [], 'a clean configuration reports nothing');
    });

    it(`seed ${seed}: every planted leak is reported on its line, for the audiences that would see it, and nothing else`, () => {
      const g = generate(seed, true);
      assert.ok(g.plants.length > 0, 'something is planted');
      g.plants.forEach((p) => kinds.add(p.kind));
      const index = indexOf(g);
      const found = new Map<string, Set<string>>();
      for (const [file, ps] of checkAll(index, { asOf: AS_OF, audiences: g.config.audiences })) {
        const f = index.files.find((x) => x.file === file)!;
        for (const p of ps.filter((x) => x.code === 'audience-leak')) {
          const line = f.lineStarts.filter((s) => s <= p.span[0]).length - 1;
          const key = `${file}:${line}`;
          const who = /"([a-z]+)" audience/.exec(p.message)?.[1] ?? '?';
          (found.get(key) ?? found.set(key, new Set()).get(key)!).add(who);
        }
      }
      const expected = new Map<string, Set<string>>();
      for (const p of g.plants) {
        const key = `${p.file}:${p.line}`;
        const set = expected.get(key) ?? new Set<string>();
        p.audiences.forEach((a) => set.add(a));
        expected.set(key, set);
      }
      const show = (m: Map<string, Set<string>>) => [...m].map(([k, v]) => `${k} ${[...v].sort().join(',')}`).sort();
      assert.deepEqual(show(found), show(expected), [...g.files].map(([f, t]) => `# ${f}\n${t.split('\n').map((l, i) => `${i} ${l}`).join('\n')}`).join('\n'));
    });
  }
});
