/**
 * dashboard: /api/stats?period=28 and /performance with 1,000,000 events in SQLite, spread
 * over 90 days and the demo's tasks. The baseline is the bare aggregate those figures start
 * from: one GROUP BY over the same rows in node:sqlite, in this process. The storage issue
 * sets the dashboard's budgets; this part reports the figures beside its baseline.
 *
 * The rows are written straight into the events table (the portal creates it when it first
 * starts), as they would be after months of traffic; demo:traffic writes through the real
 * routes but would take hours for a million.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { seededRandom } from '../../src/lib/seeded-random.ts';
import { log, median, slower, startPart, type PartResult } from '../lib/report.ts';
import type { BenchContext } from './context.ts';
import { demoBuild, portalEnv, startServer } from './search.ts';
import { loadContent } from '../../src/lib/content/load-content.ts';

const TYPES: [string, number][] = [['task_view', 0.5], ['search', 0.2], ['task_start', 0.12], ['task_complete', 0.08], ['feedback', 0.06], ['satisfaction', 0.04]];

function fill(file: string, events: number, tasks: string[], today: Date): void {
  const random = seededRandom(1_000_000);
  const db = new DatabaseSync(file);
  const insert = db.prepare('INSERT INTO events (id, type, task, day, query, query_key, results, useful, rating) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const words = ['bins', 'council tax', 'pothole', 'parking', 'library', 'planning', 'noise', 'school', 'housing', 'recycling'];
  db.exec('BEGIN');
  for (let i = 0; i < events; i += 1) {
    let roll = random.next();
    const type = TYPES.find(([, share]) => (roll -= share) < 0)?.[0] ?? 'task_view';
    const day = new Date(today.getTime() - random.below(90) * 86_400_000).toISOString().slice(0, 10);
    const query = type === 'search' ? random.pick(words) : null;
    insert.run(randomUUID(), type, type === 'search' ? null : random.pick(tasks), day, query, query, type === 'search' ? random.below(8) : null, type === 'feedback' ? (random.chance(0.7) ? 1 : 0) : null, type === 'satisfaction' ? 1 + random.below(5) : null);
    if (i % 100_000 === 99_999) {
      db.exec('COMMIT');
      db.exec('BEGIN');
    }
  }
  db.exec('COMMIT');
  db.close();
}

async function timeGet(url: string, times: number): Promise<{ ms: number[]; status: number }> {
  const ms: number[] = [];
  let status = 0;
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
    await response.arrayBuffer();
    ms.push(performance.now() - started);
    status = response.status;
  }
  return { ms, status };
}

export async function dashboardPart(ctx: BenchContext): Promise<PartResult> {
  const part = startPart('dashboard', ctx.command);
  const events = ctx.quick ? 100_000 : 1_000_000;
  const { content, demoOut } = await demoBuild(ctx);
  const env = portalEnv(ctx, content, 'dashboard');
  // The first start creates the tables; then the rows go in while the server is stopped.
  const first = await startServer([join(demoOut, 'server/entry.mjs')], env, '/readyz', ctx.root);
  await first.stop();
  log(`dashboard: writing ${events.toLocaleString('en-GB')} events`);
  const tasks = loadContent({ root: content }).tasks.filter((task) => task.kind !== 'signpost').map((task) => task.slug);
  fill(env.TASKFRONT_DB!, events, tasks, new Date());

  const server = await startServer([join(demoOut, 'server/entry.mjs')], env, '/healthz', ctx.root);
  try {
    const repeats = ctx.quick ? 3 : 5;
    const db = new DatabaseSync(env.TASKFRONT_DB!, { readOnly: true });
    const from = new Date(Date.now() - 27 * 86_400_000).toISOString().slice(0, 10);
    const bare: number[] = [];
    const stats: number[] = [];
    const page: number[] = [];
    let statuses = '';
    for (let run = 0; run < repeats; run += 1) {
      const started = performance.now();
      db.prepare('SELECT task, type, COUNT(*) AS n FROM events WHERE day >= ? GROUP BY task, type').all(from);
      bare.push(performance.now() - started);
      const api = await timeGet(`${server.url}/api/stats?period=28`, 1);
      const dashboard = await timeGet(`${server.url}/performance`, 1);
      stats.push(api.ms[0]!);
      page.push(dashboard.ms[0]!);
      statuses = `${api.status}/${dashboard.status}`;
    }
    db.close();
    const figure = (name: string, samples: number[]) =>
      part.add({ name, unit: 'ms', value: median(samples), baseline: median(bare), baselineName: 'one GROUP BY in node:sqlite', ratio: slower(median(samples), median(bare)), budget: 'set by the storage issue', pass: null, samples, note: `answers ${statuses}` });
    figure(`/api/stats?period=28, ${events.toLocaleString('en-GB')} events`, stats);
    figure(`/performance, ${events.toLocaleString('en-GB')} events`, page);
    if (statuses !== '200/200') part.note(`The dashboard answered ${statuses} (api/page), not 200/200: the timings are of those answers.`);
  } finally {
    await server.stop();
  }
  part.note('Events are written straight into the events table once the portal has made it, so its triggers fill the daily aggregates as in service (decision 0036). npm run test:faults measures the same budgets with the storage under faults.');
  return part.finish();
}
