/** GET /healthz — liveness: the process is up and answering. It never touches the store (see docs/operations.md). */
import type { APIRoute } from 'astro';
import { json } from '../lib/server/responses.ts';

export const prerender = false;

export const GET: APIRoute = () => json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
