/** Who we never record, decided from request headers alone. */

/** The person asked not to be tracked: Global Privacy Control or Do Not Track. */
export function optedOut(headers: Headers): boolean {
  return headers.get('sec-gpc')?.trim() === '1' || headers.get('dnt')?.trim() === '1';
}

// Self-declared crawlers, link previewers and monitors. Headless browsers are not on it:
// people's accessibility tools and our own tests use them.
const BOT = /bot\b|bot\/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|pingdom|lighthouse|scrapy/i;

export function isBot(headers: Headers): boolean {
  const agent = headers.get('user-agent') ?? '';
  return BOT.test(agent);
}

/** A browser fetching a page ahead of time (Sec-Purpose: prefetch, or the older Purpose / X-Moz). */
export function isPrefetch(headers: Headers): boolean {
  const purpose = `${headers.get('sec-purpose') ?? ''} ${headers.get('purpose') ?? ''} ${headers.get('x-moz') ?? ''}`.toLowerCase();
  return /\bprefetch\b|\bprerender\b/.test(purpose);
}

/**
 * A GET that a page records must be a person opening the page: a browser says so with
 * Sec-Fetch-Dest: document. An <img>, <script> or fetch() of the page (from any site)
 * says otherwise and is not recorded. Clients that send no Sec-Fetch-Dest (older
 * browsers, curl) are taken as opening the page.
 */
export function isPageOpen(headers: Headers): boolean {
  const dest = headers.get('sec-fetch-dest');
  return dest === null || dest === 'document';
}
