import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../src/lib/content/load-content.ts';
import { createSearchEngine } from '../src/lib/search/engine.ts';
import { searchAnswer } from '../src/lib/search/search-api.ts';
import { searchDataFor } from '../src/lib/search/search-data.ts';
import { searchResponseSchema } from '../src/schemas/search.ts';
import { ROOT, startServer, type RunningServer } from './helpers/site.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const api = (query: string) => fetch(`${server.url}/api/search?${query}`);

describe('GET /api/search', () => {
  it('ranks the missed bin task first for "bin men didnt come"', async () => {
    const response = await api('q=bin+men+didnt+come');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = searchResponseSchema.parse(await response.json());
    expect(body.results[0]?.slug).toBe('report-a-missed-bin-collection');
    expect(body.results[0]?.url).toBe('/report-a-missed-bin-collection');
  });

  it('keeps to the contract: query, total, suggestion, ranked results, limit', async () => {
    const body = searchResponseSchema.parse(await (await api('q=councel%20tax&limit=2')).json());
    expect(body.query).toBe('councel tax');
    expect(body.suggestion).toBe('council tax');
    expect(body.results).toHaveLength(2);
    expect(body.total).toBeGreaterThan(2);
    expect(body.results[0]!.score).toBeGreaterThanOrEqual(body.results[1]!.score);
    expect(Object.keys(body.results[0]!).sort()).toEqual(['kind', 'matched', 'partial', 'score', 'slug', 'summary', 'title', 'url']);
    expect(body.coverage).toBe('full');
    expect(body.results[0]).toMatchObject({ kind: 'transaction', matched: ['council', 'tax'], partial: false });
  });

  it('answers a missing or empty q with no results', async () => {
    for (const query of ['', 'q=', 'q=%20%20']) {
      const response = await api(query);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ query: '', total: 0, suggestion: null, coverage: 'none', missing: [], results: [] });
    }
  });

  it('answers a bad limit with 400 and a JSON error naming it', async () => {
    for (const limit of ['0', '51', 'ten', '-5', '1.5']) {
      const response = await api(`q=bin&limit=${limit}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'The query string is not valid.', issues: [{ path: 'limit', message: 'limit must be a whole number from 1 to 50' }] });
    }
  });

  it('answers hostile input with 200 or 400, quickly, never 5xx', async () => {
    const hostile = ['+*', '~~~', '^', ':', 'title:*', '*'.repeat(50), 'a'.repeat(10_000), '🗑️🚮💩', 'ضريبة المجلس', '‮reversed‬', '<script>alert(1)</script>', "'; DROP TABLE tasks; --", '" OR 1=1 --', '%00', '\\u0000', '{{7*7}}', '../../etc/passwd'];
    for (const q of hostile) {
      const started = performance.now();
      const response = await api(`q=${encodeURIComponent(q)}`);
      expect([200, 400], q).toContain(response.status);
      expect(performance.now() - started, q).toBeLessThan(1000);
      const body = searchResponseSchema.parse(await response.json());
      expect(body.query.length).toBeLessThanOrEqual(100);
    }
  });

  it('caps the query at 100 characters', async () => {
    const body = searchResponseSchema.parse(await (await api(`q=${'pothole '.repeat(100)}`)).json());
    expect(Array.from(body.query).length).toBeLessThanOrEqual(100);
    expect(body.results[0]?.slug).toBe('report-a-pothole');
  });
});

/**
 * The listener answers GET itself and HEAD goes through Astro's route (decision 0039): both must
 * send the same headers, and the answers must be the engine's, as made from the documents.
 */
describe('GET /api/search answered by the listener', () => {
  // Framing and the date differ by nature, and a HEAD answer is never compressed: the encoding is checked below.
  const FRAMING = new Set(['content-length', 'transfer-encoding', 'date', 'connection', 'keep-alive', 'content-encoding']);
  const headersOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => !FRAMING.has(name)));
  const engine = createSearchEngine(searchDataFor(loadContent({ root: `${ROOT}/content`, cwd: ROOT })));

  it.each(['q=council%20tax', 'q=libary&limit=3', 'q=', 'q=bin&limit=0', 'limit=ten'])('%s: the same headers as the Astro route, and the same answer as the engine', async (query) => {
    const [fast, route] = await Promise.all([api(query), fetch(`${server.url}/api/search?${query}`, { method: 'HEAD' })]);
    expect(headersOf(fast)).toEqual(headersOf(route));
    expect(fast.status).toBe(route.status);
    const expected = searchAnswer(engine, new URLSearchParams(query));
    expect(fast.status).toBe(expected.status);
    expect(await fast.text()).toBe(expected.body);
  });

  it('sends the same headers to a client that takes no encoding (fetch always asks for one)', async () => {
    const plain = await new Promise<{ headers: Record<string, string>; body: string }>((resolve, reject) => {
      get(`${server.url}/api/search?q=council%20tax`, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ headers: Object.fromEntries(Object.entries(response.headers).filter(([name]) => !FRAMING.has(name)).map(([name, value]) => [name, String(value)])), body }));
      }).on('error', reject);
    });
    const route = await fetch(`${server.url}/api/search?q=council%20tax`, { method: 'HEAD' });
    expect(plain.headers).toEqual(headersOf(route));
    expect(plain.body).toBe(searchAnswer(engine, new URLSearchParams('q=council%20tax')).body);
  });

  it('keeps every security header, the fallback policy and the cache policy', async () => {
    const ok = await api('q=bin');
    expect(ok.headers.get('content-security-policy')).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(ok.headers.get('x-frame-options')).toBe('DENY');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('cache-control')).toBe('public, max-age=60');
    expect(ok.headers.get('vary')).toBe('Accept-Encoding');
    expect((await api('limit=0')).headers.get('cache-control')).toBe('no-store');
  });

  it('compresses a large answer as asked, like every other dynamic response', async () => {
    const plain = await (await api('q=bin&limit=50')).text();
    expect(plain.length).toBeGreaterThan(1024);
    for (const encoding of ['br', 'gzip']) {
      const response = await fetch(`${server.url}/api/search?q=bin&limit=50`, { headers: { 'Accept-Encoding': encoding } });
      expect(response.headers.get('content-encoding')).toBe(encoding);
      expect(await response.text()).toBe(plain);
    }
  });
});

describe('search that knows when it does not know', () => {
  const search = async (q: string) => searchResponseSchema.parse(await (await api(`q=${encodeURIComponent(q)}`)).json());

  it.each(['child support', 'dog license', 'passport', 'police report', 'pay water bill'])('answers "%s" with a signpost first, or says it has nothing', async (q) => {
    const body = await search(q);
    expect(body.coverage === 'none' || body.results[0]?.kind === 'signpost', JSON.stringify(body.results[0])).toBe(true);
  });

  it('says which words it could not match, and marks results partial', async () => {
    const body = await search('needles in the park');
    expect(body.suggestion).toBeNull();
    expect(body.coverage).not.toBe('full');
    expect(body.missing).toContain('needles');
    for (const result of body.results) expect(result).toMatchObject({ partial: true, matched: ['park'] });
  });

  it.each(['needles in the park', 'road gritting', 'neighbour playing loud music'])('never "corrects" real words: %s', async (q) => {
    expect((await search(q)).suggestion).toBeNull();
  });

  it('answers nothing rather than something loosely related', async () => {
    const body = await search('xqzvbn');
    expect(body).toMatchObject({ coverage: 'none', total: 0, results: [], missing: ['xqzvbn'] });
  });
});

describe('GET /search (no JavaScript needed)', () => {
  it('finds council tax tasks for "councel tax", with the query, count and a suggestion', async () => {
    const html = await (await fetch(`${server.url}/search?q=councel+tax`)).text();
    expect(html).toContain('value="councel tax"');
    expect(html).toMatch(/Did you mean <a href="\/search\?q=council%20tax">council tax<\/a>\?/);
    expect(html).toMatch(/\d+ results for “councel tax”/);
    expect(html).toMatch(/<a href="\/pay-your-council-tax" data-rank="1"/);
  });

  it('shows next steps, the most requested services and the topics when nothing matches', async () => {
    const html = await (await fetch(`${server.url}/search?q=xqzvbn+plokij`)).text();
    expect(html).toContain('0 results for “xqzvbn plokij”');
    expect(html).toContain('check the spelling');
    expect(html).toContain('data-coverage="none"');
    expect(html).toContain('href="/pay-your-council-tax"');
    expect(html).toContain('href="/browse/bins-and-recycling"');
  });

  it('says what it could not find, and which words each partial result matched', async () => {
    const html = await (await fetch(`${server.url}/search?q=needles+in+the+park`)).text();
    expect(html).toContain('We could not find anything about “needles”.');
    expect(html).toContain('Results for “park”:');
    expect(html).toContain('Matches: park');
    expect(html).not.toContain('Did you mean');
  });

  it('marks a signpost "Not a council service"', async () => {
    const html = await (await fetch(`${server.url}/search?q=passport`)).text();
    expect(html).toMatch(/<li data-kind="signpost"[^>]*>\s*<p class="result-tag"[^>]*>Not a council service<\/p>\s*<a href="\/apply-for-a-passport" data-rank="1"/);
  });

  it('never reflects markup unescaped', async () => {
    const payloads = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>"];
    for (const payload of payloads) {
      const response = await fetch(`${server.url}/search?q=${encodeURIComponent(payload)}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      // Inside a quoted attribute "<" is inert text; what matters is that no quote escapes it.
      expect(html).toContain(`value="${payload.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`);
      const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
      expect(outsideAttributes).not.toContain('<script>alert(1)');
      expect(outsideAttributes).not.toContain('<img src=x');
      expect(outsideAttributes).not.toContain('<svg onload');
    }
  });
});

describe('the server', () => {
  it('answers 200 for every page linked from the header and footer, and for folders of pages', async () => {
    for (const path of ['/', '/browse', '/browse/housing', '/search', '/privacy', '/accessibility', '/performance', '/api/tasks.json', '/report-a-pothole', '/done/report-a-pothole/thanks']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
    expect((await fetch(`${server.url}/no-such-page`)).status).toBe(404);
  });
});
