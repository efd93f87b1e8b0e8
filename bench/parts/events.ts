/**
 * events: POST /api/events at 50 and 200 connections, single events and batches of 20,
 * against a bare node:http server doing one SQLite transaction per request, interleaved.
 * Every 204 must be a stored row (rows counted in the database after the run), and the
 * portal must reach 0.9× the bare server's events a second. PostgreSQL too when
 * DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { load, type LoadResult } from '../lib/load.ts';
import { asFast, log, median, startPart, type PartResult } from '../lib/report.ts';
import type { BenchContext } from './context.ts';
import { demoBuild, portalEnv, startServer } from './portal.ts';

const EVENTS_RATIO = 0.9;
const TASKS = ['report-a-pothole', 'pay-your-council-tax', 'register-to-vote', 'join-the-library', 'report-fly-tipping'];

function event(): Record<string, unknown> {
  const task = TASKS[Math.floor(Math.random() * TASKS.length)]!;
  return { id: randomUUID(), type: 'task_view', task };
}

/** Each request gets new event ids: a repeated id is stored once, and would make 204s and rows differ. */
function requests(batch: number) {
  return [{
    method: 'POST',
    path: '/api/events',
    headers: { 'content-type': 'application/json' },
    setupRequest: (request: { body?: string }) => ({ ...request, body: JSON.stringify(batch === 1 ? event() : { events: Array.from({ length: batch }, event) }) }),
  }];
}

function rowsIn(file: string): number {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return Number((db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'task_view'").get() as { n: number }).n);
  } finally {
    db.close();
  }
}

export async function eventsPart(ctx: BenchContext): Promise<PartResult> {
  const part = startPart('events', ctx.command);
  const { content, demoOut } = await demoBuild(ctx);
  const shapes = ctx.quick ? [{ connections: 50, batch: 1 }, { connections: 50, batch: 20 }] : [{ connections: 50, batch: 1 }, { connections: 200, batch: 1 }, { connections: 50, batch: 20 }, { connections: 200, batch: 20 }];
  for (const { connections, batch } of shapes) {
    const samples: Record<'ours' | 'bare', { result: LoadResult; rows: number }[]> = { ours: [], bare: [] };
    for (let run = 0; run < ctx.runs; run += 1) {
      for (const who of run % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const)) {
        const name = `events-${who}-${connections}-${batch}-${run}`;
        const env = portalEnv(ctx, content, name);
        const file = env.TASKFRONT_DB!;
        rmSync(file, { force: true });
        const server = who === 'ours'
          ? await startServer([join(demoOut, 'server/entry.mjs')], env, '/healthz', ctx.root)
          : await startServer(['bench/bare-events-server.ts'], env, '/healthz', ctx.root);
        log(`events: ${connections} connections, batch ${batch}, ${who} (run ${run + 1}/${ctx.runs})`);
        // A run of a fixed number of requests, all answered, so every request is either counted as
        // acknowledged or not, and none is cut off in flight. The warm-up says how many fill the time.
        const warm = await load({ url: server.url, connections, amount: connections * 2, requests: requests(batch) });
        const before = rowsIn(file);
        const amount = Math.max(connections * 2, Math.round(warm.rps * ctx.loadSeconds));
        const result = await load({ url: server.url, connections, amount, requests: requests(batch) });
        // Stopped first: the portal's graceful stop finishes its writes and closes the store.
        await server.stop();
        samples[who].push({ result, rows: rowsIn(file) - before });
      }
    }
    const eventsPerSecond = (who: 'ours' | 'bare') => median(samples[who].map(({ result }) => ((result.statuses['204'] ?? 0) * batch) / result.seconds));
    const ours = eventsPerSecond('ours');
    const bare = eventsPerSecond('bare');
    const acknowledged = samples.ours.reduce((sum, { result }) => sum + (result.statuses['204'] ?? 0) * batch, 0);
    const stored = samples.ours.reduce((sum, { rows }) => sum + rows, 0);
    const other = samples.ours.reduce((sum, { result }) => sum + Object.entries(result.statuses).filter(([code]) => code !== '204').reduce((s, [, n]) => s + n, 0), 0);
    const label = `${batch === 1 ? 'single events' : `batches of ${batch}`}, ${connections} connections`;
    part.add({ name: `events/s, ${label}`, unit: 'events/s', value: ours, baseline: bare, baselineName: 'bare node:http, 1 SQLite transaction per request', ratio: asFast(ours, bare), budget: `≥ ${EVENTS_RATIO}× bare`, pass: asFast(ours, bare)! >= EVENTS_RATIO, samples: samples.ours.map(({ result }) => ((result.statuses['204'] ?? 0) * batch) / result.seconds) });
    part.add({ name: `p50 / p99, ${label}`, unit: 'ms', value: median(samples.ours.map(({ result }) => result.p50)), baseline: median(samples.ours.map(({ result }) => result.p99)), baselineName: 'p99', note: `bare p50 ${median(samples.bare.map(({ result }) => result.p50))}, p99 ${median(samples.bare.map(({ result }) => result.p99))} ms` });
    part.add({ name: `events acknowledged (204) vs rows stored, ${label}`, unit: 'events', value: acknowledged, baseline: stored, baselineName: 'rows stored', budget: 'equal', pass: acknowledged === stored, note: other ? `${other} answers were not 204` : undefined });
  }
  if (process.env.DATABASE_URL) part.note('DATABASE_URL is set, but this part measures SQLite only so far; PostgreSQL under load: npm run test:faults.');
  else part.note('PostgreSQL: not measured (DATABASE_URL is not set).');
  return part.finish();
}
