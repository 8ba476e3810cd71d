/**
 * The one definition of the `.okr.yaml` format. Parsing validates with it;
 * `schemas/okr.schema.json` is generated from it (`npm run schema`), so other
 * YAML tools validate and complete the same format.
 */
import * as z from 'zod';

export const UNIT_ID = /^[a-z0-9][a-z0-9-]*$/;
export const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const PERIOD = /^(\d{4})(?:-(H[12]|Q[1-4]))?$/;
export const QUARTER = /^(\d{4})-Q([1-4])$/;
export const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const HORIZONS = ['now', 'next', 'later'] as const;
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export const STATUSES = ['idea', 'planned', 'active', 'done', 'dropped'] as const;
export const ITEM_TYPES = ['feature', 'tech', 'experiment', 'research'] as const;
export const ROLLUPS = ['sum', 'mean', 'min', 'max'] as const;
export const RESULTS = ['validated', 'invalidated', 'inconclusive'] as const;

/** The fields `private_fields` may name, per kind of map (as written in the YAML). */
export const PRIVATE_FIELDS = {
  unit: ['name', 'owner', 'level', 'capacity', 'reviewed'],
  objective: ['title', 'owner'],
  kr: ['title', 'baseline', 'target', 'current', 'unit', 'owner', 'supports', 'checkins'],
  item: ['title', 'hypothesis', 'owner', 'confidence', 'status', 'type', 'horizon', 'due', 'effort', 'rice', 'result', 'evidence', 'supports', 'depends_on'],
} as const;

/** True when `s` is YYYY-MM-DD naming a real calendar day. */
export function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const HORIZON_ERROR = 'horizon must be now, next, later or a quarter like 2026-Q3';
/**
 * Editor help carried into schemas/okr.schema.json (see core/json-schema.ts):
 * `markdownDescription`, `examples`, `markdownEnumDescriptions`,
 * `defaultSnippets` and `errorMessage` are read by yaml-language-server and
 * VS Code's JSON/YAML support.
 */
export type Meta = Record<string, unknown>;
const PERIOD_ERROR = 'period must be a year (2026), a half (2026-H2) or a quarter (2026-Q3)';
const text = (key: string, what: string, meta: Meta = {}) =>
  z.string({ error: `${key} must be text` }).nullish().describe(what).meta({ errorMessage: `${key} must be text`, ...meta });
const number = (key: string, what: string, meta: Meta = {}) =>
  z.number({ error: `${key} must be a number` }).nullish().describe(what).meta({ errorMessage: `${key} must be a number`, ...meta });
const date = (key: string, what: string, meta: Meta = {}) =>
  z
    .string({ error: `${key} must be a date written YYYY-MM-DD` })
    .regex(DATE, { error: `${key} must be a date written YYYY-MM-DD` })
    .refine((s) => !DATE.test(s) || isValidDate(s), { error: `${key} is not a real calendar date` })
    .nullish()
    .describe(what)
    .meta({ errorMessage: `${key} must be a date written YYYY-MM-DD, e.g. 2026-09-30`, examples: ['2026-09-30'], ...meta });
const reference = z.string({ error: 'each reference must be text: ID or unit/ID' });
const REFS_ERROR = (key: string) => `${key} must be a reference (ID or unit/ID) or a list of them`;
const references = (key: string, what: string, meta: Meta = {}) =>
  z
    .union([z.string({ error: REFS_ERROR(key) }), z.array(reference, { error: REFS_ERROR(key) })], { error: REFS_ERROR(key) })
    .nullish()
    .describe(what)
    .meta({ errorMessage: REFS_ERROR(key), ...meta });
