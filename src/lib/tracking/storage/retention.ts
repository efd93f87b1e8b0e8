/** How long counts are kept (TASKFRONT_RETENTION_DAYS, default 730), and the daily clean-up. */
import { addDays, today } from '../../dates.ts';
import { setting } from '../../settings/load-settings.ts';
import type { EventStore } from './types.ts';

export function retentionDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return setting('TASKFRONT_RETENTION_DAYS', env);
}

/**
 * Deletes expired events and expired journey tokens now, and then every hour for as
 * long as the process runs (hourly, so a token goes soon after its last valid day).
 */
export function keepRetention(store: EventStore, days: number, journeyDays: number): void {
  const sweep = () =>
    Promise.all([store.deleteBefore(addDays(today(), -days)), store.deleteJourneysBefore(addDays(today(), -journeyDays))]).catch((error: unknown) =>
      console.error(`retention: could not delete old events or journeys (${(error as Error).message})`),
    );
  void sweep();
  setInterval(sweep, 60 * 60 * 1000).unref();
}
