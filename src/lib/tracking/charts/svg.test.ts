import { describe, expect, it } from 'vitest';
import { emptyChart, escapeXml, formatCount, formatPercent, formatShortDate, num, svgDocument, svgText, truncate } from './svg.ts';
import { ariaLabel, expectSafeChart, texts } from './test-helpers.ts';

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  it('escapes ampersands first, so existing entities are shown as typed', () => {
    expect(escapeXml('&lt;')).toBe('&amp;lt;');
  });

  it('leaves ordinary text alone and drops characters XML cannot hold', () => {
    expect(escapeXml('Pay your council tax – £ café')).toBe('Pay your council tax – £ café');
    expect(escapeXml('bins\u0000\u0007 day')).toBe('bins day');
  });
});

describe('formatCount', () => {
  it('groups thousands with commas', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
  });

  it('rounds to whole numbers and never writes NaN or -0', () => {
    expect(formatCount(12.6)).toBe('13');
    expect(formatCount(-0)).toBe('0');
    expect(formatCount(Number.NaN)).toBe('–');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('–');
  });
});

describe('formatPercent', () => {
  it('writes a ratio as a whole percentage', () => {
    expect(formatPercent(0.456)).toBe('46%');
    expect(formatPercent(2 / 3)).toBe('67%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(12.5)).toBe('1,250%');
  });

  it('never writes NaN% or Infinity%', () => {
    expect(formatPercent(0 / 0)).toBe('–');
    expect(formatPercent(1 / 0)).toBe('–');
  });
});

describe('formatShortDate', () => {
  it('writes a day the way people read it', () => {
    expect(formatShortDate('2026-11-03')).toBe('3 Nov');
    expect(formatShortDate('2026-01-31')).toBe('31 Jan');
    expect(formatShortDate('2026-12-25', true)).toBe('25 Dec 2026');
  });

  it('gives back anything that is not a YYYY-MM-DD date', () => {
    expect(formatShortDate('yesterday')).toBe('yesterday');
    expect(formatShortDate('2026-13-01')).toBe('2026-13-01');
  });
});

describe('drawing helpers', () => {
  it('never writes NaN or Infinity into an attribute', () => {
    expect(num(Number.NaN)).toBe('0');
    expect(num(Number.POSITIVE_INFINITY)).toBe('0');
    expect(num(-0)).toBe('0');
    expect(num(1 / 3)).toBe('0.33');
  });

  it('shortens long text with an ellipsis', () => {
    expect(truncate('Views', 10)).toBe('Views');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
  });

  it('escapes text content and keeps it at least 14 units tall', () => {
    const text = svgText(0, 0, '<b>&', { size: 8 });
    expect(text).toContain('&lt;b&gt;&amp;');
    expect(text).toContain('font-size="14"');
  });

  it('makes a scalable, labelled root', () => {
    const svg = svgDocument(100, 'A "quoted"\n  label', []);
    expectSafeChart(svg);
    expect(ariaLabel(svg)).toBe('A "quoted" label');
  });

  it('says when there is nothing to draw', () => {
    const svg = emptyChart('Trend for bins: no data for this period');
    expectSafeChart(svg);
    expect(texts(svg)).toEqual(['No data for this period']);
  });
});
