import { describe, expect, it } from 'vitest';
import { charsThatFit, emptyDrawing, formatCount, formatShortDate, num, oneLine, text, truncate } from './svg.ts';

// Runs of expect(format(x)).toBe(text), alike in shape to stats/format.test: each file tests its own formatters.
describe('formatCount', () => {
  it('groups thousands with commas and rounds', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(12.6)).toBe('13');
  });

  it('never writes NaN or -0', () => {
    expect(formatCount(-0)).toBe('0');
    expect(formatCount(Number.NaN)).toBe('–');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('–');
  });
});

describe('formatShortDate', () => {
  it('writes a day the way people read it', () => {
    expect(formatShortDate('2026-11-03')).toBe('3 Nov');
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

  it('shortens long text with an ellipsis and joins lines', () => {
    expect(truncate('Views', 10)).toBe('Views');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    expect(oneLine('A "quoted"\n  label ')).toBe('A "quoted" label');
  });

  it('keeps text at least 14 units tall', () => {
    expect(text(0, 0, 'x', { size: 8 })).toMatchObject({ kind: 'text', size: 14 });
    expect(text(0, 0, 'x')).toMatchObject({ size: 16 });
  });

  it('estimates generously how much text fits', () => {
    expect(charsThatFit(288, 16)).toBe(30);
    expect(charsThatFit(10)).toBe(8);
  });

  it('says when there is nothing to draw', () => {
    expect(emptyDrawing(320, 'Trend for bins: no data for this period')).toEqual({
      width: 320, height: 64, label: 'Trend for bins: no data for this period',
      shapes: [{ kind: 'text', x: 160, y: 38, text: 'No data for this period', size: 16, anchor: 'middle', bold: undefined }],
    });
  });
});
