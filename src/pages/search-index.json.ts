/** The browser's copy of the search data, downloaded only when someone uses the search box. */
import type { APIRoute } from 'astro';
import { browserIndex } from 'virtual:taskfront/catalogue';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(browserIndex), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
