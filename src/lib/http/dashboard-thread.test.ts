import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardThread, encodeForClient, isDashboardRequest, type DashboardThread, type FigureMethod } from './dashboard-thread.ts';

describe('isDashboardRequest', () => {
  it('takes the dashboard pages, its CSV and /api/stats, for reading only', () => {
    for (const path of ['/performance', '/performance/report-a-pothole', '/performance.csv', '/api/stats']) expect(isDashboardRequest('GET', path), path).toBe(true);
    expect(isDashboardRequest('HEAD', '/performance')).toBe(true);
    expect(isDashboardRequest('POST', '/performance')).toBe(false);
    for (const path of ['/', '/search', '/api/search', '/api/events', '/performance/a/b', '/performancex']) expect(isDashboardRequest('GET', path), path).toBe(false);
  });
});

describe('encodeForClient', () => {
  const html = new TextEncoder().encode('<p>Figures</p>\n'.repeat(200));
  it('compresses text of 1 KB or more in the encoding the client accepts, and says so', () => {
    const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8' });
    const body = encodeForClient(headers, html, 'gzip, br');
    expect(headers.get('content-encoding')).toBe('br');
    expect(headers.get('vary')).toBe('Accept-Encoding');
    expect(Buffer.from(brotliDecompressSync(body)).equals(Buffer.from(html))).toBe(true);
  });
  it('leaves alone what is small, already encoded, not text, marked no-transform, or not accepted', () => {
    const cases: [Record<string, string>, Uint8Array, string | null][] = [
      [{ 'Content-Type': 'text/html' }, new TextEncoder().encode('<p>small</p>'), 'br'],
      [{ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, html, 'br'],
      [{ 'Content-Type': 'image/png' }, html, 'br'],
      [{ 'Content-Type': 'text/csv', 'Cache-Control': 'no-transform' }, html, 'br'],
      [{ 'Content-Type': 'text/html' }, html, 'identity'],
    ];
    for (const [init, input, accept] of cases) {
      const headers = new Headers(init);
      expect(encodeForClient(headers, input, accept)).toBe(input);
      expect(headers.get('content-encoding')).toBe(init['Content-Encoding'] ?? null);
    }
  });
});

describe('createDashboardThread', () => {
  let server: Server;
  let base: string;
  let dashboard: DashboardThread;
  const logged: string[] = [];
  let figures: (method: FigureMethod, args: unknown[]) => Promise<unknown> = async (method, args) => ({ method, args });

  beforeAll(async () => {
    dashboard = createDashboardThread({
      entry: new URL('./dashboard-thread-test-worker.ts', import.meta.url),
      clientDir: '/nowhere',
      nice: 19,
      timeoutMs: 4000, // long enough for a worker to start on a busy machine
      readFigures: (method, args) => figures(method, args),
      log: (line) => logged.push(line),
    });
    server = createServer((req, res) => void dashboard.render(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await dashboard.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers with what the worker rendered: status, headers, cookies, the client address, compressed', async () => {
    const response = await fetch(`${base}/performance`, { headers: { 'Accept-Encoding': 'br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('server-timing')).toMatch(/^dashboard-thread;dur=\d+\.\d$/);
    expect(await response.text()).toContain('<p>Performance for 127.0.0.1</p>');
  });

  it('runs the worker at the nice value it was given (Linux)', async () => {
    await fetch(`${base}/performance`);
    expect(dashboard.thread()).toMatchObject({ nice: 19 });
  });

  it('reads figures through the main thread, and passes on a failed read', async () => {
    figures = async (method, args) => ({ method, args });
    expect(await (await fetch(`${base}/figures`)).json()).toEqual({ figures: { method: 'stats', args: [{ period: 7 }] } });
    figures = async () => {
      throw new Error('database is locked');
    };
    const failed = await fetch(`${base}/figures`);
    expect(failed.status).toBe(503);
    expect(await failed.text()).toBe('unavailable: database is locked');
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await fetch(`${base}/performance`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers 503 with Retry-After when the worker takes too long, and names it in the log', async () => {
    const response = await fetch(`${base}/hang`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.text()).toMatch(/cannot be shown just now/);
    expect(logged.at(-1)).toMatch(/could not answer GET \/hang: no answer within 4000 ms; answered 503/);
  });

  it('answers 503 when the worker dies, and the next request gets a new worker', async () => {
    const crashed = await fetch(`${base}/crash`);
    expect(crashed.status).toBe(503);
    expect(logged.at(-1)).toMatch(/exit code 3/);
    const next = await fetch(`${base}/performance`);
    expect(next.status, logged.join('\n')).toBe(200);
  });
});
