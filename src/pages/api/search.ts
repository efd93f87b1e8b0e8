/** GET /api/search?q=&limit= — see docs/decisions/0004-search.md for the contract. */
import type { APIRoute } from 'astro';
import { json, jsonError } from '../../lib/server/responses.ts';
import { parseSearchParams, searchSafely } from '../../lib/search/search-api.ts';
import { serverEngine } from '../../lib/search/server-search.ts';

export const prerender = false;

export const GET: APIRoute = ({ url }) => {
  const params = parseSearchParams(url.searchParams);
  if (!params.ok) return jsonError(400, 'The query string is not valid.', params.issues);
  return json(searchSafely(serverEngine, params.q, { limit: params.limit }), {
    headers: { 'Cache-Control': 'public, max-age=60' },
  });
};
