/**
 * Sorting the dashboard's per-task table with plain links (?sort=completion&dir=desc),
 * so it works without JavaScript. The query is checked: anything else is refused
 * with a message naming what is allowed.
 */
import type { Measure, TaskStats } from '../../../schemas/events.ts';
import { figure, RATE, RATING, type Scale } from './format.ts';

export const SORT_COLUMNS = ['service', 'views', 'starts', 'completions', 'completion', 'unlinked', 'helped', 'satisfaction'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
type SortDirection = 'asc' | 'desc';

export interface TaskSort {
  column: SortColumn;
  dir: SortDirection;
}

/** Most viewed first, as the table always opened. */
export const DEFAULT_SORT: TaskSort = { column: 'views', dir: 'desc' };

/** Names sort A to Z first; figures highest first. */
function firstDirection(column: SortColumn): SortDirection {
  return column === 'service' ? 'asc' : 'desc';
}

export type ParsedSort = { ok: true; sort: TaskSort } | { ok: false; message: string; sort: TaskSort };

export function parseSort(sort: string | null, dir: string | null): ParsedSort {
  const column = sort === null || sort === '' ? DEFAULT_SORT.column : sort;
  if (!(SORT_COLUMNS as readonly string[]).includes(column)) {
    return { ok: false, message: `sort must be one of ${SORT_COLUMNS.join(', ')}`, sort: DEFAULT_SORT };
  }
  const chosen = column as SortColumn;
  if (dir !== null && dir !== '' && dir !== 'asc' && dir !== 'desc') {
    return { ok: false, message: 'dir must be asc or desc', sort: DEFAULT_SORT };
  }
  return { ok: true, sort: { column: chosen, dir: dir === 'asc' || dir === 'desc' ? dir : firstDirection(chosen) } };
}

type Key = { kind: 'text'; value: string } | { kind: 'number'; value: number } | { kind: 'none' };

const measureKey = (measure: Measure, scale: Scale): Key =>
  figure(measure, scale).state === 'value' && measure.value !== null ? { kind: 'number', value: measure.value } : { kind: 'none' };

function key(task: TaskStats, column: SortColumn, titleOf: (slug: string) => string): Key {
  switch (column) {
    case 'service': return { kind: 'text', value: titleOf(task.task) };
    case 'views': return { kind: 'number', value: task.views };
    case 'starts': return { kind: 'number', value: task.starts };
    case 'completions': return { kind: 'number', value: task.completions };
    case 'unlinked': return { kind: 'number', value: task.unlinkedFinishes };
    case 'completion': return measureKey(task.completionRate, RATE);
    case 'helped': return measureKey(task.helpedRate, RATE);
    case 'satisfaction': return measureKey(task.averageRating, RATING);
  }
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/**
 * A sorted copy. Figures withheld for too small a sample (or impossible ones) go
 * last whichever way the column is sorted; ties keep A to Z by name.
 */
export function sortTasks(tasks: readonly TaskStats[], sort: TaskSort, titleOf: (slug: string) => string): TaskStats[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...tasks].sort((a, b) => {
    const ka = key(a, sort.column, titleOf);
    const kb = key(b, sort.column, titleOf);
    if (ka.kind === 'none' || kb.kind === 'none') {
      if (ka.kind !== kb.kind) return ka.kind === 'none' ? 1 : -1;
    } else if (ka.kind === 'text' && kb.kind === 'text') {
      const order = collator.compare(ka.value, kb.value);
      if (order !== 0) return sign * order;
    } else if (ka.kind === 'number' && kb.kind === 'number' && ka.value !== kb.value) {
      return sign * (ka.value - kb.value);
    }
    return collator.compare(titleOf(a.task), titleOf(b.task));
  });
}

/** The query for a column's header link: the other way round if it is the sorted column. */
export function sortQuery(column: SortColumn, current: TaskSort, period: number): string {
  const dir = column === current.column ? (current.dir === 'asc' ? 'desc' : 'asc') : firstDirection(column);
  return `?period=${period}&sort=${column}&dir=${dir}`;
}
