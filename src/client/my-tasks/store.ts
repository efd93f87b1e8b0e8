/**
 * The person's own task list, kept in this browser only (decision 0024).
 * - Nothing is stored until the person opts in: saving a task, keeping a record, or choosing a setting.
 * - One key holds the whole list, written in one go, so a failed write (private mode,
 *   storage full) leaves what was saved before exactly as it was.
 * - "This session only" keeps the list in sessionStorage; every other choice in localStorage.
 * No zod here, to keep task pages light: the list checked on import comes from outside and
 * goes through the schema (file.ts, loaded on demand); the one read here was written by this
 * code, so a shape check is enough to refuse anything damaged.
 */
import { DEFAULT_KEEP, EXPIRY_DAYS, KEEP_OPTIONS, MY_TASKS_FORMAT, MY_TASKS_KEY, MY_TASKS_SLUG, MY_TASKS_VERSION, type Keep } from '../../schemas/my-tasks-constants.ts';
import type { MyTask, MyTasksFile, TickList } from '../../schemas/my-tasks.ts';

export type { Keep, MyTask, MyTasksFile };

/**
 * Why the list cannot be used as normal:
 * unavailable: the browser refuses storage (blocked, or some private modes);
 * full: the browser's storage for this site is full;
 * unreadable: what is stored is damaged; nothing is overwritten until the person deletes it;
 * newer: stored by a newer version of this site; left alone;
 * older: stored by an older version; migrate with file.ts, then write.
 */
export type Problem = 'unavailable' | 'full' | 'unreadable' | 'newer' | 'older';

export interface Storages {
  local?: Storage | undefined;
  session?: Storage | undefined;
}

export interface TaskInfo {
  slug: string;
  title: string;
  /** How many "You will need" items and steps the page has; unknown on the done page. */
  needs?: number | undefined;
  steps?: number | undefined;
}

export type TaskState = 'not-started' | 'in-progress' | 'finished';

const DAY_MS = 86_400_000;

/** Storage the browser gives us; either may be missing (blocked storage throws on access). */
export function browserStorages(): Storages {
  const get = (name: 'localStorage' | 'sessionStorage') => {
    try {
      return window[name] ?? undefined;
    } catch {
      return undefined;
    }
  };
  return { local: get('localStorage'), session: get('sessionStorage') };
}

export function emptyList(keep: Keep = DEFAULT_KEEP): MyTasksFile {
  return { format: MY_TASKS_FORMAT, version: MY_TASKS_VERSION, settings: { keep, record: false }, tasks: [] };
}

/**
 * A task is finished when it reached its done page after its last Start; in progress when
 * it was started or has anything ticked; otherwise not started.
 */
export function stateOf(task: MyTask): TaskState {
  if (task.finishedAt && (!task.startedAt || task.finishedAt >= task.startedAt)) return 'finished';
  if (task.startedAt || task.steps.done.length || task.needs.done.length) return 'in-progress';
  return 'not-started';
}

/**
 * The expiry rule: with "30 days" (the default), any task not changed for 30 days is
 * forgotten, whether finished or never touched after saving. Starting, ticking or
 * finishing counts as a change. "Until deleted" forgets nothing; "this session only"
 * is forgotten by the browser when the session ends.
 */
export function expire(list: MyTasksFile, now: Date): MyTasksFile {
  if (list.settings.keep !== '30-days') return list;
  const cutoff = now.getTime() - EXPIRY_DAYS * DAY_MS;
  const tasks = list.tasks.filter((task) => Date.parse(task.updatedAt) >= cutoff);
  return tasks.length === list.tasks.length ? list : { ...list, tasks };
}

export function findTask(list: MyTasksFile | undefined, slug: string): MyTask | undefined {
  return list?.tasks.find((task) => task.slug === slug);
}

/** Adds or changes one task; a new task starts with nothing ticked. */
export function upsertTask(list: MyTasksFile, info: TaskInfo, now: Date, change: (task: MyTask) => MyTask = (task) => task): MyTasksFile {
  const stamp = now.toISOString();
  const existing = findTask(list, info.slug);
  const base: MyTask = existing
    ? {
        ...existing,
        title: info.title,
        needs: info.needs === undefined ? existing.needs : fitTicks(existing.needs, info.needs),
        steps: info.steps === undefined ? existing.steps : fitTicks(existing.steps, info.steps),
      }
    : { slug: info.slug, title: info.title, addedAt: stamp, updatedAt: stamp, needs: { done: [], total: info.needs ?? 0 }, steps: { done: [], total: info.steps ?? 0 } };
  const next = { ...change(base), updatedAt: stamp };
  const tasks = existing ? list.tasks.map((task) => (task === existing ? next : task)) : [...list.tasks, next];
  return { ...list, tasks };
}

export function removeTask(list: MyTasksFile, slug: string): MyTasksFile {
  return { ...list, tasks: list.tasks.filter((task) => task.slug !== slug) };
}

/** The ticks again after the page changed its number of items: anything past the end goes. */
export function fitTicks(ticks: TickList, total: number): TickList {
  return { done: ticks.done.filter((n) => n <= total), total };
}

