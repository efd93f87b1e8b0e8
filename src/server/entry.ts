/**
 * The portal's server: what dist/server/entry.mjs runs (`npm start`, `npm run
 * preview`, the tests). Astro's Node adapter, built in middleware mode, renders
 * the on-demand routes; src/lib/http/portal-listener.ts does everything around it.
 *
 * Environment: PORT and HOST as before; SERVER_CERT_PATH and SERVER_KEY_PATH for
 * HTTPS (as the adapter's own server took them); TASKFRONT_HEADERS_TIMEOUT,
 * TASKFRONT_REQUEST_TIMEOUT and TASKFRONT_HSTS (src/lib/http/server-config.ts).
 */
// First: every setting is checked (a bad one stops the start, exit 78) and SIGTERM/SIGINT
// stop gracefully, finishing requests and closing the event store (decision 0027).
import '../lib/server/server-start.ts';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import http from 'node:http';
import https from 'node:https';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handler, options } from '@astrojs/node/server.js';
import { createApp } from 'astro/app/entrypoint';
import { createDashboardThread, isDashboardRequest, isDashboardWorkerData, serveDashboard, type DashboardWorkerData } from '../lib/http/dashboard-thread.ts';
import { loadPageCsp } from '../lib/http/page-csp.ts';
import { createPortalListener, type Renderer } from '../lib/http/portal-listener.ts';
import { serverSettingsFromEnv } from '../lib/http/server-config.ts';
import { setting } from '../lib/settings/load-settings.ts';
import { liveIncidents, pageInsertFor } from '../lib/incidents/live.ts';
import { tasks } from 'virtual:taskfront/catalogue';
import type { StatsOptions } from '../lib/tracking/storage/types.ts';
import type { DailyTaskStats, PortalStats } from '../schemas/events.ts';

function fail(message: string): never {
  console.error(`taskfront: ${message}`);
  process.exit(1);
}

// This file is built to <outDir>/server/entry.mjs; the client build and the
// pages' policies sit beside that folder wherever the build was put.
const serverDir = dirname(fileURLToPath(import.meta.url));
const clientDir = join(serverDir, relative(fileURLToPath(options.server), fileURLToPath(options.client)));

// The dashboard's worker thread runs this same file (decision 0045): it renders, it does not listen.
if (isDashboardWorkerData(workerData) && parentPort) void serveDashboardThread(workerData);
else listen();

async function serveDashboardThread(data: DashboardWorkerData): Promise<void> {
  // Loaded here, not at the top: the main thread needs the server's context only when a page does.
  const [{ readFiguresThrough }, { fileFigures }] = await Promise.all([import('../lib/server/context.ts'), import('../lib/tracking/storage/locked-read.ts')]);
  serveDashboard({
    app: createApp(),
    port: parentPort!,
    data,
    useFigures: (read) => readFiguresThrough(data.sqlite ? fileFigures(data.sqlite) : {
      stats: (options) => read('stats', [options]) as Promise<PortalStats>,
      daily: (...args) => read('daily', args) as Promise<DailyTaskStats[]>,
    }),
    // The prerendered error pages, read from the client build as the adapter's handler reads them.
    readErrorPage: async (url) => {
      const status = /\/500(?:\.html|\/index\.html)?\/?$/.test(new URL(url).pathname) ? 500 : 404;
      try {
        return new Response(await readFile(join(data.clientDir, `${status}.html`)), { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      } catch {
        return new Response(null, { status: 404 });
      }
    },
  });
}

/** The same store the pages record into: one per process, loaded when first needed. */
async function storeOfThisProcess() {
  return (await import('../lib/server/context.ts')).getStore();
}

function listen(): void {
  let settings;
  let pageCsp;
  try {
    settings = serverSettingsFromEnv();
    pageCsp = loadPageCsp(join(serverDir, '../_headers.json'));
  } catch (error) {
    fail((error as Error).message);
  }

  // Incident banners go into prerendered pages as they are served, read live from content/incidents (decision 0033).
  const taskPages: ReadonlySet<string> = new Set(tasks.map((task) => task.slug));
  const incidents = liveIncidents();
  const pageInsert = (pathname: string) => pageInsertFor(pathname, taskPages, incidents);
  // GET /api/search is answered by the listener with the route's own function (decision 0039).
  const searchApi = async () => {
    const [{ searchAnswer }, { serverEngine }] = await Promise.all([import('../lib/search/search-api.ts'), import('../lib/search/server-search.ts')]);
    return (params: URLSearchParams) => searchAnswer(serverEngine, params);
  };
  // The dashboard's pages and figures are rendered on a low-priority worker thread, so they never hold up search (decision 0045).
  const dashboard = setting('TASKFRONT_DASHBOARD_THREAD')
    ? createDashboardThread({
        entry: new URL(import.meta.url),
        clientDir,
        nice: setting('TASKFRONT_READER_NICE'),
        timeoutMs: settings.requestTimeout * 1000,
        readFigures: async (method, args) => {
          const store = await storeOfThisProcess();
          return method === 'stats' ? store.stats(args[0] as StatsOptions) : store.daily(...(args as [string, string, string]));
        },
        readAccess: async () => (await storeOfThisProcess()).readAccess?.(),
      })
    : undefined;
  const render: Renderer = (req, res) =>
    dashboard && isDashboardRequest(req.method, (req.url ?? '/').split('?')[0] ?? '/') ? dashboard.render(req, res) : (handler as Renderer)(req, res);
  const listener = createPortalListener({ clientDir, pageCsp, settings, render, pageInsert, searchApi });

  const port = Number(process.env.PORT || options.port || 4321);
  const host = process.env.HOST || (typeof options.host === 'string' ? options.host : options.host ? '0.0.0.0' : 'localhost');
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number (0 to 65535); got "${process.env.PORT}"`);

  const serverOptions: http.ServerOptions = {
    headersTimeout: settings.headersTimeout * 1000,
    requestTimeout: settings.requestTimeout * 1000,
    // Node checks the two timeouts above on this interval (30 s by default), so
    // a stalled client would otherwise be held up to 30 s past its deadline.
    connectionsCheckingInterval: 1000,
    keepAliveTimeout: 5000,
  };

  const cert = process.env.SERVER_CERT_PATH;
  const key = process.env.SERVER_KEY_PATH;
  const server = cert && key
    ? https.createServer({ ...serverOptions, cert: readFileSync(cert), key: readFileSync(key) }, listener)
    : http.createServer(serverOptions, listener);

  // Clients that hang up or send garbage are routine on the internet: answer or
  // drop them with one short line at most, never a stack trace.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\nX-Content-Type-Options: nosniff\r\n\r\n`);
  });

  server.on('error', (error: NodeJS.ErrnoException) => {
    fail(error.code === 'EADDRINUSE' ? `port ${port} is in use; stop the other server or set PORT` : error.message);
  });

  server.listen(port, host, () => {
    const address = server.address();
    const shown = typeof address === 'object' && address ? address.port : port;
    console.log(`Taskfront listening on ${cert && key ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${shown}`);
  });

  // SIGTERM and SIGINT are handled by server-start.ts (imported first): it finds this
  // server through Node's diagnostics channels, drains it and closes the event store.
}
