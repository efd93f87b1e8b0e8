/**
 * UI strings live in one file (en.json) with flat dotted keys, so wording is
 * reviewed in one place and a translation is one more file.
 */
import en from './en.json' with { type: 'json' };

export type UiKey = keyof typeof en;

/** Looks up a string and fills `{name}` placeholders. */
export function t(key: UiKey, values: Record<string, string | number> = {}): string {
  const text: string = en[key];
  // Most strings have no placeholder: a task page asks for a hundred, ten thousand pages for a million.
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

const scriptStringsMade = new Map<string, string>();

/**
 * The strings under `prefix` (e.g. "myTasks.js.") as JSON, with the prefix taken off their keys: what a page
 * hands its script in a data attribute, so the script does not carry the whole string file. Made once per
 * prefix, not once per page (10,000 task pages each walked the whole file, issue 17).
 */
export function scriptStrings(prefix: string): string {
  let made = scriptStringsMade.get(prefix);
  if (made === undefined) {
    made = JSON.stringify(Object.fromEntries(Object.entries(en).flatMap(([key, value]) => (key.startsWith(prefix) ? [[key.slice(prefix.length), value]] : []))));
    scriptStringsMade.set(prefix, made);
  }
  return made;
}
