/**
 * Typed access to the `okr.*` settings (rust-analyzer's config.ts habit: one
 * place that knows the keys, their defaults and how to read them).
 */
import * as vscode from 'vscode';
import type { RoadmapView } from '../../server/src/protocol';
import { ROADMAP_VIEWS } from '../../server/src/protocol';
import type { OkrSettings } from '../../server/src/protocol';

export const SECTION = 'okr';
const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'] as const;
type SeverityLevel = (typeof SEVERITIES)[number];

export interface PreviewConfig {
  /** The preview follows the active okr editor; false pins every preview to its file. */
  followActiveEditor: boolean;
  defaultView: RoadmapView;
}

export function previewConfig(): PreviewConfig {
  const c = vscode.workspace.getConfiguration(SECTION);
  const view = c.get<string>('preview.defaultView', 'quarters');
  return {
    followActiveEditor: c.get<boolean>('preview.followActiveEditor', true),
    defaultView: (ROADMAP_VIEWS as readonly string[]).includes(view) ? (view as RoadmapView) : 'quarters',
  };
}

/** `okr.asOf` when it is a date (`YYYY-MM-DD`), else undefined (the clock). */
export function asOf(scope?: vscode.ConfigurationScope): string | undefined {
  const v = vscode.workspace.getConfiguration(SECTION, scope ?? null).get<string>('asOf', '').trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
}

/**
 * The `okr` section as the language server reads it (`workspace/configuration`).
 * Rule severities carry only the values a user actually set (user, workspace or
 * folder level): the defaults shown in the Settings UI are the rules' own, and
 * sending them would override `okr.config.yaml`, which sits between the two.
 */
export function serverSettings(scope?: vscode.ConfigurationScope): OkrSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope ?? null);
  const rules: Record<string, SeverityLevel> = {};
  const declared = c.get<Record<string, unknown>>('rules') ?? {};
  for (const code of Object.keys(declared)) {
    const i = c.inspect<string>(`rules.${code}`);
    const set = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
    if (typeof set === 'string' && (SEVERITIES as readonly string[]).includes(set)) rules[code] = set as SeverityLevel;
  }
  return {
    rules,
    asOf: c.get<string>('asOf', '').trim(),
    trace: { server: c.get<string>('trace.server', 'off') },
  };
}