const privacy = (kind: keyof typeof PRIVATE_FIELDS, what: string) => ({
  private: z.boolean({ error: 'private must be true or false' }).nullish().describe(`true: this ${what} and everything in it stay out of audiences that hide private entries`).meta({
    markdownDescription: `\`true\`: this ${what} and everything in it stay out of the exports for audiences that hide private entries (\`okr.config.yaml\` → \`audiences\`). The file itself is not secret: anyone with the repository reads it.`,
    errorMessage: 'private must be true or false',
  }),
  private_fields: z
    .array(
      z.enum(PRIVATE_FIELDS[kind], { error: `private_fields may name ${PRIVATE_FIELDS[kind].join(', ')}` }).meta({ errorMessage: `private_fields may name ${PRIVATE_FIELDS[kind].join(', ')}` }),
      { error: `private_fields must be a list of field names (${PRIVATE_FIELDS[kind].join(', ')})` },
    )
    .nullish()
    .describe(`Fields of this ${what} kept out of audiences that hide private entries`)
    .meta({
      markdownDescription: `Fields of this ${what} left out of the exports for audiences that hide private entries; the ${what} itself is shown. One of: ${PRIVATE_FIELDS[kind].map((f) => `\`${f}\``).join(', ')}.`,
      examples: [[PRIVATE_FIELDS[kind][PRIVATE_FIELDS[kind].length > 2 ? 2 : 0]]],
      errorMessage: `private_fields must be a list of field names (${PRIVATE_FIELDS[kind].join(', ')})`,
    }),
});
const ID_ERROR = `an id must start with an ASCII letter or digit and use only ASCII letters (a–z, A–Z), digits, '_', '.' and '-'`;
const idMap = <T extends z.ZodType>(key: string, what: string, value: T, meta: Meta = {}) =>
  z
    .record(
      z.string().regex(ENTITY_ID, { error: ID_ERROR }).meta({ patternErrorMessage: `${ID_ERROR} (e.g. KR1 or bank-sync)` }),
      value,
      { error: `${key} must be a map of id → entry` },
    )
    .nullish()
    .describe(what)
    .meta({ errorMessage: `${key} must be a map of id → entry`, ...meta });

export const keyResultSchema = z
  .strictObject({
    title: text('title', 'What the key result measures', { markdownDescription: 'What the key result measures: an outcome, not a task (e.g. "Cut onboarding drop-off").', examples: ['Cut onboarding drop-off'] }),
    baseline: number('baseline', 'The value of the metric when the period started', { markdownDescription: 'The value of the metric when the period started. With `target`, it makes the KR measurable and gives its progress.', examples: [45] }),
    target: z
      .union([z.number({ error: 'target must be a number' }), z.string({ error: 'target must be a number' })], { error: 'target must be a number' })
      .nullish()
      .describe('The value the metric should reach by the end of the period (a number)')
      .meta({ markdownDescription: 'The value the metric should reach by the end of the period: a number. Without it the KR is a task, not an outcome (`kr-not-measurable`).', examples: [30], errorMessage: 'target must be a number' }),
    current: number('current', 'The latest measured value of the metric', { markdownDescription: 'The latest measured value of the metric; progress is `(current − baseline) / (target − baseline)`. With `rollup`, it may be left out and is computed from the KRs below.', examples: [41] }),
    unit: text('unit', 'The unit of the metric, e.g. "%" or "ms"', { examples: ['%', 'ms', 'NPS', '€'] }),
    supports: references('supports', 'The KR(s) of the parent unit that this KR moves: ID or unit/ID', {
      markdownDescription: 'The KR(s) of the parent unit that this KR moves: `unit/KR` (e.g. `acme/KR2`), or a list of them. A KR of a unit with a parent that supports nothing is an `orphan-kr`.',
      examples: ['acme/KR2', ['acme/KR1', 'acme/KR2']],
    }),
    owner: text('owner', 'Who owns this key result', { examples: ['Dana Li'] }),
    rollup: z
      .enum(ROLLUPS, { error: 'rollup must be sum, mean, min or max' })
      .meta({
        errorMessage: 'rollup must be sum, mean, min or max',
        markdownEnumDescriptions: ['The KRs below add up (sign-ups per team).', 'Their average (a satisfaction score).', 'The weakest one counts (an uptime every team must hold).', 'The best one counts.'],
      })
      .nullish()
      .describe('How the KRs that support this one add up: sum | mean | min | max; `current` may then be left out and is computed'),
    checkins: z
      .array(
        z.strictObject({
          date: date('date', 'The day the value was measured (YYYY-MM-DD)').unwrap().unwrap(),
          value: z.number({ error: 'value must be a number' }).describe('The measured value of the metric'),
          note: text('note', 'What happened'),
        }, { error: 'a check-in is a map: { date: YYYY-MM-DD, value: number, note: text }' }),
        { error: 'checkins must be a list of { date, value, note }' },
      )
      .nullish()
      .describe('Values recorded by hand; git history adds the rest')
      .meta({
        markdownDescription: 'Values of the metric recorded by hand, oldest first: `{ date, value, note }`. The history of `current:` in git adds the rest; pace and status are computed from both.',
        defaultSnippets: [{ label: 'New check-in', markdownDescription: 'A value of the metric on a date', body: [{ date: '${1:2026-09-30}', value: '^${2:0}', note: '${3}' }] }],
      }),
    ...privacy('kr', 'key result'),
  })
  .describe('A measurable key result: an outcome with baseline and target, not a task')
  .meta({
    markdownDescription: 'A measurable key result: an outcome with a `baseline` and a numeric `target`, not a task. In a unit with a parent it `supports` a KR of the parent.',
    defaultSnippets: [{ label: 'New key result', markdownDescription: 'A key result with baseline, target and unit', body: { title: '${1:Cut onboarding drop-off}', baseline: '^${2:45}', target: '^${3:30}', unit: '${4:%}', supports: '${5}' } }],
  });

export const objectiveSchema = z
  .strictObject({
    title: text('title', 'The objective, qualitative and inspiring', { markdownDescription: 'The objective: qualitative and inspiring (e.g. "Make self-serve onboarding effortless"). It names a lane of the roadmap.', examples: ['Make self-serve onboarding effortless'] }),
    owner: text('owner', 'Who owns this objective', { examples: ['Dana Li'] }),
    key_results: idMap('key_results', 'The key results of this objective, by id', keyResultSchema, {
      markdownDescription: 'The key results of this objective, by id (`KR1`, `KR2`, …): 2 to 5 measurable outcomes. Others refer to them as `unit/KR1`.',
      defaultSnippets: [{ label: 'New key result', markdownDescription: 'A key result with baseline, target and unit', body: { 'KR${1:1}': { title: '${2:Cut onboarding drop-off}', baseline: '^${3:45}', target: '^${4:30}', unit: '${5:%}' } } }],
    }),
    ...privacy('objective', 'objective'),
  })
  .describe('An objective of this unit; in the roadmap it becomes a swimlane')
  .meta({ defaultSnippets: [{ label: 'New objective', markdownDescription: 'An objective with one key result', body: { title: '${1:Make self-serve onboarding effortless}', key_results: { 'KR${2:1}': { title: '${3:Cut onboarding drop-off}', baseline: '^${4:45}', target: '^${5:30}', unit: '${6:%}' } } } }] });

export const riceSchema = z
  .strictObject({
    reach: number('reach', 'RICE reach', { markdownDescription: 'RICE **reach**: how many people or events per period the bet touches.', examples: [1200] }),
    impact: number('impact', 'RICE impact', { markdownDescription: 'RICE **impact** per person: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal.', examples: [1] }),
    confidence: number('confidence', 'RICE confidence (0..1)', { markdownDescription: 'RICE **confidence** as a share from 0 to 1 (`0.8` = 80%). Not the item\'s own `confidence:` (high, medium, low).', examples: [0.8], errorMessage: 'rice confidence must be a number from 0 to 1 (e.g. 0.8), not high/medium/low' }),
    effort: number('effort', 'RICE effort (person-weeks)', { markdownDescription: 'RICE **effort** in person-weeks.', examples: [4] }),
  })
  .nullish()
  .describe('RICE scoring inputs');

export const itemSchema = z
  .strictObject({
    title: text('title', 'What the bet is', { markdownDescription: 'What the bet is, as its card shows it (e.g. "Guided setup wizard").', examples: ['Guided setup wizard'] }),
    supports: references('supports', 'The KR(s) this bet is meant to move: ID or unit/ID', {
      markdownDescription: 'The KR(s) this bet is meant to move: `KR1` in this unit, `unit/KR1` elsewhere, or a list. An item that supports no KR is `untraceable-item`: a feature with no reason.',
      examples: ['KR1', 'payments/KR2', ['KR1', 'KR2']],
    }),
    hypothesis: text('hypothesis', 'We believe <this> will move <the KR> because <reason>', {
      markdownDescription: 'Why this bet should work: "We believe *this* will move *the KR* because *reason*". Without one the item is `missing-hypothesis`; without a reason, `weak-hypothesis`.',
      examples: ['We believe a guided wizard will cut drop-off because 60% of users abandon at bank linking.'],
      defaultSnippets: [{ label: 'We believe … because …', body: 'We believe ${1:this} will move ${2:the KR} because ${3:the reason}.' }],
    }),
    horizon: z
      .union([
        z.enum(HORIZONS, { error: HORIZON_ERROR }).meta({
          errorMessage: HORIZON_ERROR,
          markdownEnumDescriptions: ['Being worked on now: counts against the unit\'s `capacity`.', 'Up next, once `now` frees up.', 'Later: worth doing, not yet planned.'],
        }),
        z.string({ error: HORIZON_ERROR }).regex(QUARTER, { error: HORIZON_ERROR }).meta({ patternErrorMessage: HORIZON_ERROR, errorMessage: HORIZON_ERROR }),
      ], { error: HORIZON_ERROR })
      .nullish()
      .describe('now | next | later | a quarter like 2026-Q3')
      .meta({
        markdownDescription: 'When the bet happens: `now`, `next`, `later`, or a quarter of the unit\'s period such as `2026-Q3` (the quarters view puts the card in that column; `now`/`next` map to the current and following quarter).',
        examples: ['now', 'next', 'later', '2026-Q3'],
        errorMessage: HORIZON_ERROR,
      }),
    confidence: z
      .enum(CONFIDENCES, { error: 'confidence must be high, medium or low' })
      .meta({
        errorMessage: 'confidence must be high, medium or low',
        markdownEnumDescriptions: ['Evidence says it will move the KR.', 'A reasoned bet.', 'A guess worth testing: consider an experiment first.'],
      })
      .nullish()
      .describe('high | medium | low')
      .meta({ markdownDescription: 'How sure you are that the bet moves its KR: `high`, `medium` or `low`. The horizons view expects confidence to fall from `now` to `later`.' }),
    status: z
      .enum(STATUSES, { error: 'status must be idea, planned, active, done or dropped' })
      .meta({
        errorMessage: 'status must be idea, planned, active, done or dropped',
        markdownEnumDescriptions: ['Not yet decided.', 'Decided, not started.', 'Being worked on.', 'Shipped: no longer counts against `capacity`.', 'Stopped: stays on the roadmap, greyed, so the decision is visible.'],
      })
      .nullish()
      .describe('idea | planned | active | done | dropped'),
    type: text('type', 'feature | tech | experiment | research (a free label)', {
      markdownDescription: 'A free label; `feature`, `tech`, `experiment` and `research` are the usual ones. The technology view shows `tech` items only.',
      examples: [...ITEM_TYPES],
    }),
    depends_on: references('depends_on', 'Roadmap items this one depends on: ID or unit/ID', {
      markdownDescription: 'Roadmap items this one depends on: `item-id` in this unit, `unit/item-id` elsewhere, or a list. Depending on an item with a later horizon is `depends-on-later`.',
      examples: ['bank-sync', ['payments/bank-sync']],
    }),
    due: date('due', 'A hard date (YYYY-MM-DD); a promise, so use sparingly', { markdownDescription: 'A hard date (`YYYY-MM-DD`): a promise, so use it sparingly; on a `next` or `later` item it is `dated-later`.' }),
    effort: z.number({ error: 'effort must be a number' }).min(0, { error: 'effort cannot be negative' }).nullish().describe('Effort in person-weeks').meta({ errorMessage: 'effort must be a number of person-weeks, 0 or more', examples: [3] }),
    rice: riceSchema,
    owner: text('owner', 'Who owns this bet', { examples: ['Dana Li'] }),
    result: z
      .enum(RESULTS, { error: 'result must be validated, invalidated or inconclusive' })
      .meta({
        errorMessage: 'result must be validated, invalidated or inconclusive',
        markdownEnumDescriptions: ['The hypothesis held: the KR moved as expected.', 'It did not: the KR did not move, or moved the other way.', 'The evidence does not tell yet.'],
      })
      .nullish()
      .describe('What the bet taught us: validated | invalidated | inconclusive')
      .meta({ markdownDescription: 'What the bet taught us once it ran: `validated`, `invalidated` or `inconclusive`; say why in `evidence`.' }),
    evidence: text('evidence', 'A link or a sentence: the evidence behind `result`', { examples: ['https://analytics.example.com/dashboards/onboarding'] }),
    ...privacy('item', 'roadmap item'),
  })
  .describe('A roadmap item: a bet meant to move a key result')
  .meta({
    defaultSnippets: [{
      label: 'New roadmap item',
      markdownDescription: 'A bet with the KR it supports and a hypothesis',
      body: { title: '${1:Guided setup wizard}', supports: '${2:KR1}', hypothesis: 'We believe ${3:this} will move ${4:the KR} because ${5:the reason}.', horizon: '${6|now,next,later|}', confidence: '${7|high,medium,low|}', status: '${8|idea,planned,active,done,dropped|}' },
    }],
  });

export const unitFileSchema = z
  .strictObject({
    unit: z
      .string({ error: 'unit must be an id like payments' })
      .regex(UNIT_ID, { error: 'a unit id uses lowercase ASCII letters (a–z), digits and -, starting with a letter or digit' })
      .describe('The id of this unit, unique in the cascade')
      .meta({
        markdownDescription: 'The id of this unit, unique in the cascade: lowercase ASCII letters, digits and `-` (e.g. `payments`). Other files name it in `parent:` and in references `payments/KR1`.',
        examples: ['payments'],
        patternErrorMessage: 'a unit id uses lowercase ASCII letters (a–z), digits and -, starting with a letter or digit (e.g. payments)',
        errorMessage: 'unit must be an id like payments',
      }),
    name: text('name', 'Display name of the unit (defaults to the id)', { examples: ['Payments'] }),
    level: text('level', 'company | product | team (a free label)', {
      markdownDescription: 'A free label; `company`, `product` and `team` are the ones the roadmap understands: a team file previews the roadmap of the product above it, and the portfolio view is a company\'s.',
      examples: ['company', 'product', 'team'],
    }),
    parent: z
      .string({ error: 'parent must be the id of the unit above' })
      .nullish()
      .describe('The unit above this one; omitted only at the top')
      .meta({ markdownDescription: 'The `unit:` id of the unit directly above (a team\'s product, a product\'s company). Leave it out only at the top of the cascade.', examples: ['acme'], errorMessage: 'parent must be the id of the unit above' }),
    period: z
      .union([
        z.number({ error: PERIOD_ERROR }).int({ error: PERIOD_ERROR }).min(1000, { error: PERIOD_ERROR }).max(9999, { error: PERIOD_ERROR }).meta({ errorMessage: PERIOD_ERROR }),
        z.string({ error: PERIOD_ERROR }).regex(PERIOD, { error: PERIOD_ERROR }).meta({ patternErrorMessage: PERIOD_ERROR, errorMessage: PERIOD_ERROR }),
      ], { error: PERIOD_ERROR })
      .nullish()
      .describe('2026 | 2026-H2 | 2026-Q3')
      .meta({
        markdownDescription: 'The planning period: a year (`2026`), a half (`2026-H2`) or a quarter (`2026-Q3`). The quarters view has one column per quarter of it; an item dated outside it is `horizon-outside-period`.',
        examples: [2026, '2026-H2', '2026-Q3'],
        errorMessage: PERIOD_ERROR,
      }),
    owner: text('owner', 'Who owns this unit', { examples: ['Dana Li'] }),
    capacity: z
      .number({ error: 'capacity must be a whole number of items' })
      .int({ error: 'capacity must be a whole number of items' })
      .min(0, { error: 'capacity cannot be negative' })
      .nullish()
      .describe('How many items the unit can carry in `now`')
      .meta({ markdownDescription: 'How many items the unit can carry in `now`; more (not counting done and dropped ones) is `overloaded-now`.', examples: [4], errorMessage: 'capacity must be a whole number of items, 0 or more' }),
    reviewed: date('reviewed', 'The date of the last roadmap review (YYYY-MM-DD)', { markdownDescription: 'The date of the last review of the roadmap against the OKRs (`YYYY-MM-DD`); more than a quarter ago is `stale-review`.' }),
    objectives: idMap('objectives', 'The objectives of this unit, by id', objectiveSchema, {
      markdownDescription: 'The objectives of this unit, by id (`O1`, `O2`, …): 3 to 5 of them. Each becomes a lane of the roadmap, headed by its key results.',
      defaultSnippets: [{ label: 'New objective', markdownDescription: 'An objective with one key result', body: { 'O${1:1}': { title: '${2:Make self-serve onboarding effortless}', key_results: { 'KR${3:1}': { title: '${4:Cut onboarding drop-off}', baseline: '^${5:45}', target: '^${6:30}', unit: '${7:%}' } } } } }],
    }),
    roadmap: idMap('roadmap', 'The roadmap items (bets) of this unit, by id', itemSchema, {
      markdownDescription: 'The roadmap items (bets) of this unit, by id (`setup-wizard`). Each is a card on the roadmap, in the lane of the objective whose KR it supports.',
      defaultSnippets: [{
        label: 'New roadmap item',
        markdownDescription: 'A bet with the KR it supports and a hypothesis',
        body: { '${1:setup-wizard}': { title: '${2:Guided setup wizard}', supports: '${3:KR1}', hypothesis: 'We believe ${4:this} will move ${5:the KR} because ${6:the reason}.', horizon: '${7|now,next,later|}', confidence: '${8|high,medium,low|}' } },
      }],
    }),
    ...privacy('unit', 'unit'),
  })
  .describe('One unit of the organisation (company, product, team) for one planning period')
  .meta({
    defaultSnippets: [{
      label: 'New unit file',
      markdownDescription: 'A unit with one objective, one key result and one roadmap item',
      body: {
        unit: '${1:payments}', level: '${2|company,product,team|}', parent: '${3:acme}', period: '${4:2026-H2}',
        objectives: { O1: { title: '${5:Make self-serve onboarding effortless}', key_results: { KR1: { title: '${6:Cut onboarding drop-off}', baseline: '^${7:45}', target: '^${8:30}', unit: '${9:%}' } } } },
        roadmap: { '${10:setup-wizard}': { title: '${11:Guided setup wizard}', supports: 'KR1', hypothesis: 'We believe ${12:this} will move ${13:the KR} because ${14:the reason}.', horizon: 'now' } },
      },
    }],
  });

export type UnitFileInput = z.input<typeof unitFileSchema>;

/** The keys each kind of map accepts, for "did you mean" and completion. */
export const KEYS = {
  unit: Object.keys(unitFileSchema.shape),
  objective: Object.keys(objectiveSchema.shape),
  kr: Object.keys(keyResultSchema.shape),
  item: Object.keys(itemSchema.shape),
  rice: ['reach', 'impact', 'confidence', 'effort'],
} as const;
