/**
 * Reads the published figures for a period from the server's store, through the
 * brief figures cache (TASKFRONT_STATS_CACHE_SECONDS): at most one read per period
 * and cache lifetime, however many people open the dashboard, and one read per period
 * at a time with the cache off.
 */
import type { DailyTaskStats, Period, PortalStats } from '../../../schemas/events.ts';
import { today } from '../../dates.ts';
import { figuresReader } from '../../server/context.ts';
import { setting } from '../../settings/load-settings.ts';
import { createFiguresCache, type CacheCounts, type Cached } from './figures-cache.ts';
import { minCountFromEnv, minSampleFromEnv } from './stats-params.ts';

const minCount = minCountFromEnv();
const minSample = minSampleFromEnv();
const cache = createFiguresCache({ seconds: setting('TASKFRONT_STATS_CACHE_SECONDS') });

export function loadStats(period: Period): Promise<Cached<PortalStats>> {
  const day = today();
  return cache.get(`stats:${period}:${day}`, async () => (await figuresReader()).stats({ period, today: day, minCount, minSample }));
}

export function loadDaily(task: string, from: string, to: string): Promise<Cached<DailyTaskStats[]>> {
  return cache.get(`daily:${task}:${from}:${to}`, async () => (await figuresReader()).daily(task, from, to));
}

/** This server's figure reads since it started: how many ran, how many requests shared one in flight, how many were kept. */
export function figureReadCounts(): CacheCounts {
  return cache.counts();
}
