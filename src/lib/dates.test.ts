import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, formatDate, today } from './dates.ts';

describe('dates', () => {
  it('formats dates the way people read them', () => {
    expect(formatDate('2026-10-14')).toBe('14 October 2026');
    expect(formatDate('2027-01-01')).toBe('1 January 2027');
  });

  it('adds months without spilling into the next month', () => {
    expect(addMonths('2026-11-23', 6)).toBe('2027-05-23');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-12-15', 1)).toBe('2028-01-15');
  });

  it('counts whole days and gives today in UTC', () => {
    expect(daysBetween('2026-11-23', '2026-12-23')).toBe(30);
    expect(daysBetween('2026-11-23', '2026-11-22')).toBe(-1);
    expect(today(new Date('2026-11-23T23:59:00Z'))).toBe('2026-11-23');
  });
});
