/**
 * UI strings live in one file (en.json) with flat dotted keys, so wording is
 * reviewed in one place and a translation is one more file.
 */
import en from './en.json' with { type: 'json' };
import { fill } from './fill.ts';

export type UiKey = keyof typeof en;

/** Looks up a string and fills `{name}` placeholders. */
export function t(key: UiKey, values: Record<string, string | number> = {}): string {
  return fill(en[key], values);
}

/** Strings handed to scripts, as JSON, made once per process (10,000 task pages each walked the whole file, issue 17). */
const scriptStringsMade = new Map<string, string>();
const madeOnce = (id: string, make: () => Record<string, string>): string => {
  let made = scriptStringsMade.get(id);
  if (made === undefined) {
    made = JSON.stringify(make());
    scriptStringsMade.set(id, made);
  }
  return made;
};

/**
 * The strings under `prefix` (e.g. "myTasks.js.") as JSON, with the prefix taken off their keys: what a page
 * hands its script in a data attribute, so the script does not carry the whole string file.
 */
export function scriptStrings(prefix: string): string {
  return madeOnce(`prefix ${prefix}`, () => Object.fromEntries(Object.entries(en).flatMap(([key, value]) => (key.startsWith(prefix) ? [[key.slice(prefix.length), value]] : []))));
}

/** The strings of `keys` as JSON, keyed as in the string file: what a page hands a script that uses a few strings. */
export function scriptStringsOf(keys: readonly UiKey[]): string {
  return madeOnce(`keys ${keys.join(' ')}`, () => Object.fromEntries(keys.map((key) => [key, en[key]])));
}
