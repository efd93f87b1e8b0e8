/**
 * "Needs attention": tasks whose completion rate or satisfaction is below a
 * threshold, so a service owner sees them first. Only figures with enough sample
 * count; a task with too few answers is never flagged on a guess.
 */
import type { Measure, TaskStats } from '../../../schemas/events.ts';
import { figure, RATE, RATING, type Scale } from './format.ts';

export interface AttentionThresholds {
  /** A completion rate below this (0..1) is flagged. */
  completion: number;
  /** An average satisfaction below this (1..5) is flagged. */
  satisfaction: number;
}

export const DEFAULT_THRESHOLDS: AttentionThresholds = { completion: 0.6, satisfaction: 3.5 };

/**
 * TASKFRONT_ATTENTION_COMPLETION: a percentage, 0 to 100 (default 60).
 * TASKFRONT_ATTENTION_SATISFACTION: an average rating, 1 to 5 (default 3.5).
 */
export function attentionThresholdsFromEnv(env: NodeJS.ProcessEnv = process.env): AttentionThresholds {
  const read = (name: string, fallback: number, min: number, max: number, example: string): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw.trim()) || value < min || value > max) {
      throw new Error(`${name} must be a number from ${min} to ${max}, e.g. ${example} (got "${raw}")`);
    }
    return value;
  };
  const completion = env.TASKFRONT_ATTENTION_COMPLETION?.trim();
  if (completion && Number(completion) > 0 && Number(completion) < 1) {
    // 0.6 is almost certainly meant as 60%, and 0.6% would flag nothing: refuse the guess.
    throw new Error(`TASKFRONT_ATTENTION_COMPLETION is a percentage: write 60 for 60% (got "${completion}")`);
  }
  return {
    completion: read('TASKFRONT_ATTENTION_COMPLETION', DEFAULT_THRESHOLDS.completion * 100, 0, 100, '60 for 60%') / 100,
    satisfaction: read('TASKFRONT_ATTENTION_SATISFACTION', DEFAULT_THRESHOLDS.satisfaction, 1, 5, '3.5'),
  };
}

type AttentionReason = { measure: 'completion' | 'satisfaction'; value: number; threshold: number; n: number };

export interface AttentionItem {
  task: string;
  reasons: AttentionReason[];
}

function below(measure: Measure, scale: Scale, threshold: number): boolean {
  return figure(measure, scale).state === 'value' && measure.value !== null && measure.value < threshold;
}

/** Flagged tasks, the lowest completion rate first. */
export function needsAttention(tasks: readonly TaskStats[], thresholds: AttentionThresholds): AttentionItem[] {
  return tasks
    .map((task) => {
      const reasons: AttentionReason[] = [];
      if (below(task.completionRate, RATE, thresholds.completion)) reasons.push({ measure: 'completion', value: task.completionRate.value ?? 0, threshold: thresholds.completion, n: task.completionRate.n });
      if (below(task.averageRating, RATING, thresholds.satisfaction)) reasons.push({ measure: 'satisfaction', value: task.averageRating.value ?? 0, threshold: thresholds.satisfaction, n: task.averageRating.n });
      return { task: task.task, reasons, order: reasons[0]?.measure === 'completion' ? reasons[0].value : 2 };
    })
    .filter((item) => item.reasons.length > 0)
    .sort((a, b) => a.order - b.order)
    .map(({ task, reasons }) => ({ task, reasons }));
}
