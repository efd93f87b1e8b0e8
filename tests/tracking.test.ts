/**
 * Tracking end to end through the real server: the events API, the routes that
 * record on their own, the dashboard and exports, privacy promises and durability.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalStats } from '../src/schemas/events.ts';
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

describe(`tracking through the server (${POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  let server: RunningServer;
  let database: Record<string, string>;
  beforeAll(async () => {
    database = POSTGRES ? { DATABASE_URL: await freshPostgresDatabase(POSTGRES) } : { TASKFRONT_DB: join(dir, 'journey.sqlite') };
    server = await portal(database);
  });

  it('counts a scripted journey exactly, and keeps the counts across a restart', async () => {
    const before = await stats(server.url);
    expect(before.tasks).toEqual([]);

    expect((await fetch(`${server.url}/search?q=pothole`)).status).toBe(200);
    expect((await send(server.url, { events: [
      { type: 'search_click', id: randomUUID(), query: 'pothole', task: 'report-a-pothole', rank: 1 },
      { type: 'task_view', id: randomUUID(), task: 'report-a-pothole' },
    ] })).status).toBe(204);
    const start = await fetch(`${server.url}/start/report-a-pothole`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toBe('/demo-service/report-a-pothole');
    expect((await fetch(`${server.url}/done/report-a-pothole`)).status).toBe(200);
    const rated = await fetch(`${server.url}/done/report-a-pothole`, { method: 'POST', body: 'rating=5&comment=Quick', headers: form(server.url), redirect: 'manual' });
    expect(rated.status).toBe(303);
    expect(rated.headers.get('location')).toBe('/done/report-a-pothole/thanks');

    const after = await stats(server.url);
    expect(task(after, 'report-a-pothole')).toMatchObject({ views: 1, starts: 1, completions: 1, completionRate: 1, ratings: 1, averageRating: 5, ratingCounts: [0, 0, 0, 0, 1] });
    expect(after.search).toMatchObject({ searches: 1, clicks: 1, zeroResultSearches: 0, averageClickRank: 1 });

    await server.stop();
    server = await portal(database);
    expect(await stats(server.url)).toEqual(after);
  });

  it('sends Start only to the task’s own service, never to an address in the request', async () => {
    const response = await fetch(`${server.url}/start/pay-your-council-tax?url=https://evil.example/&next=//evil.example`, { redirect: 'manual' });
    expect(response.headers.get('location')).toBe('/demo-service/pay-your-council-tax');
    const missing = await fetch(`${server.url}/start/no-such-task`, { redirect: 'manual' });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Page not found');
    expect((await fetch(`${server.url}/start/find-your-councillor`, { redirect: 'manual' })).status).toBe(303);
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
    expect(task(await stats(server.url), slug)).toMatchObject({ feedbackNo: 1, feedbackYes: 0, helpedRate: 0 });
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

  it('never stores an email typed into search, publishes no query searched fewer than 10 times, and escapes what it shows', async () => {
    const db = join(dir, 'privacy.sqlite');
    const fresh = await portal(POSTGRES ? {} : { TASKFRONT_DB: db });
    const search = (q: string, times: number) => Promise.all(Array.from({ length: times }, () => fetch(`${fresh.url}/search?q=${encodeURIComponent(q)}`).then((r) => r.text())));
    await search('my email is jo.bloggs@example.com', 10);
    await search('nine times only', 9);
    await search('<script>alert(1)</script>', 10);
    await search('=HYPERLINK("http://evil.example")', 10);
    await send(fresh.url, { type: 'satisfaction', id: randomUUID(), task: 'report-a-pothole', rating: 1, comment: '"><img src=x onerror=alert(1)> secret comment' });

    const page = await (await fetch(`${fresh.url}/performance?period=7`)).text();
    const csv = await (await fetch(`${fresh.url}/performance.csv?period=7`)).text();
    const api = JSON.stringify(await stats(fresh.url));
    for (const published of [page, csv, api]) {
      expect(published).not.toContain('jo.bloggs@example.com');
      expect(published).not.toContain('nine times only');
      expect(published).not.toContain('secret comment');
    }
    expect(page).toContain('my email is [email]');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.replace(/="[^"]*"/g, '')).not.toContain('<script>alert(1)');
    expect(csv).toContain(`"'=hyperlink(""http://evil.example"")"`);
    expect(csv).not.toMatch(/(^|,)"=/m);

    await fresh.stop();
    if (!POSTGRES) {
      // The database file and its write-ahead log: the address must be in neither.
      const stored = Buffer.concat([db, `${db}-wal`].filter(existsSync).map((path) => readFileSync(path)));
      expect(stored.includes('my email is [email]')).toBe(true);
      expect(stored.includes('jo.bloggs@example.com')).toBe(false);
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

  it('answers 503 with Retry-After when storage is unavailable, and search still works', async () => {
    // SQLite: a file where the database folder should be. PostgreSQL: nobody listening.
    writeFileSync(join(dir, 'not-a-folder'), '');
    const broken = await portal(POSTGRES ? { DATABASE_URL: 'postgres://taskfront@127.0.0.1:9/none' } : { TASKFRONT_DB: join(dir, 'not-a-folder', 'events.sqlite') });
    const response = await send(broken.url, { type: 'task_view', id: randomUUID(), task: 'report-a-pothole' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect((await fetch(`${broken.url}/search?q=pothole`)).status).toBe(200);
    expect((await fetch(`${broken.url}/performance`)).status).toBe(503);
    expect((await fetch(`${broken.url}/api/stats`)).status).toBe(503);
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
