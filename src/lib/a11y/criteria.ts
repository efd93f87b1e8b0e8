/**
 * Every WCAG 2.2 level A and AA success criterion with what this audit can say about it:
 * failed (a problem was found), cannot tell (a check could not decide: a person must),
 * passed (the automated checks for it ran and found nothing), not present (the only checks
 * for it found nothing they apply to, e.g. no video), or needs a person (no automated check
 * covers it). "Passed" means passed as far as a machine can tell, never more.
 */
import type { CriterionRow, NeedsReview, Problem } from '../../schemas/a11y.ts';
import { CRITERIA } from './wcag.ts';

export interface Coverage {
  /** Criteria some check ran against real content on some page (axe rules with passes or results, our own checks). */
  applicable: Iterable<string>;
  /** Criteria whose axe rules found nothing to apply to on some page. */
  inapplicable: Iterable<string>;
}

/** WCAG 2.2 A and AA, in order (4.1.1 Parsing was removed from WCAG 2.2). */
export const WCAG22_AA = [...CRITERIA.values()].filter((item) => item.level !== 'AAA' && item.number !== '4.1.1');

export function criteriaTable(problems: readonly Problem[], needsReview: readonly NeedsReview[], coverage: Coverage): CriterionRow[] {
  const applicable = new Set(coverage.applicable);
  const inapplicable = new Set(coverage.inapplicable);
  return WCAG22_AA.map(({ number, name, level }) => {
    const found = problems.filter((problem) => problem.criteria.includes(number));
    const open = needsReview.filter((item) => item.kind === 'needs-review' && item.criteria.includes(number));
    const status: CriterionRow['status'] = found.length
      ? 'failed'
      : open.length
        ? 'cannot-tell'
        : applicable.has(number)
          ? 'passed'
          : inapplicable.has(number)
            ? 'not-present'
            : 'needs-person';
    return {
      number,
      name,
      level: level as 'A' | 'AA',
      status,
      problems: found.length,
      newProblems: found.filter((problem) => !problem.known).length,
      review: open.length,
      firstProblem: found[0]?.id ?? null,
    };
  });
}
