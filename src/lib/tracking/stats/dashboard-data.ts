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
import { getStore } from '../../server/context.ts';
import { loadStats } from './load-stats.ts';

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

export async function publishedStats(period: Period): Promise<PortalStats> {
  const path = fixturePath();
  return path ? { ...readFixture(path).stats, period } : loadStats(period);
}

export async function dailyFigures(task: string, from: string, to: string): Promise<DailyTaskStats[]> {
  const path = fixturePath();
  return path ? (readFixture(path).daily?.[task] ?? []) : (await getStore()).daily(task, from, to);
}
