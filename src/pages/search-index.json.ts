/** The browser's copy of the search data, downloaded only when someone uses the search box. */
import type { APIRoute } from 'astro';
import { browserIndexJson } from 'virtual:taskfront/browser-index';

export const GET: APIRoute = () => new Response(browserIndexJson, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
