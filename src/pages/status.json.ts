/** GET /status.json — the state of every online service and the incidents on /status, as open data, live. */
import type { APIRoute } from 'astro';
import { tasks } from 'virtual:taskfront/catalogue';
import { liveIncidents } from '../lib/incidents/live.ts';
import { statusJson } from '../lib/incidents/status-data.ts';

export const prerender = false;

export const GET: APIRoute = ({ site, url }) => {
  const body = statusJson(liveIncidents().incidents(), tasks, new Date(), site ?? new URL(url.origin));
  return new Response(JSON.stringify(body, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' },
  });
};
