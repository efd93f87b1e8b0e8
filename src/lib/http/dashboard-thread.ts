/**
 * The dashboard rendered on its own thread (decision 0045).
 *
 * Building a dashboard page is Astro's work on the server's one event loop: at a million
 * events about 8 ms of CPU for each /performance answer, and longer still for ten people
 * asking at once. A search arriving behind them waited its turn, so the dashboard, which
 * few people read, slowed the search that citizens use (issue 12). So the dashboard's
 * addresses (`isDashboardRequest`) are rendered by the same Astro app on a worker thread
 * that runs at a low scheduling priority (TASKFRONT_READER_NICE, as the SQLite reader does),
 * and the main thread only passes the request over and writes the finished answer out.
 *
 * The worker opens no event store of its own: a second store in the same process would
 * also watch the database file and try to carry it over when it is replaced. With SQLite on a
 * file it reads the figures from the file itself, under the lock the store's writer honours
 * (`readAccess`, tracking/storage/locked-read.ts); otherwise (PostgreSQL) it asks the main
 * thread for them (`stats` and `daily`), which reads them from its one store. The worker keeps
 * the brief figures cache, so requests for the same figures still share one read (decision 0043).
 *
 * The worker compresses what it renders (brotli or gzip, as the server would), synchronously
 * on its own low-priority thread rather than in the shared pool, and the answer is sent with
 * Content-Encoding set, which the server's compression layer leaves alone.
 *
 * If the worker cannot answer (it failed to start, it crashed, or it took longer than the
 * server's request timeout), the person gets a plain 503 with Retry-After, never a hang; the
 * next request starts a new worker.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Worker, type MessagePort } from 'node:worker_threads';
import { errorBody } from '../server/responses.ts';
import { chooseEncoding, compressHere, MIN_BYTES } from '../tracking/stats/rendered.ts';
import { lowerThisThread, type ThisThread } from '../tracking/storage/thread-stat.ts';
import type { SqliteReadAccess } from '../tracking/storage/types.ts';
import { isApiPath } from './routes.ts';

/** The workerData.role that makes the server entry serve the dashboard instead of listening. */
export const DASHBOARD_THREAD_ROLE = 'taskfront-dashboard';

/** Seconds a person is asked to wait when the dashboard thread could not answer. */
const RETRY_AFTER_SECONDS = 30;

/**
 * The dashboard's addresses: its pages, its CSV and the figures API. Only reads (GET and
 * HEAD); everything else stays with the main thread.
 */
export function isDashboardRequest(method: string | undefined, pathname: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return pathname === '/performance' || pathname === '/performance.csv' || pathname === '/api/stats' || /^\/performance\/[^/]+$/.test(pathname);
}

/** What the worker needs to know, given as workerData. */
export interface DashboardWorkerData {
  role: typeof DASHBOARD_THREAD_ROLE;
  /** The client build, for the prerendered 404 page. */
  clientDir: string;
  /** The worker thread's nice value, 0 to 19. */
  nice: number;
  /** SQLite on a file: the worker reads the figures from it itself. */
  sqlite?: SqliteReadAccess;
}

/** How the worker reads figures: the two reads of the event store that the dashboard makes. */
export type FigureMethod = 'stats' | 'daily';

type ToWorker =
  | { kind: 'render'; id: number; url: string; method: string; headers: [string, string][]; clientAddress?: string }
  | { kind: 'figures'; id: number; value?: unknown; error?: string };

type FromWorker =
  | { kind: 'ready'; thread: ThisThread }
  | { kind: 'response'; id: number; status: number; headers: [string, string][]; body: Uint8Array }
  | { kind: 'failed'; id: number; message: string }
  | { kind: 'figures'; id: number; method: FigureMethod; args: unknown[] };

export interface DashboardThreadOptions {
  /** The module the worker runs: the server entry, which serves the dashboard when it finds DASHBOARD_THREAD_ROLE. */
  entry: URL;
  clientDir: string;
  nice: number;
  /** The longest a dashboard answer may take before the person is told to try again. */
  timeoutMs: number;
  /** Answers the worker's figure reads from the server's own store. */
  readFigures: (method: FigureMethod, args: unknown[]) => Promise<unknown>;
  /** The store's file and lock, when the worker may read the figures itself (asked as each worker starts). */
  readAccess?: () => Promise<SqliteReadAccess | undefined>;
  log?: (line: string) => void;
}

