/**
 * A stand-in for the server entry on the dashboard's worker thread, for dashboard-thread.test.ts:
 * the real serveDashboard with a small app in place of Astro's. Each address shows one behaviour.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveDashboard, type DashboardApp, type FigureMethod } from './dashboard-thread.ts';

let read: (method: FigureMethod, args: unknown[]) => Promise<unknown> = () => Promise.reject(new Error('no reader'));

const app: DashboardApp = {
  match: () => ({}),
  async render(request, { clientAddress }) {
    const { pathname } = new URL(request.url);
    if (pathname === '/crash') process.exit(3);
    if (pathname === '/hang') return new Promise<Response>(() => {});
    if (pathname === '/figures') {
      try {
        return Response.json({ figures: await read('stats', [{ period: 7 }]) });
      } catch (error) {
        return new Response(`unavailable: ${(error as Error).message}`, { status: 503 });
      }
    }
    if (pathname === '/missing') return new Response(null, { status: 404 });
    const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=60' });
    headers.append('Set-Cookie', 'a=1');
    headers.append('Set-Cookie', 'b=2');
    return new Response(`<p>Performance for ${clientAddress}</p>\n`.repeat(100), { headers });
  },
};

if (!parentPort) throw new Error('run me as a worker');
serveDashboard({ app, port: parentPort, data: workerData, useFigures: (reader) => (read = reader), readErrorPage: async () => new Response('not found page', { status: 404 }) });
