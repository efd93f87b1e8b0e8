/**
 * The GET handler every route of published figures shares (/api/stats, /performance.csv):
 * the period from the query string (400 naming the fix when it is wrong), the figures from
 * the short cache, and a plain 503 when the store cannot answer. Each route only says how
 * its figures are written.
 *
 * `answer.respond` writes a body once per read of the figures and shares it, compressed,
 * with every request that got the same figures (rendered.ts, decision 0043), so ten
 * requests at once cost one read and one body, however short the cache.
 */
import type { APIRoute } from 'astro';
import { jsonError } from '../../server/responses.ts';
import { publishedStatsFor } from './dashboard-data.ts';
import { bodyFor, renderOnce } from './rendered.ts';
import { parsePeriod } from './stats-params.ts';
import type { Period, PortalStats } from '../../../schemas/events.ts';
import { unavailableJson } from './unavailable.ts';

export interface StatsAnswer {
  cacheControl: string;
  period: Period;
  /** The Server-Timing header that says how the figures were got (dashboard-data.ts). */
  serverTiming: string;
  /**
   * A 200 whose body `render` writes from these figures, written once for all the requests
   * that share them (`kind` names the writing: one route's JSON, another's CSV), compressed
   * when the request accepts it, with Cache-Control, Server-Timing and `headers`.
   */
  respond(kind: string, render: () => string, headers: Record<string, string>): Promise<Response>;
}

export function statsRoute(route: string, write: (stats: PortalStats, answer: StatsAnswer) => Response | Promise<Response>): APIRoute {
  return async ({ url, request }) => {
    const period = parsePeriod(url.searchParams.get('period'));
    if (!period.ok) return jsonError(400, 'The query string is not valid.', [{ path: 'period', message: period.message }]);
    try {
      const { stats, cacheControl, serverTiming } = await publishedStatsFor(period.period);
      const respond = async (kind: string, render: () => string, headers: Record<string, string>) => {
        const { body, encoding } = await bodyFor(renderOnce(stats, kind, render), request.headers.get('accept-encoding'));
        // Buffer.from and zlib make Buffers over a plain ArrayBuffer, which the fetch types cannot tell.
        return new Response(body as Uint8Array<ArrayBuffer>, {
          headers: {
            ...headers,
            'Cache-Control': cacheControl,
            'Server-Timing': serverTiming,
            Vary: 'Accept-Encoding',
            ...(encoding ? { 'Content-Encoding': encoding } : {}),
          },
        });
      };
      const response = await write(stats, { cacheControl, period: period.period, serverTiming, respond });
      if (!response.headers.has('Server-Timing')) response.headers.set('Server-Timing', serverTiming);
      return response;
    } catch (error) {
      return unavailableJson(route, error);
    }
  };
}
