/**
 * Tracking end to end through the real server: the events API, the routes that
 * record on their own, the dashboard and exports, privacy promises and durability.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Measure, PortalStats } from '../src/schemas/events.ts';
import { freshPostgresDatabase, startServer, type RunningServer } from './helpers/site.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-tracking-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const servers: RunningServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.stop())));

const POSTGRES = process.env.DATABASE_URL;

/**
 * A portal on its own fresh database: a new SQLite file, or, when DATABASE_URL is
 * set (CI runs this suite again against PostgreSQL), a new PostgreSQL database.
 * A test that names TASKFRONT_DB wants that file (SQLite only).
 */
async function portal(env: Record<string, string> = {}) {
  const database: Record<string, string> = POSTGRES && !('TASKFRONT_DB' in env) ? { DATABASE_URL: await freshPostgresDatabase(POSTGRES) } : {};
  const server = await startServer({ TASKFRONT_DB: join(dir, `${randomUUID()}.sqlite`), ...database, ...env });
  servers.push(server);
  return server;
}

const json = { 'Content-Type': 'application/json' };
const form = (origin: string) => ({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin });
const stats = async (url: string) => (await (await fetch(`${url}/api/stats?period=7`)).json()) as PortalStats;
const task = (s: PortalStats, slug: string) => s.tasks.find((row) => row.task === slug);
const send = (url: string, body: unknown, headers: Record<string, string> = json) => fetch(`${url}/api/events`, { method: 'POST', body: JSON.stringify(body), headers });
/** The journey token in a /start redirect. */
const tokenOf = (response: Response) => new URL(response.headers.get('location')!, 'http://x').searchParams.get('journey')!;
const startJourney = async (url: string, slug: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${url}/start/${slug}`, { redirect: 'manual', headers });
  expect(response.status).toBe(303);
  return tokenOf(response);
};
/** Every Measure anywhere in the published JSON. */
function measures(value: unknown, path = ''): { path: string; value: number | null; n: number }[] {
  if (typeof value !== 'object' || value === null) return [];
  if ('tooFew' in value && 'n' in value) return [{ path, ...(value as Measure) }];
  return Object.entries(value).flatMap(([key, inner]) => measures(inner, `${path}.${key}`));
}
/** Requests from a distinct client behind the trusted proxy at 127.0.0.1. */
const from = (client: string) => ({ 'X-Forwarded-For': client });

describe(`tracking through the server (${POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  let server: RunningServer;
  let database: Record<string, string>;
  beforeAll(async () => {
    database = POSTGRES ? { DATABASE_URL: await freshPostgresDatabase(POSTGRES) } : { TASKFRONT_DB: join(dir, 'journey.sqlite') };
    server = await portal(database);
  });

  it('counts a scripted journey exactly: 1 start, 1 completion, 5 unlinked finishes, 1 rating; and keeps them across a restart', async () => {
    const before = await stats(server.url);
    expect(before.tasks).toEqual([]);

    const page = await (await fetch(`${server.url}/search?q=pothole`)).text();
    const searchId = /data-search-id="([^"]+)"/.exec(page)?.[1];
    expect(searchId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await send(server.url, { events: [
      { type: 'search_click', id: randomUUID(), search: searchId, query: 'pothole', task: 'report-a-pothole', rank: 1 },
      { type: 'task_view', id: randomUUID(), task: 'report-a-pothole' },
    ] })).status).toBe(204);

    const start = await fetch(`${server.url}/start/report-a-pothole`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const token = tokenOf(start);
    expect(start.headers.get('location')).toBe(`/demo-service/report-a-pothole?journey=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits

    // The demo service carries the token back, as a real service is asked to.
    const service = await (await fetch(`${server.url}/demo-service/report-a-pothole?journey=${token}`)).text();
    expect(service).toContain(`<input type="hidden" name="journey" value="${token}">`);

    const done = await fetch(`${server.url}/done/report-a-pothole?journey=${token}`);
    expect(done.status).toBe(200);
    expect(done.headers.get('referrer-policy')).toBe('same-origin');
    for (let reload = 0; reload < 3; reload++) expect((await fetch(`${server.url}/done/report-a-pothole?journey=${token}`)).status).toBe(200);
    for (let visit = 0; visit < 5; visit++) expect((await fetch(`${server.url}/done/report-a-pothole`)).status).toBe(200);
    const rated = await fetch(`${server.url}/done/report-a-pothole`, { method: 'POST', body: `rating=5&comment=Quick&journey=${token}`, headers: form(server.url), redirect: 'manual' });
    expect(rated.status).toBe(303);
    expect(rated.headers.get('location')).toBe('/done/report-a-pothole/thanks');
    // Rating the same journey again does not count twice.
    await fetch(`${server.url}/done/report-a-pothole`, { method: 'POST', body: `rating=1&journey=${token}`, headers: form(server.url), redirect: 'manual' });

    const after = await stats(server.url);
    expect(task(after, 'report-a-pothole')).toMatchObject({
      views: 1, starts: 1, completions: 1, unlinkedFinishes: 5, ratings: 1, ratingCounts: [0, 0, 0, 0, 1],
      completionRate: { value: null, n: 1, tooFew: true },
      averageRating: { value: null, n: 1, tooFew: true },
    });
    expect(after.minSample).toBe(10);
    expect(after.search).toMatchObject({ searches: 1, clicks: 1, zeroResultSearches: 0, clickThroughRate: { value: null, n: 1, tooFew: true } });
    expect(measures(after).filter((measure) => measure.value !== null && measure.path.endsWith('Rate') && measure.value > 1)).toEqual([]);

    await server.stop();
    server = await portal(database);
    expect(await stats(server.url)).toEqual(after);

    // The same database with every figure published: 100%, never more.
    const open = await portal({ ...database, TASKFRONT_MIN_SAMPLE: '1' });
    const published = await stats(open.url);
    expect(task(published, 'report-a-pothole')).toMatchObject({ completionRate: { value: 1, n: 1, tooFew: false }, averageRating: { value: 5, n: 1, tooFew: false } });
    expect(published.search.clickThroughRate).toEqual({ value: 1, n: 1, tooFew: false });
    await open.stop();
  });

  it('sends Start only to the task’s own service, never to an address in the request', async () => {
    const response = await fetch(`${server.url}/start/pay-your-council-tax?url=https://evil.example/&next=//evil.example`, { redirect: 'manual' });
    expect(response.headers.get('location')).toBe(`/demo-service/pay-your-council-tax?journey=${tokenOf(response)}`);
    const missing = await fetch(`${server.url}/start/no-such-task`, { redirect: 'manual' });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Page not found');
    // An information page has no Start button, so no journey to start (decision 0030).
    expect((await fetch(`${server.url}/start/find-your-councillor`, { redirect: 'manual' })).status).toBe(404);
  });

  it('never counts a completion for a token of another task, a made-up token, an <img> or a prefetch', async () => {
    const fresh = await portal({ TASKFRONT_MIN_SAMPLE: '1' });
    const pothole = await startJourney(fresh.url, 'report-a-pothole');
    const graffiti = await startJourney(fresh.url, 'report-graffiti');
    await fetch(`${fresh.url}/done/report-a-pothole?journey=${graffiti}`);
    await fetch(`${fresh.url}/done/report-a-pothole?journey=${'A'.repeat(43)}`);
    await fetch(`${fresh.url}/done/report-a-pothole?journey=not-a-token`);
    // An <img src="/done/…?journey=…"> on any site, and a browser prefetching the page: nothing, and the token stays usable.
    const image = await fetch(`${fresh.url}/done/report-a-pothole?journey=${pothole}`, { headers: { 'Sec-Fetch-Dest': 'image', 'Sec-Fetch-Site': 'cross-site' } });
    expect(image.status).toBe(200);
    const prefetch = await fetch(`${fresh.url}/done/report-a-pothole?journey=${pothole}`, { headers: { 'Sec-Purpose': 'prefetch' } });
    expect(prefetch.status).toBe(503);
    await fetch(`${fresh.url}/search?q=pothole`, { headers: { Purpose: 'prefetch' } });
    await fetch(`${fresh.url}/start/report-a-pothole`, { headers: { 'Sec-Fetch-Dest': 'image' }, redirect: 'manual' });
    let s = await stats(fresh.url);
    expect(task(s, 'report-a-pothole')).toMatchObject({ starts: 1, completions: 0, unlinkedFinishes: 3 });
    expect(s.search.searches).toBe(0);

    await fetch(`${fresh.url}/done/report-a-pothole?journey=${pothole}`, { headers: { 'Sec-Fetch-Dest': 'document' } });
    s = await stats(fresh.url);
    expect(task(s, 'report-a-pothole')).toMatchObject({ starts: 1, completions: 1, unlinkedFinishes: 3, completionRate: { value: 1, n: 1 } });
    expect(task(s, 'report-graffiti')).toMatchObject({ starts: 1, completions: 0 });
  });

  it('asks what people were trying to do after "No", and counts the answer once', async () => {
    const slug = 'report-graffiti';
    const no = await fetch(`${server.url}/feedback/${slug}`, { method: 'POST', body: 'useful=no', headers: form(server.url), redirect: 'manual' });
    expect(no.status).toBe(303);
    const next = new URL(no.headers.get('location')!, server.url);
    expect(next.searchParams.get('more')).toBe('1');
    const page = await (await fetch(next)).text();
    expect(page).toContain('What were you trying to do?');
    const id = next.searchParams.get('id')!;
    const comment = await fetch(`${server.url}/feedback/${slug}`, { method: 'POST', body: `id=${id}&comment=${encodeURIComponent('Find the form, email me at jo@example.com')}`, headers: form(server.url), redirect: 'manual' });
    expect(comment.headers.get('location')).toBe(`/feedback/${slug}?sent=1`);
    expect(task(await stats(server.url), slug)).toMatchObject({ feedbackNo: 1, feedbackYes: 0, helpedRate: { value: null, n: 1, tooFew: true } });
  });

  it('shows form errors without JavaScript, with a 400 and the field marked', async () => {
    const response = await fetch(`${server.url}/done/report-a-pothole`, { method: 'POST', body: `comment=${'x'.repeat(301)}`, headers: form(server.url) });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('<a href="#rating-5">Select how you felt about the service</a>');
    expect(html).toContain('Your comment must be 300 characters or fewer');
    expect(html).toMatch(/<title>Error: /);
  });

  it('refuses a form posted from another site', async () => {
    const response = await fetch(`${server.url}/done/report-a-pothole`, { method: 'POST', body: 'rating=1', headers: form('https://evil.example'), redirect: 'manual' });
    expect(response.status).toBe(403);
  });

  it('publishes a term only when 10 separate clients searched it, never what one client sends, and only plain words', async () => {
    const db = join(dir, 'privacy.sqlite');
    // Behind a trusted proxy (the test itself, at 127.0.0.1), X-Forwarded-For names the client.
    const fresh = await portal({ ...(POSTGRES ? {} : { TASKFRONT_DB: db }), TASKFRONT_TRUSTED_PROXIES: '127.0.0.1', TASKFRONT_RATE_LIMIT: '1000/100' });
    const search = (q: string, clients: number) =>
      Promise.all(Array.from({ length: clients }, (_, i) => fetch(`${fresh.url}/search?q=${encodeURIComponent(q)}`, { headers: from(`198.51.100.${i + 1}`) }).then((r) => r.text())));
    await search('skip hire', 10);
    await search('nine clients only', 9);
    await search('my email is jo.bloggs@example.com', 10);
    await search('<script>alert(1)</script>', 10);
    await search('=HYPERLINK("http://evil.example")', 10);
    // One client, 50 times: through the page, and through the API in batches and one by one.
    for (let i = 0; i < 50; i++) await fetch(`${fresh.url}/search?q=one+client+page`, { headers: from('203.0.113.5') });
    const apiSearch = () => ({ type: 'search', id: randomUUID(), query: 'one client api', results: 0 });
    for (let batch = 0; batch < 3; batch++) await send(fresh.url, { events: Array.from({ length: 10 }, apiSearch) }, { ...json, ...from('203.0.113.6') });
    for (let i = 0; i < 20; i++) await send(fresh.url, apiSearch(), { ...json, ...from('203.0.113.6') });
    // Rotating the address the client writes (left of the proxy's own entry) changes nothing.
    for (let i = 0; i < 50; i++) await fetch(`${fresh.url}/search?q=rotated+spoof`, { headers: from(`10.9.9.${i}, 203.0.113.7`) });
    await send(fresh.url, { type: 'feedback', id: randomUUID(), task: 'report-a-pothole', useful: false, comment: '"><img src=x onerror=alert(1)> secret comment' });

    const page = await (await fetch(`${fresh.url}/performance?period=7`)).text();
    const csv = await (await fetch(`${fresh.url}/performance.csv?period=7`)).text();
    const apiStats = await stats(fresh.url);
    expect(apiStats.search.topQueries).toEqual([{ query: 'skip hire', count: 10 }]);
    expect(apiStats.search.searches).toBe(10 + 9 + 30 + 50 + 50 + 50);
    const api = JSON.stringify(apiStats);
    // The page and CSV render these figures on the dashboard's branch; whatever they render must hold nothing hidden.
    for (const published of [page, csv, api]) {
      for (const hidden of ['jo.bloggs@example.com', 'my email is', 'nine clients only', 'one client', 'rotated spoof', 'secret comment', 'alert(1)', 'hyperlink']) {
        expect(published.toLowerCase()).not.toContain(hidden);
      }
    }
    expect(csv).not.toMatch(/(^|,)"=/m);

    await fresh.stop();
    if (!POSTGRES) {
      // The database file and its write-ahead log: the address must be in neither.
      const stored = Buffer.concat([db, `${db}-wal`].filter(existsSync).map((path) => readFileSync(path)));
      expect(stored.includes('my email is [email]')).toBe(true);
      expect(stored.includes('jo.bloggs@example.com')).toBe(false);
      expect(stored.includes('198.51.100.1')).toBe(false);
    }
  });

  it('records nothing for people who ask not to be tracked, while every page works', async () => {
    const fresh = await portal();
    const headers = { 'Sec-GPC': '1' };
    expect((await fetch(`${fresh.url}/search?q=pothole`, { headers })).status).toBe(200);
    expect((await fetch(`${fresh.url}/start/report-a-pothole`, { headers, redirect: 'manual' })).status).toBe(303);
    expect((await fetch(`${fresh.url}/done/report-a-pothole`, { headers: { DNT: '1' } })).status).toBe(200);
    expect((await send(fresh.url, { type: 'task_view', id: randomUUID(), task: 'report-a-pothole' }, { ...json, ...headers })).status).toBe(204);
    const s = await stats(fresh.url);
    expect(s.tasks).toEqual([]);
    expect(s.search.searches).toBe(0);
  });

  it('shows a clear empty state on an empty database', async () => {
    const fresh = await portal();
    const page = await (await fetch(`${fresh.url}/performance`)).text();
    expect(page).toContain('No activity recorded yet');
  });

  it('limits one client with one policy across the API and the pages: 429, and nothing counted that was refused', async () => {
    const fresh = await portal({ TASKFRONT_RATE_LIMIT: '3/0.1', TASKFRONT_MIN_SAMPLE: '1' });
    expect((await send(fresh.url, { type: 'task_view', id: randomUUID(), task: 'report-a-pothole' })).status).toBe(204);
    const token = await startJourney(fresh.url, 'report-a-pothole');
    expect((await fetch(`${fresh.url}/search?q=pothole`)).status).toBe(200);
    // The bucket is empty: each page says so with 429 and still shows its content.
    const search = await fetch(`${fresh.url}/search?q=bins`);
    expect(search.status).toBe(429);
    expect(Number(search.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await search.text()).toContain('results for');
    const done = await fetch(`${fresh.url}/done/report-a-pothole?journey=${token}`);
    expect(done.status).toBe(429);
    expect(await done.text()).toContain('This visit was not counted');
    const start = await fetch(`${fresh.url}/start/report-graffiti`, { redirect: 'manual' });
    expect(start.status).toBe(429);
    expect(await start.text()).toContain('href="/demo-service/report-graffiti"');
    expect((await send(fresh.url, { type: 'task_view', id: randomUUID(), task: 'report-a-pothole' })).status).toBe(429);
    const s = await stats(fresh.url);
    expect(s.totals).toMatchObject({ views: 1, starts: 1, completions: 0, unlinkedFinishes: 0 });
    expect(s.search.searches).toBe(1);
  });

  it('keys the limit on the rightmost address our proxies did not add, so rotating X-Forwarded-For does not help', async () => {
    const fresh = await portal({ TASKFRONT_RATE_LIMIT: '3/0.1', TASKFRONT_TRUSTED_PROXIES: '127.0.0.0/8, 10.0.0.0/8' });
    const view = (forwarded: string) => send(fresh.url, { type: 'task_view', id: randomUUID(), task: 'report-a-pothole' }, { ...json, 'X-Forwarded-For': forwarded });
    const rotated = [];
    // The client writes any first entry; our proxy at 10.1.1.1 appended the client's real address, then 10.1.1.1 itself.
    for (let i = 0; i < 5; i++) rotated.push((await view(`192.0.2.${i}, 203.0.113.50, 10.1.1.1`)).status);
    expect(rotated).toEqual([204, 204, 204, 429, 429]);
    // Another client (a different address added by our proxy) has its own bucket.
    expect((await view('192.0.2.1, 203.0.113.51, 10.1.1.1')).status).toBe(204);
  });

  it('limits one fast client with 429 and Retry-After', async () => {
    const fresh = await portal({ TASKFRONT_RATE_LIMIT: '3/0.1' });
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const response = await send(fresh.url, { type: 'task_view', id: randomUUID(), task: 'report-a-pothole' });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(statuses).toEqual([204, 204, 204, 429, 429]);
  });

  it('answers 503 with Retry-After when storage is unavailable, and people can still search and start', async () => {
    // SQLite: a file where the database folder should be. PostgreSQL: nobody listening.
    writeFileSync(join(dir, 'not-a-folder'), '');
    const broken = await portal(POSTGRES ? { DATABASE_URL: 'postgres://taskfront@127.0.0.1:9/none' } : { TASKFRONT_DB: join(dir, 'not-a-folder', 'events.sqlite') });
    const response = await send(broken.url, { type: 'task_view', id: randomUUID(), task: 'report-a-pothole' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    // The search could not be recorded, so the page says 503, and still shows the results.
    const search = await fetch(`${broken.url}/search?q=pothole`);
    expect(search.status).toBe(503);
    expect(await search.text()).toContain('Report a pothole');
    const start = await fetch(`${broken.url}/start/report-a-pothole`, { redirect: 'manual' });
    expect(start.status).toBe(503);
    expect(await start.text()).toContain('href="/demo-service/report-a-pothole"');
    expect((await fetch(`${broken.url}/performance`)).status).toBe(503);
    expect((await fetch(`${broken.url}/api/stats`)).status).toBe(503);
  });

  it('counts a completion reported by a service through POST /api/completions, signed or with its key', async () => {
    const key = 'k'.repeat(40);
    const fresh = await portal({ TASKFRONT_COMPLETION_KEYS: `report-a-pothole=${key} pay-your-council-tax=${'t'.repeat(32)}`, TASKFRONT_MIN_SAMPLE: '1' });
    const complete = (body: unknown, headers: Record<string, string>) => fetch(`${fresh.url}/api/completions`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { ...json, ...headers } });
    const signed = (body: string, secret = key) => ({ 'X-Taskfront-Signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` });
    const reply = async (response: Response) => ({ status: response.status, body: (await response.json()) as { status?: string; error?: string } });

    const token = await startJourney(fresh.url, 'report-a-pothole');
    const body = JSON.stringify({ task: 'report-a-pothole', journey: token });
    const wrong = await reply(await complete(body, signed(body, 'x'.repeat(40))));
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatch(/signature or key is wrong/);
    expect((await complete(body, {})).status).toBe(401);
    expect((await complete(body, { Authorization: `Bearer ${'t'.repeat(32)}` })).status).toBe(401); // another task's key
    expect(await reply(await complete(body, signed(body)))).toEqual({ status: 200, body: { status: 'completed', task: 'report-a-pothole' } });

    const reused = await reply(await complete(body, signed(body)));
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatch(/already finished/);
    // The person then lands on /done with the same token: still one completion.
    await fetch(`${fresh.url}/done/report-a-pothole?journey=${token}`);

    const unknown = JSON.stringify({ task: 'report-a-pothole', journey: 'B'.repeat(43) });
    const missing = await reply(await complete(unknown, signed(unknown)));
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/No started journey of report-a-pothole has this token/);

    // A bearer key works too, for services that cannot sign.
    const second = await startJourney(fresh.url, 'report-a-pothole');
    expect((await complete({ task: 'report-a-pothole', journey: second }, { Authorization: `Bearer ${key}` })).status).toBe(200);

    const invalid = await complete({ task: 'report-a-pothole', journey: 'short' }, signed('x'));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ issues: [{ path: 'journey', message: expect.stringContaining('43-character token') }] });
    expect((await complete('{"task":"report-graffiti","journey":"' + 'C'.repeat(43) + '"}', {})).status).toBe(401); // no key set for that task
    expect((await fetch(`${fresh.url}/api/completions`, { method: 'POST', body: '<task/>', headers: { 'Content-Type': 'application/xml' } })).status).toBe(415);

    expect(task(await stats(fresh.url), 'report-a-pothole')).toMatchObject({ starts: 2, completions: 2, unlinkedFinishes: 0, completionRate: { value: 1, n: 2 } });
  });

  it('answers a bad period with 400', async () => {
    expect((await fetch(`${server.url}/api/stats?period=5`)).status).toBe(400);
    expect((await fetch(`${server.url}/performance.csv?period=abc`)).status).toBe(400);
  });

  it('keeps every acknowledged event after kill -9', async () => {
    const durable: Record<string, string> = POSTGRES ? { DATABASE_URL: await freshPostgresDatabase(POSTGRES) } : { TASKFRONT_DB: join(dir, 'durable.sqlite') };
    let fresh = await portal({ ...durable, TASKFRONT_RATE_LIMIT: '1000/100' });
    const results = await Promise.all(Array.from({ length: 300 }, () => send(fresh.url, { type: 'task_view', id: randomUUID(), task: 'pay-your-council-tax' })));
    const acknowledged = results.filter((response) => response.status === 204).length;
    expect(acknowledged).toBe(300);
    await fresh.stop('SIGKILL');
    fresh = await portal(durable);
    expect(task(await stats(fresh.url), 'pay-your-council-tax')?.views).toBe(acknowledged);
  });
});
