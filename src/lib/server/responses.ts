/** Uniform JSON responses for the API routes: one shape for every error. */

export interface ApiIssue {
  path: string;
  message: string;
}

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'X-Content-Type-Options': 'nosniff',
};

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), { ...init, headers: { ...JSON_HEADERS, ...init.headers } });
}

/** `{ "error": "...", "issues": [{ "path", "message" }] }` */
export function jsonError(status: number, error: string, issues: ApiIssue[] = [], headers: Record<string, string> = {}): Response {
  return json({ error, issues }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}
