/**
 * "Report a problem with this page": what went wrong (one of a short list) and an
 * optional comment. Posted as a plain form to /report-problem/<task>, stored scrubbed
 * for editors (npm run feedback), never published.
 */
import { z } from 'zod';
import { MAX_COMMENT_LENGTH } from './events.ts';

/** What can be wrong with a page, in the order the form lists them. */
export const PROBLEM_KINDS = ['wrong', 'unclear', 'broken', 'missing', 'other'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** How each kind reads in `npm run feedback`. */
export const PROBLEM_NAMES: Record<ProblemKind, string> = {
  wrong: 'wrong or out of date',
  unclear: 'hard to understand',
  broken: 'a link, button or form does not work',
  missing: 'does not answer the question',
  other: 'something else',
};

export const problemFormSchema = z.object({
  problem: z.enum(PROBLEM_KINDS, 'Select what went wrong'),
  comment: z
    .string()
    .trim()
    .max(MAX_COMMENT_LENGTH, `Your comment must be ${MAX_COMMENT_LENGTH} characters or fewer`)
    .optional()
    .transform((value) => value || undefined),
});
