import { describe, expect, it } from 'vitest';
import type { DailyTaskStats } from '../../../schemas/events.ts';
import { trendChart } from './trend.ts';
import { ariaLabel, elements, expectEscapedTitle, expectSafeChart, HOSTILE_TITLES, texts } from './test-helpers.ts';

function days(count: number, make: (index: number) => Omit<DailyTaskStats, 'day'>, start = Date.UTC(2026, 10, 3)): DailyTaskStats[] {
  return Array.from({ length: count }, (_, index) => ({ day: new Date(start + index * 86_400_000).toISOString().slice(0, 10), ...make(index) }));
}

const lines = (svg: string) => elements(svg).filter((element) => element.name === 'polyline');
const points = (points = '') => points.split(' ').map((pair) => pair.split(',').map(Number) as [number, number]);

describe('trendChart', () => {
  const month = days(28, (i) => ({ views: 10 + i, starts: 5, completions: i % 2 }));
  const svg = trendChart({ title: 'Pay your council tax', days: month });

  it('states the period, totals and busiest day in its accessible name', () => {
    expectSafeChart(svg);
    // views 10..37 → 658; starts 28 × 5 = 140; completions 14
    expect(ariaLabel(svg)).toBe(
      'Trend for Pay your council tax, 3 Nov to 30 Nov 2026: 658 views, 140 starts, 14 completions in total. Most views in a day: 37 on 30 Nov.',
    );
  });

  it('draws one line per series with a legend that uses dash patterns and words', () => {
    expect(lines(svg).map((line) => line.attributes['data-series'])).toEqual(['views', 'starts', 'completions']);
    const dashes = lines(svg).map((line) => line.attributes['stroke-dasharray'] ?? 'solid');
    expect(new Set(dashes).size).toBe(3);
    const legendDashes = elements(svg).filter((element) => element.name === 'line' && element.attributes['stroke-width'] === '3');
    expect(legendDashes.map((line) => line.attributes['stroke-dasharray'] ?? 'solid')).toEqual(dashes);
    expect(texts(svg)).toEqual(expect.arrayContaining(['Views', 'Starts', 'Completions']));
  });

  it('labels the first, middle and last day and the top of the scale', () => {
    const words = texts(svg);
    expect(words).toEqual(expect.arrayContaining(['3 Nov', '16 Nov', '30 Nov', '37', '0']));
  });

  it('plots values in proportion, with the highest at the top of the scale', () => {
    const views = points(lines(svg)[0]?.attributes.points);
    expect(views).toHaveLength(28);
    const [firstX = 0, firstY = 0] = views[0] ?? [];
    const [lastX = 0, lastY = 0] = views[27] ?? [];
    expect(lastX).toBeGreaterThan(firstX);
    expect(lastY).toBeLessThan(firstY); // higher values are drawn higher up
    const starts = points(lines(svg)[1]?.attributes.points);
    const baseline = Math.max(...points(lines(svg)[2]?.attributes.points).map(([, y]) => y)); // completions of 0
    expect((baseline - (starts[0]?.[1] ?? 0)) / (baseline - lastY)).toBeCloseTo(5 / 37, 2);
  });

  it('draws only the series asked for, in that order', () => {
    const chart = trendChart({ title: 'Bins', days: month, series: ['completions', 'views'] });
    expectSafeChart(chart);
    expect(lines(chart).map((line) => line.attributes['data-series'])).toEqual(['completions', 'views']);
    expect(texts(chart)).not.toContain('Starts');
    expect(ariaLabel(chart)).toContain('14 completions, 658 views in total. Most completions in a day: 1 on 4 Nov.');
  });

  it('says "No data for this period" with no days', () => {
    const empty = trendChart({ title: 'Bins', days: [] });
    expectSafeChart(empty);
    expect(texts(empty)).toEqual(['No data for this period']);
    expect(ariaLabel(empty)).toBe('Trend for Bins: no data for this period');
  });

  it('shows a single day as a marker per series, labelled once', () => {
    const one = trendChart({ title: 'Bins', days: [{ day: '2026-11-03', views: 4, starts: 2, completions: 1 }] });
    expectSafeChart(one);
    expect(lines(one)).toHaveLength(0);
    expect(elements(one).filter((element) => ['circle', 'polygon'].includes(element.name) || (element.name === 'rect' && element.attributes.width === '12'))).toHaveLength(3);
    expect(texts(one).filter((text) => text === '3 Nov')).toHaveLength(1);
    expect(ariaLabel(one)).toBe('Trend for Bins, on 3 Nov 2026: 4 views, 2 starts, 1 completions in total. Most views in a day: 4 on 3 Nov.');
  });

  it('labels two days without repeating the first', () => {
    const two = trendChart({ title: 'Bins', days: days(2, () => ({ views: 1, starts: 1, completions: 1 })) });
    expectSafeChart(two);
    expect(texts(two).filter((text) => /^\d+ Nov$/.test(text))).toEqual(['3 Nov', '4 Nov']);
  });

  it('handles all-zero data without dividing by zero', () => {
    const zero = trendChart({ title: 'New task', days: days(7, () => ({ views: 0, starts: 0, completions: 0 })) });
    expectSafeChart(zero);
    const ys = lines(zero).flatMap((line) => points(line.attributes.points).map(([, y]) => y));
    expect(new Set(ys).size).toBe(1); // all on the baseline
    expect(ariaLabel(zero)).toBe('Trend for New task, 3 Nov to 9 Nov 2026: 0 views, 0 starts, 0 completions in total.');
  });

  it('puts days in order and spans years in the label', () => {
    const shuffled = days(3, (i) => ({ views: i, starts: 0, completions: 0 }), Date.UTC(2026, 11, 31)).reverse();
    const chart = trendChart({ title: 'Bins', days: shuffled });
    expectSafeChart(chart);
    expect(ariaLabel(chart)).toContain('31 Dec 2026 to 2 Jan 2027');
    const xs = points(lines(chart)[0]?.attributes.points).map(([x]) => x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('treats bad numbers as 0', () => {
    const odd = trendChart({ title: 'Odd', days: [{ day: '2026-11-03', views: Number.NaN, starts: -3, completions: Number.POSITIVE_INFINITY }, { day: '2026-11-04', views: 2, starts: 1, completions: 1 }] });
    expectSafeChart(odd);
    expect(ariaLabel(odd)).toContain('2 views, 1 starts, 1 completions in total');
  });

  it.each(HOSTILE_TITLES)('escapes a hostile title: %s', (title) => {
    expectEscapedTitle(trendChart({ title, days: month }), title);
  });

  it('escapes hostile day strings', () => {
    const chart = trendChart({ title: 'Bins', days: [{ day: '<script>1</script>', views: 1, starts: 1, completions: 1 }] });
    expectSafeChart(chart);
    expect(chart).toContain('&lt;script&gt;');
  });
});
