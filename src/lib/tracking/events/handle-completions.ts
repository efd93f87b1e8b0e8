/**
 * POST /api/completions: a service that cannot send people back to /done/<task>
 * reports, server to server, that the journey with this token finished.
 *
 * Body (application/json, at most 1 KB): { "task": "<slug>", "journey": "<token>" }.
 * Authenticated with the task's key from TASKFRONT_COMPLETION_KEYS, either as
 *   X-Taskfront-Signature: sha256=<hex HMAC-SHA256 of the exact body, keyed with it>
 * or as Authorization: Bearer <key>. See docs/tracking.md for a curl example.
 *
 * Answers: 200 counted; 400 bad body; 401 no or wrong credentials; 404 no started
 * journey of that task has this token; 409 already finished; 410 expired; 413; 415;
 * 503 storage. Every error is { error, issues }.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { addDays } from '../../dates.ts';
import { json, jsonError, storageUnavailable } from '../../server/responses.ts';
import { hashJourneyToken } from '../privacy/journey-token.ts';
import type { EventStore } from '../storage/types.ts';

export const MAX_COMPLETION_BODY_BYTES = 1024;
const MIN_KEY_LENGTH = 32;

export interface CompletionsDeps {
  store: () => Promise<EventStore>;
  knownTasks: ReadonlySet<string>;
  /** Task slug → the secret key of the service that runs it. */
  keys: ReadonlyMap<string, string>;
  today: () => string;
  journeyDays: number;
}

/**
 * TASKFRONT_COMPLETION_KEYS: "task=key" pairs separated by commas or spaces, e.g.
 * "report-a-pothole=<key> report-graffiti=<key>". A service that runs several tasks
 * may use one key for all of them. Keys are at least 32 characters (openssl rand -hex 32).
 */
export function completionKeysFromEnv(env: NodeJS.ProcessEnv = process.env): Map<string, string> {
  const keys = new Map<string, string>();
  for (const entry of (env.TASKFRONT_COMPLETION_KEYS ?? '').split(/[\s,]+/).filter(Boolean)) {
    const at = entry.indexOf('=');
    const task = entry.slice(0, at);
    const key = entry.slice(at + 1);
    if (at < 1 || key.length < MIN_KEY_LENGTH) {
      throw new Error(`TASKFRONT_COMPLETION_KEYS: "${entry.slice(0, Math.max(at, 0) + 1)}…" must be task=key with a key of at least ${MIN_KEY_LENGTH} characters (make one with: openssl rand -hex 32)`);
    }
    keys.set(task, key);
  }
  return keys;
}

const bodySchema = z.strictObject({
  task: z.string('task must be the task slug, e.g. "report-a-pothole"'),
  journey: z.string('journey must be the token the service received').regex(/^[A-Za-z0-9_-]{43}$/, 'journey must be the 43-character token the service received in ?journey='),
});

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function authenticated(request: Request, body: string, key: string): boolean {
  const signature = request.headers.get('x-taskfront-signature');
  if (signature !== null) {
    const expected = `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
    return sameSecret(signature.trim().toLowerCase(), expected);
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]?.trim();
  return bearer !== undefined && sameSecret(bearer, key);
}

export function createCompletionsHandler(deps: CompletionsDeps) {
  for (const task of deps.keys.keys()) {
    if (!deps.knownTasks.has(task)) throw new Error(`TASKFRONT_COMPLETION_KEYS names "${task}", which is not a task on this portal`);
  }

  return async function handleCompletion(request: Request): Promise<Response> {
    const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return jsonError(415, 'Send the completion as application/json.', [{ path: 'content-type', message: `"${type || 'none'}" is not accepted` }]);
    if (Number(request.headers.get('content-length') ?? 0) > MAX_COMPLETION_BODY_BYTES) return jsonError(413, `The body is larger than ${MAX_COMPLETION_BODY_BYTES} bytes; send only task and journey.`);
    const body = await request.text();
    if (Buffer.byteLength(body) > MAX_COMPLETION_BODY_BYTES) return jsonError(413, `The body is larger than ${MAX_COMPLETION_BODY_BYTES} bytes; send only task and journey.`);

    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return jsonError(400, 'The body is not valid JSON.', [{ path: '', message: 'send { "task": "<slug>", "journey": "<token>" }' }]);
    }
    const result = bodySchema.safeParse(parsed);
    if (!result.success) {
      return jsonError(400, 'The completion is not valid; nothing was counted.', result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })));
    }
    const { task, journey } = result.data;
    if (!deps.knownTasks.has(task)) return jsonError(400, 'The completion is not valid; nothing was counted.', [{ path: 'task', message: `"${task}" is not a task on this portal` }]);

    const key = deps.keys.get(task);
    const challenge = { 'WWW-Authenticate': 'Bearer realm="taskfront-completions"' };
    if (!key) return jsonError(401, `No completion key is set for ${task}: the portal's operators add one to TASKFRONT_COMPLETION_KEYS.`, [], challenge);
    if (!authenticated(request, body, key)) {
      return jsonError(401, 'The signature or key is wrong: sign the exact body with HMAC-SHA256 and this task\'s key (X-Taskfront-Signature: sha256=<hex>), or send Authorization: Bearer <key>.', [], challenge);
    }

    let finish;
    try {
      const store = await deps.store();
      finish = await store.finishJourney({ tokenHash: hashJourneyToken(journey), task, earliestDay: addDays(deps.today(), -deps.journeyDays) });
    } catch (error) {
      return storageUnavailable('completions', error);
    }
    switch (finish) {
      case 'completed':
        return json({ status: 'completed', task }, { headers: { 'Cache-Control': 'no-store' } });
      case 'already-completed':
        return jsonError(409, 'This journey has already finished; it was counted once.', [{ path: 'journey', message: 'a token can finish its journey only once' }]);
      case 'expired':
        return jsonError(410, `This journey's token has expired (tokens last ${deps.journeyDays} day(s) after the start day); nothing was counted.`, [{ path: 'journey', message: 'expired' }]);
      default:
        return jsonError(404, `No started journey of ${task} has this token; nothing was counted.`, [{ path: 'journey', message: 'unknown token: never issued, issued for another task, or already deleted' }]);
    }
  };
}
