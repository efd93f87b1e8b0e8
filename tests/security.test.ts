/**
 * Issue 13, "Served safely and fast", against the built portal run as `npm start` runs it:
 * security headers on every route, methods, body limits, timeouts, aborted requests,
 * compression and caching.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFiles, startServer, type RunningServer } from './helpers/site.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-security-'));
let server: RunningServer;
let log = '';

const TASK = 'report-a-pothole';
const TOPIC = 'bins-and-recycling';

beforeAll(async () => {
  server = await startServer({ TASKFRONT_DB: join(dir, `${randomUUID()}.sqlite`), TASKFRONT_HEADERS_TIMEOUT: '1', TASKFRONT_REQUEST_TIMEOUT: '2', TASKFRONT_RATE_LIMIT: '10000/1000' });
  server.process.stdout?.on('data', (chunk) => (log += chunk));
  server.process.stderr?.on('data', (chunk) => (log += chunk));
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Milliseconds from sending the request line to the status line. */
  ms: number;
}

/** One request on its own connection, with full control of headers and body (fetch hides both). */
function request(method: string, path: string, options: { headers?: Record<string, string>; body?: Buffer | string; chunks?: number } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(`${server.url}${path}`, { method, headers: options.headers, agent: false }, (res) => {
      const ms = performance.now() - started;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms }));
      res.on('error', reject);
    });
    // The server may answer and close before a large body is sent; that is the point.
    // If the connection breaks and no answer follows, fail rather than wait forever.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!['EPIPE', 'ECONNRESET'].includes(error.code ?? '')) return reject(error);
      setTimeout(() => reject(new Error(`${method} ${path}: connection broke (${error.code}) with no answer`)), 2000).unref();
    });
    if (options.chunks) {
      // A streamed (chunked) body: no Content-Length, so only counting can stop it.
      const piece = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < options.chunks! && !req.destroyed) {
          sent += 1;
          if (!req.write(piece)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    } else {
      req.end(options.body);
    }
  });
}

const origin = () => ({ Origin: server.url });
const form = (body: string) => ({ headers: { ...origin(), 'Content-Type': 'application/x-www-form-urlencoded' }, body });

