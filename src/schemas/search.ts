/**
 * Shapes of the search files editors keep (content/search/*.yml) and of the
 * public search API. One place, shared by the build, the server, the browser and the tools.
 */
import { z } from 'zod';
import { expected, slug, text } from './common.ts';

/** content/search/synonyms.yml: a list of groups; each says which words people use for a word our pages use. */
export const synonymGroupSchema = z.strictObject({
  /** The word or phrase our task pages use, e.g. "bin" or "recycling centre". */
  use: text(60),
  /** Words and phrases people type that mean the same, e.g. ["rubbish", "trash", "garbage"]. */
  for: z.array(text(60), { error: expected('a list of words') }).min(1, 'needs at least 1 word'),
});
export const synonymsFileSchema = z.array(synonymGroupSchema, { error: expected('a list of { use, for } groups') });
export type SynonymGroup = z.output<typeof synonymGroupSchema>;

/** content/search/best-bets.yml: queries whose answer an editor has pinned. */
export const bestBetSchema = z.strictObject({
  /** What people type, e.g. "council tax". Matched after the same clean-up as every query. */
  query: text(100),
  /** The slug of the task to show first. */
  task: slug,
});
export const bestBetsFileSchema = z.array(bestBetSchema, { error: expected('a list of { query, task } entries') });
export type BestBet = z.output<typeof bestBetSchema>;

/** content/search/expectations.yml: queries and the task each must find in the top 3. */
export const expectationSchema = z.strictObject({
  query: text(100),
  task: slug,
});
export const expectationsFileSchema = z.array(expectationSchema, { error: expected('a list of { query, task } entries') });
export type Expectation = z.output<typeof expectationSchema>;

/** GET /api/search?q=&limit= */
export const SEARCH_LIMIT_DEFAULT = 10;
export const SEARCH_LIMIT_MAX = 50;
export const searchParamsSchema = z.object({
  q: z.string().optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `limit must be a whole number from 1 to ${SEARCH_LIMIT_MAX}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= SEARCH_LIMIT_MAX, `limit must be a whole number from 1 to ${SEARCH_LIMIT_MAX}`)
    .optional(),
});

export const searchResultSchema = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  url: z.string(),
  score: z.number(),
});
export const searchResponseSchema = z.object({
  query: z.string(),
  total: z.number().int().min(0),
  suggestion: z.string().nullable(),
  results: z.array(searchResultSchema),
});
export type SearchResult = z.output<typeof searchResultSchema>;
export type SearchResponse = z.output<typeof searchResponseSchema>;
