/**
 * GET /sitemap.xml — every page a person can open directly, built with the site. Search
 * engines read it, and so does the accessibility audit (npm run audit:a11y) to find pages.
 */
import type { APIRoute } from 'astro';
import { getJourneys, getTasks, getTopics } from '../lib/content/collections.ts';

export const prerender = true;

const xml = (text: string) => text.replace(/[&<>"']/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[char]};`);

export const GET: APIRoute = async ({ site }) => {
  const base = site ?? new URL('http://localhost:4321');
  const topics = await getTopics();
  const tasks = await getTasks();
  const journeys = await getJourneys();
  const paths = [
    '/',
    '/browse',
    ...topics.map((topic) => `/browse/${topic.slug}`),
    ...tasks.map((task) => `/${task.slug}`),
    ...journeys.map((journey) => `/journey/${journey.slug}`),
    '/contact',
    '/privacy',
    '/accessibility',
    '/performance',
    '/search',
  ];
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${paths.map((path) => `  <url><loc>${xml(new URL(path, base).href)}</loc></url>`).join('\n')}
</urlset>
`;
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
