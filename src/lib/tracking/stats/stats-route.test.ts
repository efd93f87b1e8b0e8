import { gunzipSync } from 'node:zlib';
import type { APIContext } from 'astro';
import { describe, expect, it, vi } from 'vitest';
import { statsRoute } from './stats-route.ts';

// One figures object, as every request that shares a read gets it.
const shared = vi.hoisted(() => ({ stats: { period: 90, tasks: Array.from({ length: 200 }, (_, index) => ({ task: `task-${index}`, views: index })) } }));
vi.mock('./dashboard-data.ts', () => ({
  publishedStatsFor: async () => ({ stats: shared.stats, cacheControl: 'no-store', serverTiming: 'figures;desc="joined";dur=12.0' }),
}));

const call = (route: ReturnType<typeof statsRoute>, query: string, acceptEncoding?: string) =>
  route({ url: new URL(`http://portal.test/api/stats${query}`), request: new Request(`http://portal.test/api/stats${query}`, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }) } as APIContext) as Promise<Response>;

describe('the figures route', () => {
  it('writes and compresses a body once for every request sharing the figures, and says so in its headers', async () => {
    let writes = 0;
    const route = statsRoute('/api/stats', (stats, { respond }) => respond('test-json', () => (writes++, JSON.stringify(stats)), { 'Content-Type': 'application/json' }));
    const answers = await Promise.all([call(route, '?period=90', 'gzip'), call(route, '?period=90', 'gzip, deflate'), call(route, '?period=90')]);
    expect(writes).toBe(1);
    const [first, second, plain] = answers as [Response, Response, Response];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('vary')).toBe('Accept-Encoding');
      expect(answer.headers.get('server-timing')).toBe('figures;desc="joined";dur=12.0');
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
    expect(first.headers.get('content-encoding')).toBe('gzip');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const [one, two] = [Buffer.from(await first.arrayBuffer()), Buffer.from(await second.arrayBuffer())];
    expect(one.equals(two)).toBe(true);
    expect(gunzipSync(one).toString()).toBe(await plain.text());
    expect(JSON.parse(await (await call(route, '?period=90')).text())).toEqual(shared.stats);
  });

  it('adds Server-Timing to a response the route made itself, and refuses a bad period', async () => {
    const route = statsRoute('/performance.csv', () => new Response('a,b\n', { headers: { 'Content-Type': 'text/csv' } }));
    expect((await call(route, '?period=28')).headers.get('server-timing')).toBe('figures;desc="joined";dur=12.0');
    const refused = await call(route, '?period=5');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ issues: [{ path: 'period' }] });
  });
});
