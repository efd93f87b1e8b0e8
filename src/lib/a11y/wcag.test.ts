import { describe, expect, it } from 'vitest';
import { compareCriteria, criteriaFromTags, describeCriterion, understandingUrl } from './wcag.ts';

describe('WCAG criteria', () => {
  it('reads criterion numbers from axe tags, ignoring level and other tags', () => {
    expect(criteriaFromTags(['cat.color', 'wcag2aa', 'wcag143', 'TTv5', 'EN-301-549'])).toEqual(['1.4.3']);
    expect(criteriaFromTags(['wcag2a', 'wcag412', 'wcag1410', 'wcag111'])).toEqual(['1.1.1', '1.4.10', '4.1.2']);
    expect(criteriaFromTags(['wcag22aa', 'wcag258'])).toEqual(['2.5.8']);
  });

  it('names criteria and links to the W3C explanation', () => {
    expect(describeCriterion('1.4.10')).toBe('1.4.10 Reflow (AA)');
    expect(describeCriterion('2.4.11')).toBe('2.4.11 Focus Not Obscured (Minimum) (AA)');
    expect(understandingUrl('1.4.3')).toBe('https://www.w3.org/WAI/WCAG22/Understanding/contrast-minimum.html');
    expect(understandingUrl('2.2.2')).toBe('https://www.w3.org/WAI/WCAG22/Understanding/pause-stop-hide.html');
    expect(understandingUrl('4.1.2')).toBe('https://www.w3.org/WAI/WCAG22/Understanding/name-role-value.html');
  });

  it('orders criteria by number, not as text', () => {
    expect(['1.4.10', '1.4.3', '2.1.1', '1.4.12'].sort(compareCriteria)).toEqual(['1.4.3', '1.4.10', '1.4.12', '2.1.1']);
  });
});
