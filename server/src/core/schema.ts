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

/** True when `s` is YYYY-MM-DD naming a real calendar day. */
export function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const HORIZON_ERROR = 'horizon must be now, next, later or a quarter like 2026-Q3';
const PERIOD_ERROR = 'period must be a year (2026), a half (2026-H2) or a quarter (2026-Q3)';
const text = (key: string, what: string) => z.string({ error: `${key} must be text` }).nullish().describe(what);
const number = (key: string, what: string) => z.number({ error: `${key} must be a number` }).nullish().describe(what);
const date = (key: string, what: string) =>
  z
    .string({ error: `${key} must be a date written YYYY-MM-DD` })
    .regex(DATE, { error: `${key} must be a date written YYYY-MM-DD` })
    .refine((s) => !DATE.test(s) || isValidDate(s), { error: `${key} is not a real calendar date` })
    .nullish()
    .describe(what);
const reference = z.string({ error: 'each reference must be text: ID or unit/ID' });
const REFS_ERROR = (key: string) => `${key} must be a reference (ID or unit/ID) or a list of them`;
const references = (key: string, what: string) =>
  z
    .union([z.string({ error: REFS_ERROR(key) }), z.array(reference, { error: REFS_ERROR(key) })], { error: REFS_ERROR(key) })
    .nullish()
    .describe(what);
const idMap = <T extends z.ZodType>(key: string, what: string, value: T) =>
  z
    .record(
      z.string().regex(ENTITY_ID, { error: `an id must start with a letter or digit and use only letters, digits, '_', '.' and '-'` }),
      value,
      { error: `${key} must be a map of id → entry` },
    )
    .nullish()
    .describe(what);

export const keyResultSchema = z
  .strictObject({
    title: text('title', 'What the key result measures'),
    baseline: number('baseline', 'The value of the metric when the period started'),
    target: z
      .union([z.number({ error: 'target must be a number' }), z.string({ error: 'target must be a number' })], { error: 'target must be a number' })
      .nullish()
      .describe('The value the metric should reach by the end of the period (a number)'),
    current: number('current', 'The latest measured value of the metric'),
    unit: text('unit', 'The unit of the metric, e.g. "%" or "ms"'),
    supports: references('supports', 'The KR(s) of the parent unit that this KR moves: ID or unit/ID'),
    owner: text('owner', 'Who owns this key result'),
  })
  .describe('A measurable key result: an outcome with baseline and target, not a task');

export const objectiveSchema = z
  .strictObject({
    title: text('title', 'The objective, qualitative and inspiring'),
    owner: text('owner', 'Who owns this objective'),
    key_results: idMap('key_results', 'The key results of this objective, by id', keyResultSchema),
  })
  .describe('An objective of this unit; in the roadmap it becomes a swimlane');

export const riceSchema = z
  .strictObject({
    reach: number('reach', 'RICE reach'),
    impact: number('impact', 'RICE impact'),
    confidence: number('confidence', 'RICE confidence (0..1)'),
    effort: number('effort', 'RICE effort (person-weeks)'),
  })
  .nullish()
  .describe('RICE scoring inputs');

export const itemSchema = z
  .strictObject({
    title: text('title', 'What the bet is'),
    supports: references('supports', 'The KR(s) this bet is meant to move: ID or unit/ID'),
    hypothesis: text('hypothesis', 'We believe <this> will move <the KR> because <reason>'),
    horizon: z
      .union([z.enum(HORIZONS, { error: HORIZON_ERROR }), z.string({ error: HORIZON_ERROR }).regex(QUARTER, { error: HORIZON_ERROR })], { error: HORIZON_ERROR })
      .nullish()
      .describe('now | next | later | a quarter like 2026-Q3'),
    confidence: z.enum(CONFIDENCES, { error: 'confidence must be high, medium or low' }).nullish().describe('high | medium | low'),
    status: z
      .enum(STATUSES, { error: 'status must be idea, planned, active, done or dropped' })
      .nullish()
      .describe('idea | planned | active | done | dropped'),
    type: text('type', 'feature | tech | experiment | research (a free label)'),
    depends_on: references('depends_on', 'Roadmap items this one depends on: ID or unit/ID'),
    due: date('due', 'A hard date (YYYY-MM-DD); a promise, so use sparingly'),
    effort: z.number({ error: 'effort must be a number' }).min(0, { error: 'effort cannot be negative' }).nullish().describe('Effort in person-weeks'),
    rice: riceSchema,
    owner: text('owner', 'Who owns this bet'),
  })
  .describe('A roadmap item: a bet meant to move a key result');

export const unitFileSchema = z
  .strictObject({
    unit: z
      .string({ error: 'unit must be an id like payments' })
      .regex(UNIT_ID, { error: 'a unit id uses lowercase letters, digits and -, starting with a letter or digit' })
      .describe('The id of this unit, unique in the cascade'),
    name: text('name', 'Display name of the unit (defaults to the id)'),
    level: text('level', 'company | product | team (a free label)'),
    parent: z
      .string({ error: 'parent must be the id of the unit above' })
      .nullish()
      .describe('The unit above this one; omitted only at the top'),
    period: z
      .union([z.number({ error: PERIOD_ERROR }).int({ error: PERIOD_ERROR }).min(1000, { error: PERIOD_ERROR }).max(9999, { error: PERIOD_ERROR }), z.string({ error: PERIOD_ERROR }).regex(PERIOD, { error: PERIOD_ERROR })], { error: PERIOD_ERROR })
      .nullish()
      .describe('2026 | 2026-H2 | 2026-Q3'),
    owner: text('owner', 'Who owns this unit'),
    capacity: z
      .number({ error: 'capacity must be a whole number of items' })
      .int({ error: 'capacity must be a whole number of items' })
      .min(0, { error: 'capacity cannot be negative' })
      .nullish()
      .describe('How many items the unit can carry in `now`'),
    reviewed: date('reviewed', 'The date of the last roadmap review (YYYY-MM-DD)'),
    objectives: idMap('objectives', 'The objectives of this unit, by id', objectiveSchema),
    roadmap: idMap('roadmap', 'The roadmap items (bets) of this unit, by id', itemSchema),
  })
  .describe('One unit of the organisation (company, product, team) for one planning period');

export type UnitFileInput = z.input<typeof unitFileSchema>;

/** The keys each kind of map accepts, for "did you mean" and completion. */
export const KEYS = {
  unit: Object.keys(unitFileSchema.shape),
  objective: Object.keys(objectiveSchema.shape),
  kr: Object.keys(keyResultSchema.shape),
  item: Object.keys(itemSchema.shape),
  rice: ['reach', 'impact', 'confidence', 'effort'],
} as const;

/** JSON Schema (draft 2020-12) for editors and other YAML tools. */
export function jsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(unitFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://okr-cascade.dev/schemas/okr.schema.json',
    title: 'OKR Cascade unit file (.okr.yaml)',
  };
}
