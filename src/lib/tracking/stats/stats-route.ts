/**
 * The GET handler every route of published figures shares (/api/stats, /performance.csv):
 * the period from the query string (400 naming the fix when it is wrong), the figures from
 * the short cache, and a plain 503 when the store cannot answer. Each route only says how
 * its figures are written.
 */
import type { APIRoute } from 'astro';
import { jsonError } from '../../server/responses.ts';
import { publishedStatsFor } from './dashboard-data.ts';
import { parsePeriod } from './stats-params.ts';
import type { Period, PortalStats } from '../../../schemas/events.ts';
import { unavailableJson } from './unavailable.ts';

export function statsRoute(route: string, write: (stats: PortalStats, answer: { cacheControl: string; period: Period }) => Response): APIRoute {
  return async ({ url }) => {
    const period = parsePeriod(url.searchParams.get('period'));
    if (!period.ok) return jsonError(400, 'The query string is not valid.', [{ path: 'period', message: period.message }]);
    try {
      const { stats, cacheControl } = await publishedStatsFor(period.period);
      return write(stats, { cacheControl, period: period.period });
    } catch (error) {
      return unavailableJson(route, error);
    }
  };
}
