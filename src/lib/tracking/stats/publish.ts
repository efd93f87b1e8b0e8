/**
 * The figures as /api/stats publishes them: exactly what the store returned,
 * except that a rate or average that cannot be right (a rate above 1, a rating
 * off the 1–5 scale) is published as { value: null, n, tooFew: false, invalid: true }
 * rather than passed on as a false number.
 */
import type { Measure, PortalStats, SearchStats, TaskStats } from '../../../schemas/events.ts';
import { figure, RANK, RATE, RATING, type Scale } from './format.ts';

export type PublishedMeasure = Measure & { invalid?: true };

export function publishMeasure(measure: Measure, scale: Scale): PublishedMeasure {
  return figure(measure, scale).state === 'invalid' ? { value: null, n: Number.isFinite(measure.n) && measure.n >= 0 ? measure.n : 0, tooFew: false, invalid: true } : measure;
}

function publishTask<T extends Omit<TaskStats, 'task'>>(task: T): T {
  return {
    ...task,
    completionRate: publishMeasure(task.completionRate, RATE),
    helpedRate: publishMeasure(task.helpedRate, RATE),
    averageRating: publishMeasure(task.averageRating, RATING),
  };
}

function publishSearch(search: SearchStats): SearchStats {
  return {
    ...search,
    zeroResultRate: publishMeasure(search.zeroResultRate, RATE),
    clickThroughRate: publishMeasure(search.clickThroughRate, RATE),
    averageClickRank: publishMeasure(search.averageClickRank, RANK),
  };
}

export function publishStats(stats: PortalStats): PortalStats {
  return {
    ...stats,
    totals: publishTask(stats.totals),
    tasks: stats.tasks.map(publishTask),
    search: publishSearch(stats.search),
    previous: { ...stats.previous, totals: publishTask(stats.previous.totals), tasks: stats.previous.tasks.map(publishTask) },
  };
}
