/**
 * GET /api/search from a client that asks for no encoding is answered as the request arrives, with a header list
 * worked out in advance (decision 0039). These check that it sends what the general path sends: addresses the fast
 * path leaves alone (another spelling of the path, a fragment, a bad escape) go the general way, and the two must
 * agree on status, headers and body; HSTS comes with it when it is asked for.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/site.ts';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A GET with the path sent exactly as given and no Accept-Encoding (fetch always sends one). */
function rawGet(base: string, path: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/`, { path, headers: {} }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, String(value)])), body }));
    });
    req.on('error', reject).end();
  });
}

// Differ by nature between two answers, whichever path sent them.
const FRAMING = new Set(['content-length', 'transfer-encoding', 'date', 'connection', 'keep-alive']);
const comparable = (answer: RawAnswer) => ({ status: answer.status, body: answer.body, headers: Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !FRAMING.has(name))) });

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'taskfront-fast-path-'));
  server = await startServer({ TASKFRONT_DB: join(dir, `${randomUUID()}.sqlite`) });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/search without an encoding', () => {
  // `fast`: whether the fast path takes it (non-ASCII is left to the general path).
  it.each([
    ['q=council%20tax&limit=3', 'council tax, escaped', true],
    ['q=council+tax&limit=3', 'council tax, with a plus', true],
    ['q=%3Cscript%3E"\'&limit=2', 'quotes and escaped markup', true],
    ['q=%7Ebin%25', 'escaped ASCII', true],
    ['q=caf%C3%A9%20tax', 'an escaped non-ASCII letter', false],
    ['limit=0', 'a bad limit (400)', true],
    ['', 'no query', true],
  ])('%s (%s): the same answer as the general path', async (query, _what, fast) => {
    // "/api/./search" is read as /api/search by the URL parser, but it is not the exact path the fast path takes.
    const [direct, general] = await Promise.all([rawGet(server.url, `/api/search?${query}`), rawGet(server.url, `/api/./search?${query}`)]);
    expect(comparable(direct)).toEqual(comparable(general));
    // Only the fast path states the length; the general path's answers are chunked.
    expect(direct.headers['content-length']).toBe(fast ? String(Buffer.byteLength(direct.body)) : undefined);
    expect(general.headers['content-length']).toBeUndefined();
    expect(direct.headers['content-security-policy']).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(direct.headers['vary']).toBe('Accept-Encoding');
    expect(direct.headers['strict-transport-security']).toBeUndefined();
  });

  it('leaves a fragment out of the query, as the URL parser does', async () => {
    const [withFragment, without] = await Promise.all([rawGet(server.url, '/api/search?q=pothole#results'), rawGet(server.url, '/api/search?q=pothole')]);
    expect(comparable(withFragment)).toEqual(comparable(without));
    expect(JSON.parse(withFragment.body).query).toBe('pothole');
  });

  it.each(['q=%E0%A4%A', 'q=bin%2', 'q=%C3'])('refuses %s (a broken escape) with 400, security headers and all', async (query) => {
    const answer = await rawGet(server.url, `/api/search?${query}`);
    expect(answer.status).toBe(400);
    // Refused before the path is known, so in plain text, as any unreadable address is.
    expect(answer.body).toBe('The address is not valid.\n');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('sends HSTS when TASKFRONT_HSTS=1', async () => {
    const hsts = await startServer({ TASKFRONT_DB: join(dir, `${randomUUID()}.sqlite`), TASKFRONT_HSTS: '1' });
    try {
      // A search that arrives while the engine loads goes the general way, and waits for it: after that one, the fast
      // path answers (its answers carry a Content-Length; the general path's are chunked).
      await rawGet(hsts.url, '/api/search?q=tax');
      for (const path of ['/api/search?q=bin', '/api/search?limit=0']) {
        const answer = await rawGet(hsts.url, path);
        expect(answer.headers['content-length'], path).toBe(String(Buffer.byteLength(answer.body)));
        expect(answer.headers['strict-transport-security'], path).toBe('max-age=31536000; includeSubDomains');
        expect(answer.headers['x-frame-options'], path).toBe('DENY');
      }
    } finally {
      await hsts.stop();
    }
  });
});
