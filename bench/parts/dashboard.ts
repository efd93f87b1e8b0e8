/**
 * dashboard: /api/stats?period=28 and /performance with 1,000,000 events in SQLite, spread
 * over 90 days and the demo's tasks. The baseline is the bare aggregate those figures start
 * from: one GROUP BY over the same rows in node:sqlite, in this process. The storage issue
 * sets the dashboard's budgets; this part reports the figures beside its baseline, and
 * /api/search's p95 while ten dashboard requests run beside its idle p95 (measure-dashboard.ts,
 * decision 0043), judged on ten different requests.
 *
 * The rows are written by the generator test:faults uses (src/lib/tracking/bench), through
 * the store's own migrations and aggregate triggers, as they would be after months of
 * traffic; demo:traffic writes through the real routes but would take hours for a million.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { generateSqliteEvents } from '../../src/lib/tracking/bench/generate-events.ts';
import { formatDashboard, ISSUE_12_BUDGETS, measureDashboard } from '../../src/lib/tracking/bench/measure-dashboard.ts';
import { log, median, slower, startPart, type PartResult } from '../lib/report.ts';
import type { BenchContext } from './context.ts';
import { demoBuild, portalEnv, startServer } from './portal.ts';
import { loadContent } from '../../src/lib/content/load-content.ts';

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
  // Every request reads the aggregates: with the portal's short cache on, all but the first
  // would time a cache hit, not the dashboard.
  const env: NodeJS.ProcessEnv = { ...portalEnv(ctx, content, 'dashboard'), TASKFRONT_STATS_CACHE_SECONDS: '0' };
  // The first start creates the tables; then the rows go in while the server is stopped.
  const first = await startServer([join(demoOut, 'server/entry.mjs')], env, '/readyz', ctx.root);
  await first.stop();
  log(`dashboard: writing ${events.toLocaleString('en-GB')} events`);
  const tasks = loadContent({ root: content }).tasks.filter((task) => task.kind !== 'signpost').map((task) => task.slug);
  await generateSqliteEvents(env.TASKFRONT_DB!, { events, tasks, today: new Date().toISOString().slice(0, 10), days: 90 });

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

    // Search beside ten dashboard loops, identical and different (decision 0043), with the reads they cost.
    const measured = await measureDashboard(server.url, { tasks, ...(ctx.quick ? { dashboardRequests: 5, searchRequests: 30 } : {}), ...(server.child.pid ? { serverPid: server.child.pid } : {}) });
    for (const loaded of measured.loaded) {
      const judged = loaded.mode === 'different';
      part.add({
        name: `/api/search p95 with 10 ${loaded.mode === 'same' ? 'identical' : 'different'} dashboard requests running, ${events.toLocaleString('en-GB')} events`,
        unit: 'ms',
        value: loaded.searchLoaded.p95Ms,
        baseline: loaded.searchIdle.p95Ms,
        baselineName: '/api/search p95 with nothing else running, in alternating rounds',
        ratio: loaded.ratio,
        budget: judged ? `≤ ${ISSUE_12_BUDGETS.searchRatio}× (issue 12)` : 'reported beside the judged one',
        pass: judged ? loaded.ratio <= ISSUE_12_BUDGETS.searchRatio : null,
        note: `${loaded.dashboard.answered} dashboard answers: ${loaded.dashboard.read} own reads, ${loaded.dashboard.joined} joined one in flight; load average ${loaded.load.join(' / ')}`,
      });
    }
    part.add({
      name: `/api/search p95 beside one busy loop per core at the lowest priority, no dashboard (the machine's floor)`,
      unit: 'ms',
      value: measured.floor.searchBusy.p95Ms,
      baseline: measured.floor.searchIdle.p95Ms,
      baselineName: '/api/search p95 with nothing else running, in alternating rounds',
      ratio: measured.floor.ratio,
      budget: 'the judged ratio read against it',
      pass: null,
      note: `loops in ${measured.floor.how}`,
    });
    for (const line of formatDashboard(measured, 'dashboard under load:')) log(line);
  } finally {
    await server.stop();
  }
  part.note('Events come from the generator test:faults uses, through the store\'s migrations and aggregate triggers (decision 0036); the figures cache is off, so each request is a real read or joins one in flight (counted). npm run test:faults -- dashboard measures the same budgets at 1,000,000 events over 180 days.');
  return part.finish();
}
