/**
 * The /api/search contract as plain functions, so it is tested without a server:
 * parse the query string, search, and shape the answer. Never throws. searchAnswer is the
 * whole answer, status, headers and body: the Astro route and the portal listener's fast
 * path (decision 0039) both send it, so they cannot drift apart.
 */
import { searchParamsSchema, SEARCH_LIMIT_DEFAULT, type SearchResponse } from '../../schemas/search.ts';
import { errorBody, JSON_HEADERS, type ApiIssue } from '../server/responses.ts';
import type { SearchEngine, SearchOptions } from './engine.ts';
import { cleanQuery } from './text.ts';

export type ParsedSearchParams = { ok: true; q: string; limit: number } | { ok: false; issues: ApiIssue[] };

export function parseSearchParams(params: URLSearchParams): ParsedSearchParams {
  const result = searchParamsSchema.safeParse({
    q: params.get('q') ?? undefined,
    limit: params.get('limit') ?? undefined,
  });
  if (!result.success) {
    return { ok: false, issues: result.error.issues.map((issue) => ({ path: issue.path.join('.') || 'query', message: issue.message })) };
  }
  return { ok: true, q: result.data.q ?? '', limit: result.data.limit ?? SEARCH_LIMIT_DEFAULT };
}

/** Searches, and on any unexpected failure answers "no results" rather than an error page. */
export function searchSafely(engine: SearchEngine, q: string, options: SearchOptions = {}): SearchResponse {
  try {
    return engine.search(q, options);
  } catch (error) {
    console.error('search failed for a query; answering with no results', error);
    return { query: cleanQuery(q), total: 0, suggestion: null, coverage: 'none', missing: [], results: [] };
  }
}

export interface SearchAnswer {
  status: 200 | 400;
  headers: Readonly<Record<string, string>>;
  body: string;
}

// One object per kind of answer, shared by every answer of that kind: the listener works out the full header list
// once for each (decision 0039), so these are frozen rather than copied per answer.
const FOUND_HEADERS: Readonly<Record<string, string>> = Object.freeze({ ...JSON_HEADERS, 'Cache-Control': 'public, max-age=60' });
const INVALID_HEADERS: Readonly<Record<string, string>> = Object.freeze({ ...JSON_HEADERS, 'Cache-Control': 'no-store' });

/** GET /api/search?q=&limit=: 200 with the results (cached a minute), or 400 naming what is wrong. */
export function searchAnswer(engine: SearchEngine, params: URLSearchParams): SearchAnswer {
  const parsed = parseSearchParams(params);
  if (!parsed.ok) {
    return { status: 400, headers: INVALID_HEADERS, body: errorBody('The query string is not valid.', parsed.issues) };
  }
  // The listener adds the security headers to every response, this one included.
  return { status: 200, headers: FOUND_HEADERS, body: JSON.stringify(searchSafely(engine, parsed.q, { limit: parsed.limit })) };
}
