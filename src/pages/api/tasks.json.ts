/**
 * GET /api/tasks.json — the whole task catalogue as open data, built once with the site.
 */
import type { APIRoute } from 'astro';
import { getTasks, getTopics } from '../../lib/content/collections.ts';

export const GET: APIRoute = async ({ site }) => {
  const base = site ?? new URL('http://localhost:4321');
  const topics = await getTopics();
  const tasks = await getTasks();
  const body = {
    generated: new Date().toISOString(),
    licence: 'Open Government Licence v3.0',
    topics: topics.map(({ slug, title, summary }) => ({ slug, title, summary, url: new URL(`/browse/${slug}`, base).href })),
    // The home page's "Most requested" flag is a layout choice, not part of the catalogue.
    tasks: tasks.map(({ entry: _entry, ...task }) => ({
      ...Object.fromEntries(Object.entries(task).filter(([key]) => key !== 'popular')),
      url: new URL(`/${task.slug}`, base).href,
    })),
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