export interface DashboardThread {
  /** Answers a dashboard request (isDashboardRequest) from the worker. */
  render(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The worker's thread id and nice value, once it has started. */
  thread(): ThisThread | undefined;
  /** Stops the worker (the next request starts another). */
  close(): Promise<void>;
}

interface Pending {
  resolve: (answer: Extract<FromWorker, { kind: 'response' }>) => void;
  reject: (error: Error) => void;
}

/** The main thread's side: starts the worker on the first dashboard request and keeps it. */
export function createDashboardThread({ entry, clientDir, nice, timeoutMs, readFigures, readAccess, log = (line) => console.error(line) }: DashboardThreadOptions): DashboardThread {
  let worker: Promise<Worker> | undefined;
  /** The running worker, once started: an 'exit' of an older one must not forget it. */
  let current: Worker | undefined;
  let thread: ThisThread | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  function failAll(error: Error) {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  }

  async function start(): Promise<Worker> {
    // A store that cannot open yet: the worker asks the main thread, which answers 503 until it can.
    const sqlite = await readAccess?.().catch(() => undefined);
    const workerData: DashboardWorkerData = { role: DASHBOARD_THREAD_ROLE, clientDir, nice, ...(sqlite ? { sqlite } : {}) };
    const started = new Worker(entry, { workerData });
    // The server stops when it is told to; a worker waiting for work must not keep it up.
    started.unref();
    started.on('message', (message: FromWorker) => {
      if (message.kind === 'ready') thread = message.thread;
      else if (message.kind === 'figures') {
        readFigures(message.method, message.args).then(
          (value) => started.postMessage({ kind: 'figures', id: message.id, value } satisfies ToWorker),
          (error: unknown) => started.postMessage({ kind: 'figures', id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies ToWorker),
        );
      } else {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.kind === 'response') waiting?.resolve(message);
        else waiting?.reject(new Error(message.message));
      }
    });
    const forget = () => {
      if (current === started) (worker = undefined), (current = undefined);
    };
    started.on('error', (error) => {
      log(`dashboard thread failed: ${error.stack ?? error.message}`);
      forget();
      failAll(error);
    });
    started.on('exit', (code) => {
      forget();
      failAll(new Error(`the dashboard thread stopped (exit code ${code})`));
    });
    current = started;
    return started;
  }

  async function ask(message: Omit<Extract<ToWorker, { kind: 'render' }>, 'id'>): Promise<Extract<FromWorker, { kind: 'response' }>> {
    // A worker that could not be started is not kept: the next request tries again.
    worker ??= start().catch((error: unknown) => {
      worker = undefined;
      throw error;
    });
    const id = ++nextId;
    const to = await worker;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (answer) => (clearTimeout(timer), resolve(answer)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      to.postMessage({ ...message, id } satisfies ToWorker);
    });
  }

