/**
 * Which pages to audit: every page in /sitemap.xml, the portal's dynamic pages (search
 * with and without results, the end of a journey, feedback, the dashboard, not found),
 * and whatever same-site links those pages lead to. Never /api/, /start/ (it redirects
 * and records a start), data files or other sites.
 */
import type { PageJob } from './audit-page.ts';
import { portalStates } from './states.ts';

export interface DiscoveryOptions {
  base: string;
  maxPages: number;
  /** Add the portal's dynamic pages and interactive states (off for sites that are not a Taskfront portal). */
  portal: boolean;
  /** Sent with every request: the audit asks not to be counted. */
  headers: Record<string, string>;
}

export interface Discovery {
  jobs: PageJob[];
  fromSitemap: number;
  notes: string[];
  /** The task the dynamic pages use. */
  taskSlug: string | null;
}

const SKIP_EXTENSIONS = /\.(?:json|csv|xml|txt|pdf|zip|png|jpe?g|gif|svg|webp|ico|css|js|mjs|map|woff2?|docx?|xlsx?|odt|ods)$/i;
export const NOT_FOUND_PATH = '/a11y-audit-no-such-page';

/** The path and query to audit for a link, or null when the crawl must not follow it. */
export function crawlPath(href: string, from: string, base: string): string | null {
  let url: URL;
  try {
    url = new URL(href, from);
  } catch {
    return null;
  }
  if (url.origin !== new URL(base).origin) return null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const path = url.pathname;
  if (path.startsWith('/api/') || path === '/api' || path.startsWith('/start/') || path.startsWith('/_astro/')) return null;
  if (SKIP_EXTENSIONS.test(path)) return null;
  return `${path}${url.search}`;
}

/** href values of <a> and <area> elements, entities decoded. */
export function linksIn(html: string): string[] {
  const links: string[] = [];
  for (const match of html.matchAll(/<(?:a|area)\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    links.push(decodeEntities(match[1] ?? match[2] ?? match[3] ?? ''));
  }
  return links;
}

/** <loc> values of a sitemap or sitemap index. */
export function sitemapLocations(xml: string): string[] {
  return [...xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/gi)].map((match) => decodeEntities(match[1]!));
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)));
}

/**
 * A sitemap names pages by their public address (TASKFRONT_SITE); the audit may be
 * looking at the same build elsewhere (a local port), so only the path and query count.
 */
function pathOf(loc: string): string | null {
  try {
    const url = new URL(loc);
    return `${url.pathname}${url.search}`;
  } catch {
    return loc.startsWith('/') ? loc : null;
  }
}

async function get(url: string, headers: Record<string, string>): Promise<{ status: number; type: string; text: string } | null> {
  try {
    const response = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(15_000) });
    const type = response.headers.get('content-type') ?? '';
    const text = /html|xml|json/.test(type) ? await response.text() : '';
    if (!text) await response.body?.cancel();
    return { status: response.status, type, text };
  } catch {
    return null;
  }
}

export async function discoverPages(options: DiscoveryOptions): Promise<Discovery> {
  const { base, headers } = options;
  const notes: string[] = [];
  const ordered: { path: string; expectStatus: number }[] = [];
  const known = new Set<string>();
  const add = (path: string | null, expectStatus = 200) => {
    if (path === null || known.has(path)) return;
    known.add(path);
    ordered.push({ path, expectStatus });
  };

  // 1. The sitemap (one level of sitemap index is followed).
  const sitemap = await get(new URL('/sitemap.xml', base).href, headers);
  if (sitemap?.status === 200 && sitemap.text) {
    let locations = sitemapLocations(sitemap.text);
    if (/<sitemapindex/i.test(sitemap.text)) {
      const nested = await Promise.all(locations.map((loc) => get(new URL(pathOf(loc) ?? loc, base).href, headers)));
      locations = nested.flatMap((file) => (file?.status === 200 ? sitemapLocations(file.text) : []));
    }
    for (const loc of locations) add(pathOf(loc));
  } else {
    notes.push(`No sitemap at ${new URL('/sitemap.xml', base).href} (answered ${sitemap?.status ?? 'nothing'}); starting from the home page.`);
    add('/');
  }
  const fromSitemap = sitemap?.status === 200 && sitemap.text ? ordered.length : 0;

  // 2. The portal's dynamic pages, for one task that has a demo service.
  let taskSlug: string | null = null;
  if (options.portal) {
    const catalogue = await get(new URL('/api/tasks.json', base).href, headers);
    let tasks: { slug: string; start?: { url?: string } }[] = [];
    try {
      tasks = catalogue?.status === 200 ? ((JSON.parse(catalogue.text) as { tasks?: typeof tasks }).tasks ?? []) : [];
    } catch {
      tasks = [];
    }
    const task = tasks.find((item) => item.start?.url === `/demo-service/${item.slug}`) ?? tasks[0];
    taskSlug = task?.slug ?? null;
    add('/search?q=pothole');
    add('/search?q=xqzvbn');
    add('/performance');
    if (task) {
      if (task.start?.url?.startsWith('/demo-service/')) add(task.start.url);
      add(`/done/${task.slug}`);
      add(`/done/${task.slug}/thanks`);
      add(`/feedback/${task.slug}?more=1`);
      add(`/performance/${task.slug}`);
    } else {
      notes.push('The open data (/api/tasks.json) lists no task, so the task-based dynamic pages were not audited.');
    }
    add(NOT_FOUND_PATH, 404);
  }

  // 3. The crawl: links from every page found so far, breadth first, a few at a time.
  let next = 0;
  let capped = ordered.length > options.maxPages;
  while (next < ordered.length && next < options.maxPages) {
    const batch = ordered.slice(next, Math.min(next + 6, options.maxPages));
    next += batch.length;
    const pages = await Promise.all(batch.map((item) => get(new URL(item.path, base).href, headers)));
    pages.forEach((page, index) => {
      if (!page || !/html/.test(page.type)) return;
      const from = new URL(batch[index]!.path, base).href;
      for (const href of linksIn(page.text)) {
        const path = crawlPath(href, from, base);
        if (path === null || known.has(path)) continue;
        if (ordered.length >= options.maxPages) capped = true;
        else add(path);
      }
    });
  }
  if (capped) notes.push(`Only the first ${options.maxPages} pages were audited (--max-pages ${options.maxPages}); more were found.`);
  const chosen = ordered.slice(0, options.maxPages);

  const states = options.portal ? portalStates(taskSlug) : [];
  const jobs: PageJob[] = chosen.map((item) => ({ ...item, states: states.filter((state) => state.path === item.path) }));
  return { jobs, fromSitemap, notes, taskSlug };
}
