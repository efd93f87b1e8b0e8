import { describe, expect, it } from 'vitest';
import type { Measure } from '../../../schemas/events.ts';
import { ratingsDrawing, type RatingInput } from './ratings.ts';
import { NARROW_WIDTH, WIDE_WIDTH } from './svg.ts';
import { bars, drawnTexts, expectSoundDrawing } from './test-helpers.ts';

const enough = (value: number, n: number): Measure => ({ value, n, tooFew: false });
const input = (counts: RatingInput['counts'], average: Measure, title = 'Pay your council tax'): RatingInput => ({ title, counts, average });

describe('ratingsDrawing', () => {
  const wide = ratingsDrawing(input([2, 3, 5, 20, 40], enough(4.3, 70)), WIDE_WIDTH);

  it('states the numbers, and the published average, in its accessible name', () => {
    expectSoundDrawing(wide);
    expect(wide.label).toBe(
      'Ratings for Pay your council tax: 70 ratings, average 4.3 out of 5. Very dissatisfied (1): 2, Dissatisfied (2): 3, ' +
        'Neither satisfied nor dissatisfied (3): 5, Satisfied (4): 20, Very satisfied (5): 40.',
    );
  });

  it('says "too few to say" instead of an average below the minimum sample', () => {
    const few = ratingsDrawing(input([0, 0, 1, 0, 2], { value: null, n: 3, tooFew: true }), WIDE_WIDTH);
    expect(few.label).toContain('3 ratings, average too few to say (n = 3).');
    expect(few.label).not.toMatch(/out of 5/);
  });

  it('shows an impossible average as an error, not a number', () => {
    const bad = ratingsDrawing(input([0, 0, 0, 0, 40], enough(5.4, 40)), WIDE_WIDTH);
    expect(bad.label).toContain('average cannot be shown: check the data');
    expect(bad.label).not.toContain('5.4');
  });

  it('draws bar heights in proportion to the largest count, on one baseline', () => {
    const heights = bars(wide).map((bar) => bar.height);
    expect(heights).toHaveLength(5);
    [2, 3, 5, 20, 40].forEach((count, index) => expect((heights[index] ?? 0) / (heights[4] ?? 1)).toBeCloseTo(count / 40, 5));
    expect(new Set(bars(wide).map((bar) => bar.y + bar.height)).size).toBe(1);
  });

  it('writes each count just above its bar and the ratings under them', () => {
    const counts = wide.shapes.filter((shape) => shape.kind === 'text' && shape.bold);
    bars(wide).forEach((bar, index) => {
      const label = counts[index];
      expect(label?.kind === 'text' && label.x).toBeCloseTo(bar.x + bar.width / 2, 5);
      expect(label?.kind === 'text' && label.y).toBeLessThan(bar.y);
    });
    expect(drawnTexts(wide)).toEqual(expect.arrayContaining(['1', '2', '3', '4', '5', '40']));
  });

  it('explains the scale on one line when wide and two lines when narrow, so it fits', () => {
    expect(drawnTexts(wide)).toContain('1 = very dissatisfied, 5 = very satisfied');
    const narrow = ratingsDrawing(input([2, 3, 5, 20, 40], enough(4.3, 70)), NARROW_WIDTH);
    expectSoundDrawing(narrow);
    expect(drawnTexts(narrow)).toEqual(expect.arrayContaining(['1 = very dissatisfied', '5 = very satisfied']));
    expect(Math.max(...bars(narrow).map((bar) => bar.x + bar.width))).toBeLessThanOrEqual(NARROW_WIDTH);
  });

  it('handles no ratings without NaN or Infinity', () => {
    const zero = ratingsDrawing(input([0, 0, 0, 0, 0], { value: null, n: 0, tooFew: true }, 'New task'), NARROW_WIDTH);
    expectSoundDrawing(zero);
    expect(bars(zero).map((bar) => bar.height)).toEqual([0, 0, 0, 0, 0]);
    expect(zero.label).toMatch(/^Ratings for New task: no ratings in this period\. Very dissatisfied \(1\): 0,/);
  });

  it('says "1 rating" for one, groups thousands, and treats bad counts as 0', () => {
    expect(ratingsDrawing(input([0, 0, 0, 0, 1], { value: null, n: 1, tooFew: true }, 'Bins'), WIDE_WIDTH).label).toContain('1 rating, average too few');
    expect(ratingsDrawing(input([0, 0, 0, 0, 1200], enough(5, 1200), 'Bins'), WIDE_WIDTH).label).toContain('Very satisfied (5): 1,200');
    const odd = ratingsDrawing(input([Number.NaN, -1, Number.POSITIVE_INFINITY, 1, 1], enough(4.5, 2), 'Odd'), WIDE_WIDTH);
    expectSoundDrawing(odd);
    expect(odd.label).toContain('2 ratings, average 4.5 out of 5');
  });
});
