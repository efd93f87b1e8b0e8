/**
 * The server's shared pieces, made once per process: the event store (opened on
 * first use, retried after a failure), the one rate limiter and term gate that pages
 * and APIs share, and the task list. Routes import from here and stay thin.
 */
import { tasks } from 'virtual:taskfront/catalogue';
import { today } from '../dates.ts';
import { createCompletionsHandler, completionKeysFromEnv } from '../tracking/events/handle-completions.ts';
import { createEventsHandler } from '../tracking/events/handle-events.ts';
import { createRecorder } from '../tracking/events/record.ts';
import { journeyDaysFromEnv } from '../tracking/privacy/journey-token.ts';
import { createTermGate } from '../tracking/privacy/terms.ts';
import { openStore } from '../tracking/storage/open-store.ts';
import { keepRetention, retentionDaysFromEnv } from '../tracking/storage/retention.ts';
import type { EventStore } from '../tracking/storage/types.ts';
import { clientKeyOf, trustedProxiesFromEnv } from './client-key.ts';
import { createRateLimiter, rateLimitFromEnv } from './rate-limit.ts';

export const tasksBySlug = new Map(tasks.map((task) => [task.slug, task]));
const knownTasks: ReadonlySet<string> = new Set(tasks.map((task) => task.slug));

// Settings are read once, at start-up: a wrong one stops the server with a message naming it.
const limiter = createRateLimiter(rateLimitFromEnv());
const trustedProxies = trustedProxiesFromEnv();
const retentionDays = retentionDaysFromEnv();
const journeyDays = journeyDaysFromEnv();
const terms = createTermGate();

let opening: Promise<EventStore> | undefined;
export function getStore(): Promise<EventStore> {
  opening ??= openStore().then((store) => {
    keepRetention(store, retentionDays, journeyDays);
    return store;
  }).catch((error: unknown) => {
    opening = undefined; // try again on the next request
    throw error;
  });
  return opening;
}

/** The two reads the dashboard makes of the event store. */
export type FiguresReader = Pick<EventStore, 'stats' | 'daily'>;

let figuresFrom: () => Promise<FiguresReader> = getStore;

/** Where the dashboard's figures come from: this process's store, or what readFiguresThrough set. */
export function figuresReader(): Promise<FiguresReader> {
  return figuresFrom();
}

/**
 * On the dashboard's worker thread (http/dashboard-thread.ts): figures are asked of the main
 * thread's store, since a second store in one process would also watch and recover the file.
 */
export function readFiguresThrough(reader: FiguresReader): void {
  figuresFrom = () => Promise.resolve(reader);
}

/**
 * The client's key for the limiter and the term gate (never stored). Astro's
 * clientAddress is the connecting address; behind TASKFRONT_TRUSTED_PROXIES the key is
 * the rightmost X-Forwarded-For address that our proxies did not add (client-key.ts).
 */
export function clientKey(request: Request, clientAddress: string | undefined): string {
  return clientKeyOf(request.headers, clientAddress, trustedProxies);
}

export const handleEvents = createEventsHandler({ store: getStore, knownTasks, limiter, terms, today: () => today() });
export const handleCompletions = createCompletionsHandler({ store: getStore, knownTasks, keys: completionKeysFromEnv(), today: () => today(), journeyDays });

/** What pages record (searches, journeys, ratings, page feedback), under the same limiter as the API. */
export const recorder = createRecorder({ store: getStore, limiter, terms, today: () => today(), journeyDays });
