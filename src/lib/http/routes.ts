/**
 * Which methods each address accepts, and how large a body each POST may carry.
 * The server checks this before any page code runs, so a refused request costs
 * nothing: no body is read, no page is rendered.
 */
import { MAX_BODY_BYTES } from '../../schemas/events.ts';
import { MAX_COMPLETION_BODY_BYTES } from '../tracking/events/handle-completions.ts';

/**
 * The largest form body we accept. A comment is at most 300 UTF-16 units; a CJK
 * character is 9 bytes once percent-encoded, so 300 of them plus the other fields
 * stay well under 4 KB. A browser cannot send more through our forms.
 */
export const FORM_BODY_BYTES = 4 * 1024;

/** Methods every address accepts. */
const READ_METHODS = ['GET', 'HEAD'] as const;

interface PostRoute {
  /** Matches the path (no query). */
  pattern: RegExp;
  /** Largest body in bytes. */
  limit: number;
  /** Answers in JSON (API) rather than plain text (forms). */
  api: boolean;
}

// The only addresses that take a POST; keep in step with the pages that export a
// POST handler or check `Astro.request.method` (README "Pages").
const POST_ROUTES: readonly PostRoute[] = [
  { pattern: /^\/api\/events$/, limit: MAX_BODY_BYTES, api: true },
  { pattern: /^\/api\/completions$/, limit: MAX_COMPLETION_BODY_BYTES, api: true },
  { pattern: /^\/feedback\/[^/]+$/, limit: FORM_BODY_BYTES, api: false },
  { pattern: /^\/done\/[^/]+$/, limit: FORM_BODY_BYTES, api: false },
  { pattern: /^\/report-problem\/[^/]+$/, limit: FORM_BODY_BYTES, api: false },
];

export type RequestVerdict =
  | { ok: true; bodyLimit?: number }
  | { ok: false; status: 405 | 413 | 400; allow?: string; message: string };

/** The POST route for a path, if it takes one. */
export function postRoute(pathname: string): PostRoute | undefined {
  return POST_ROUTES.find((route) => route.pattern.test(pathname));
}

/** The value of the Allow header for a path. */
export function allowedMethods(pathname: string): string {
  return [...READ_METHODS, ...(postRoute(pathname) ? ['POST'] : [])].join(', ');
}

/** Whether an answer for this path should be JSON. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/**
 * Decides from the request line and headers alone whether to go on. A declared
 * Content-Length over the limit is refused here, before a byte of body is read;
 * a body without one (chunked) is counted as it arrives (see read-body.ts).
 */
export function checkRequest(method: string, pathname: string, headers: { 'content-length'?: string; 'transfer-encoding'?: string }): RequestVerdict {
  if ((READ_METHODS as readonly string[]).includes(method)) return { ok: true };
  const route = method === 'POST' ? postRoute(pathname) : undefined;
  if (!route) {
    return { ok: false, status: 405, allow: allowedMethods(pathname), message: `${method} is not allowed here; use ${allowedMethods(pathname)}.` };
  }
  const declared = headers['content-length'];
  if (declared !== undefined) {
    if (!/^\d{1,15}$/.test(declared)) return { ok: false, status: 400, message: 'Content-Length must be a whole number of bytes.' };
    if (Number(declared) > route.limit) return { ok: false, status: 413, message: tooLargeMessage(route.limit) };
  }
  return { ok: true, bodyLimit: route.limit };
}

export function tooLargeMessage(limit: number): string {
  return `The body is larger than ${limit / 1024} KB.`;
}
