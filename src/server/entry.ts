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
import http from 'node:http';
import https from 'node:https';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
// Only the adapter's settings (port, host, folders), a few constants: Astro itself is imported after listening, below.
import * as options from 'virtual:astro-node:config';
import { createDashboardThread, isDashboardRequest, isDashboardWorkerData, serveDashboard, type DashboardApp, type DashboardWorkerData } from '../lib/http/dashboard-thread.ts';
import { loadPageCsp, type PageCsp } from '../lib/http/page-csp.ts';
import { createPortalListener, type Renderer } from '../lib/http/portal-listener.ts';
import { serverSettingsFromEnv } from '../lib/http/server-config.ts';
import { setting } from '../lib/settings/load-settings.ts';
import type { StatsOptions } from '../lib/tracking/storage/types.ts';
import type { DailyTaskStats, PortalStats } from '../schemas/events.ts';
import { liveIncidents, pageInsertFor } from '../lib/incidents/live.ts';
import { taskSlugs } from 'virtual:taskfront/task-slugs';

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
  // Loaded here, not at the top: the main thread loads Astro only after the first search (decision 0044).
  const [{ createApp }, { setGetEnv }, { readFiguresThrough }, { fileFigures }] = await Promise.all([
    import('astro/app/entrypoint'),
    import('astro/env/setup'),
    import('../lib/server/context.ts'),
    import('../lib/tracking/storage/locked-read.ts'),
  ]);
  // As the adapter's server module does before making its app.
  setGetEnv((key) => process.env[key]);
  serveDashboard({
    app: createApp() as DashboardApp,
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
  try {
    settings = serverSettingsFromEnv();
  } catch (error) {
    fail((error as Error).message);
  }

  // The pages' policies are read when a page first needs one, or by the warm-up after the search is ready (warmUp,
  // below), whichever comes first: at 10,000 tasks the file is 16 MB and parsing it was the largest single cost before the first search
  // could be answered. A missing or broken file still stops the server, a moment after it starts instead of before.
  const policiesFile = join(serverDir, '../_headers.json');
  let policies: PageCsp | undefined;
  const loadPolicies = () => (policies ??= loadPageCsp(policiesFile));
  const pageCsp: PageCsp = {
    forPath: (pathname) => loadPolicies().forPath(pathname),
    get size() {
      return loadPolicies().size;
    },
  };

  // Incident banners go into prerendered pages as they are served, read live from content/incidents (decision 0033).
  const taskPages: ReadonlySet<string> = new Set(taskSlugs);
  const incidents = liveIncidents();
  const pageInsert = (pathname: string) => pageInsertFor(pathname, taskPages, incidents);
  // GET /api/search is answered by the listener with the route's own function (decision 0039).
  // The listener calls this once, as it is made. What the search does not need is loaded after it: see warmUp.
  let searchSettled = () => {};
  const searchDone = new Promise<void>((resolve) => (searchSettled = resolve));
  const searchApi = () => {
    const loading = (async () => {
      const [{ searchAnswer }, { serverEngine }] = await Promise.all([import('../lib/search/search-api.ts'), import('../lib/search/server-search.ts')]);
      return (params: URLSearchParams) => searchAnswer(serverEngine, params);
    })();
    // Loaded or failed, alike: the listener logs a failure, and the rest of the portal still needs loading.
    loading.then(searchSettled, searchSettled);
    return loading;
  };

  // Astro's renderer (the adapter's handler) is loaded after the search, not before the server listens: importing it
  // runs Astro's runtime, its manifest and routes, and the adapter reads every page's headers again. The searches, files
  // and incident banners do not need it; a request that does waits for it (decision 0044).
  let astro: Promise<Renderer> | undefined;
  const loadAstro = () =>
    (astro ??= import('@astrojs/node/server.js').then(
      ({ handler }) => handler as Renderer,
      // As when it was imported before listening: a server that cannot render stops, saying why.
      (error: unknown) => fail(`could not load Astro's renderer: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
    ));
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
  const render: Renderer = async (req, res) =>
    dashboard && isDashboardRequest(req.method, (req.url ?? '/').split('?')[0] ?? '/') ? dashboard.render(req, res) : (await loadAstro())(req, res);

  /**
   * Loads what the search does not need, the pages' policies, then Astro, so that an idle server has them ready. A
   * request that needs one sooner loads it itself, so this only decides when an idle server does the work. Each holds
   * the event loop for a few hundred milliseconds at 10,000 tasks, so it starts a while after the server listens and the
   * search is ready, so that the searches sent as it started are answered first. 50 ms was too soon on a busy machine:
   * in profiles at 10,000 tasks the first search was still read after the warm-up had begun.
   */
  const WARM_UP_DELAY_MS = 1000;
  function warmUp() {
    try {
      loadPolicies();
    } catch (error) {
      fail((error as Error).message);
    }
    void loadAstro();
  }
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
    // Unref'd: a server told to stop in its first second stops without loading Astro first.
    void searchDone.then(() => setTimeout(warmUp, WARM_UP_DELAY_MS).unref());
  });
}

// SIGTERM and SIGINT are handled by server-start.ts (imported first): it finds this
// server through Node's diagnostics channels, drains it and closes the event store.
