import { describe, expect, it } from 'vitest';
import type { DailyTaskStats } from '../../../schemas/events.ts';
import { NARROW_WIDTH, WIDE_WIDTH, type Drawing, type Shape } from './svg.ts';
import { drawnTexts, expectSoundDrawing } from './test-helpers.ts';
import { trendDrawing } from './trend.ts';

function days(count: number, make: (index: number) => Omit<DailyTaskStats, 'day'>, start = Date.UTC(2026, 10, 3)): DailyTaskStats[] {
  return Array.from({ length: count }, (_, index) => ({ day: new Date(start + index * 86_400_000).toISOString().slice(0, 10), ...make(index) }));
}

type Polyline = Extract<Shape, { kind: 'polyline' }>;
const lines = (drawing: Drawing) => drawing.shapes.filter((shape): shape is Polyline => shape.kind === 'polyline');

describe('trendDrawing', () => {
  const month = days(28, (i) => ({ views: 10 + i, starts: 5, completions: i % 2 }));
  const wide = trendDrawing({ title: 'Pay your council tax', days: month }, WIDE_WIDTH);

  it('states the period, totals and busiest day in its accessible name', () => {
    expectSoundDrawing(wide);
    // views 10..37 → 658; starts 28 × 5 = 140; completions 14
    expect(wide.label).toBe('Trend for Pay your council tax, 3 Nov to 30 Nov 2026: 658 views, 140 starts, 14 completions in total. Most views in a day: 37 on 30 Nov.');
  });

  it('draws one line per series with a legend that uses dash patterns and words', () => {
    expect(lines(wide).map((line) => line.series)).toEqual(['views', 'starts', 'completions']);
    const dashes = lines(wide).map((line) => line.dash ?? 'solid');
    expect(new Set(dashes).size).toBe(3);
    const legend = wide.shapes.filter((shape) => shape.kind === 'line' && shape.strokeWidth === 3);
    expect(legend.map((line) => (line.kind === 'line' && line.dash) || 'solid')).toEqual(dashes);
    expect(drawnTexts(wide)).toEqual(expect.arrayContaining(['Views', 'Starts', 'Completions']));
  });

  it('labels the first, middle and last day and the top of the scale', () => {
    expect(drawnTexts(wide)).toEqual(expect.arrayContaining(['3 Nov', '16 Nov', '30 Nov', '37', '0']));
  });

  it('plots values in proportion, with the highest at the top of the scale', () => {
    const [views, starts, completions] = lines(wide).map((line) => line.points);
    expect(views).toHaveLength(28);
    const [firstX = 0, firstY = 0] = views?.[0] ?? [];
    const [lastX = 0, lastY = 0] = views?.[27] ?? [];
    expect(lastX).toBeGreaterThan(firstX);
    expect(lastY).toBeLessThan(firstY);
    const baseline = Math.max(...(completions ?? []).map(([, y]) => y));
    expect((baseline - (starts?.[0]?.[1] ?? 0)) / (baseline - lastY)).toBeCloseTo(5 / 37, 5);
  });

  it('stacks the legend when narrow, so every word fits', () => {
    const narrow = trendDrawing({ title: 'Pay your council tax', days: month }, NARROW_WIDTH);
    expectSoundDrawing(narrow);
    const legendTexts = narrow.shapes.filter((shape): shape is Extract<Shape, { kind: 'text' }> => shape.kind === 'text' && ['Views', 'Starts', 'Completions'].includes(shape.text));
    expect(new Set(legendTexts.map((shape) => shape.x)).size).toBe(1);
    expect(new Set(legendTexts.map((shape) => shape.y)).size).toBe(3);
    for (const line of lines(narrow)) for (const [x] of line.points) expect(x).toBeLessThanOrEqual(NARROW_WIDTH);
  });

  it('draws only the series asked for, in that order', () => {
    const chart = trendDrawing({ title: 'Bins', days: month, series: ['completions', 'views'] }, WIDE_WIDTH);
    expect(lines(chart).map((line) => line.series)).toEqual(['completions', 'views']);
    expect(drawnTexts(chart)).not.toContain('Starts');
    expect(chart.label).toContain('14 completions, 658 views in total. Most completions in a day: 1 on 4 Nov.');
  });

  it('says "No data for this period" with no days', () => {
    const empty = trendDrawing({ title: 'Bins', days: [] }, NARROW_WIDTH);
    expectSoundDrawing(empty);
    expect(drawnTexts(empty)).toEqual(['No data for this period']);
    expect(empty.label).toBe('Trend for Bins: no data for this period');
  });

  it('shows a single day as a marker per series, labelled once', () => {
    const one = trendDrawing({ title: 'Bins', days: [{ day: '2026-11-03', views: 4, starts: 2, completions: 1 }] }, WIDE_WIDTH);
    expectSoundDrawing(one);
    expect(lines(one)).toHaveLength(0);
    expect(one.shapes.filter((shape) => shape.kind === 'circle' || shape.kind === 'polygon' || shape.kind === 'rect')).toHaveLength(3);
    expect(drawnTexts(one).filter((text) => text === '3 Nov')).toHaveLength(1);
    expect(one.label).toBe('Trend for Bins, on 3 Nov 2026: 4 views, 2 starts, 1 completions in total. Most views in a day: 4 on 3 Nov.');
  });

  it('handles all-zero data on the baseline, orders days, and spans years in the label', () => {
    const zero = trendDrawing({ title: 'New task', days: days(7, () => ({ views: 0, starts: 0, completions: 0 })) }, WIDE_WIDTH);
    expectSoundDrawing(zero);
    expect(new Set(lines(zero).flatMap((line) => line.points.map(([, y]) => y))).size).toBe(1);
    const shuffled = days(3, (i) => ({ views: i, starts: 0, completions: 0 }), Date.UTC(2026, 11, 31)).reverse();
    const chart = trendDrawing({ title: 'Bins', days: shuffled }, WIDE_WIDTH);
    expect(chart.label).toContain('31 Dec 2026 to 2 Jan 2027');
    const xs = lines(chart)[0]?.points.map(([x]) => x) ?? [];
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('treats bad numbers as 0', () => {
    const odd = trendDrawing({ title: 'Odd', days: [{ day: '2026-11-03', views: Number.NaN, starts: -3, completions: Number.POSITIVE_INFINITY }, { day: '2026-11-04', views: 2, starts: 1, completions: 1 }] }, WIDE_WIDTH);
    expectSoundDrawing(odd);
    expect(odd.label).toContain('2 views, 1 starts, 1 completions in total');
  });
});
