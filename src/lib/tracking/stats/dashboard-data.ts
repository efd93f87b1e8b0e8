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
import { figuresCacheControl, type Source } from './figures-cache.ts';
import { figureReadCounts, loadDaily, loadStats } from './load-stats.ts';

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

export interface PublishedStats {
  stats: PortalStats;
  cacheControl: string;
  /** The Server-Timing header: how these figures were got (figuresServerTiming). */
  serverTiming: string;
}

/**
 * A Server-Timing header for a response built from figures: how its figures were got
 * (`read`, `joined` a read in flight, `cached`, or `file`) with that read's time, and this
 * server's running totals of reads, joins and cache hits (decision 0043). A measurement
 * takes the totals before and after and prints how many reads its requests really cost.
 */
export function figuresServerTiming(source: Source | 'file', readMs = 0): string {
  const counts = figureReadCounts();
  return `figures;desc="${source}";dur=${readMs.toFixed(1)}, figure-reads;desc="read=${counts.read} joined=${counts.joined} cached=${counts.cached}"`;
}

/** A period's figures, and the Cache-Control that matches how long the server keeps them (figures from a file: no-store). */
export async function publishedStatsFor(period: Period): Promise<PublishedStats> {
  const path = fixturePath();
  if (path) return { stats: { ...readFixture(path).stats, period }, cacheControl: 'no-store', serverTiming: figuresServerTiming('file') };
  const cached = await loadStats(period);
  return { stats: cached.value, cacheControl: figuresCacheControl(cached.maxAge), serverTiming: figuresServerTiming(cached.source, cached.readMs) };
}

export async function dailyFigures(task: string, from: string, to: string): Promise<DailyTaskStats[]> {
  const path = fixturePath();
  return path ? (readFixture(path).daily?.[task] ?? []) : (await loadDaily(task, from, to)).value;
}
