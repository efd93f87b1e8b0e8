import { describe, expect, it } from 'vitest';
import { RATE, RATING } from './format.ts';
import { publishMeasure, publishStats } from './publish.ts';
import { portalFixture } from './test-fixtures.ts';

describe('publishStats', () => {
  it('passes sound measures on exactly, including those withheld for a small sample', () => {
    expect(publishMeasure({ value: 0.8, n: 50, tooFew: false }, RATE)).toEqual({ value: 0.8, n: 50, tooFew: false });
    expect(publishMeasure({ value: null, n: 3, tooFew: true }, RATE)).toEqual({ value: null, n: 3, tooFew: true });
  });

  it('never publishes a rate above 1 or a rating off its scale', () => {
    expect(publishMeasure({ value: 1.2, n: 20, tooFew: false }, RATE)).toEqual({ value: null, n: 20, tooFew: false, invalid: true });
    expect(publishMeasure({ value: 5.5, n: 12, tooFew: false }, RATING)).toEqual({ value: null, n: 12, tooFew: false, invalid: true });
  });

  it('leaves no figure above 100% anywhere in the published JSON', () => {
    const stats = portalFixture();
    const published = publishStats(stats);
    const badge = published.tasks.find((task) => task.task === 'apply-for-a-blue-badge');
    expect(badge?.completionRate).toEqual({ value: null, n: 20, tooFew: false, invalid: true });
    expect(badge?.completions).toBe(24); // counts are published as recorded
    const rates: number[] = [];
    JSON.stringify(published, (key, value) => {
      if (/Rate$/.test(key) && typeof value?.value === 'number') rates.push(value.value);
      return value;
    });
    expect(rates.length).toBeGreaterThan(10);
    for (const value of rates) expect(value).toBeLessThanOrEqual(1);
    expect(published.tasks.find((task) => task.task === 'report-a-pothole')).toEqual(stats.tasks.find((task) => task.task === 'report-a-pothole'));
  });
});
