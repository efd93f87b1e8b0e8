import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchAnswer } from '../search/search-api.ts';
import { FALLBACK_CSP, HSTS } from './headers.ts';
import { createPortalListener } from './portal-listener.ts';

const FOUND = Object.freeze({ 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=60' });

interface Running {
  url: string;
  server: Server;
  logged: string[];
  rendered: string[];
}

let running: Running | undefined;
let dir: string | undefined;
afterEach(async () => {
  await new Promise((resolve) => running?.server.close(resolve) ?? resolve(undefined));
  running = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The listener on a port of its own, with a search that answers `answer(q)` once `ready` resolves. */
async function start(answer: (q: string) => SearchAnswer, { forceHsts = false, ready = Promise.resolve() } = {}): Promise<Running> {
  dir = mkdtempSync(join(tmpdir(), 'taskfront-listener-'));
  const logged: string[] = [];
  const rendered: string[] = [];
  const listener = createPortalListener({
    clientDir: dir,
    pageCsp: { forPath: () => undefined, size: 0 },
    render: (req, res) => void (rendered.push(req.url ?? ''), res.end('rendered')),
    settings: { headersTimeout: 10, requestTimeout: 10, forceHsts },
    log: (line) => logged.push(line),
    searchApi: async () => {
      await ready;
      return (params) => answer(params.get('q') ?? '');
    },
  });
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, logged, rendered };
  return running;
}

function get(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    request(`${url}/`, { path, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

const found = (q: string): SearchAnswer => ({ status: 200, headers: FOUND, body: JSON.stringify({ query: q }) });

describe('GET /api/search in the portal listener', () => {
  it('answers with every security header, the fallback policy, a charset, Vary and a Content-Length', async () => {
    const { url, rendered } = await start(found);
    await get(url, '/api/search?q=first');
    const answer = await get(url, '/api/search?q=bin%20day');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('{"query":"bin day"}');
    expect(answer.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
      'cross-origin-opener-policy': 'same-origin',
      'content-security-policy': FALLBACK_CSP,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=60',
      vary: 'Accept-Encoding',
      'content-length': String(answer.body.length),
    });
    expect(answer.headers['strict-transport-security']).toBeUndefined();
    expect(rendered).toEqual([]);
  });

  it('sends HSTS when it is declared', async () => {
    const { url } = await start(found, { forceHsts: true });
    await get(url, '/api/search?q=first');
    expect((await get(url, '/api/search?q=bin')).headers['strict-transport-security']).toBe(HSTS);
  });

  it('answers a search that arrives while the engine loads, once it has loaded', async () => {
    let loaded!: () => void;
    const { url } = await start(found, { ready: new Promise<void>((resolve) => (loaded = resolve)) });
    const waiting = get(url, '/api/search?q=early');
    setTimeout(loaded, 50);
    const answer = await waiting;
    expect(answer.body).toBe('{"query":"early"}');
    expect(answer.headers['content-security-policy']).toBe(FALLBACK_CSP);
  });

  it('a search that throws is logged and answered 500 the general way, with its security headers', async () => {
    const { url, logged } = await start((q) => {
      if (q === 'boom') throw new Error('the engine broke');
      return found(q);
    });
    await get(url, '/api/search?q=first');
    const answer = await get(url, '/api/search?q=boom');
    expect(answer.status).toBe(500);
    expect(answer.body).toBe('Something went wrong on our side.\n');
    expect(answer.headers['x-frame-options']).toBe('DENY');
    expect(logged.join('\n')).toMatch(/search fast path failed.*the engine broke/);
    expect(logged.join('\n')).toMatch(/could not answer GET \/api\/search: Error: the engine broke/);
    // The server goes on answering.
    expect((await get(url, '/api/search?q=after')).status).toBe(200);
  });
});
