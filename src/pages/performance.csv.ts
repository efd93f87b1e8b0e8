/** GET /performance.csv?period=28 — per-task figures, the search summary and published search terms as CSV. */
import type { APIRoute } from 'astro';
import { jsonError } from '../lib/server/responses.ts';
import { tasksBySlug } from '../lib/server/context.ts';
import { statsToCsv } from '../lib/tracking/stats/csv.ts';
import { publishedStatsFor } from '../lib/tracking/stats/dashboard-data.ts';
import { parsePeriod } from '../lib/tracking/stats/stats-params.ts';
import { unavailableJson } from '../lib/tracking/stats/unavailable.ts';

export const prerender = false;

export const GET: APIRoute = async ({ url }) => {
  const period = parsePeriod(url.searchParams.get('period'));
  if (!period.ok) return jsonError(400, 'The query string is not valid.', [{ path: 'period', message: period.message }]);
  try {
    const { stats, cacheControl } = await publishedStatsFor(period.period);
    return new Response(statsToCsv(stats, (slug) => tasksBySlug.get(slug)?.title ?? slug), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="taskfront-performance-${stats.to}-${period.period}d.csv"`,
        'Cache-Control': cacheControl,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    return unavailableJson('/performance.csv', error);
  }
};
