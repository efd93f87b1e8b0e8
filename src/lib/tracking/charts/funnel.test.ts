import { describe, expect, it } from 'vitest';
import { funnelDrawing, type FunnelInput } from './funnel.ts';
import { NARROW_WIDTH, WIDE_WIDTH } from './svg.ts';
import { bars, drawnTexts, expectSoundDrawing } from './test-helpers.ts';

const steps = (views: number, starts: number, completions: number) => [
  { label: 'Views', value: views },
  { label: 'Starts', value: starts },
  { label: 'Completions', value: completions },
];
const funnel = (input: Partial<FunnelInput>, width: number = WIDE_WIDTH) => funnelDrawing({ title: 'Pay your council tax', steps: steps(120, 80, 60), minSample: 10, ...input }, width);

describe('funnelDrawing', () => {
  const wide = funnel({});

  it('states the numbers in its accessible name', () => {
    expectSoundDrawing(wide);
    expect(wide.label).toBe('Funnel for Pay your council tax: 120 views, 80 starts, 60 completions');
  });

  it('draws bars in proportion to the largest step, at either width', () => {
    for (const width of [NARROW_WIDTH, WIDE_WIDTH]) {
      const [views, starts, completions] = bars(funnel({}, width)).map((bar) => bar.width);
      expect(views).toBe(width - 32);
      expect((starts ?? 0) / (views ?? 1)).toBeCloseTo(80 / 120, 5);
      expect((completions ?? 0) / (views ?? 1)).toBeCloseTo(60 / 120, 5);
    }
  });

  it('writes each label, value and share of the step before, so it reads without colour', () => {
    expect(drawnTexts(wide)).toEqual(['Views: 120', 'Starts: 80', '67% of views', 'Completions: 60', '75% of starts']);
  });

  it('gives each step its own theme colour with a fallback', () => {
    expect(bars(wide).map((bar) => bar.fill)).toEqual(['var(--chart-1, #0b4f8a)', 'var(--chart-2, #0a6e3c)', 'var(--chart-3, #6b3fa0)']);
  });

  it('grows taller with more steps and keeps its width', () => {
    const two = funnel({ steps: steps(10, 5, 1).slice(0, 2) });
    expect(wide.height).toBeGreaterThan(two.height);
    expect(two.width).toBe(WIDE_WIDTH);
  });

  it('withholds a share when the step before is below the minimum sample', () => {
    const small = funnel({ steps: steps(9, 4, 2) });
    expectSoundDrawing(small);
    expect(drawnTexts(small)).toEqual(['Views: 9', 'Starts: 4', 'of views: too few to say (n = 9)', 'Completions: 2', 'of starts: too few to say (n = 4)']);
  });

  it('never shows a share above 100%: more starts than views says so in words', () => {
    const more = funnel({ steps: steps(1234, 1500, 10) });
    expectSoundDrawing(more);
    expect(more.label).toBe('Funnel for Pay your council tax: 1,234 views, 1,500 starts, 10 completions');
    expect(drawnTexts(more)).toContain('more starts than views');
    expect(drawnTexts(more).join(' ')).not.toMatch(/\d{3,}%|1\d\d%/);
    const [views, starts] = bars(more).map((bar) => bar.width);
    expect((views ?? 0) / (starts ?? 1)).toBeCloseTo(1234 / 1500, 5);
  });

  it('handles all-zero data without NaN or Infinity', () => {
    const zero = funnel({ title: 'New task', steps: steps(0, 0, 0) });
    expectSoundDrawing(zero);
    expect(bars(zero).map((bar) => bar.width)).toEqual([0, 0, 0]);
    expect(zero.label).toBe('Funnel for New task: 0 views, 0 starts, 0 completions');
    expect(drawnTexts(zero)).toContain('of views: too few to say (n = 0)');
  });

  it('treats negative or missing numbers as 0', () => {
    const odd = funnel({ title: 'Odd', steps: [{ label: 'Views', value: Number.NaN }, { label: 'Starts', value: -4 }] });
    expectSoundDrawing(odd);
    expect(odd.label).toBe('Funnel for Odd: 0 views, 0 starts');
  });

  it('says so when there are no steps', () => {
    const empty = funnel({ title: 'Bins', steps: [] });
    expectSoundDrawing(empty);
    expect(drawnTexts(empty)).toEqual(['No data for this period']);
    expect(empty.label).toBe('Funnel for Bins: no data for this period');
  });

  it('shortens a long label to fit a narrow chart, keeps the value whole, and keeps all of it in the accessible name', () => {
    const long = 'Completed the whole form including every optional section';
    const narrow = funnel({ steps: [{ label: long, value: 12345 }] }, NARROW_WIDTH);
    expectSoundDrawing(narrow);
    expect(drawnTexts(narrow)[0]).toMatch(/…: 12,345$/);
    expect(narrow.label).toContain(long.toLowerCase());
  });
});
