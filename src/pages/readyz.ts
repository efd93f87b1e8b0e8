/**
 * GET /readyz — readiness: 200 when the event store answers a trivial query within 1 s,
 * 503 with Retry-After otherwise, and while the server is stopping (see docs/operations.md).
 * The body names the store and a short cause (SQLITE_FULL, ECONNREFUSED, timeout); the
 * full message, which may name hosts and paths, goes only to the log.
 */
import type { APIRoute } from 'astro';
import { isStopping } from '../lib/server/graceful-stop.ts';
import { getStore } from '../lib/server/context.ts';
import { json } from '../lib/server/responses.ts';
import { withDeadline } from '../lib/tracking/storage/health.ts';
import { checkStore } from '../lib/tracking/storage/open-store.ts';

export const prerender = false;

const TIMEOUT_MS = 1_000;
const noStore = { 'Cache-Control': 'no-store' };
const notReady = (body: Record<string, unknown>) => json({ status: 'unavailable', ...body }, { status: 503, headers: { ...noStore, 'Retry-After': '5' } });

export const GET: APIRoute = async () => {
  if (isStopping()) return notReady({ cause: 'stopping' });
  const started = performance.now();
  let store;
  try {
    store = await withDeadline(getStore(), TIMEOUT_MS, 'opening the event store');
  } catch (error) {
    console.error(`readyz: the event store cannot be opened: ${(error as Error).message}`);
    return notReady({ cause: 'cannot open the store' });
  }
  const result = await checkStore(store, Math.max(1, TIMEOUT_MS - (performance.now() - started)));
  if (result.ready) return json({ status: 'ready', store: result.kind, ms: result.ms }, { headers: noStore });
  return notReady({ store: result.kind, cause: result.health?.cause ?? 'no answer', ...(result.health && !result.health.ok ? { since: new Date(result.health.since).toISOString() } : {}) });
};
