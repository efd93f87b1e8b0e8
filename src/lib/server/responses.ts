/** Uniform JSON responses for the API routes: one shape for every error. */

export interface ApiIssue {
  path: string;
  message: string;
}

/** What every JSON answer carries: from a Response here, from routes that write their body themselves (stats), or written straight to node:http (search-api.ts). */
export const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'X-Content-Type-Options': 'nosniff',
} as const;

/** The one error shape: `{ "error": "...", "issues": [{ "path", "message" }] }`. */
export const errorBody = (error: string, issues: ApiIssue[] = []) => JSON.stringify({ error, issues });

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), { ...init, headers: { ...JSON_HEADERS, ...init.headers } });
}

/** An error as errorBody, never cached. */
export function jsonError(status: number, error: string, issues: ApiIssue[] = [], headers: Record<string, string> = {}): Response {
  return new Response(errorBody(error, issues), { status, headers: { ...JSON_HEADERS, 'Cache-Control': 'no-store', ...headers } });
}

/** Seconds a client is asked to wait when storage is down. */
export const STORAGE_RETRY_SECONDS = 5;

/**
 * Logs why storage failed (on the server only: never the message to the client) and
 * says which route answered 503. Pages that render their own 503 call this; API routes
 * call storageUnavailable.
 */
export function logStorageFailure(where: string, error: unknown): void {
  console.error(`${where}: storage unavailable (${error instanceof Error ? error.message : String(error)}); answered 503`);
}

/** Logs the failure and answers 503 with Retry-After, as JSON without any detail of the cause. */
export function storageUnavailable(where: string, error: unknown, message = 'Storage is unavailable; try again later.', retryAfterSeconds = STORAGE_RETRY_SECONDS): Response {
  logStorageFailure(where, error);
  return jsonError(503, message, [], { 'Retry-After': String(retryAfterSeconds) });
}

/** 429 with Retry-After, the same for every route that records. */
export function tooManyRequests(retryAfterSeconds: number): Response {
  return jsonError(429, 'Too many requests; try again later.', [], { 'Retry-After': String(retryAfterSeconds) });
}
