import { describe, expect, it } from 'vitest';
import { allowedEdits, editDistance } from './edit-distance.ts';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps as one edit each', () => {
    expect(editDistance('council', 'councel', 2)).toBe(1);
    expect(editDistance('pothole', 'pothol', 2)).toBe(1);
    expect(editDistance('recycling', 'recylcing', 2)).toBe(1);
    expect(editDistance('parking', 'parkign', 2)).toBe(1);
    expect(editDistance('library', 'libary', 2)).toBe(1);
    expect(editDistance('same', 'same', 2)).toBe(0);
  });

  it('stops early past the limit', () => {
    expect(editDistance('council', 'kitten', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });

  it('forgives 1 slip from 4 letters and 2 from 7', () => {
    expect([3, 4, 6, 7, 12].map(allowedEdits)).toEqual([0, 1, 1, 2, 2]);
  });
});
