/**
 * The /api/search contract as plain functions, so it is tested without a server:
 * parse the query string, search, and shape the answer. Never throws.
 */
import { searchParamsSchema, SEARCH_LIMIT_DEFAULT, type SearchResponse } from '../../schemas/search.ts';
import type { ApiIssue } from '../server/responses.ts';
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
