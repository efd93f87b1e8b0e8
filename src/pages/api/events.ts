/** POST /api/events — the events API; see README "Events API". */
import type { APIRoute } from 'astro';
import { clientKey, handleEvents } from '../../lib/server/context.ts';

export const prerender = false;

export const POST: APIRoute = ({ request, clientAddress }) => handleEvents(request, clientKey(request, clientAddress));
