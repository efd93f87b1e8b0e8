/**
 * Which pages to audit. Three ways in:
 * - a site (`base`): every page in its /sitemap.xml, then whatever same-site links those
 *   pages lead to; never /api/, /start/ (it redirects and records a start), data files or
 *   other sites;
 * - a sitemap (`sitemap`): exactly the pages it lists;
 * - a list (`urls`): exactly those pages.
 * Only on a Taskfront portal (it publishes /api/tasks.json, or `portal` says so) are the
 * portal's own dynamic pages (search, the end of a journey, feedback, the dashboard, not
 * found) and interactive states added.
 *
 * Every page found is then fetched once (its server HTML) and put in a template group
 * (sampling.ts); the audit takes one page of every template, the pages that must be seen
 * (interactive states, pages that did not answer as expected) and a seeded random sample of
 * the rest, within `maxPages`. Pages left out are listed, with their template.
 */
import type { PageJob } from './audit-page.ts';
import { decodeEntities } from './escape.ts';
import { choosePages, fingerprintHtml, fingerprintOther, groupByTemplate, type FoundPage, type SampleReason } from './sampling.ts';
import { pageSize, type PageSize } from './schedule.ts';
import { INCIDENT_STATE, portalStates, type StateSpec } from './states.ts';

export interface DiscoveryOptions {
  base: string;
  /** Audit at most this many pages (every template first). */
  maxPages: number;
  /** Pages drawn at random beyond the templates and required pages; Infinity audits every page found. */
  sample: number;
  seed: number;
  /** Stop the crawl after finding this many pages (default MAX_FOUND). */
  maxFound?: number;
  /** Add the portal's dynamic pages and interactive states: true, false, or undefined to detect a Taskfront portal. */
  portal: boolean | undefined;
  /** Audit exactly these addresses (no sitemap, no crawl). */
  urls?: string[];
  /** Audit exactly the pages in this sitemap (no crawl). */
  sitemap?: string;
  /** Sent with every request: the audit asks not to be counted. */
  headers: Record<string, string>;
  /** The incidents folder of a portal the audit serves itself, so it can publish one (see states.ts). */
  incidentsDir?: string;
}

export interface Discovery {
  jobs: PageJob[];
  fromSitemap: number;
  notes: string[];
  /** The task the dynamic pages use. */
  taskSlug: string | null;
  /** Whether the portal's own pages and states were added (asked for, or a Taskfront portal was detected). */
  portal: boolean;
  /** Pages found but not audited (left out of the sample, or past --max-pages). */
  notAudited: string[];
  /** Interactive states not audited because their page was not, or because the audit cannot make them on this site. */
  statesNotAudited: string[];
  /** States that change what every visitor sees (a published incident): audited alone, after the other pages. */
  published: StateSpec[];
  sampling: SamplingRecord;
  /** Sizes of the HTML pages chosen, read from the fetch that grouped them: the audit starts with the slowest. */
  sizes: Map<string, PageSize>;
}

/** What the report says about the sample: enough to repeat it and to see what it speaks for. */
export interface SamplingRecord {
  seed: number;
  /** The random sample asked for: a number of pages, or every page. */
  sample: number | 'all';
  maxPages: number;
  pagesFound: number;
  /** True when the crawl stopped at its limit, so the site may have more pages. */
  crawlCapped: boolean;
  templates: { id: string; pattern: string; signature: string; pages: number; audited: string[] }[];
  /** Each page audited, why, and whether it got every check or the content checks (set by the audit). */
  audited: { page: string; template: string; reason: SampleReason; checks: 'all' | 'content' }[];
  leftOut: { page: string; template: string }[];
  templatesLeftOut: string[];
}

/** The crawl stops here: enough for any sample, bounded for a site that makes pages without end (calendars, filters). */
const MAX_FOUND = 3000;

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

