/**
 * UI strings live in one file (en.json) with flat dotted keys, so wording is
 * reviewed in one place and a translation is one more file.
 */
import en from './en.json' with { type: 'json' };

export type UiKey = keyof typeof en;

/** Looks up a string and fills `{name}` placeholders. */
export function t(key: UiKey, values: Record<string, string | number> = {}): string {
  return en[key].replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
