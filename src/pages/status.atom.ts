/** GET /status.atom — the incidents on /status as an Atom feed, for people and monitoring tools, live. */
import type { APIRoute } from 'astro';
import { tasks } from 'virtual:taskfront/catalogue';
import { liveIncidents } from '../lib/incidents/live.ts';
import { statusAtom } from '../lib/incidents/status-data.ts';

export const prerender = false;

export const GET: APIRoute = ({ site, url }) => {
  const body = statusAtom(liveIncidents().incidents(), tasks, new Date(), site ?? new URL(url.origin));
  return new Response(body, {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'no-cache' },
  });
};
