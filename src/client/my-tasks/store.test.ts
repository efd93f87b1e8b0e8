import { describe, expect, it } from 'vitest';
import { MY_TASKS_KEY, myTasksFileSchema, type MyTasksFile } from '../../schemas/my-tasks.ts';
import { emptyList, expire, forDownload, markFinished, markStarted, merge, MyTasksStore, removeTask, setTick, stateOf, upsertTask } from './store.ts';

/** A Storage like the browser's, with an optional size limit to act as a full disk. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

class BlockedStorage extends MemoryStorage {
  override getItem(): string | null {
    throw new DOMException('Access is denied', 'SecurityError');
  }
  override setItem(): void {
    throw new DOMException('Access is denied', 'SecurityError');
  }
}

const pothole = { slug: 'report-a-pothole', title: 'Report a pothole', needs: 2, steps: 4 };
const binDay = { slug: 'check-your-bin-day', title: 'Check your bin day', needs: 1, steps: 3 };
const at = (iso: string) => new Date(iso);
const day1 = at('2026-03-01T09:00:00.000Z');

function setup(quota = Infinity) {
  const local = new MemoryStorage(quota);
  const session = new MemoryStorage();
  let now = day1;
  const store = new MyTasksStore({ local, session }, () => now);
  return { local, session, store, setNow: (date: Date) => (now = date) };
}

describe('the list', () => {
  it('is nothing at all until someone opts in', () => {
    const { local, session, store } = setup();
    expect(store.read()).toEqual({});
    expect(local.length + session.length).toBe(0);
  });

  it('saves a task with its ticks and reads it back, valid against the schema', () => {
    const { local, store } = setup();
    let list = upsertTask(emptyList(), pothole, day1);
    list = upsertTask(list, pothole, day1, (task) => ({ ...task, steps: setTick(setTick(task.steps, 3, true), 1, true) }));
    expect(store.write(list)).toBeUndefined();
    const read = store.read().list!;
    expect(read.tasks[0]).toMatchObject({ slug: 'report-a-pothole', steps: { done: [1, 3], total: 4 }, needs: { done: [], total: 2 }, addedAt: day1.toISOString() });
    expect(myTasksFileSchema.safeParse(read).success).toBe(true);
    expect(JSON.parse(local.getItem(MY_TASKS_KEY)!)).toEqual(read);
  });

  it('groups tasks as not started, in progress and finished; a new Start after finishing is in progress again', () => {
    let list = upsertTask(emptyList(), pothole, day1);
    expect(stateOf(list.tasks[0]!)).toBe('not-started');
    list = upsertTask(list, pothole, day1, (task) => ({ ...task, needs: setTick(task.needs, 1, true) }));
    expect(stateOf(list.tasks[0]!)).toBe('in-progress');
    list = upsertTask(list, pothole, at('2026-03-02T10:00:00Z'), (task) => markStarted(task, at('2026-03-02T10:00:00Z')));
    list = upsertTask(list, pothole, at('2026-03-02T10:05:00Z'), (task) => markFinished(task, at('2026-03-02T10:05:00Z')));
    expect(stateOf(list.tasks[0]!)).toBe('finished');
    // A reload of the done page keeps the first finish date.
    list = upsertTask(list, pothole, at('2026-03-03T10:00:00Z'), (task) => markFinished(task, at('2026-03-03T10:00:00Z')));
    expect(list.tasks[0]!.finishedAt).toBe('2026-03-02T10:05:00.000Z');
    list = upsertTask(list, pothole, at('2026-03-04T10:00:00Z'), (task) => markStarted(task, at('2026-03-04T10:00:00Z')));
    expect(stateOf(list.tasks[0]!)).toBe('in-progress');
  });

  it('drops ticks past the end when a task page now has fewer items', () => {
    let list = upsertTask(emptyList(), pothole, day1, (task) => ({ ...task, steps: setTick(task.steps, 4, true) }));
    list = upsertTask(list, { ...pothole, steps: 3 }, day1);
    expect(list.tasks[0]!.steps).toEqual({ done: [], total: 3 });
  });

  it('leaves nothing behind when the last task is removed and no choice was made', () => {
    const { local, session, store } = setup();
    const list = upsertTask(emptyList(), pothole, day1);
    store.write(list);
    expect(local.length).toBe(1);
    store.write(removeTask(list, pothole.slug));
    expect(local.length + session.length).toBe(0);
  });

  it('keeps a "this session only" list in sessionStorage only, and moves it back on request', () => {
    const { local, session, store } = setup();
    const list = upsertTask(emptyList(), pothole, day1);
    store.write(list);
    store.write({ ...list, settings: { ...list.settings, keep: 'session' } });
    expect(local.getItem(MY_TASKS_KEY)).toBeNull();
    expect(JSON.parse(session.getItem(MY_TASKS_KEY)!).settings.keep).toBe('session');
    expect(store.read().list?.tasks).toHaveLength(1);
    store.write({ ...list, settings: { ...list.settings, keep: 'until-deleted' } });
    expect(session.getItem(MY_TASKS_KEY)).toBeNull();
    expect(local.getItem(MY_TASKS_KEY)).not.toBeNull();
  });

  it('deletes everything from both storages', () => {
    const { local, session, store } = setup();
    local.setItem(MY_TASKS_KEY, '{}');
    session.setItem(MY_TASKS_KEY, '{}');
    expect(store.clear()).toBeUndefined();
    expect(local.length + session.length).toBe(0);
  });
});

describe('expiry', () => {
  const list = (keep: MyTasksFile['settings']['keep']) => {
    let value = upsertTask({ ...emptyList(keep) }, pothole, day1);
    value = upsertTask(value, binDay, at('2026-03-20T09:00:00Z'), (task) => markFinished(task, at('2026-03-20T09:00:00Z')));
    return value;
  };

  it('with "30 days", forgets a task 30 days after its last change, finished or untouched', () => {
    expect(expire(list('30-days'), at('2026-03-31T09:00:00Z')).tasks.map((task) => task.slug)).toEqual(['report-a-pothole', 'check-your-bin-day']);
    expect(expire(list('30-days'), at('2026-03-31T09:00:01Z')).tasks.map((task) => task.slug)).toEqual(['check-your-bin-day']);
    expect(expire(list('30-days'), at('2026-04-19T09:00:01Z')).tasks).toEqual([]);
  });

  it('with "until deleted", forgets nothing', () => {
    expect(expire(list('until-deleted'), at('2030-01-01T00:00:00Z')).tasks).toHaveLength(2);
  });

  it('is applied, and stored, when the list is read', () => {
    const { local, store, setNow } = setup();
    store.write(list('30-days'));
    setNow(at('2026-04-05T00:00:00Z'));
    expect(store.read().list?.tasks.map((task) => task.slug)).toEqual(['check-your-bin-day']);
    expect(JSON.parse(local.getItem(MY_TASKS_KEY)!).tasks).toHaveLength(1);
  });
});

describe('when the browser will not keep it', () => {
  it('says the storage is full and keeps what was saved before', () => {
    const { local, store } = setup(600);
    const one = upsertTask(emptyList(), pothole, day1);
    expect(store.write(one)).toBeUndefined();
    const before = local.getItem(MY_TASKS_KEY);
    const two = upsertTask(upsertTask(one, binDay, day1), { ...binDay, slug: 'pay-your-council-tax', title: 'Pay your council tax' }, day1);
    expect(store.write(two)).toBe('full');
    expect(local.getItem(MY_TASKS_KEY)).toBe(before);
    expect(store.read().list?.tasks).toHaveLength(1);
  });

  it('says storage is unavailable when the browser blocks it, or has none', () => {
    const blocked = new MyTasksStore({ local: new BlockedStorage(), session: new BlockedStorage() });
    expect(blocked.read()).toEqual({ problem: 'unavailable' });
    expect(blocked.write(upsertTask(emptyList(), pothole, day1))).toBe('unavailable');
    expect(new MyTasksStore({}).read()).toEqual({ problem: 'unavailable' });
  });

  it('refuses a damaged stored list rather than guessing, and one from a newer version', () => {
    const { local, store } = setup();
    local.setItem(MY_TASKS_KEY, '{"format":"taskfront-my-tasks","version":2,"settings":{"keep":"30-days","record":false},"tasks":[{"slug":"//evil.example"}]}');
    expect(store.read().problem).toBe('unreadable');
    local.setItem(MY_TASKS_KEY, 'not json');
    expect(store.read().problem).toBe('unreadable');
    local.setItem(MY_TASKS_KEY, '{"format":"taskfront-my-tasks","version":3}');
    expect(store.read().problem).toBe('newer');
  });

  it('hands an older stored version over for migration', () => {
    const { local, store } = setup();
    local.setItem(MY_TASKS_KEY, '{"version":1,"tasks":{}}');
    expect(store.read()).toEqual({ problem: 'older', stored: { version: 1, tasks: {} } });
  });
});

describe('import and download', () => {
  it('merges an import: the task changed last wins, this device keeps its settings', () => {
    const here = upsertTask({ ...emptyList('until-deleted') }, pothole, at('2026-03-05T00:00:00Z'));
    let there = upsertTask(emptyList('session'), pothole, at('2026-03-01T00:00:00Z'), (task) => markStarted(task, at('2026-03-01T00:00:00Z')));
    there = upsertTask(there, binDay, at('2026-03-02T00:00:00Z'));
    const merged = merge(here, forDownload(there, at('2026-03-06T00:00:00Z')));
    expect(merged.settings.keep).toBe('until-deleted');
    expect(merged.exportedAt).toBeUndefined();
    expect(merged.tasks.map((task) => [task.slug, task.startedAt])).toEqual([
      ['report-a-pothole', undefined],
      ['check-your-bin-day', undefined],
    ]);
    expect(merge(undefined, there)).toEqual(there);
  });

  it('gives downloads the time they were made, and they match the schema', () => {
    const file = forDownload(upsertTask(emptyList(), pothole, day1), at('2026-03-07T12:00:00Z'));
    expect(file.exportedAt).toBe('2026-03-07T12:00:00.000Z');
    expect(myTasksFileSchema.parse(JSON.parse(JSON.stringify(file)))).toEqual(file);
  });
});
