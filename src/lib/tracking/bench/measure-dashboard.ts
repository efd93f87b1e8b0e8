/**
 * Measures a running portal's dashboard against the budgets of issue 12 (decision
 * 0036): GET /api/stats?period=90 and GET /performance, one request at a time, and
 * GET /api/search alone and while ten /api/stats?period=90 requests are always in
 * flight. Used by tests/faults/dashboard.test.ts and the benchmarks; it prints
 * nothing itself (formatDashboard turns the result into lines).
 */
import { loadavg } from 'node:os';

export interface Timing {
  count: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface Budget {
  what: string;
  /** The measured figure the budget is about, and the limit. */
  measured: number;
  limit: number;
  unit: 'ms' | 'ratio';
  pass: boolean;
}

export interface DashboardMeasurement {
  /** The machine's 1, 5 and 15 minute load averages, and its cores, when measuring began. */
  load: { averages: number[]; cores: number };
  /** The first /api/stats?period=90 after the server started (opens the store and the read worker). */
  firstStatsMs: number;
  stats90: Timing;
  performance: Timing;
  searchIdle: Timing;
  searchWhileDashboard: Timing;
  /** Dashboard requests answered while the loaded search was measured, and any that failed. */
  dashboardDuringSearch: { answered: number; failed: number };
  budgets: Budget[];
}

export interface MeasureOptions {
  /** Requests per sequential measurement (default 20 for the dashboard, 60 for search). */
  dashboardRequests?: number;
  searchRequests?: number;
  /** Dashboard requests kept in flight during the loaded search measurement (default 10). */
  concurrentDashboard?: number;
  /** Budgets, in ms, and the allowed search slow-down (1.2: within 20%). */
  budgets?: { stats90Ms: number; performanceMs: number; searchRatio: number };
  cores?: number;
}

export const ISSUE_12_BUDGETS = { stats90Ms: 200, performanceMs: 300, searchRatio: 1.2 };

const SEARCH_QUERIES = ['council tax', 'bin collection', 'pothole', 'parking permit', 'blue badge', 'register to vote'];

function percentile(sorted: number[], fraction: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

export function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, medianMs: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95), maxMs: sorted.at(-1) ?? 0 };
}

/** One GET, read to the end; resolves with its time in ms, or rejects naming the address and status. */
export async function timeGet(url: string, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}, not 200`);
  return ms;
}

async function sequential(urls: () => string, count: number): Promise<Timing> {
  const samples: number[] = [];
  for (let index = 0; index < count; index++) samples.push(await timeGet(urls()));
  return summarise(samples);
}

export async function measureDashboard(baseUrl: string, options: MeasureOptions = {}): Promise<DashboardMeasurement> {
  const { dashboardRequests = 20, searchRequests = 60, concurrentDashboard = 10, budgets = ISSUE_12_BUDGETS, cores } = options;
  const load = { averages: loadavg().map((value) => Math.round(value * 100) / 100), cores: cores ?? (await import('node:os')).availableParallelism() };
  let searchIndex = 0;
  const searchUrl = () => `${baseUrl}/api/search?q=${encodeURIComponent(SEARCH_QUERIES[searchIndex++ % SEARCH_QUERIES.length]!)}`;
  const statsUrl = `${baseUrl}/api/stats?period=90`;

  const firstStatsMs = await timeGet(statsUrl);
  const stats90 = await sequential(() => statsUrl, dashboardRequests);
  const performancePage = await sequential(() => `${baseUrl}/performance`, dashboardRequests);
  // Warm the search path the same way before comparing it with itself.
  await sequential(searchUrl, 5);
  const searchIdle = await sequential(searchUrl, searchRequests);

  let running = true;
  const dashboardDuringSearch = { answered: 0, failed: 0 };
  const loops = Array.from({ length: concurrentDashboard }, async () => {
    while (running) {
      try {
        await timeGet(statsUrl);
        dashboardDuringSearch.answered++;
      } catch {
        dashboardDuringSearch.failed++;
      }
    }
  });
  let searchWhileDashboard: Timing;
  try {
    searchWhileDashboard = await sequential(searchUrl, searchRequests);
  } finally {
    running = false;
    await Promise.all(loops);
  }

  const ratio = searchIdle.p95Ms > 0 ? searchWhileDashboard.p95Ms / searchIdle.p95Ms : 0;
  return {
    load,
    firstStatsMs,
    stats90,
    performance: performancePage,
    searchIdle,
    searchWhileDashboard,
    dashboardDuringSearch,
    budgets: [
      { what: 'GET /api/stats?period=90, p95', measured: stats90.p95Ms, limit: budgets.stats90Ms, unit: 'ms', pass: stats90.p95Ms <= budgets.stats90Ms },
      { what: 'GET /performance, p95', measured: performancePage.p95Ms, limit: budgets.performanceMs, unit: 'ms', pass: performancePage.p95Ms <= budgets.performanceMs },
      { what: `GET /api/search p95 with ${concurrentDashboard} dashboard requests running ÷ idle p95`, measured: ratio, limit: budgets.searchRatio, unit: 'ratio', pass: ratio <= budgets.searchRatio },
    ],
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const timing = (label: string, value: Timing) => `${label}: median ${ms(value.medianMs)}, p95 ${ms(value.p95Ms)}, max ${ms(value.maxMs)} (n = ${value.count})`;

/** The measurement as lines for a report. */
export function formatDashboard(result: DashboardMeasurement, heading: string): string[] {
  return [
    heading,
    `  machine load average ${result.load.averages.join(' / ')} (1/5/15 min) on ${result.load.cores} cores`,
    `  first /api/stats?period=90 after start: ${ms(result.firstStatsMs)}`,
    `  ${timing('/api/stats?period=90', result.stats90)}`,
    `  ${timing('/performance', result.performance)}`,
    `  ${timing('/api/search idle', result.searchIdle)}`,
    `  ${timing('/api/search with dashboard load', result.searchWhileDashboard)}; dashboard requests meanwhile: ${result.dashboardDuringSearch.answered} answered, ${result.dashboardDuringSearch.failed} failed`,
    ...result.budgets.map((budget) => `  budget ${budget.what}: ${budget.unit === 'ms' ? ms(budget.measured) : budget.measured.toFixed(2)} against ${budget.unit === 'ms' ? ms(budget.limit) : `≤ ${budget.limit}`}: ${budget.pass ? 'PASS' : 'FAIL'}`),
  ];
}
