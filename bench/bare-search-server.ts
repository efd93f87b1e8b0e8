/**
 * The search baselines: a bare node:http server answering GET /api/search?q=&limit= with
 * nothing around it (no headers beyond Content-Type, no limits, no logging, no framework).
 * - `engine`: our search engine on the same data, so Taskfront's serving cost stands apart;
 * - `lunr`: plain lunr over the same documents (its own query parser), the baseline;
 * - `headers`: `engine` sending the same headers as the portal's answer too (security headers, fallback policy,
 *   cache policy, Vary): what the portal's serving costs apart from those headers is the gap between it and this.
 * Content from TASKFRONT_CONTENT_DIR (default content/); PORT and HOST as the portal's.
 *
 * What `engine` does less than the portal, so the comparison is read rightly (BARE_SEARCH_DOES_LESS in
 * bench/parts/portal.ts says it in the bench's printout): no security headers (about 600 bytes of headers more per
 * answer from the portal), no method or address checks, no compression when asked, and a limit it cannot read is taken as 10
 * rather than answered 400. The answer itself is the same: the same body for a valid query, with its Content-Length,
 * as the portal sends it to a client that asks for no encoding.
 *
 *   node bench/bare-search-server.ts engine|lunr|headers
 */
import { createServer } from 'node:http';
import { FALLBACK_CSP, securityHeaders } from '../src/lib/http/headers.ts';
import { loadContent } from '../src/lib/content/load-content.ts';
import { contentDir } from '../src/lib/content/paths.ts';
import { buildIndex, createSearchEngine } from '../src/lib/search/engine.ts';
import { searchDataFor } from '../src/lib/search/search-data.ts';

const mode = process.argv[2];
if (mode !== 'engine' && mode !== 'lunr' && mode !== 'headers') {
  console.error('usage: node bench/bare-search-server.ts engine|lunr|headers');
  process.exit(2);
}
// The headers the portal sends with a found answer to a client that asks for no encoding, over plain HTTP.
const portalHeaders = mode === 'headers' ? { ...securityHeaders({ https: false }), Vary: 'Accept-Encoding', 'Cache-Control': 'public, max-age=60', 'Content-Security-Policy': FALLBACK_CSP } : {};
const data = searchDataFor(loadContent({ root: contentDir() }));
const engine = mode !== 'lunr' ? createSearchEngine(data) : undefined;
const index = mode === 'lunr' ? buildIndex(data.docs) : undefined;
const bySlug = new Map(data.docs.map((doc) => [doc.slug, doc]));

function answer(q: string, limit: number): unknown {
  if (engine) return engine.search(q, { limit });
  // Plain lunr: strip its operators so a query never throws.
  const hits = index!.search(q.replace(/[+\-*~^:]/g, ' ')).slice(0, limit);
  return { query: q, total: hits.length, results: hits.map((hit) => ({ slug: hit.ref, title: bySlug.get(hit.ref)?.title, score: hit.score })) };
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/api/search') {
    res.writeHead(404).end();
    return;
  }
  const limit = Math.min(50, Math.max(1, Number(url.searchParams.get('limit')) || 10));
  const body = JSON.stringify(answer((url.searchParams.get('q') ?? '').slice(0, 100), limit));
  res.writeHead(200, { ...portalHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body);
});
// Exits on a signal through process.exit, so `node --cpu-prof` writes its profile, as it does for the portal.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)).closeAllConnections());
server.listen(Number(process.env.PORT || 4400), process.env.HOST || '127.0.0.1', () => console.log(`bare ${mode} search listening`));
