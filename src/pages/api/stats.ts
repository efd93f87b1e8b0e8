/** GET /api/stats?period=28 — the dashboard's figures as JSON. */
import type { APIRoute } from 'astro';
import { json, jsonError } from '../../lib/server/responses.ts';
import { loadStats } from '../../lib/tracking/stats/load-stats.ts';
import { parsePeriod } from '../../lib/tracking/stats/stats-params.ts';

export const prerender = false;

export const GET: APIRoute = async ({ url }) => {
  const period = parsePeriod(url.searchParams.get('period'));
  if (!period.ok) return jsonError(400, 'The query string is not valid.', [{ path: 'period', message: period.message }]);
  try {
    return json(await loadStats(period.period), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    console.error(`stats: storage unavailable (${(error as Error).message})`);
    return jsonError(503, 'Figures are not available right now; try again later.', [], { 'Retry-After': '30' });
  }
};
