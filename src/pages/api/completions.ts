/** POST /api/completions — a service reports a finished journey, server to server; see docs/tracking.md. */
import type { APIRoute } from 'astro';
import { handleCompletions } from '../../lib/server/context.ts';

export const prerender = false;

export const POST: APIRoute = ({ request }) => handleCompletions(request);
