/** GET /api/stats?period=28 — the dashboard's figures as JSON: every rate and average a Measure { value, n, tooFew }. */
import { JSON_HEADERS } from '../../lib/server/responses.ts';
import { publishStats } from '../../lib/tracking/stats/publish.ts';
import { statsRoute } from '../../lib/tracking/stats/stats-route.ts';

export const prerender = false;

export const GET = statsRoute('/api/stats', (stats, { respond }) => respond('api-stats-json', () => JSON.stringify(publishStats(stats)), JSON_HEADERS));
