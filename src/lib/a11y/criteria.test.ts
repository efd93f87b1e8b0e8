import { describe, expect, it } from 'vitest';
import type { NeedsReview, Problem } from '../../schemas/a11y.ts';
import { criteriaTable, WCAG22_AA } from './criteria.ts';

const problem = (criteria: string[], known = false) => ({ id: `p${criteria.join('')}`, criteria, known: known ? { owner: 'x', reason: 'y', expires: '2099-01-01' } : null }) as Problem;
const review = (criteria: string[], kind: NeedsReview['kind'] = 'needs-review') => ({ kind, criteria }) as NeedsReview;
const status = (rows: ReturnType<typeof criteriaTable>, number: string) => rows.find((row) => row.number === number)?.status;

describe('the WCAG 2.2 criteria table', () => {
  it('lists every A and AA criterion of WCAG 2.2 once, and no AAA or removed one', () => {
    const numbers = WCAG22_AA.map((item) => item.number);
    expect(numbers).toHaveLength(55);
    expect(new Set(numbers).size).toBe(55);
    expect(numbers).not.toContain('4.1.1');
    expect(numbers).not.toContain('1.4.6');
    expect(numbers).toEqual(expect.arrayContaining(['2.4.11', '2.5.8', '3.3.8']));
  });

  it('says failed over cannot tell over passed over not present over needs a person', () => {
    const rows = criteriaTable([problem(['1.4.3'], true)], [review(['1.4.3']), review(['1.1.1']), review(['2.4.1'], 'best-practice')], {
      applicable: ['1.4.3', '1.1.1', '2.4.1', '1.3.1'],
      inapplicable: ['1.2.2', '1.3.1'],
    });
    expect(status(rows, '1.4.3')).toBe('failed');
    expect(rows.find((row) => row.number === '1.4.3')).toMatchObject({ problems: 1, newProblems: 0, firstProblem: 'p1.4.3' });
    expect(status(rows, '1.1.1')).toBe('cannot-tell');
    // Advice is not a question about the criterion.
    expect(status(rows, '2.4.1')).toBe('passed');
    expect(status(rows, '1.3.1')).toBe('passed');
    expect(status(rows, '1.2.2')).toBe('not-present');
    expect(status(rows, '3.3.8')).toBe('needs-person');
  });
});
