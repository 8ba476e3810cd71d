/**
 * The one definition of `okr.config.yaml`. `config.ts` validates with it;
 * `schemas/okr-config.schema.json` is generated from it. Built when asked
 * (`configSchema()`), not when the module loads: most runs (a repository
 * without okr.config.yaml, okr diff) never validate a config.
 */
import * as z from 'zod';
import { CODES } from './model';
import { ROADMAP_VIEWS } from './roadmap/model';
import { STATUSES } from './schema';

export const SEVERITY_LEVELS = ['error', 'warning', 'info', 'hint', 'off'] as const;
/** Card and outcome fields an audience may be shown (DESIGN.md, "Audiences"). */
export const SHOW_FIELDS = ['title', 'outcome', 'kr', 'hypothesis', 'confidence', 'status', 'owner', 'unit', 'horizon', 'type', 'due', 'dependencies'] as const;
export type ShowField = (typeof SHOW_FIELDS)[number];
export const AUDIENCE_FORMATS = ['html', 'md', 'csv', 'json'] as const;
export type AudienceFormat = (typeof AUDIENCE_FORMATS)[number];

const list = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.array(z.enum(values, { error: `${what} must be one of ${values.join(', ')}` }), { error: `a list of ${what}s` });
const share = (key: string) =>
  z.number({ error: `${key} must be a number between 0 and 1` }).min(0, { error: `${key} must be between 0 and 1` }).max(1, { error: `${key} must be between 0 and 1` }).optional();

export const audienceSchema = () =>
  z
    .strictObject({
      views: list(ROADMAP_VIEWS as unknown as [string, ...string[]], 'a view').optional().describe('The roadmap views that may be rendered for this audience (default: all)'),
      show: list(SHOW_FIELDS, 'a field').optional().describe('The card and outcome fields kept (default: all)'),
      include: z
        .strictObject({
          status: list(STATUSES, 'a status').optional().describe('Roadmap items with these statuses only'),
          type: z.array(z.string({ error: 'a type is text' }), { error: 'a list of types' }).optional().describe('Roadmap items of these types only'),
        }, { error: 'include must be a map with status and/or type' })
        .optional()
        .describe('Which roadmap items this audience sees (KR cards stay unless private)'),
      hide_private: z.boolean({ error: 'hide_private must be true or false' }).optional().describe('Drop everything marked private (default: true)'),
      dates: z.boolean({ error: 'dates must be true or false' }).optional().describe('false: quarters become now/next/later and no due dates are shown (default: true)'),
      forbidden: z.array(z.string({ error: 'a forbidden word is text' }), { error: 'forbidden must be a list of words' }).optional().describe('Words that must never appear in this audience\'s output (case-insensitive, whole words)'),
      formats: list(AUDIENCE_FORMATS, 'a format').optional().describe('The export formats written for this audience (default: html, md, csv, json)'),
    }, { error: 'an audience must be a map of settings' })
    .describe('One audience: what it may see of the roadmap')
    .meta({
      defaultSnippets: [{
        label: 'New audience',
        markdownDescription: 'An audience that sees the themes view, without private entries or dates',
        body: { views: ['${1|themes,quarters,horizons,tech,portfolio,trace|}'], show: ['title', 'outcome', 'status'], hide_private: true, dates: false, formats: ['${2|html,md,csv,json|}'] },
      }],
    });

export const configSchema = () =>
  z
    .strictObject({
      rules: z
        .partialRecord(z.enum(CODES), z.enum(SEVERITY_LEVELS, { error: `a severity must be one of ${SEVERITY_LEVELS.join(', ')}` }), { error: 'rules must be a map of finding code → severity' })
        .optional()
        .describe('Severity per finding code: error, warning, info, hint or off')
        .meta({ markdownDescription: 'Severity per finding code: `error`, `warning`, `info`, `hint` or `off`. The editor and `okr check` both apply it; a VS Code `okr.rules.<code>` setting you set yourself wins in the editor.', errorMessage: 'rules must be a map of finding code → severity' }),
      pace: z
        .strictObject({
          at_risk: share('at_risk').describe('A KR is at risk when it is more than this share of its change behind a linear pace (default 0.10)'),
          off_track: share('off_track').describe('… and off track beyond this share (default 0.25)'),
        }, { error: 'pace must be a map with at_risk and off_track' })
        .refine((p) => p.at_risk === undefined || p.off_track === undefined || p.at_risk <= p.off_track, { error: 'at_risk must not be larger than off_track' })
        .optional()
        .describe('Thresholds of the computed KR status')
        .meta({ markdownDescription: 'When a KR is computed `at risk` or `off track`: how far behind a straight line from `baseline` to `target` over the period it may fall, as a share of its whole change.', defaultSnippets: [{ label: 'Pace thresholds', body: { at_risk: '^${1:0.1}', off_track: '^${2:0.25}' } }] }),
      audiences: z
        .record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'an audience name uses letters, digits, - and _' }), audienceSchema(), { error: 'audiences must be a map of name → settings' })
        .optional()
        .describe('Who the roadmap is rendered for, and what each audience may see')
        .meta({ markdownDescription: 'Who the roadmap is rendered for, by name (`board`, `customers`), and what each may see: views, fields, statuses, private entries, dates and forbidden words.' }),
      limits: z
        .strictObject({
          max_file_size: z
            .union([z.number().int().min(1), z.string().regex(/^\s*\d+(?:\.\d+)?\s*(B|KB|KiB|MB|MiB|GB|GiB)?\s*$/i)], { error: 'max_file_size is a number of bytes or a size like 5MB' })
            .optional()
            .describe('Cascade files larger than this are not read (default 5MB)')
            .meta({ examples: ['5MB', 1048576], errorMessage: 'max_file_size is a number of bytes or a size like 5MB' }),
          max_depth: z.number({ error: 'max_depth must be a whole number' }).int({ error: 'max_depth must be a whole number' }).min(8, { error: 'max_depth must be at least 8' }).max(10000).optional().describe('Deepest YAML nesting read (default 64)'),
        }, { error: 'limits must be a map' })
        .optional()
        .describe('Bounds on what is read'),
    })
    .describe('okr.config.yaml: settings for okr check, the editor and exports')
    .meta({ markdownDescription: '`okr.config.yaml`: settings for `okr check`, the editor and the exports, found by walking up from the checked files. Validated like a cascade file.' });

export type ConfigInput = z.input<ReturnType<typeof configSchema>> | undefined;
/** The keys of `configSchema().shape`, in its order (test/unit/check/schema-file.test.ts holds them equal). */
export const CONFIG_KEYS = ['rules', 'pace', 'audiences', 'limits'];
