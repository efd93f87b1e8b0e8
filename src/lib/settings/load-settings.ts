/**
 * Reads the environment through the settings schema. `loadSettings` checks every
 * variable at once (the server calls it as it starts); `setting` reads one, for code
 * that needs only that one. Both throw a SettingsError whose message names each bad
 * variable, what it holds, what it must be and how to fix it.
 */
import { settingsSchema, type SettingName, type Settings } from './schema.ts';

export interface SettingIssue {
  name: string;
  value: string | undefined;
  message: string;
}

export class SettingsError extends Error {
  readonly issues: SettingIssue[];

  constructor(issues: SettingIssue[]) {
    const lines = issues.map(({ name, value, message }) => `  ${name}=${JSON.stringify(value ?? '')} ${message}. Fix: set ${name} to a valid value, or unset it to use the default.`);
    super(`${issues.length === 1 ? 'A setting is' : `${issues.length} settings are`} not valid:\n${lines.join('\n')}`);
    this.name = 'SettingsError';
    this.issues = issues;
  }
}

type Env = Record<string, string | undefined>;

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }, env: Env, only?: string): SettingIssue[] {
  return error.issues.map((issue) => {
    const name = only ?? String(issue.path[0]);
    return { name, value: env[name], message: issue.message };
  });
}

export function loadSettings(env: Env = process.env): Settings {
  const result = settingsSchema.safeParse(env);
  if (!result.success) throw new SettingsError(issuesOf(result.error, env));
  return result.data;
}

export function setting<N extends SettingName>(name: N, env: Env = process.env): Settings[N] {
  const result = settingsSchema.shape[name].safeParse(env[name]);
  if (!result.success) throw new SettingsError(issuesOf(result.error, env, name));
  return result.data as Settings[N];
}
