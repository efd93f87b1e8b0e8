/**
 * Where the dashboard, /api/stats and /performance.csv get their figures: the
 * event store, or, when TASKFRONT_STATS_FIXTURE names a JSON file, that file.
 *
 * The file is for previews, screenshots and tests of the published pages with
 * full, known figures (for example the previous period, which a fresh store cannot
 * have). The dashboard says plainly when it shows figures from a file.
 * Shape: { "stats": PortalStats, "daily": { "<task>": DailyTaskStats[] } }.
 */
import { readFileSync } from 'node:fs';
import type { DailyTaskStats, Period, PortalStats } from '../../../schemas/events.ts';
import { figuresCacheControl } from './figures-cache.ts';
import { loadDaily, loadStats } from './load-stats.ts';

interface StatsFixture {
  stats: PortalStats;
  daily?: Record<string, DailyTaskStats[]>;
}

let fixture: { path: string; data: StatsFixture } | undefined;

function readFixture(path: string): StatsFixture {
  if (fixture?.path !== path) {
    const data = JSON.parse(readFileSync(path, 'utf8')) as StatsFixture;
    if (typeof data !== 'object' || data === null || typeof data.stats !== 'object' || !Array.isArray(data.stats?.tasks)) {
      throw new Error(`${path} must hold { "stats": { … "tasks": [ … ] }, "daily": { … } }`);
    }
    fixture = { path, data };
  }
  return fixture.data;
}

const fixturePath = () => process.env.TASKFRONT_STATS_FIXTURE || undefined;

/** True when figures come from TASKFRONT_STATS_FIXTURE rather than what was recorded. */
export function usingFixture(): boolean {
  return fixturePath() !== undefined;
}

/** A period's figures, and the Cache-Control that matches how long the server keeps them (figures from a file: no-store). */
export async function publishedStatsFor(period: Period): Promise<{ stats: PortalStats; cacheControl: string }> {
  const path = fixturePath();
  if (path) return { stats: { ...readFixture(path).stats, period }, cacheControl: 'no-store' };
  const cached = await loadStats(period);
  return { stats: cached.value, cacheControl: figuresCacheControl(cached.maxAge) };
}

export async function dailyFigures(task: string, from: string, to: string): Promise<DailyTaskStats[]> {
  const path = fixturePath();
  return path ? (readFixture(path).daily?.[task] ?? []) : (await loadDaily(task, from, to)).value;
}
