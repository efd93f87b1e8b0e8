/** GET /performance.csv?period=28 — per-task figures, the search summary and published search terms as CSV. */
import { tasksBySlug } from '../lib/server/context.ts';
import { statsToCsv } from '../lib/tracking/stats/csv.ts';
import { statsRoute } from '../lib/tracking/stats/stats-route.ts';

export const prerender = false;

export const GET = statsRoute('/performance.csv', (stats, { cacheControl, period }) =>
  new Response(statsToCsv(stats, (slug) => tasksBySlug.get(slug)?.title ?? slug), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="taskfront-performance-${stats.to}-${period}d.csv"`,
      'Cache-Control': cacheControl,
      'X-Content-Type-Options': 'nosniff',
    },
  }),
);
