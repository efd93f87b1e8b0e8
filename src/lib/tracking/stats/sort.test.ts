import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT, parseSort, sortQuery, sortTasks } from './sort.ts';
import { portalFixture } from './test-fixtures.ts';

const titles: Record<string, string> = {
  'report-a-pothole': 'Report a pothole',
  'pay-your-council-tax': 'Pay your council tax',
  'find-your-councillor': 'Find your councillor',
  'apply-for-a-blue-badge': 'Apply for a Blue Badge',
};
const titleOf = (slug: string) => titles[slug] ?? slug;
const order = (column: Parameters<typeof parseSort>[0], dir: string | null = null) => {
  const parsed = parseSort(column, dir);
  if (!parsed.ok) throw new Error(parsed.message);
  return sortTasks(portalFixture().tasks, parsed.sort, titleOf).map((task) => task.task);
};

describe('parseSort', () => {
  it('defaults to most viewed first', () => {
    expect(parseSort(null, null)).toEqual({ ok: true, sort: DEFAULT_SORT });
    expect(parseSort('', '')).toEqual({ ok: true, sort: { column: 'views', dir: 'desc' } });
  });

  it('starts names A to Z and figures highest first', () => {
    expect(parseSort('service', null)).toEqual({ ok: true, sort: { column: 'service', dir: 'asc' } });
    expect(parseSort('completion', null)).toEqual({ ok: true, sort: { column: 'completion', dir: 'desc' } });
    expect(parseSort('satisfaction', 'asc')).toEqual({ ok: true, sort: { column: 'satisfaction', dir: 'asc' } });
  });

  it('refuses anything else and says what is allowed', () => {
    expect(parseSort('completion_rate', null)).toEqual({ ok: false, message: 'sort must be one of service, views, starts, completions, completion, unlinked, helped, satisfaction', sort: DEFAULT_SORT });
    expect(parseSort('views', 'down')).toMatchObject({ ok: false, message: 'dir must be asc or desc' });
    expect(parseSort('<script>', null).ok).toBe(false);
    expect(parseSort('VIEWS', null).ok).toBe(false);
  });
});

describe('sortTasks', () => {
  it('sorts by counts and names either way', () => {
    expect(order('views')).toEqual(['pay-your-council-tax', 'report-a-pothole', 'apply-for-a-blue-badge', 'find-your-councillor']);
    expect(order('views', 'asc')).toEqual(['find-your-councillor', 'apply-for-a-blue-badge', 'report-a-pothole', 'pay-your-council-tax']);
    expect(order('service')).toEqual(['apply-for-a-blue-badge', 'find-your-councillor', 'pay-your-council-tax', 'report-a-pothole']);
  });

  it('puts figures withheld for a small sample, or impossible ones, last in both directions', () => {
    expect(order('completion', 'desc')).toEqual(['report-a-pothole', 'pay-your-council-tax', 'apply-for-a-blue-badge', 'find-your-councillor']);
    expect(order('completion', 'asc')).toEqual(['pay-your-council-tax', 'report-a-pothole', 'apply-for-a-blue-badge', 'find-your-councillor']);
    expect(order('satisfaction', 'desc').slice(0, 2)).toEqual(['report-a-pothole', 'pay-your-council-tax']);
  });

  it('does not change the list it is given', () => {
    const stats = portalFixture();
    const before = stats.tasks.map((task) => task.task);
    sortTasks(stats.tasks, { column: 'service', dir: 'asc' }, titleOf);
    expect(stats.tasks.map((task) => task.task)).toEqual(before);
  });
});

describe('sortQuery', () => {
  it('turns the sorted column round and starts any other its usual way', () => {
    expect(sortQuery('views', { column: 'views', dir: 'desc' }, 28)).toBe('?period=28&sort=views&dir=asc');
    expect(sortQuery('views', { column: 'views', dir: 'asc' }, 7)).toBe('?period=7&sort=views&dir=desc');
    expect(sortQuery('service', { column: 'views', dir: 'desc' }, 28)).toBe('?period=28&sort=service&dir=asc');
    expect(sortQuery('completion', { column: 'views', dir: 'desc' }, 90)).toBe('?period=90&sort=completion&dir=desc');
  });
});
