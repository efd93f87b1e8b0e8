/** GET /api/stats?period=28 — the dashboard's figures as JSON: every rate and average a Measure { value, n, tooFew }. */
import { json } from '../../lib/server/responses.ts';
import { publishStats } from '../../lib/tracking/stats/publish.ts';
import { statsRoute } from '../../lib/tracking/stats/stats-route.ts';

export const prerender = false;

export const GET = statsRoute('/api/stats', (stats, { cacheControl }) => json(publishStats(stats), { headers: { 'Cache-Control': cacheControl } }));
