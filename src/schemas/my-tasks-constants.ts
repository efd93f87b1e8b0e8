/**
 * The plain values behind the My tasks schema (my-tasks.ts), in a file of their own with no
 * zod, so the small scripts on task pages can use them without loading the schema.
 */
/** Marks a file or stored value as ours, so any other JSON file is refused by name. */
export const MY_TASKS_FORMAT = 'taskfront-my-tasks';
/** The version written today. Older versions are migrated on import and on load. */
export const MY_TASKS_VERSION = 2;
/** The one key in localStorage or sessionStorage. Nothing else is stored. */
export const MY_TASKS_KEY = 'taskfront:my-tasks';
/** How long the list is kept: this browser tab's session, 30 days without changes, or until deleted. */
export const KEEP_OPTIONS = ['session', '30-days', 'until-deleted'] as const;
export type Keep = (typeof KEEP_OPTIONS)[number];
/** A new list forgets items left unchanged for this many days (see expire() in the store). */
export const DEFAULT_KEEP: Keep = '30-days';
export const EXPIRY_DAYS = 30;
/** Limits well above real use (68 tasks of at most 12 steps), so a bad file cannot fill the browser. */
export const MAX_TASKS = 1000;
export const MAX_ITEMS = 50;
export const MAX_FILE_BYTES = 1_000_000;
/**
 * Same rule as SLUG_PATTERN in common.ts (a test checks they match). Not imported, because
 * common.ts builds full-zod schemas that would then load in the browser.
 */
export const MY_TASKS_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
