/**
 * GET /api/search?q=&limit= — see docs/decisions/0004-search.md for the contract. The portal
 * listener answers GET itself with the same searchAnswer (decision 0039); this route answers
 * HEAD, and any server run without the listener's fast path.
 */
import type { APIRoute } from 'astro';
import { searchAnswer } from '../../lib/search/search-api.ts';
import { serverEngine } from '../../lib/search/server-search.ts';

export const prerender = false;

export const GET: APIRoute = ({ url }) => {
  const { status, headers, body } = searchAnswer(serverEngine, url.searchParams);
  return new Response(body, { status, headers });
};
