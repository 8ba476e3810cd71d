/**
 * Check options from three layers: rule defaults, the editor's `okr.rules.*`
 * settings, then the `okr.config.yaml` found as `okr check` finds it (the
 * nearest at or above the workspace folder, up to the top of its git
 * repository: files/discover.ts, the same function). The file wins where
 * it sets a code: it is what `okr check` reads in CI, so the editor agrees
 * with CI (and an editor that sends every rule's default severity as a
 * setting, as VS Code does for contributed defaults, cannot mask it).
 */
import type { CheckOptions, SeverityOverride } from '../core/check';
import { CONFIG_FILE, SEVERITY_LEVELS, parseConfig, type Config } from '../core/config';
import { CODES, type Code } from '../core/model';
import { parseDay, type Day } from '../core/period';
import { isValidDate } from '../core/schema';
import type { OkrSettings } from '../protocol';
import { findConfigFile } from '../files/discover';
import { readText } from '../files/read';
import { pathToUri } from './uris';

export interface ConfigFile {
  uri: string;
  text: string;
  config: Config;
}

export class Settings {
  private editor: OkrSettings = {};
  /** The `okr.config.yaml` in use, if any. */
  configFile?: ConfigFile;

  /** Takes the `okr` section as the client sent it; answers complaints about bad values. */
  setEditor(raw: unknown): string[] {
    const complaints: string[] = [];
    const s = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const rules: Record<string, SeverityOverride> = {};
    for (const [code, level] of Object.entries((s.rules as Record<string, unknown>) ?? {})) {
      if (level === null || level === undefined || level === '') continue;
      if (!(CODES as readonly string[]).includes(code)) complaints.push(`okr.rules.${code}: no rule has that code`);
      else if (!(SEVERITY_LEVELS as readonly unknown[]).includes(level)) complaints.push(`okr.rules.${code}: "${String(level)}" is not one of ${SEVERITY_LEVELS.join(', ')}`);
      else rules[code] = level as SeverityOverride;
    }
    const asOf = typeof s.asOf === 'string' ? s.asOf.trim() : '';
    if (asOf && !isValidDate(asOf)) complaints.push(`okr.asOf: "${asOf}" is not a date written YYYY-MM-DD`);
    this.editor = { rules, asOf: asOf && isValidDate(asOf) ? asOf : undefined };
    return complaints;
  }

  /**
   * Reads the `okr.config.yaml` of the first folder that has one (in it or
   * above it). One that cannot be read is an error on that file, as in `okr
   * check`, never silently ignored.
   */
  async readConfigFile(folders: string[]): Promise<void> {
    this.configFile = undefined;
    for (const folder of folders) {
      const path = findConfigFile(folder);
      if (!path) continue;
      const uri = pathToUri(path);
      const r = await readText(path);
      if (!r.ok && r.reason === 'missing') continue;
      if (r.ok) {
        this.configFile = { uri, text: r.text, config: parseConfig(uri, r.text) };
      } else {
        const config = parseConfig(uri, '');
        config.problems.push({ code: 'yaml-syntax', severity: 'error', file: uri, span: [0, 0], message: `${CONFIG_FILE} cannot be read (${r.message}), so its rule severities are not applied: make it a readable file, or remove it` });
        this.configFile = { uri, text: '', config };
      }
      return;
    }
  }

  /** "Today" from `okr.asOf`, when set. */
  asOf(): Day | undefined {
    return this.editor.asOf ? parseDay(this.editor.asOf) : undefined;
  }

  options(): CheckOptions {
    const severities: Partial<Record<Code, SeverityOverride>> = { ...(this.editor.rules as Partial<Record<Code, SeverityOverride>>), ...this.configFile?.config.severities };
    return { asOf: this.asOf(), severities, pace: this.configFile?.config.pace, audiences: this.configFile?.config.audiences, limits: this.configFile?.config.limits };
  }
}
