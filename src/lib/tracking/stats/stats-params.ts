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
