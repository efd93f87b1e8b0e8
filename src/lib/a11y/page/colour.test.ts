import { describe, expect, it } from 'vitest';
import { contrastRatio, luminance, over, parseRgb, rgba, type Rgba } from './colour.ts';

const WHITE: Rgba = [255, 255, 255, 1];
const BLACK: Rgba = [0, 0, 0, 1];

describe('colour maths', () => {
  it('reads computed colours in both comma and space syntax, with and without alpha', () => {
    expect(parseRgb('rgb(11, 79, 138)')).toEqual([11, 79, 138, 1]);
    expect(parseRgb('rgba(0, 0, 0, 0.5)')).toEqual([0, 0, 0, 0.5]);
    expect(parseRgb('rgb(10 20 30 / 25%)')).toEqual([10, 20, 30, 0.25]);
    expect(parseRgb('transparent')).toEqual([0, 0, 0, 0]);
    expect(parseRgb('color(srgb 1 0 0)')).toBeNull();
  });

  it('gives null for things that are not colours, without a page to paint on', () => {
    expect(rgba('none')).toBeNull();
    expect(rgba('url(x.png)')).toBeNull();
    expect(rgba('rgb(1, 2, 3)')).toEqual([1, 2, 3, 1]);
  });

  it('computes WCAG relative luminance', () => {
    expect(luminance(WHITE)).toBeCloseTo(1, 10);
    expect(luminance(BLACK)).toBe(0);
    // #767676 is the classic lightest grey that meets 4.5:1 on white.
    expect(luminance([0x76, 0x76, 0x76, 1])).toBeCloseTo(0.1812, 3);
  });

  it('computes contrast ratios the way WCAG defines them, in either order', () => {
    expect(contrastRatio(BLACK, WHITE)).toBeCloseTo(21, 10);
    expect(contrastRatio(WHITE, BLACK)).toBeCloseTo(21, 10);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
    expect(contrastRatio([0x76, 0x76, 0x76, 1], WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio([0x77, 0x77, 0x77, 1], WHITE)).toBeLessThan(4.5);
  });

  it('paints translucent colours over what is behind them', () => {
    expect(over([0, 0, 0, 0.5], WHITE).map(Math.round)).toEqual([128, 128, 128, 1]);
    expect(over([0, 0, 0, 0], WHITE)).toEqual(WHITE);
    expect(over(BLACK, WHITE)).toEqual(BLACK);
    expect(over([0, 0, 0, 0], [0, 0, 0, 0])).toEqual([0, 0, 0, 0]);
  });
});
