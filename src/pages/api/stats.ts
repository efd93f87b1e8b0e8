/** GET /api/stats?period=28 — the dashboard's figures as JSON: every rate and average a Measure { value, n, tooFew }. */
import type { APIRoute } from 'astro';
import { json, jsonError } from '../../lib/server/responses.ts';
import { publishedStatsFor } from '../../lib/tracking/stats/dashboard-data.ts';
import { publishStats } from '../../lib/tracking/stats/publish.ts';
import { parsePeriod } from '../../lib/tracking/stats/stats-params.ts';
import { unavailableJson } from '../../lib/tracking/stats/unavailable.ts';

export const prerender = false;

export const GET: APIRoute = async ({ url }) => {
  const period = parsePeriod(url.searchParams.get('period'));
  if (!period.ok) return jsonError(400, 'The query string is not valid.', [{ path: 'period', message: period.message }]);
  try {
    const { stats, cacheControl } = await publishedStatsFor(period.period);
    return json(publishStats(stats), { headers: { 'Cache-Control': cacheControl } });
  } catch (error) {
    return unavailableJson('/api/stats', error);
  }
};
