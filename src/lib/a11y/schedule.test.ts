import { describe, expect, it } from 'vitest';
import { estimateCost, longestFirst, pageSize } from './schedule.ts';

describe('pageSize', () => {
  it('counts elements and what the keyboard walk stops at, not hidden fields or anchors without href', () => {
    const html = '<main><h1>Hi</h1><a href="/a">A</a><a name="x">no</a><form><input type="hidden" name="t"><input name="q"><button>Go</button><select></select><textarea></textarea></form><details><summary>More</summary></details></main>';
    expect(pageSize(html)).toEqual({ elements: 12, focusable: 6 });
  });
});

describe('estimateCost', () => {
  const big = { elements: 1500, focusable: 100 };
  const small = { elements: 120, focusable: 30 };
  it('ranks a large dashboard above a small page, and every check above the content checks', () => {
    expect(estimateCost({ size: big, checks: 'all', states: 0 })).toBeGreaterThan(estimateCost({ size: small, checks: 'all', states: 0 }));
    expect(estimateCost({ size: small, checks: 'all', states: 0 })).toBeGreaterThan(estimateCost({ size: small, checks: 'content', states: 0 }));
    expect(estimateCost({ size: small, checks: 'all', states: 2 })).toBeGreaterThan(estimateCost({ size: small, checks: 'all', states: 0 }));
  });
  it('gives a page that was not read the cost of a load alone', () => {
    expect(estimateCost({ size: undefined, checks: 'all', states: 0 })).toBeLessThan(estimateCost({ size: small, checks: 'content', states: 0 }));
  });
});

describe('longestFirst', () => {
  it('puts the slowest first and keeps the found order between equals', () => {
    const items = [{ p: 'a', c: 1 }, { p: 'b', c: 5 }, { p: 'c', c: 1 }, { p: 'd', c: 9 }];
    expect(longestFirst(items, (item) => item.c).map((item) => item.p)).toEqual(['d', 'b', 'a', 'c']);
    expect(items.map((item) => item.p)).toEqual(['a', 'b', 'c', 'd']);
  });
});
