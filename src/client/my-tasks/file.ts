/**
 * Reading a list from outside this code: an imported download, or a list stored by an
 * older version. Everything goes through the schema; a file is taken whole or not at all.
 * Loaded only when needed (about 8 KB with zod/mini), never on a task page's first load.
 */
import * as z from 'zod/mini';
import {
  DEFAULT_KEEP,
  MAX_FILE_BYTES,
  MY_TASKS_FORMAT,
  MY_TASKS_VERSION,
  myTasksFileSchema,
  myTasksV1Schema,
  type MyTasksFile,
  type MyTasksV1,
} from '../../schemas/my-tasks.ts';

/** Why a file was refused: each has its own plain message on the page. */
export type FileError = 'too-big' | 'not-json' | 'not-ours' | 'newer' | 'damaged';

export type FileResult = { ok: true; list: MyTasksFile } | { ok: false; error: FileError; detail?: string };

/** Checks a downloaded file's text and gives the list in today's version. */
export function parseMyTasksFile(text: string): FileResult {
  if (text.length > MAX_FILE_BYTES) return { ok: false, error: 'too-big' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not-json' };
  }
  return readList(value, true);
}

/** Brings a stored or downloaded value of any known version to today's version, checked. */
export function readList(value: unknown, mustBeOurs = false): FileResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: mustBeOurs ? 'not-ours' : 'damaged' };
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (version === 1 && format === undefined) {
    const old = myTasksV1Schema.safeParse(value);
    return old.success ? checked(fromV1(old.data)) : damaged(old.error);
  }
  if (format !== MY_TASKS_FORMAT) return { ok: false, error: mustBeOurs ? 'not-ours' : 'damaged' };
  if (typeof version === 'number' && version > MY_TASKS_VERSION) return { ok: false, error: 'newer' };
  return checked(value);
}

function checked(value: unknown): FileResult {
  const result = myTasksFileSchema.safeParse(value);
  return result.success ? { ok: true, list: result.data } : damaged(result.error);
}

function damaged(error: z.core.$ZodError): FileResult {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join(' › ') : 'the file';
  return { ok: false, error: 'damaged', detail: issue ? `${where} ${issue.message}` : undefined };
}

/** Version 1 → 2: milliseconds become ISO times, "step-2"/"need-1" ticks become numbered lists, settings get their defaults. */
export function fromV1(old: MyTasksV1): MyTasksFile {
  const numbers = (ticks: string[], kind: 'step' | 'need', total: number) =>
    [...new Set(ticks.filter((tick) => tick.startsWith(`${kind}-`)).map((tick) => Number(tick.slice(kind.length + 1))))]
      .filter((n) => n <= total)
      .sort((a, b) => a - b);
  return {
    format: MY_TASKS_FORMAT,
    version: MY_TASKS_VERSION,
    settings: { keep: DEFAULT_KEEP, record: false },
    tasks: Object.entries(old.tasks).map(([slug, task]) => {
      const at = new Date(task.saved).toISOString();
      return {
        slug,
        title: task.title,
        addedAt: at,
        updatedAt: at,
        needs: { done: numbers(task.ticks, 'need', task.needs), total: task.needs },
        steps: { done: numbers(task.ticks, 'step', task.steps), total: task.steps },
      };
    }),
  };
}
