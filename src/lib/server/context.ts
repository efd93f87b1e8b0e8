/**
 * The server's shared pieces, made once per process: the event store (opened on
 * first use, retried after a failure), the rate limiter and the task list.
 * Routes import from here and stay thin.
 */
import { randomUUID } from 'node:crypto';
import { tasks } from 'virtual:taskfront/catalogue';
import type { TrackedEvent } from '../../schemas/events.ts';
import { today } from '../dates.ts';
import { createEventsHandler } from '../tracking/events/handle-events.ts';
import { shouldNotRecord } from '../tracking/events/privacy.ts';
import { toStored } from '../tracking/events/to-stored.ts';
import { createRateLimiter, rateLimitFromEnv } from './rate-limit.ts';
import { openStore } from '../tracking/storage/open-store.ts';
import { keepRetention, retentionDaysFromEnv } from '../tracking/storage/retention.ts';
import type { EventStore } from '../tracking/storage/types.ts';

export const taskList = tasks;
export const tasksBySlug = new Map(tasks.map((task) => [task.slug, task]));
export const knownTasks: ReadonlySet<string> = new Set(tasks.map((task) => task.slug));
export const limiter = createRateLimiter(rateLimitFromEnv());
const retentionDays = retentionDaysFromEnv();

let opening: Promise<EventStore> | undefined;
export function getStore(): Promise<EventStore> {
  opening ??= openStore().then((store) => {
    keepRetention(store, retentionDays);
    return store;
  }).catch((error: unknown) => {
    opening = undefined; // try again on the next request
    throw error;
  });
  return opening;
}

export const handleEvents = createEventsHandler({ store: getStore, knownTasks, limiter, today: () => today() });

/**
 * The client's address, used only as a key for the in-memory rate limiter.
 * Behind a proxy set TASKFRONT_TRUST_PROXY=1 to use the first X-Forwarded-For address.
 */
export function clientKey(request: Request, clientAddress: string | undefined): string {
  if (process.env.TASKFRONT_TRUST_PROXY === '1') {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return clientAddress ?? 'unknown';
}

type NewEvent = TrackedEvent extends infer E ? (E extends TrackedEvent ? Omit<E, 'id'> : never) : never;

/**
 * Records an event that a page itself observes (a search, a start, a completion).
 * Never fails the page: opted-out people, bots and fast clients are simply not
 * recorded, and a storage problem is logged. Resolves with the event's id, or
 * undefined when nothing was recorded.
 */
export async function recordFromPage(request: Request, address: string | undefined, event: NewEvent): Promise<string | undefined> {
  if (shouldNotRecord(request.headers)) return undefined;
  if (!limiter.take(clientKey(request, address)).ok) return undefined;
  const id = randomUUID();
  try {
    await (await getStore()).insert([toStored({ ...event, id } as TrackedEvent, today())]);
    return id;
  } catch (error) {
    console.error(`could not record ${event.type}: ${(error as Error).message}`);
    return undefined;
  }
}