/** Resident memory of the server process, in MB (Linux). */
function serverRssMb(): number {
  const status = readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

function expectSecurityHeaders(answer: Answer, what: string) {
  const h = answer.headers;
  const csp = String(h['content-security-policy'] ?? '');
  expect(csp, `${what}: Content-Security-Policy`).toMatch(/frame-ancestors 'none'/);
  expect(csp, `${what}: base-uri`).toMatch(/base-uri 'none'/);
  expect(csp, `${what}: no unsafe sources`).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(h['x-content-type-options'], `${what}: nosniff`).toBe('nosniff');
  expect(h['x-frame-options'], `${what}: X-Frame-Options`).toBe('DENY');
  expect(h['referrer-policy'], `${what}: Referrer-Policy`).toBe('same-origin');
  expect(h['permissions-policy'], `${what}: Permissions-Policy`).toMatch(/camera=\(\), .*geolocation=\(\), .*microphone=\(\)/);
  expect(h['cross-origin-opener-policy'], `${what}: COOP`).toBe('same-origin');
  expect(h['strict-transport-security'], `${what}: no HSTS over plain HTTP`).toBeUndefined();
  const type = String(h['content-type'] ?? '');
  if (/^(text\/|application\/(json|javascript|xml)|image\/svg)/.test(type)) expect(type, `${what}: charset`).toMatch(/charset=utf-8/i);
  if (type.startsWith('text/html')) {
    for (const directive of ["default-src 'self'", "object-src 'none'", "form-action 'self'"]) expect(csp, `${what}: ${directive}`).toContain(directive);
    expect(csp, `${what}: script-src`).toMatch(/script-src 'self'( 'sha256-[\w+/=]+')*;/);
    expect(csp, `${what}: style-src`).toMatch(/style-src 'self'( 'sha256-[\w+/=]+')*;/);
  }
}

describe('security headers on every route', () => {
  it('on every prerendered page and file, GET and HEAD', async () => {
    const paths = builtFiles()
      .filter((file) => !/\.(br|gz)$/.test(file))
      .map((file) => `/${file}`.replace(/(?:\/index)?\.html$/, '').replace(/^$/, '/') || '/');
    expect(paths.length).toBeGreaterThan(80);
    for (const path of paths) {
      for (const method of ['GET', 'HEAD']) {
        const answer = await request(method, path);
        expect(answer.status, `${method} ${path}`).toBe(path === '/404' ? 404 : 200);
        expectSecurityHeaders(answer, `${method} ${path}`);
      }
    }
  });

  it.each([
    ['GET', '/search?q=x', 200],
    ['GET', '/search?q=bins', 200],
    ['GET', '/api/search?q=x', 200],
    ['GET', '/api/search?limit=999', 400],
    ['GET', '/api/stats?period=28', 200],
    ['GET', '/performance', 200],
    ['GET', `/performance/${TASK}`, 200],
    ['GET', '/performance.csv', 200],
    ['GET', `/start/${TASK}`, 303],
    ['GET', `/done/${TASK}`, 200],
    ['GET', `/done/${TASK}/thanks`, 200],
    ['GET', `/feedback/${TASK}`, 200],
    ['GET', `/demo-service/${TASK}`, 200],
    ['GET', `/browse/${TOPIC}`, 200],
    ['GET', '/no-such-page', 404],
    ['GET', '/api/no-such-thing', 404],
    ['GET', '/feedback/no-such-task', 404],
    ['HEAD', '/search?q=x', 200],
    ['HEAD', '/performance', 200],
  ])('%s %s', async (method, path, status) => {
    const answer = await request(method, path);
    expect(answer.status).toBe(status);
    expectSecurityHeaders(answer, `${method} ${path}`);
  });

  const JSON_TYPE = 'application/json';
  const FORM_TYPE = 'application/x-www-form-urlencoded';
  it.each([
    ['/api/events', JSON_TYPE, JSON.stringify({ id: randomUUID(), type: 'task_view', task: TASK }), 204],
    ['/api/events', JSON_TYPE, '{', 400],
    ['/api/events', 'image/png', 'x', 415],
    [`/feedback/${TASK}`, FORM_TYPE, 'useful=yes', 303],
    [`/feedback/${TASK}`, FORM_TYPE, 'useful=maybe', 400],
    [`/done/${TASK}`, FORM_TYPE, 'rating=5', 303],
    [`/done/${TASK}`, FORM_TYPE, 'rating=9', 400],
  ])('POST %s (%s) %j → %i', async (path, type, body, status) => {
    const answer = await request('POST', path, { headers: { ...origin(), 'Content-Type': type }, body });
    expect(answer.status).toBe(status);
    expectSecurityHeaders(answer, `POST ${path}`);
  });

  it('keeps Astro’s cross-site check: a form post without an Origin header is refused', async () => {
    const answer = await request('POST', `/feedback/${TASK}`, { headers: { 'Content-Type': FORM_TYPE }, body: 'useful=yes' });
    expect(answer.status).toBe(403);
    expectSecurityHeaders(answer, 'POST without Origin');
  });

  it('sends HSTS for a year when TASKFRONT_HSTS=1 (TLS ends at a proxy in front)', async () => {
    const hsts = await startServer({ TASKFRONT_DB: join(dir, `${randomUUID()}.sqlite`), TASKFRONT_HSTS: '1' });
    try {
      for (const path of ['/', '/search?q=x', '/api/search?q=x']) {
        expect((await fetch(`${hsts.url}${path}`)).headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      }
    } finally {
      await hsts.stop();
    }
  });

  it('refuses to start with a bad timeout, saying which setting and why', async () => {
    await expect(startServer({ TASKFRONT_DB: join(dir, `${randomUUID()}.sqlite`), TASKFRONT_REQUEST_TIMEOUT: 'soon' })).rejects.toThrow(/TASKFRONT_REQUEST_TIMEOUT="soon" must be a number of seconds/);
  });
});

describe('methods', () => {
  it.each([
    ['TRACE', '/search'],
    ['TRACE', `/feedback/${TASK}`],
    ['PUT', '/api/events'],
    ['DELETE', `/done/${TASK}`],
    ['PATCH', '/'],
    ['OPTIONS', '/api/search'],
    ['DELETE', '/_astro/x.css'],
  ])('%s %s → 405 with Allow', async (method, path) => {
    const answer = await request(method, path);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe(path === '/api/events' || path.startsWith('/done/') || path.startsWith('/feedback/') ? 'GET, HEAD, POST' : 'GET, HEAD');
    expectSecurityHeaders(answer, `${method} ${path}`);
  });

  it('POST where no route takes one → 405', async () => {
    for (const path of ['/', `/${TASK}`, '/search', '/api/search']) {
      const answer = await request('POST', path, form('q=x'));
      expect(answer.status, path).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD');
    }
  });

  it('logs nothing alarming for refused methods', () => {
    expect(log).not.toMatch(/\n\s+at /);
  });
});

describe('body limits', () => {
  const TEN_MB = Buffer.alloc(10 * 1024 * 1024, 'a');

  it.each([['/api/events'], [`/feedback/${TASK}`], [`/done/${TASK}`]])('a declared 10 MB POST to %s → 413 in under a second, memory flat', async (path) => {
    const before = serverRssMb();
    const answer = await request('POST', path, { headers: { ...origin(), 'Content-Type': path === '/api/events' ? 'application/json' : 'application/x-www-form-urlencoded' }, body: TEN_MB });
    expect(answer.status).toBe(413);
    expect(answer.ms).toBeLessThan(1000);
    expect(answer.headers.connection).toBe('close');
    expect(serverRssMb() - before).toBeLessThan(20);
    expectSecurityHeaders(answer, `POST ${path} (10 MB)`);
  });

  it.each([['/api/events'], [`/feedback/${TASK}`], [`/done/${TASK}`]])('a streamed 10 MB POST to %s is cut → 413', async (path) => {
    const before = serverRssMb();
    const answer = await request('POST', path, { headers: { ...origin(), 'Content-Type': path === '/api/events' ? 'text/plain' : 'application/x-www-form-urlencoded' }, chunks: 160 });
    expect(answer.status).toBe(413);
    expect(answer.ms).toBeLessThan(1000);
    expect(serverRssMb() - before).toBeLessThan(20);
  });

  it('answers 413 as JSON on the API and as text on forms', async () => {
    const api = await request('POST', '/api/events', { headers: { 'Content-Type': 'application/json' }, body: Buffer.alloc(9 * 1024, 'a') });
    expect(api.status).toBe(413);
    expect(JSON.parse(api.body.toString())).toEqual({ error: 'The body is larger than 8 KB.', issues: [] });
    const page = await request('POST', `/feedback/${TASK}`, form(`comment=${'a'.repeat(5000)}`));
    expect(page.status).toBe(413);
    expect(page.body.toString()).toBe('The body is larger than 4 KB.\n');
  });

  it('lets a full-length comment through (the limit has room for 300 characters of any script)', async () => {
    const comment = encodeURIComponent('漢'.repeat(300));
    const answer = await request('POST', `/done/${TASK}`, form(`rating=4&comment=${comment}`));
    expect(answer.status).toBe(303);
  });

  it('refuses a Content-Length that is not a number', async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => socket.write(`POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Length: 1e9\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  });
});

/** Sends `text` on a raw connection and resolves with what comes back, and when. */
function rawExchange(text: string): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    let answer = '';
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => socket.write(text));
    socket.on('data', (chunk) => (answer += chunk));
    const done = () => resolve({ answer, ms: performance.now() - started });
    socket.on('close', done);
    socket.on('error', done);
  });
}

describe('timeouts and aborted requests', () => {
  it('stalled headers get 408 once TASKFRONT_HEADERS_TIMEOUT (1 s here) has passed', async () => {
    const { answer, ms } = await rawExchange('GET / HTTP/1.1\r\nHost: x\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeGreaterThan(900);
    expect(ms).toBeLessThan(3500);
  });

  it('a stalled body gets 408 once TASKFRONT_REQUEST_TIMEOUT (2 s here) has passed', async () => {
    const { answer, ms } = await rawExchange(`POST /feedback/${TASK} HTTP/1.1\r\nHost: x\r\nOrigin: http://x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nuseful=`);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeGreaterThan(1900);
    expect(ms).toBeLessThan(4500);
  });

  it('an aborted request is one short log line, not a stack trace', async () => {
    const before = log.length;
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => {
        socket.write(`POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ty`);
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on('close', () => resolve());
    });
    await expect.poll(() => log.slice(before), { timeout: 2000 }).toMatch(/aborted/);
    const lines = log.slice(before).trim().split('\n');
    expect(lines).toEqual(['request aborted by the client: POST /api/events']);
  });

  it('never logged a stack trace', () => {
    expect(log).not.toMatch(/\n\s+at /);
  });
});

describe('compression and caching', () => {
  const asset = () => `/_astro/${builtFiles().find((file) => /^_astro\/.*\.css$/.test(file))!.slice('_astro/'.length)}`;

  it.each([['/'], [`/${TASK}`], ['/search?q=bins'], ['/performance'], ['/search-index.json']])('%s is sent brotli, gzip or plain as asked', async (path) => {
    const plain = await request('GET', path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [accept, encoding] of [['br', 'br'], ['gzip, deflate, br', 'br'], ['gzip', 'gzip'], ['identity', undefined]] as const) {
      const answer = await request('GET', path, { headers: { 'Accept-Encoding': accept } });
      expect(answer.headers['content-encoding'], `${path} with ${accept}`).toBe(encoding);
      expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
      expect(answer.body.length).toBeLessThanOrEqual(plain.body.length);
    }
  });

  it('compresses CSS and JS assets from the copies made at build time', async () => {
    const answer = await request('GET', asset(), { headers: { 'Accept-Encoding': 'br' } });
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('hashed assets are immutable on GET and HEAD; pages revalidate', async () => {
    for (const method of ['GET', 'HEAD']) {
      expect((await request(method, asset())).headers['cache-control'], method).toBe('public, max-age=31536000, immutable');
      expect((await request(method, `/${TASK}`)).headers['cache-control'], method).toBe('no-cache');
    }
  });

  it('a repeat visit gets 304, with the page’s own policy kept', async () => {
    const first = await request('GET', `/${TASK}`);
    expect(first.headers.etag).toBeTruthy();
    expect(first.headers['last-modified']).toBeTruthy();
    const again = await request('GET', `/${TASK}`, { headers: { 'If-None-Match': String(first.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect(again.headers['cache-control']).toBe('no-cache');
  });

  it('on-demand pages are not stored by caches (search terms are in their address)', async () => {
    expect((await request('GET', '/search?q=x')).headers['cache-control']).toBe('no-store');
  });
});

describe('addresses', () => {
  it('sends /browse/ to /browse, keeping the query', async () => {
    const answer = await request('GET', '/browse/?x=1');
    expect(answer.status).toBe(301);
    expect(answer.headers.location).toBe('/browse?x=1');
  });

  it('never redirects to another site', async () => {
    for (const path of ['//example.com/', '/\\example.com/', '//example.com//']) {
      const answer = await request('GET', path);
      expect(String(answer.headers.location ?? ''), path).not.toMatch(/^\/\/|^\/\\|^https?:/);
    }
  });

  it('refuses an address that cannot be decoded', async () => {
    expect((await request('GET', '/%E0%A4%A')).status).toBe(400);
  });
});
