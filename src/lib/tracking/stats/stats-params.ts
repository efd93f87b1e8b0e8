/** Query-string and environment settings for the published figures. */
import { PERIODS, type Period } from '../../../schemas/events.ts';
import { setting } from '../../settings/load-settings.ts';

export const DEFAULT_PERIOD: Period = 28;

export type ParsedPeriod = { ok: true; period: Period } | { ok: false; message: string };

export function parsePeriod(raw: string | null): ParsedPeriod {
  if (raw === null || raw === '') return { ok: true, period: DEFAULT_PERIOD };
  const value = Number(raw);
  return (PERIODS as readonly number[]).includes(value) && /^\d+$/.test(raw)
    ? { ok: true, period: value as Period }
    : { ok: false, message: `period must be one of ${PERIODS.join(', ')} (days)` };
}

/** TASKFRONT_MIN_COUNT: a search query is published only when searched at least this often. */
export function minCountFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return setting('TASKFRONT_MIN_COUNT', env);
}

/**
 * TASKFRONT_MIN_SAMPLE (default 10): a rate or average over fewer than this many is
 * withheld and published as "too few to say (n = 3)". 1 publishes every figure.
 */
export function minSampleFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TASKFRONT_MIN_SAMPLE;
  if (raw === undefined || raw === '') return 10;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new Error(`TASKFRONT_MIN_SAMPLE must be a whole number of 1 or more (got "${raw}"); 10 keeps "100% of 1" off the dashboard`);
  }
  return Number(raw);
}