  return {
    async render(req, res) {
      const pathname = (req.url ?? '/').split('?')[0] ?? '/';
      // The address and client address as Astro's own request builder makes them with no allowed domains (ours): the
      // Host header and the connection's address, forwarded headers ignored. Made here without building a Request,
      // which was much of the main thread's remaining share of a dashboard answer.
      const https = 'encrypted' in req.socket && Boolean(req.socket.encrypted);
      const url = `${https ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
      if (!URL.canParse(url)) {
        res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        return void res.end('The address or its Host header is not valid.\n');
      }
      const headers: [string, string][] = [];
      for (const [name, values] of Object.entries(req.headersDistinct)) if (!name.startsWith(':')) for (const value of values ?? []) headers.push([name, value]);
      let answer;
      try {
        answer = await ask({ kind: 'render', url, method: req.method ?? 'GET', headers, ...(req.socket.remoteAddress ? { clientAddress: req.socket.remoteAddress } : {}) });
      } catch (error) {
        log(`dashboard thread could not answer ${req.method} ${pathname}: ${(error as Error).message}; answered 503`);
        if (res.headersSent) return void res.destroy();
        const message = 'The performance figures cannot be shown just now. Please try again in a minute.';
        const api = isApiPath(pathname);
        res.writeHead(503, {
          'Content-Type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
          'Retry-After': String(RETRY_AFTER_SECONDS),
        });
        return void res.end(api ? errorBody(message) : `${message}\n`);
      }
      res.statusCode = answer.status;
      const setCookies: string[] = [];
      for (const [name, value] of answer.headers) {
        if (name === 'set-cookie') setCookies.push(value);
        else if (name !== 'content-length') res.setHeader(name, value);
      }
      if (setCookies.length) res.setHeader('set-cookie', setCookies);
      res.end(req.method === 'HEAD' ? undefined : Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength));
    },
    thread: () => thread,
    async close() {
      const stopping = worker;
      worker = undefined;
      current = undefined;
      await (await stopping)?.terminate();
    },
  };
}

/** The parts of Astro's App the worker uses. */
export interface DashboardApp {
  match(request: Request): unknown;
  render(request: Request, options: { routeData?: never; clientAddress?: string; addCookieHeader?: boolean; prerenderedErrorPageFetch?: (url: string) => Promise<Response> }): Promise<Response>;
}

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml|atom\+xml)|image\/svg\+xml)/i;

/** The body as the person's client should get it: compressed when it accepts that and it is worth it. */
export function encodeForClient(headers: Headers, body: Uint8Array, acceptEncoding: string | null): Uint8Array {
  if (headers.has('content-encoding') || body.byteLength < MIN_BYTES || !COMPRESSIBLE.test(headers.get('content-type') ?? '')) return body;
  if (headers.get('cache-control')?.includes('no-transform')) return body;
  headers.append('Vary', 'Accept-Encoding');
  const encoding = chooseEncoding(acceptEncoding);
  if (!encoding) return body;
  headers.set('Content-Encoding', encoding);
  return compressHere(encoding, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}

/**
 * The worker's side: lowers its own priority, then renders each request it is sent with
 * Astro's app. `useFigures` is given the reader that asks the main thread for figures.
 */
export function serveDashboard({ app, port, data, useFigures, readErrorPage }: {
  app: DashboardApp;
  port: MessagePort;
  data: DashboardWorkerData;
  useFigures: (read: (method: FigureMethod, args: unknown[]) => Promise<unknown>) => void;
  readErrorPage: (url: string) => Promise<Response>;
}): void {
  let nextId = 0;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  useFigures((method, args) => new Promise((resolve, reject) => {
    const id = ++nextId;
    waiting.set(id, { resolve, reject });
    port.postMessage({ kind: 'figures', id, method, args } satisfies FromWorker);
  }));

  port.on('message', (message: ToWorker) => {
    if (message.kind === 'figures') {
      const reader = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error !== undefined) reader?.reject(new Error(message.error));
      else reader?.resolve(message.value);
      return;
    }
    void answer(message).then(
      (response) => port.postMessage(response),
      (error: unknown) => port.postMessage({ kind: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) } satisfies FromWorker),
    );
  });

  async function answer({ id, url, method, headers, clientAddress }: Extract<ToWorker, { kind: 'render' }>): Promise<FromWorker> {
    const started = performance.now();
    const request = new Request(url, { method, headers });
    const routeData = app.match(request) as never;
    const response = await app.render(request, { routeData, clientAddress, addCookieHeader: true, prerenderedErrorPageFetch: readErrorPage });
    const out = new Headers(response.headers);
    const body = encodeForClient(out, new Uint8Array(await response.arrayBuffer()), request.headers.get('accept-encoding'));
    out.append('Server-Timing', `dashboard-thread;dur=${(performance.now() - started).toFixed(1)}`);
    const list: [string, string][] = [...out].filter(([name]) => name !== 'set-cookie');
    for (const cookie of out.getSetCookie()) list.push(['set-cookie', cookie]);
    return { kind: 'response', id, status: response.status, headers: list, body };
  }

  port.postMessage({ kind: 'ready', thread: lowerThisThread(data.nice) } satisfies FromWorker);
}

/** True when this thread was started as the dashboard's worker. */
export function isDashboardWorkerData(data: unknown): data is DashboardWorkerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === DASHBOARD_THREAD_ROLE;
}
