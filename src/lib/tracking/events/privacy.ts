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

/** Requests we answer normally but do not record. */
export function shouldNotRecord(headers: Headers): boolean {
  return optedOut(headers) || isBot(headers);
}