/** How a page is named in the report: its path and query on `base`, or its whole address on another site. */
export function pageLabel(address: string, base: string): string {
  const url = new URL(address, base);
  return url.origin === new URL(base).origin ? `${url.pathname}${url.search}` : url.href;
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

interface Fetched {
  status: number;
  type: string;
  text: string;
}

async function get(url: string, headers: Record<string, string>): Promise<Fetched | null> {
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

interface Task {
  slug: string;
  start?: { url?: string };
}

/** The tasks a Taskfront portal publishes at /api/tasks.json, or null when the site is not one. */
async function taskfrontTasks(base: string, headers: Record<string, string>): Promise<Task[] | null> {
  const catalogue = await get(new URL('/api/tasks.json', base).href, headers);
  if (catalogue?.status !== 200 || !/json/.test(catalogue.type)) return null;
  try {
    const tasks = (JSON.parse(catalogue.text) as { tasks?: unknown }).tasks;
    return Array.isArray(tasks) && tasks.every((task) => typeof (task as Task | null)?.slug === 'string') ? (tasks as Task[]) : null;
  } catch {
    return null;
  }
}

async function readSitemap(address: string, base: string, headers: Record<string, string>): Promise<string[] | null> {
  const sitemap = await get(address, headers);
  if (sitemap?.status !== 200 || !sitemap.text) return null;
  let locations = sitemapLocations(sitemap.text);
  if (/<sitemapindex/i.test(sitemap.text)) {
    const nested = await Promise.all(locations.map((loc) => get(new URL(loc, base).href, headers)));
    locations = nested.flatMap((file) => (file?.status === 200 ? sitemapLocations(file.text) : []));
  }
  return locations;
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
  const listed = options.urls !== undefined || options.sitemap !== undefined;

  // 1. The pages asked for, or the site's sitemap (one level of sitemap index is followed).
  let fromSitemap = 0;
  if (options.urls) {
    for (const address of options.urls) add(pageLabel(address, base));
  } else if (options.sitemap) {
    const locations = await readSitemap(options.sitemap, base, headers);
    if (!locations) throw new Error(`The sitemap ${options.sitemap} could not be read.`);
    for (const loc of locations) add(pageLabel(loc, base));
    fromSitemap = ordered.length;
  } else {
    const locations = await readSitemap(new URL('/sitemap.xml', base).href, base, headers);
    // A sitemap names pages by their public address; the audit may be looking at the same build
    // elsewhere (a local port), so only the path and query of each count.
    if (locations) for (const loc of locations) add(pathOf(loc));
    else {
      notes.push(`No sitemap at ${new URL('/sitemap.xml', base).href}; starting from the home page.`);
      add('/');
    }
    fromSitemap = ordered.length;
  }

  // 2. The portal's dynamic pages, for one task that has a demo service: only on a Taskfront portal.
  let taskSlug: string | null = null;
  const tasks = options.portal === false ? null : await taskfrontTasks(base, headers);
  const portal = options.portal ?? tasks !== null;
  if (options.portal === undefined && portal) notes.push(`${base} is a Taskfront portal (it publishes /api/tasks.json): its search, dashboard and form pages and states are audited too.`);
  if (portal) {
    const task = tasks?.find((item) => item.start?.url === `/demo-service/${item.slug}`) ?? tasks?.[0];
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

  // 3. The crawl (not for a list or a sitemap given on purpose): links from every page found
  // so far, breadth first, a few at a time, up to maxFound pages.
  const fetched = new Map<string, Fetched | null>();
  const maxFound = options.maxFound ?? MAX_FOUND;
  let next = 0;
  const limit = listed ? 0 : maxFound;
  while (next < ordered.length && next < limit) {
    const batch = ordered.slice(next, Math.min(next + 6, limit));
    next += batch.length;
    const pages = await Promise.all(batch.map((item) => get(new URL(item.path, base).href, headers)));
    pages.forEach((page, index) => {
      fetched.set(batch[index]!.path, page);
      if (!page || !/html/.test(page.type)) return;
      const from = new URL(batch[index]!.path, base).href;
      for (const href of linksIn(page.text)) if (ordered.length < maxFound) add(crawlPath(href, from, base));
    });
  }
  const crawlCapped = !listed && ordered.length >= maxFound;
  if (crawlCapped) notes.push(`The crawl stopped at ${maxFound} pages found; the site may have more, which this audit says nothing about.`);

  // 4. Templates: one fetch of every page found (the crawl already has most), grouped by structure.
  const unfetched = ordered.filter((item) => !fetched.has(item.path));
  for (let index = 0; index < unfetched.length; index += 6) {
    const batch = unfetched.slice(index, index + 6);
    const pages = await Promise.all(batch.map((item) => get(new URL(item.path, base).href, headers)));
    pages.forEach((page, at) => fetched.set(batch[at]!.path, page));
  }
  const all = portal ? portalStates(taskSlug, { incidentsDir: options.incidentsDir }) : [];
  const published = all.filter((state) => state.publish);
  const states = all.filter((state) => !state.publish);
  const required = new Set(states.map((state) => state.path));
  const found: FoundPage[] = ordered.map((item) => {
    const page = fetched.get(item.path) ?? null;
    // What did not answer as expected is audited whatever the sample, so the report names it.
    if (!page || page.status !== item.expectStatus) {
      required.add(item.path);
      return { path: item.path, fingerprint: fingerprintOther(page ? `answers ${page.status}` : 'no answer') };
    }
    if (/html/.test(page.type) && !/svg/.test(page.type)) return { path: item.path, fingerprint: fingerprintHtml(page.text) };
    return { path: item.path, fingerprint: fingerprintOther(page.type.split(';')[0]!.trim() || 'unknown type') };
  });
  for (const item of ordered) if (item.expectStatus !== 200) required.add(item.path);
  const templates = groupByTemplate(found);
  const choice = choosePages(templates, { required: [...required], sample: options.sample, seed: options.seed, maxPages: options.maxPages });
  const chosenPaths = new Set(choice.chosen.map((item) => item.path));
  const chosen = ordered.filter((item) => chosenPaths.has(item.path));
  const notAudited = choice.leftOut.map((item) => item.path);
  notes.push(`${ordered.length} page${ordered.length === 1 ? '' : 's'} found in ${templates.length} template${templates.length === 1 ? '' : 's'}; auditing ${chosen.length}: one of every template${choice.templatesLeftOut.length ? ` (but ${choice.templatesLeftOut.length} left out by --max-pages ${options.maxPages})` : ''}, ${choice.chosen.filter((item) => item.reason === 'required').length} more that must be seen, ${choice.chosen.filter((item) => item.reason === 'random').length} at random (seed ${options.seed}).`);

  const jobs: PageJob[] = chosen.map((item) => ({ ...item, states: states.filter((state) => state.path === item.path) }));
  const statesNotAudited = states.filter((state) => !chosenPaths.has(state.path)).map((state) => `${state.path} [${state.label}]`);
  if (portal && taskSlug && !options.incidentsDir) {
    statesNotAudited.push(`/${taskSlug} [${INCIDENT_STATE}]: the audit publishes an incident only on the portal it serves itself, or with --incidents-dir`);
  }
  const sampling: SamplingRecord = {
    seed: options.seed,
    sample: options.sample === Infinity ? 'all' : options.sample,
    maxPages: options.maxPages,
    pagesFound: ordered.length,
    crawlCapped,
    templates: templates.map((template) => ({
      id: template.id,
      pattern: template.pattern,
      signature: template.key,
      pages: template.pages.length,
      audited: choice.chosen.filter((item) => item.template === template.id).map((item) => item.path),
    })),
    audited: choice.chosen.map((item) => ({ page: item.path, template: item.template, reason: item.reason, checks: 'all' as const })),
    leftOut: choice.leftOut.map((item) => ({ page: item.path, template: item.template })),
    templatesLeftOut: choice.templatesLeftOut,
  };
  const sizes = new Map<string, PageSize>();
  for (const item of chosen) {
    const page = fetched.get(item.path);
    if (page && /html/.test(page.type)) sizes.set(item.path, pageSize(page.text));
  }
  return { jobs, fromSitemap, notes, taskSlug, portal, notAudited, statesNotAudited, published, sampling, sizes };
}
