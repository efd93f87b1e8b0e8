import { describe, expect, it } from 'vitest';
import { dateProblem, isoDate } from './common.ts';

describe('dates an editor can fix from the message', () => {
  it.each([
    ['2027-02-30', '"2027-02-30" is not a date: February 2027 has no 30th; its last day is 2027-02-28'],
    ['2028-02-30', '"2028-02-30" is not a date: February 2028 has no 30th; its last day is 2028-02-29'],
    ['2027-02-29', '"2027-02-29" is not a date: February 2027 has no 29th (2027 is not a leap year); its last day is 2027-02-28'],
    ['2027-04-31', '"2027-04-31" is not a date: April 2027 has no 31st; its last day is 2027-04-30'],
    ['2027-01-32', '"2027-01-32" is not a date: January 2027 has no 32nd; its last day is 2027-01-31'],
    ['2027-13-01', '"2027-13-01" is not a date: there is no month 13 (the month comes second and goes from 01 to 12, as in 2027-03-01)'],
    ['2027-05-00', '"2027-05-00" is not a date: days start at 01'],
    ['1 April 2027', '"1 April 2027" is not a date (use YYYY-MM-DD)'],
  ])('%s', (value, message) => {
    // An it.each table, alike in shape to the slug and header tables in other tests: one row a case.
    expect(dateProblem(value)).toBe(message);
    expect(isoDate.safeParse(value).error?.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it('accepts a real date, 29 February in a leap year included', () => {
    expect(isoDate.parse('2028-02-29')).toBe('2028-02-29');
  });
});
