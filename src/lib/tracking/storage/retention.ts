/** How long counts are kept (TASKFRONT_RETENTION_DAYS, default 730), and the daily clean-up. */
import { addDays, today } from '../../dates.ts';
import { setting } from '../../settings/load-settings.ts';
import type { EventStore } from './types.ts';

export function retentionDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return setting('TASKFRONT_RETENTION_DAYS', env);
}

/** Deletes expired events now and then once a day, for as long as the process runs. */
export function keepRetention(store: EventStore, days: number): void {
  const sweep = () =>
    store.deleteBefore(addDays(today(), -days)).catch((error: unknown) => console.error(`retention: could not delete old events (${(error as Error).message})`));
  void sweep();
  setInterval(sweep, 24 * 60 * 60 * 1000).unref();
}
