import { describe, expect, it } from 'vitest';
import { ratingChart } from './ratings.ts';
import { ariaLabel, barAttribute, elements, expectEscapedTitle, expectSafeChart, HOSTILE_TITLES, texts } from './test-helpers.ts';

describe('ratingChart', () => {
  const svg = ratingChart({ title: 'Pay your council tax', counts: [2, 3, 5, 20, 40] });

  it('states the numbers in its accessible name', () => {
    expectSafeChart(svg);
    expect(ariaLabel(svg)).toBe(
      'Ratings for Pay your council tax: 70 ratings, average 4.3 out of 5. Very dissatisfied (1): 2, Dissatisfied (2): 3, ' +
        'Neither satisfied nor dissatisfied (3): 5, Satisfied (4): 20, Very satisfied (5): 40.',
    );
  });

  it('draws bar heights in proportion to the largest count', () => {
    const heights = barAttribute(svg, 'height');
    expect(heights).toHaveLength(5);
    const tallest = heights[4] ?? 0;
    expect(tallest).toBeGreaterThan(100);
    [2, 3, 5, 20, 40].forEach((count, index) => expect((heights[index] ?? 0) / tallest).toBeCloseTo(count / 40, 2));
  });

  it('keeps every bar on the same baseline', () => {
    const bars = elements(svg).filter((element) => element.attributes.class === 'chart-bar');
    const bottoms = bars.map((bar) => Number(bar.attributes.y) + Number(bar.attributes.height));
    expect(new Set(bottoms.map((bottom) => bottom.toFixed(1))).size).toBe(1);
  });

  it('writes counts above the bars, the ratings under them and a caption explaining the scale', () => {
    const words = texts(svg);
    for (const label of ['2', '3', '5', '20', '40', '1', '4']) expect(words).toContain(label);
    expect(words).toContain('1 = very dissatisfied, 5 = very satisfied');
  });

  it('writes each count just above its bar', () => {
    const all = elements(svg);
    const bars = all.filter((element) => element.attributes.class === 'chart-bar');
    const boldTexts = all.filter((element) => element.name === 'text' && element.attributes['font-weight'] === 'bold');
    expect(boldTexts).toHaveLength(5);
    bars.forEach((bar, index) => {
      const label = boldTexts[index];
      const centre = Number(bar.attributes.x) + Number(bar.attributes.width) / 2;
      expect(Number(label?.attributes.x)).toBeCloseTo(centre, 1);
      expect(Number(label?.attributes.y)).toBeLessThan(Number(bar.attributes.y));
    });
  });

  it('handles no ratings without NaN or Infinity', () => {
    const zero = ratingChart({ title: 'New task', counts: [0, 0, 0, 0, 0] });
    expectSafeChart(zero);
    expect(barAttribute(zero, 'height')).toEqual([0, 0, 0, 0, 0]);
    expect(ariaLabel(zero)).toMatch(/^Ratings for New task: no ratings in this period\. Very dissatisfied \(1\): 0,/);
  });

  it('says "1 rating" for one and groups thousands', () => {
    expect(ariaLabel(ratingChart({ title: 'Bins', counts: [0, 0, 0, 0, 1] }))).toContain('1 rating, average 5.0 out of 5');
    expect(ariaLabel(ratingChart({ title: 'Bins', counts: [0, 0, 0, 0, 1200] }))).toContain('Very satisfied (5): 1,200');
  });

  it('treats bad counts as 0', () => {
    const odd = ratingChart({ title: 'Odd', counts: [Number.NaN, -1, Number.POSITIVE_INFINITY, 1, 1] });
    expectSafeChart(odd);
    expect(ariaLabel(odd)).toContain('2 ratings, average 4.5 out of 5');
  });

  it.each(HOSTILE_TITLES)('escapes a hostile title: %s', (title) => {
    expectEscapedTitle(ratingChart({ title, counts: [1, 2, 3, 4, 5] }), title);
  });
});
