/**
 * Shapes of the search files editors keep (content/search/*.yml) and of the
 * public search API. One place, shared by the build, the server, the browser and the tools.
 */
import { z } from 'zod';
import { expected, list, httpsUrl, slug, text } from './common.ts';
import { PHRASE_MAX, QUERY_MAX } from './limits.ts';
import { TASK_KINDS } from './task.ts';
import { PAGE_RESULT_KINDS } from '../lib/search/result-kinds.ts';

/**
 * What a search result can be: a task of any kind, a step-by-step journey (its slug is
 * "journey/<slug>", its page /journey/<slug>), or the contact page ("contact", /contact).
 */
export const RESULT_KINDS = [...TASK_KINDS, ...PAGE_RESULT_KINDS] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/** content/search/synonyms.yml: a list of groups; each says which words people use for a word our pages use. */
export const synonymGroupSchema = z.strictObject({
  /** The word or phrase our task pages use, e.g. "bin" or "recycling centre". */
  use: text(PHRASE_MAX),
  /** Words and phrases people type that mean the same, e.g. ["rubbish", "trash", "garbage"]. */
  for: list(text(PHRASE_MAX), 'a list of words', { min: [1, 'word'] }),
});
export const synonymsFileSchema = z.array(synonymGroupSchema, { error: expected('a list of { use, for } groups') });
export type SynonymGroup = z.output<typeof synonymGroupSchema>;

/** content/search/best-bets.yml: queries whose answer an editor has pinned. */
export const bestBetSchema = z.strictObject({
  /** What people type, e.g. "council tax". Matched after the same clean-up as every query. */
  query: text(QUERY_MAX),
  /** The slug of the task to show first. */
  task: slug,
});
export const bestBetsFileSchema = z.array(bestBetSchema, { error: expected('a list of { query, task } entries') });
export type BestBet = z.output<typeof bestBetSchema>;

/**
 * Who wrote an expectation's query, which says what its score can prove:
 * - `editor`: someone who knows the pages (it can flatter search: measured, and must pass).
 * - `titles-only`: written from the list of task titles alone, never the pages, keywords or
 *   synonyms. The held-out set: it only measures, and nobody tunes search to it.
 * - `search-log`: what people really typed, from the search log (must pass).
 */
export const EXPECTATION_SOURCES = ['editor', 'titles-only', 'search-log'] as const;
export type ExpectationSource = (typeof EXPECTATION_SOURCES)[number];

/** content/search/other-bodies.yml: what other organisations do, for proposing signposts (npm run search:gaps). */
export const otherBodySchema = z.strictObject({
  /** Who does it, by the name people know: "National Rail". */
  body: text(80),
  /** Their website. */
  url: httpsUrl,
  /** What people type when they want it: ["train times"]. */
  for: list(text(PHRASE_MAX), 'a list of words and phrases', { min: [1, 'phrase'] }),
});
export const otherBodiesFileSchema = z.array(otherBodySchema, { error: expected('a list of { body, url, for } entries') });
export type OtherBody = z.output<typeof otherBodySchema>;

/** content/search/expectations.yml: a query and what search must answer. */
export const expectationSchema = z
  .strictObject({
    /** What a person types. */
    query: text(QUERY_MAX),
    /** The task (or signpost) search must find in the top 3; or `contact`, or a journey as `journey/<slug>`. */
    task: z
      .string({ error: expected('a task slug') })
      .regex(/^(?:journey\/)?[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a task slug, e.g. "report-a-pothole", or a journey as "journey/moving-home"')
      .optional(),
    /**
     * true when nothing on the portal answers the query: search must then say it found
     * nothing, or only part of it, or show a signpost first, never a confident other task.
     */
    noAnswer: z.literal(true, { error: expected('true (or leave it out)') }).optional(),
    /** Who wrote the query (see EXPECTATION_SOURCES). Unmarked entries count as editor's. */
    source: z.enum(EXPECTATION_SOURCES, { error: expected(`one of: ${EXPECTATION_SOURCES.join(', ')}`) }).default('editor'),
  })
  .superRefine((entry, ctx) => {
    if (entry.task && entry.noAnswer) ctx.addIssue({ code: 'custom', path: ['noAnswer'], message: 'cannot go with task: keep task if a task answers the query, or noAnswer if none does' });
    if (!entry.task && !entry.noAnswer) ctx.addIssue({ code: 'custom', path: ['task'], message: 'is missing: add the task search must find, or noAnswer: true if no task answers the query' });
  });
export const expectationsFileSchema = z.array(expectationSchema, { error: expected('a list of { query, task, source } entries') });
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

/**
 * How much of the query the answer covers: `full` when the first result matches every
 * word that carries meaning, `partial` when it does not, `none` when nothing matches.
 */
export const COVERAGES = ['full', 'partial', 'none'] as const;
export type Coverage = (typeof COVERAGES)[number];

export const searchResultSchema = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  url: z.string(),
  score: z.number(),
  /** The task's kind (`signpost` is a need another body serves, "Not a council service"), or `journey` or `contact`. */
  kind: z.enum(RESULT_KINDS),
  /** The query's words (as searched, after corrections and synonyms) this result matched. */
  matched: z.array(z.string()),
  /** True when the result does not match every word of the query that carries meaning. */
  partial: z.boolean(),
});
export const searchResponseSchema = z.object({
  query: z.string(),
  total: z.number().int().min(0),
  suggestion: z.string().nullable(),
  coverage: z.enum(COVERAGES),
  /** Words of the query no result matched: "We could not find anything about …". */
  missing: z.array(z.string()),
  results: z.array(searchResultSchema),
});
export type SearchResult = z.output<typeof searchResultSchema>;
export type SearchResponse = z.output<typeof searchResponseSchema>;
