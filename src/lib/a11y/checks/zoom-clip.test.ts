import { describe, expect, it } from 'vitest';
import { cleanOneLine, cleanSideways, cutOff } from './zoom-clip.ts';

describe('zoom clipping (ACT 59br37)', () => {
  it('counts text past either edge of the box as cut off, within a pixel of rounding', () => {
    expect(cutOff({ textStart: 10, textEnd: 90, boxStart: 10, boxEnd: 90.8 })).toBe(false);
    expect(cutOff({ textStart: 10, textEnd: 140, boxStart: 10, boxEnd: 34 })).toBe(true);
    expect(cutOff({ textStart: -30, textEnd: 20, boxStart: 0, boxEnd: 50 })).toBe(true);
  });

  it('allows one line ended by an ellipsis, not one cut with text-overflow: clip', () => {
    expect(cleanSideways('nowrap', 'ellipsis')).toBe(true);
    expect(cleanSideways('nowrap', 'clip')).toBe(false);
    expect(cleanSideways('normal', 'ellipsis')).toBe(false);
  });

  it('allows a box exactly one line tall, not one shorter than a line (ACT Failed Example 4) or taller (Failed Example 1)', () => {
    expect(cleanOneLine(16, 16)).toBe(true);
    expect(cleanOneLine(18.4, 10)).toBe(false);
    expect(cleanOneLine(18.4, 24)).toBe(false);
  });
});
