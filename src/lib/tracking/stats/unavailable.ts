/**
 * What every route that publishes figures does when the store cannot answer:
 * log why (for whoever runs the server), then answer 503 with Retry-After, so a
 * reader or a script knows to try again rather than trusting an empty page.
 */
import { t } from '../../../i18n/t.ts';
import { logStorageFailure, storageUnavailable } from '../../server/responses.ts';

const RETRY_AFTER_SECONDS = 30;

export interface Unavailable {
  status: 503;
  headers: Record<string, string>;
  message: string;
}

/** Logs the failure once, naming the route, and says how to answer. */
export function statsUnavailable(route: string, error: unknown): Unavailable {
  logStorageFailure(route, error);
  return { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' }, message: t('performance.unavailable.api') };
}

/** For /api/stats and /performance.csv: the 503 as the API's usual JSON error. */
export function unavailableJson(route: string, error: unknown): Response {
  return storageUnavailable(route, error, t('performance.unavailable.api'), RETRY_AFTER_SECONDS);
}

/** For the dashboard pages: sets the 503 on the page's response; the page shows the message. */
export function unavailablePage(route: string, error: unknown, response: { status?: number; headers: Headers }): Unavailable {
  const failure = statsUnavailable(route, error);
  response.status = failure.status;
  for (const [name, value] of Object.entries(failure.headers)) response.headers.set(name, value);
  return failure;
}
