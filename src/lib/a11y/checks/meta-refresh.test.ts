import { describe, expect, it } from 'vitest';
import { actingRefresh, limitsTime, refreshDelay } from './meta-refresh.ts';

describe('meta refresh (ACT bc659a)', () => {
  it('reads the delay as HTML does', () => {
    expect(refreshDelay('30')).toBe(30);
    expect(refreshDelay("30; URL='https://w3.org'")).toBe(30);
    expect(refreshDelay('  5, https://w3.org')).toBe(5);
    expect(refreshDelay('0.9 https://w3.org')).toBe(0);
    expect(refreshDelay('.5')).toBe(0);
  });

  it('ignores values the browser ignores', () => {
    for (const content of ['', '0: https://w3.org', '-00.12 foo', '; 30', '+5; https://w3.org', "foo; URL='https://w3.org'"]) expect(refreshDelay(content), content).toBeNull();
  });

  it('judges only the first value the browser can parse', () => {
    expect(actingRefresh([{ content: '0: https://w3.org' }, { content: '5; https://w3.org' }])?.delay).toBe(5);
    expect(actingRefresh([{ content: '0; https://w3.org' }, { content: '5; https://w3.org' }])?.delay).toBe(0);
    expect(actingRefresh([{ content: 'soon' }])).toBeNull();
  });

  it('fails a delay from 1 s up to 20 hours, not a redirect or a longer one', () => {
    expect([0, 1, 72_000, 72_001].map(limitsTime)).toEqual([false, true, true, false]);
  });
});
