/**
 * The portal's HTTP request listener, around Astro's renderer:
 *
 * 1. security headers on every response (CSP from Astro for each page);
 * 2. methods and body sizes checked from the request line and headers, then a
 *    POST body read here, within its limit and deadline, before any page code;
 * 3. prerendered pages from memory (page-cache.ts: read once, compressed once per encoding),
 *    and other built files from disk by sirv, using the brotli or gzip copies made at build
 *    time, with ETag, Last-Modified and a cache policy per kind of file;
 * 4. everything else rendered by Astro and compressed on the fly (compression), except
 *    GET /api/search, answered here with the route's own function (decision 0039).
 *
 * A prerendered page can also carry live HTML (an incident banner, decision 0033): the
 * page leaves an empty slot, and `pageInsert` says what goes in it as the page is served.
 *
 * Decisions 0019 (this wrapper) and 0021 (compression and caching) say why.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import compression from 'compression';
import onHeaders from 'on-headers';
import sirv from 'sirv';
import type { SearchAnswer } from '../search/search-api.ts';
import { errorBody } from '../server/responses.ts';
import { chooseEncoding, MIN_BYTES } from '../tracking/stats/rendered.ts';
import { cacheControlForStatic, FALLBACK_CSP, REVALIDATE, securityHeaders, withCharset } from './headers.ts';
import { createPageCache, type PageInsert } from './page-cache.ts';
import type { PageCsp } from './page-csp.ts';
import { readBody } from './read-body.ts';
import { checkRequest, isApiPath, tooLargeMessage } from './routes.ts';
import type { ServerSettings } from './server-config.ts';

/** Astro's renderer for on-demand routes (the adapter's handler in middleware mode). */
export type Renderer = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface PortalOptions {
  /** The client build: dist/client. */
  clientDir: string;
  pageCsp: PageCsp;
  render: Renderer;
  settings: ServerSettings;
  /** Where one-line notes about refused or broken requests go. */
  log?: (line: string) => void;
  /** Live HTML for a prerendered page, by address; undefined serves the page as built. */
  pageInsert?: (pathname: string) => PageInsert | undefined;
  /**
   * Loads the answer to GET /api/search (the same searchAnswer the Astro route sends), so the
   * listener answers it without Astro's renderer (decision 0039). Started as the listener is
   * made, so the first search does not wait for the index. Without it, Astro answers.
   */
  searchApi?: () => Promise<(params: URLSearchParams) => SearchAnswer>;
}

const SEARCH_API = '/api/search';
/**
 * A query string that `handle` would neither refuse nor read differently (see answerSearchAtOnce): printable ASCII
 * without a fragment, which the URL parser keeps as sent, and escapes of ASCII bytes only, which decodeURI always
 * decodes. (A decodeURI call here instead would not do: the bundler drops one whose result is unused.)
 */
const PLAIN_QUERY = /^(?:[\x21\x22\x24\x26-\x7e]|%[0-7][\da-fA-F])*$/;

/** A response's headers as finishHeaders reads and changes them: a ServerResponse's, or a list being made. */
interface HeaderView {
  get(name: string): unknown;
  has(name: string): boolean;
  set(name: string, value: string): void;
}

/** A request carrying a body we have already read; Astro's request builder uses it as is. */
type ReadRequest = IncomingMessage & { body?: Buffer };

const CSP = 'Content-Security-Policy';

/** How long an unread body is drained after a refusal before the connection is cut. */
const LINGER_MS = 2000;

/**
 * Closes a connection whose body we refused without cutting off our own answer.
 * Node ends such a connection with socket.destroySoon(): it closes the socket as
 * soon as the answer is written, and closing with unread bytes waiting makes the
 * kernel send a reset, which can make the client throw our 413 away unread. So we
 * end our side only, read and drop what still comes (nothing is kept, so memory
 * stays flat) until the client closes too, for at most LINGER_MS.
 */
function lingerBeforeClosing(req: IncomingMessage): void {
  const socket = req.socket;
  socket.destroySoon = function lingerThenDestroy() {
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.once('close', () => clearTimeout(timer));
    socket.once('end', () => socket.destroy());
    socket.end();
    req.resume();
    socket.resume();
  };
}

