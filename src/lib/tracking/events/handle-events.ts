/**
 * POST /api/events as one testable function. The route only supplies the request
 * and the server's store, limiter and task list.
 *
 * Order of checks: content type (415), declared size (413), opted out or bot
 * (204, nothing read), rate (429, the limiter the pages share: see record.ts),
 * actual size (413), JSON and schema (400), storage (503). 204 is sent only after
 * the transaction holding the events commits.
 */
import { MAX_BODY_BYTES } from '../../../schemas/events.ts';
import { jsonError, storageUnavailable, tooManyRequests } from '../../server/responses.ts';
import type { RateLimiter } from '../../server/rate-limit.ts';
import type { TermGate } from '../privacy/terms.ts';
import type { EventStore } from '../storage/types.ts';
import { createEventParser } from './parse-events.ts';
import { admit } from './record.ts';
import { toStored } from './to-stored.ts';

export interface EventsDeps {
  store: () => Promise<EventStore>;
  knownTasks: ReadonlySet<string>;
  limiter: RateLimiter;
  /** Lets a client count once a day towards a search term (decision 0009). */
  terms: TermGate;
  /** Today as YYYY-MM-DD. */
  today: () => string;
}

const ACCEPTED_TYPES = new Set(['application/json', 'text/plain']);
const noContent = () => new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });

export function createEventsHandler(deps: EventsDeps) {
  const parse = createEventParser(deps.knownTasks);

  return async function handleEvents(request: Request, clientKey: string): Promise<Response> {
    const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!ACCEPTED_TYPES.has(type)) {
      return jsonError(415, 'Send the events as application/json or text/plain.', [{ path: 'content-type', message: `"${type || 'none'}" is not accepted` }]);
    }
    const declared = Number(request.headers.get('content-length') ?? NaN);
    if (declared > MAX_BODY_BYTES) return tooLarge();
    const admission = admit(request, clientKey, deps.limiter, { page: false });
    if (admission.status === 'skipped') return noContent();
    if (admission.status === 'limited') return tooManyRequests(admission.retryAfterSeconds);

    const text = await readLimited(request, MAX_BODY_BYTES);
    if (text === undefined) return tooLarge();
    const parsed = parse(text);
    if (!parsed.ok) return jsonError(400, parsed.error, parsed.issues);

    try {
      const store = await deps.store();
      const day = deps.today();
      await store.insert(parsed.events.map((event) => toStored(event, day, (key) => deps.terms.admit(clientKey, key, day))));
    } catch (error) {
      return storageUnavailable('events', error);
    }
    return noContent();
  };
}

function tooLarge() {
  return jsonError(413, `The body is larger than ${MAX_BODY_BYTES / 1024} KB; send fewer events at once.`);
}

/** Reads the body as text, giving up (undefined) as soon as it passes `limit` bytes. */
async function readLimited(request: Request, limit: number): Promise<string | undefined> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
