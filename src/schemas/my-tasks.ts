/**
 * "My tasks": a person's own list of the tasks they saved, started and finished, kept in
 * their browser and never sent to us. This file is the one definition of that list, as it
 * is stored and as it is downloaded; decision 0024 documents it for people and other tools.
 *
 * Written with `zod/mini` (about 7 KB in the browser, against 90 KB for full zod), and only
 * the import code loads it. Its constants live in my-tasks-constants.ts, with no zod, so the
 * small page scripts can use them; the schemas are marked pure so bundlers drop unused ones.
 */
import * as z from 'zod/mini';
import {
  KEEP_OPTIONS,
  MAX_ITEMS,
  MAX_TASKS,
  MY_TASKS_FORMAT,
  MY_TASKS_SLUG,
  MY_TASKS_VERSION,
} from './my-tasks-constants.ts';

export * from './my-tasks-constants.ts';

const when = /* @__PURE__ */ z.iso.datetime({ offset: true, error: 'must be a date and time like 2026-03-01T09:30:00.000Z' });

/** Ticked items of one list on the task page, by their number on the page (1 = first). */
const ticks = /* @__PURE__ */ z
  .strictObject({
    /** Numbers of the ticked items, each from 1 to total, no repeats. */
    done: z.array(z.int().check(z.minimum(1), z.maximum(MAX_ITEMS))).check(z.maxLength(MAX_ITEMS)),
    /** How many items the list had when last seen. */
    total: z.int().check(z.minimum(0), z.maximum(MAX_ITEMS)),
  })
  .check(
    z.refine((list) => list.done.every((n) => n <= list.total), 'has a ticked item numbered above its total'),
    z.refine((list) => new Set(list.done).size === list.done.length, 'has the same item ticked twice'),
  );

/** One task in the list. */
export const myTaskSchema = /* @__PURE__ */ z.strictObject({
  /** The task page's address without the slash, e.g. "report-a-pothole". */
  slug: z.string().check(z.regex(MY_TASKS_SLUG, 'must be a task address like "report-a-pothole"'), z.maxLength(100)),
  /** The task's title when it was saved, shown in the list. */
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  /** When it joined the list (saved, or first started or finished with a record kept). */
  addedAt: when,
  /** When the person last chose Start. */
  startedAt: z.optional(when),
  /** When the person last reached the task's done page. */
  finishedAt: z.optional(when),
  /** The last change of any kind; expiry counts from here. */
  updatedAt: when,
  /** "You will need" items the person ticked. */
  needs: ticks,
  /** Steps the person ticked. */
  steps: ticks,
});

/** Choices the person made about the list itself. */
export const myTasksSettingsSchema = /* @__PURE__ */ z.strictObject({
  /** How long the list is kept: see KEEP_OPTIONS. */
  keep: z.enum(KEEP_OPTIONS),
  /** When true, every task started or finished joins the list, saved or not. */
  record: z.boolean(),
});

/** The whole list: what is stored, and what "Download my data" gives. */
export const myTasksFileSchema = /* @__PURE__ */ z
  .strictObject({
    format: z.literal(MY_TASKS_FORMAT),
    version: z.literal(MY_TASKS_VERSION),
    /** Set in downloads only: when the file was made. */
    exportedAt: z.optional(when),
    settings: myTasksSettingsSchema,
    tasks: z.array(myTaskSchema).check(z.maxLength(MAX_TASKS)),
  })
  .check(z.refine((file) => new Set(file.tasks.map((task) => task.slug)).size === file.tasks.length, 'lists the same task twice'));

/**
 * Version 1, the shape used while this feature was built (never released, kept so the
 * migration path is tested before a real version 3 needs it): tasks keyed by slug,
 * times in milliseconds, ticks as "step-2" / "need-1", no settings.
 */
export const myTasksV1Schema = /* @__PURE__ */ z.strictObject({
  version: z.literal(1),
  tasks: z.record(
    z.string().check(z.regex(MY_TASKS_SLUG), z.maxLength(100)),
    z.strictObject({
      title: z.string().check(z.minLength(1), z.maxLength(200)),
      saved: z.int().check(z.minimum(0)),
      steps: z.int().check(z.minimum(0), z.maximum(MAX_ITEMS)),
      needs: z.int().check(z.minimum(0), z.maximum(MAX_ITEMS)),
      ticks: z.array(z.string().check(z.regex(/^(step|need)-[1-9]\d?$/))).check(z.maxLength(2 * MAX_ITEMS)),
    }),
  ),
});

export type MyTask = z.infer<typeof myTaskSchema>;
export type MyTasksFile = z.infer<typeof myTasksFileSchema>;
export type MyTasksV1 = z.infer<typeof myTasksV1Schema>;
export type TickList = MyTask['needs'];