export function createPortalListener({ clientDir, pageCsp, render, settings, log = (line) => console.error(line), pageInsert, searchApi }: PortalOptions) {
  // The same for every response: made twice, not per request.
  const headersFor = { plain: Object.entries(securityHeaders({ https: false })), https: Object.entries(securityHeaders({ https: true })) };

  /**
   * The last word on every response's headers, applied as they go out (finalise, below) or, for a search answer,
   * once per kind of answer (searchHeaders): a charset on text, a Content-Security-Policy (the page's own, or the
   * fallback), and no caching unless the response chose a policy.
   */
  function finishHeaders(headers: HeaderView, status: number): void {
    const type = headers.get('Content-Type');
    if (typeof type === 'string') headers.set('Content-Type', withCharset(type));
    // A 304 updates the cached copy's headers; it must not swap the page's policy for another.
    if (!headers.has(CSP) && status !== 304) {
      const html = typeof type === 'string' && type.startsWith('text/html');
      headers.set(CSP, (html && status === 404 && pageCsp.forPath('/404')) || FALLBACK_CSP);
    }
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
  }

  /**
   * Every header of a search answer sent without compression, as the flat [name, value, …] list writeHead takes:
   * what setHeader calls, the compression middleware's Vary and finalise would have made, worked out once per kind
   * of answer (searchAnswer shares its header objects) instead of on every request. Content-Length is added per answer.
   */
  const searchHeaderLists = { plain: new WeakMap<SearchAnswer['headers'], string[]>(), https: new WeakMap<SearchAnswer['headers'], string[]>() };
  function searchHeaders(answer: SearchAnswer, https: boolean): string[] {
    const lists = https ? searchHeaderLists.https : searchHeaderLists.plain;
    let list = lists.get(answer.headers);
    if (!list) {
      const headers = new Map<string, [string, string]>();
      const view: HeaderView = {
        get: (name) => headers.get(name.toLowerCase())?.[1],
        has: (name) => headers.has(name.toLowerCase()),
        set: (name, value) => void headers.set(name.toLowerCase(), [name, value]),
      };
      for (const [name, value] of [...(https ? headersFor.https : headersFor.plain), ['Vary', 'Accept-Encoding'], ...Object.entries(answer.headers)]) view.set(name!, value!);
      finishHeaders(view, answer.status);
      list = [...headers.values()].flat();
      lists.set(answer.headers, list);
    }
    return list;
  }

  // Kept once loaded, so a search is answered in the same turn as its request, without waiting on a promise.
  let searchLoaded: ((params: URLSearchParams) => SearchAnswer) | undefined;
  let searching: Promise<(params: URLSearchParams) => SearchAnswer> | undefined;
  const loadSearch = searchApi && (() => (searching ??= searchApi().then((answer) => (searchLoaded = answer))));
  // A failure here is logged once now; each search then answers 500 with the same cause in the log.
  if (loadSearch) setImmediate(() => loadSearch().catch((error: unknown) => log(`could not load search: ${error instanceof Error ? error.message : String(error)}`)));

  /**
   * GET /api/search from a client that takes no encoding (most API clients, and the benchmark), answered as the
   * request arrives: one writeHead with the headers worked out in advance and the body with its length, so Node
   * writes it in one go. Only for an address that `handle` would read the same way: the path exactly /api/search
   * and a PLAIN_QUERY; anything else (non-ASCII, a fragment, a broken escape), and a search not yet loaded, goes
   * through `handle`, which answers it with the general checks.
   */
  function answerSearchAtOnce(req: IncomingMessage, res: ServerResponse): boolean {
    if (!searchLoaded || req.method !== 'GET' || req.headers['accept-encoding'] !== undefined) return false;
    const raw = req.url ?? '';
    const query = raw.startsWith(`${SEARCH_API}?`) ? raw.slice(SEARCH_API.length + 1) : raw === SEARCH_API ? '' : undefined;
    if (query === undefined || !PLAIN_QUERY.test(query)) return false;
    const answer = searchLoaded(new URLSearchParams(query));
    const https = settings.forceHsts || (req.socket as TLSSocket).encrypted === true;
    res.writeHead(answer.status, [...searchHeaders(answer, https), 'Content-Length', String(Buffer.byteLength(answer.body))]);
    res.end(answer.body);
    return true;
  }

  // sirv lists and stats every built file when it is made: at 10,000 tasks that is tens of thousands of files and
  // most of the start-up. Made on the first request that looks for a file, so a search answered as the server
  // starts never waits for it (decision 0039).
  let staticHandler: ReturnType<typeof sirv> | undefined;
  const statics: ReturnType<typeof sirv> = (req, res, next) => (staticHandler ??= makeStatics())(req, res, next);
  const makeStatics = () => sirv(clientDir, {
    dev: false,
    etag: true,
    brotli: true,
    gzip: true,
    extensions: ['html'],
    setHeaders(res, pathname) {
      // sirv gives text/html a charset but not CSS, JS, JSON or SVG.
      const type = res.getHeader('Content-Type');
      if (typeof type === 'string') res.setHeader('Content-Type', withCharset(type));
      void pathname;
    },
  });
  // Level 4 brotli and level 6 gzip (the library's defaults): a good size for the
  // time taken on every request. Files from disk were compressed once, at full level.
  // Its types name Express's request; it only uses what node:http's has.
  const compress = compression({ threshold: 1024 }) as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

  // The build does not change while the server runs, so each page is read once and kept, within a limit.
  const pages = createPageCache(clientDir);

  /**
   * Serves a prerendered page, with its live HTML in place when there is some. The ETag is a hash
   * of the page sent, so a browser holding the page without a banner (or with an old one) gets the
   * new page, never a 304; Cache-Control is no-cache, so every view asks. Returns false when there
   * is no page at this address, and sirv or Astro answers instead.
   */
  async function servePage(req: IncomingMessage, res: ServerResponse, pathname: string, insert: PageInsert | undefined): Promise<boolean> {
    const page = await pages.get(pathname, insert);
    if (!page) return false;
    const policy = pageCsp.forPath(pathname);
    if (policy) res.setHeader(CSP, policy);
    res.setHeader('Cache-Control', REVALIDATE);
    res.setHeader('ETag', page.etag);
    res.setHeader('Last-Modified', page.lastModified);
    res.setHeader('Vary', 'Accept-Encoding');
    const asked = req.headers['if-none-match'];
    if (asked && asked.split(',').some((tag) => tag.trim() === page.etag)) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    const encoding = page.body.length >= MIN_BYTES ? chooseEncoding(req.headers['accept-encoding'] ?? null) : undefined;
    const body = encoding ? await page.encoded(encoding) : page.body;
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    // Already compressed: the compression middleware leaves a response with an encoding alone.
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  async function handle(req: ReadRequest, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    // First, so every answer has them, the refusal of an unreadable address below included.
    const https = settings.forceHsts || (req.socket as TLSSocket).encrypted === true;
    for (const [name, value] of https ? headersFor.https : headersFor.plain) res.setHeader(name, value);
    // Decided when the headers go out, because only then is it known what the
    // response is: Astro sets its own policy on the pages it renders.
    onHeaders(res, function finalise(this: ServerResponse) {
      finishHeaders({ get: (name) => this.getHeader(name), has: (name) => this.hasHeader(name), set: (name, value) => void this.setHeader(name, value) }, this.statusCode);
    });

    let url: URL;
    try {
      decodeURI(req.url ?? '/');
      url = new URL(req.url ?? '/', 'http://portal.invalid');
    } catch {
      return refuse(req, res, '/', 400, 'The address is not valid.');
    }
    const pathname = url.pathname;

    const verdict = checkRequest(method, pathname, req.headers);
    if (!verdict.ok) return refuse(req, res, pathname, verdict.status, verdict.message, verdict.allow);

    // trailingSlash 'never': one address per page. "//x/" is left alone, since
    // "//x" in a Location header would send the browser to another site.
    if (pathname.length > 1 && pathname.endsWith('/') && !pathname.startsWith('//') && verdict.bodyLimit === undefined) {
      const url = req.url ?? '';
      const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
      res.writeHead(301, { Location: pathname.replace(/\/+$/, '') + query, 'Cache-Control': 'no-cache' });
      return void res.end();
    }

    // HEAD still goes to Astro's route: rare, and it keeps the route answering as the suite checks (decision 0039).
    if (loadSearch && method === 'GET' && pathname === SEARCH_API) {
      const answer = (await loadSearch())(url.searchParams);
      const send = () => void res.writeHead(answer.status, answer.headers).end(answer.body);
      // A client that takes no encoding skips the compression middleware, a tenth of this path's
      // time under load; its Vary header is the one the middleware would have added.
      if (req.headers['accept-encoding'] === undefined) return void (res.setHeader('Vary', 'Accept-Encoding'), send());
      return compress(req, res, send);
    }

    if (verdict.bodyLimit !== undefined) {
      const result = await readBody(req, verdict.bodyLimit, settings.requestTimeout * 1000);
      if (!result.ok) {
        if (result.reason === 'aborted') {
          log(`request aborted by the client: ${method} ${pathname}`);
          return void res.destroy();
        }
        if (result.reason === 'timeout') {
          log(`request timed out waiting for its body: ${method} ${pathname}`);
          return refuse(req, res, pathname, 408, `The request body did not arrive within ${settings.requestTimeout} seconds.`);
        }
        return refuse(req, res, pathname, 413, tooLargeMessage(verdict.bodyLimit));
      }
      req.body = result.body;
    }

    await new Promise<void>((resolve, reject) => {
      compress(req, res, () => {
        const toAstro = () => Promise.resolve(render(req, res)).then(resolve, reject);
        // The error page is served by Astro with its 404 status, never as a 200 file.
        if ((method !== 'GET' && method !== 'HEAD') || /^\/404(?:\.html)?$/.test(pathname)) return void toAstro();
        const insert = pageInsert?.(pathname);
        const serveStatic = () => {
          // Set before sirv looks, so a 304 carries them too; taken back if the
          // address is not a file and Astro answers instead.
          const policy = pageCsp.forPath(pathname);
          if (policy) res.setHeader(CSP, policy);
          res.setHeader('Cache-Control', cacheControlForStatic(pathname));
          statics(req, res, () => {
            res.removeHeader(CSP);
            res.removeHeader('Cache-Control');
            void toAstro();
          });
        };
        servePage(req, res, pathname, insert).then((served) => served || serveStatic(), reject);
        res.once('finish', resolve);
        res.once('close', resolve);
      });
    });
  }

  function refuse(req: IncomingMessage, res: ServerResponse, pathname: string, status: number, message: string, allow?: string): void {
    const api = isApiPath(pathname);
    const body = api ? errorBody(message) : `${message}\n`;
    const headers: Record<string, string | number> = {
      'Content-Type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    };
    if (allow) headers.Allow = allow;
    // A body we did not read would otherwise be taken as the next request on
    // this connection; closing it is also how the sender learns to stop.
    if (!req.complete) {
      headers.Connection = 'close';
      lingerBeforeClosing(req);
    }
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function failed(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    log(`could not answer ${req.method} ${(req.url ?? '').split('?')[0]}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    if (!res.headersSent) refuse(req, res, '/', 500, 'Something went wrong on our side.');
    else res.destroy();
  }

  return function portalListener(req: IncomingMessage, res: ServerResponse): void {
    try {
      if (answerSearchAtOnce(req, res)) return;
    } catch (error) {
      if (res.headersSent) return failed(req, res, error);
      // Nothing sent yet: the general path answers, with every header, a 500 included if it fails the same way.
      log(`the search fast path failed; answering ${(req.url ?? '').split('?')[0]} the general way: ${error instanceof Error ? error.message : String(error)}`);
    }
    handle(req, res).catch((error: unknown) => failed(req, res, error));
  };
}
