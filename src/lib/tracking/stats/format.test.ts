import { describe, expect, it } from 'vitest';
import type { Measure } from '../../../schemas/events.ts';
import { change, count, figure, RANK, rate, rating, RATING, ratio } from './format.ts';

const m = (value: number | null, n: number, tooFew = false): Measure => ({ value, n, tooFew });

describe('count', () => {
  it('groups thousands and rounds', () => {
    expect(count(0)).toBe('0');
    expect(count(1234567)).toBe('1,234,567');
    expect(count(12.6)).toBe('13');
  });

  it('refuses to show a count that cannot be one', () => {
    expect(count(-1)).toBe('cannot be shown: check the data');
    expect(count(Number.NaN)).toBe('cannot be shown: check the data');
  });
});

describe('figure', () => {
  it('shows a rate with enough sample as a whole percentage, with its n', () => {
    expect(rate(m(2 / 3, 30))).toEqual({ state: 'value', text: '67%', n: 30 });
    expect(rate(m(0, 30)).text).toBe('0%');
    expect(rate(m(1, 30)).text).toBe('100%');
  });

  it('says "too few to say" with the n, never a number, below the minimum sample', () => {
    expect(rate(m(null, 3, true))).toEqual({ state: 'tooFew', text: 'too few to say (n = 3)', n: 3 });
    // Even if a value slipped through with tooFew set, it is not shown.
    expect(rate(m(0.5, 4, true)).text).toBe('too few to say (n = 4)');
    expect(rating(m(null, 0, true)).text).toBe('too few to say (n = 0)');
    expect(rating(m(null, 1200, true)).text).toBe('too few to say (n = 1,200)');
  });

  it('shows a rate above 100% or below 0% as an error, never clamped', () => {
    for (const value of [1.0001, 1.5, 12, -0.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      const shown = rate(m(value, 40));
      expect(shown.state).toBe('invalid');
      expect(shown.text).toBe('cannot be shown: check the data');
      expect(shown.text).not.toMatch(/\d+%/);
    }
  });

  it('checks an average against its own scale', () => {
    expect(rating(m(4.26, 50))).toEqual({ state: 'value', text: '4.3', n: 50 });
    expect(rating(m(5.2, 50)).state).toBe('invalid');
    expect(rating(m(0.5, 50)).state).toBe('invalid');
    expect(figure(m(2.25, 50), RANK).text).toBe('2.3');
    expect(figure(m(51, 50), RANK).state).toBe('invalid');
  });

  it('treats a negative or missing sample as bad data', () => {
    expect(rate(m(0.5, -1)).state).toBe('invalid');
    expect(rate(m(0.5, Number.NaN)).state).toBe('invalid');
  });
});

describe('ratio', () => {
  it('withholds a rate below the minimum sample and never divides by zero', () => {
    expect(ratio(3, 4, 10)).toEqual({ value: null, n: 4, tooFew: true });
    expect(ratio(0, 0, 0)).toEqual({ value: null, n: 0, tooFew: false });
    expect(ratio(5, 20, 10)).toEqual({ value: 0.25, n: 20, tooFew: false });
  });

  it('lets a ratio above 1 through, so the page shows the error rather than a false figure', () => {
    expect(rate(ratio(30, 20, 10)).state).toBe('invalid');
  });
});

describe('change', () => {
  it('says how many points a rate moved, in words, with a decorative arrow', () => {
    expect(change(m(0.64, 100), m(0.6, 100))).toEqual({ direction: 'up', text: 'up 4 points', arrow: '↑' });
    expect(change(m(0.59, 100), m(0.6, 100))).toEqual({ direction: 'down', text: 'down 1 point', arrow: '↓' });
    expect(change(m(0.601, 100), m(0.604, 100))).toEqual({ direction: 'same', text: 'no change', arrow: '→' });
  });

  it('compares what people see, so the words match the rounded figures', () => {
    // 0.605 shows as 61% and 0.594 as 59%: 2 points, not 1.1.
    expect(change(m(0.605, 100), m(0.594, 100)).text).toBe('up 2 points');
  });

  it('says how much an average moved, to one decimal', () => {
    expect(change(m(4.2, 40), m(3.9, 40), RATING).text).toBe('up 0.3');
    expect(change(m(3.61, 40), m(4.04, 40), RATING).text).toBe('down 0.4');
    expect(change(m(4.01, 40), m(3.99, 40), RATING).text).toBe('no change');
  });

  it('says there is too little to compare unless both periods have enough sample', () => {
    const tooLittle = { direction: 'unknown', text: 'too little to compare', arrow: '' };
    expect(change(m(0.7, 100), m(null, 4, true))).toEqual(tooLittle);
    expect(change(m(null, 4, true), m(0.7, 100))).toEqual(tooLittle);
    expect(change(m(0.7, 100), undefined)).toEqual(tooLittle);
    expect(change(m(null, 0, true), m(null, 0, true))).toEqual(tooLittle);
  });

  it('never compares an impossible value', () => {
    expect(change(m(1.2, 100), m(0.5, 100))).toEqual({ direction: 'unknown', text: 'cannot compare: check the data', arrow: '' });
    expect(change(m(0.5, 100), m(-0.1, 100)).direction).toBe('unknown');
  });
});
