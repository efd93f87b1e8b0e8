import { describe, expect, it } from 'vitest';
import { funnelChart } from './funnel.ts';
import { ariaLabel, barAttribute, expectEscapedTitle, expectSafeChart, HOSTILE_TITLES, texts } from './test-helpers.ts';

const steps = (views: number, starts: number, completions: number) => [
  { label: 'Views', value: views },
  { label: 'Starts', value: starts },
  { label: 'Completions', value: completions },
];

describe('funnelChart', () => {
  const svg = funnelChart({ title: 'Pay your council tax', steps: steps(120, 80, 60) });

  it('states the numbers in its accessible name', () => {
    expectSafeChart(svg);
    expect(ariaLabel(svg)).toBe('Funnel for Pay your council tax: 120 views, 80 starts, 60 completions');
    expect(svg).toContain('<title>Funnel for Pay your council tax: 120 views, 80 starts, 60 completions</title>');
  });

  it('draws bars in proportion to the largest step', () => {
    const [views = 0, starts = 0, completions = 0] = barAttribute(svg, 'width');
    expect(barAttribute(svg, 'width')).toHaveLength(3);
    expect(views).toBeGreaterThan(500);
    expect(starts / views).toBeCloseTo(80 / 120, 2);
    expect(completions / views).toBeCloseTo(60 / 120, 2);
  });

  it('writes each label, value and share of the step before, so it reads without colour', () => {
    expect(texts(svg)).toEqual(['Views: 120', 'Starts: 80', '67% of views', 'Completions: 60', '75% of starts']);
  });

  it('uses the theme colours with fallbacks', () => {
    expect(svg).toContain('fill="var(--chart-1, #0b4f8a)"');
    expect(svg).toContain('fill="var(--chart-2, #0a6e3c)"');
    expect(svg).toContain('fill="var(--chart-3, #6b3fa0)"');
    expect(svg).toContain('fill="var(--ink, #0f1720)"');
  });

  it('grows taller with more steps and stays 640 wide', () => {
    const two = funnelChart({ title: 'Bins', steps: steps(10, 5, 1).slice(0, 2) });
    const height = (chart: string) => Number(/viewBox="0 0 640 (\d+)"/.exec(chart)?.[1]);
    expect(height(svg)).toBeGreaterThan(height(two));
  });

  it('handles all-zero data without NaN or Infinity', () => {
    const zero = funnelChart({ title: 'New task', steps: steps(0, 0, 0) });
    expectSafeChart(zero);
    expect(barAttribute(zero, 'width')).toEqual([0, 0, 0]);
    expect(ariaLabel(zero)).toBe('Funnel for New task: 0 views, 0 starts, 0 completions');
    expect(texts(zero)).toContain('No views to compare with');
  });

  it('treats negative or missing numbers as 0', () => {
    const odd = funnelChart({ title: 'Odd', steps: [{ label: 'Views', value: Number.NaN }, { label: 'Starts', value: -4 }] });
    expectSafeChart(odd);
    expect(ariaLabel(odd)).toBe('Funnel for Odd: 0 views, 0 starts');
  });

  it('groups thousands and allows a step larger than the one before', () => {
    const big = funnelChart({ title: 'Report a pothole', steps: steps(1234, 1500, 10) });
    expectSafeChart(big);
    expect(ariaLabel(big)).toBe('Funnel for Report a pothole: 1,234 views, 1,500 starts, 10 completions');
    expect(texts(big)).toContain('122% of views');
    const [views = 0, starts = 0] = barAttribute(big, 'width');
    expect(views / starts).toBeCloseTo(1234 / 1500, 2);
  });

  it('says so when there are no steps', () => {
    const empty = funnelChart({ title: 'Bins', steps: [] });
    expectSafeChart(empty);
    expect(texts(empty)).toEqual(['No data for this period']);
  });

  it.each(HOSTILE_TITLES)('escapes a hostile title: %s', (title) => {
    const chart = funnelChart({ title, steps: steps(3, 2, 1) });
    expectEscapedTitle(chart, title);
  });

  it('escapes hostile step labels', () => {
    const chart = funnelChart({ title: 'Bins', steps: [{ label: '<script>x</script>', value: 2 }, { label: '"><img onerror=alert(1)>', value: 1 }] });
    expectSafeChart(chart);
    expect(chart).toContain('&lt;script&gt;');
    expect(texts(chart)).toContain('<script>x</script>: 2');
    expect(texts(chart)).toContain('50% of <script>x</script>');
  });

  it('shortens a very long label on screen but keeps it whole in the accessible name', () => {
    const long = 'Completed the whole form including every optional section';
    const chart = funnelChart({ title: 'Bins', steps: [{ label: long, value: 1 }] });
    expect(texts(chart)[0]).toMatch(/…: 1$/);
    expect(ariaLabel(chart)).toContain(long.toLowerCase());
  });
});