export function setTick(ticks: TickList, n: number, done: boolean): TickList {
  const rest = ticks.done.filter((item) => item !== n);
  return { ...ticks, done: done ? [...rest, n].sort((a, b) => a - b) : rest };
}

export function markStarted(task: MyTask, now: Date): MyTask {
  return { ...task, startedAt: now.toISOString() };
}

/** Finishing twice (a reload of the done page) keeps the first date. */
export function markFinished(task: MyTask, now: Date): MyTask {
  return stateOf(task) === 'finished' && task.finishedAt ? task : { ...task, finishedAt: now.toISOString() };
}

/**
 * An imported list joined to the one here: for a task in both, the one changed last wins.
 * Settings already chosen on this device stay; a device with no list takes the file's.
 */
export function merge(here: MyTasksFile | undefined, incoming: MyTasksFile): MyTasksFile {
  const bySlug = new Map((here?.tasks ?? []).map((task) => [task.slug, task]));
  for (const task of incoming.tasks) {
    const mine = bySlug.get(task.slug);
    if (!mine || task.updatedAt > mine.updatedAt) bySlug.set(task.slug, task);
  }
  const { exportedAt: _dropped, ...rest } = incoming;
  return { ...rest, settings: here?.settings ?? incoming.settings, tasks: [...bySlug.values()] };
}

/** A download: the stored list plus when it was made. */
export function forDownload(list: MyTasksFile, now: Date): MyTasksFile {
  return { format: list.format, version: list.version, exportedAt: now.toISOString(), settings: list.settings, tasks: list.tasks };
}

/** Enough of a check for a value this code wrote: every field the pages read has the right type. */
function isCurrentList(value: unknown): value is MyTasksFile {
  const list = value as MyTasksFile;
  const isTicks = (ticks: TickList | undefined) => !!ticks && Array.isArray(ticks.done) && ticks.done.every(Number.isInteger) && Number.isInteger(ticks.total);
  const isTime = (time: unknown) => time === undefined || (typeof time === 'string' && !Number.isNaN(Date.parse(time)));
  return (
    typeof list?.settings === 'object' &&
    KEEP_OPTIONS.includes(list.settings.keep) &&
    typeof list.settings.record === 'boolean' &&
    Array.isArray(list.tasks) &&
    list.tasks.every(
      (task) =>
        typeof task?.slug === 'string' &&
        MY_TASKS_SLUG.test(task.slug) &&
        typeof task.title === 'string' &&
        typeof task.addedAt === 'string' &&
        typeof task.updatedAt === 'string' &&
        [task.addedAt, task.updatedAt, task.startedAt, task.finishedAt].every(isTime) &&
        isTicks(task.needs) &&
        isTicks(task.steps),
    )
  );
}

export interface ReadResult {
  /** undefined when nothing is stored: the person has not opted in (or deleted everything). */
  list?: MyTasksFile | undefined;
  problem?: Problem | undefined;
  /** What is stored, for migration (problem "older"). */
  stored?: unknown;
}

export class MyTasksStore {
  constructor(
    private readonly storages: Storages,
    private readonly now: () => Date = () => new Date(),
  ) {}

  read(): ReadResult {
    let raw: string | null = null;
    try {
      raw = this.storages.session?.getItem(MY_TASKS_KEY) ?? this.storages.local?.getItem(MY_TASKS_KEY) ?? null;
    } catch {
      return { problem: 'unavailable' };
    }
    if (!this.storages.local && !this.storages.session) return { problem: 'unavailable' };
    if (raw === null) return {};
    let stored: unknown;
    try {
      stored = JSON.parse(raw);
    } catch {
      return { problem: 'unreadable' };
    }
    const version = (stored as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > MY_TASKS_VERSION) return { problem: 'newer' };
    if (typeof version === 'number' && version < MY_TASKS_VERSION) return { problem: 'older', stored };
    if ((stored as { format?: unknown }).format !== MY_TASKS_FORMAT || !isCurrentList(stored)) return { problem: 'unreadable' };
    const list = expire(stored, this.now());
    if (list !== stored) this.write(list);
    return { list };
  }

  /**
   * Stores the whole list where its setting says, then removes any copy from the other
   * storage. Returns the problem if the browser refused; what was stored before stays.
   */
  write(list: MyTasksFile): Problem | undefined {
    const [target, other] = list.settings.keep === 'session' ? [this.storages.session, this.storages.local] : [this.storages.local, this.storages.session];
    if (!target) return 'unavailable';
    // A list with nothing in it and no choices made is no list: leave nothing behind.
    if (!list.tasks.length && !list.settings.record && list.settings.keep === DEFAULT_KEEP) return this.clear();
    try {
      target.setItem(MY_TASKS_KEY, JSON.stringify(list));
    } catch (error) {
      return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED') ? 'full' : 'unavailable';
    }
    try {
      other?.removeItem(MY_TASKS_KEY);
    } catch {
      // The other storage is blocked, so it holds nothing of ours either.
    }
    return undefined;
  }

  /** Deletes the list from both storages. */
  clear(): Problem | undefined {
    let problem: Problem | undefined;
    for (const storage of [this.storages.local, this.storages.session]) {
      try {
        storage?.removeItem(MY_TASKS_KEY);
      } catch {
        problem = 'unavailable';
      }
    }
    return problem;
  }
}
