/**
 * Loopback load for the fault tests: a few clients send events to POST /api/events
 * (task_view, feedback and search events, 1 to 3 a request) and, now and then, open
 * /search so the page records a search itself. Every request and the whole run are
 * bounded in count and time. Each answer is kept: what was acknowledged (204) is
 * what must later be found stored.
 */
import { randomUUID } from 'node:crypto';

export interface Sample {
  kind: 'events' | 'page';
  /** HTTP status, or 0 when there was no answer (refused connection, reset, timeout). */
  status: number;
  /** When it was sent and how long it took, in ms since the load began. */
  at: number;
  ms: number;
  /** The event ids sent (events requests). */
  ids: string[];
}

export interface LoadOptions {
  clients?: number;
  /** Every nth request of a client opens /search instead. 0: never. */
  pageEvery?: number;
  /** Hard limits: the load stops at whichever comes first. */
  maxRequests?: number;
  maxMs?: number;
  /** Longest wait for one answer before it counts as none. */
  requestTimeoutMs?: number;
  /** Pause between a client's requests. */
  pauseMs?: number;
}

const TASKS = ['pay-your-council-tax', 'report-a-pothole', 'find-your-bin-collection-day', 'register-to-vote'];
const QUERIES = ['council tax', 'pothole', 'bin day', 'parking permit', 'blue badge'];

function randomEvent(): Record<string, unknown> {
  const id = randomUUID();
  const task = TASKS[Math.floor(Math.random() * TASKS.length)]!;
  const pick = Math.random();
  if (pick < 0.5) return { type: 'task_view', id, task };
  if (pick < 0.75) return { type: 'feedback', id, task, useful: Math.random() < 0.7, ...(Math.random() < 0.3 ? { comment: 'Clear, thanks' } : {}) };
  return { type: 'search', id, query: QUERIES[Math.floor(Math.random() * QUERIES.length)]!, results: Math.floor(Math.random() * 5) };
}

export interface Load {
  samples: Sample[];
  /** ms since the load began. */
  now(): number;
  stop(): Promise<Sample[]>;
}

export function startLoad(baseUrl: string, options: LoadOptions = {}): Load {
  const { clients = 6, pageEvery = 5, maxRequests = 20_000, maxMs = 60_000, requestTimeoutMs = 15_000, pauseMs = 2 } = options;
  const began = performance.now();
  const now = () => performance.now() - began;
  const samples: Sample[] = [];
  let running = true;

  async function one(kind: Sample['kind']) {
    const at = now();
    const events = kind === 'events' ? Array.from({ length: 1 + Math.floor(Math.random() * 3) }, randomEvent) : [];
    let status = 0;
    try {
      const response = kind === 'events'
        ? await fetch(`${baseUrl}/api/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ events }), signal: AbortSignal.timeout(requestTimeoutMs) })
        : await fetch(`${baseUrl}/search?q=${encodeURIComponent(QUERIES[Math.floor(Math.random() * QUERIES.length)]!)}`, { signal: AbortSignal.timeout(requestTimeoutMs) });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 0;
    }
    samples.push({ kind, status, at, ms: now() - at, ids: events.map((event) => String(event.id)) });
    return status;
  }

  const workers = Array.from({ length: clients }, async () => {
    for (let count = 1; running && samples.length < maxRequests && now() < maxMs; count++) {
      const status = await one(pageEvery && count % pageEvery === 0 ? 'page' : 'events');
      await new Promise((resolve) => setTimeout(resolve, status === 0 ? 50 : pauseMs));
    }
  });

  return {
    samples,
    now,
    async stop() {
      running = false;
      await Promise.all(workers);
      return samples;
    },
  };
}

export const acknowledged = (samples: Sample[]) => samples.filter((sample) => sample.kind === 'events' && sample.status === 204).flatMap((sample) => sample.ids);
export const longest = (samples: Sample[], kind?: Sample['kind']) => Math.max(0, ...samples.filter((sample) => !kind || sample.kind === kind).map((sample) => sample.ms));

/** ms from `from` until the first acknowledged events request sent after it; undefined if none. */
export function recoveryAfter(samples: Sample[], from: number): number | undefined {
  const first = samples.filter((sample) => sample.kind === 'events' && sample.status === 204 && sample.at >= from).sort((a, b) => a.at + a.ms - (b.at + b.ms))[0];
  return first ? first.at + first.ms - from : undefined;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds or `maxMs` passed (a slow machine makes fewer requests; the tests wait for enough). */
export async function until(condition: () => boolean, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (!condition() && Date.now() < deadline) await sleep(50);
}

export function statusCounts(samples: Sample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const sample of samples) counts[`${sample.kind} ${sample.status || 'no answer'}`] = (counts[`${sample.kind} ${sample.status || 'no answer'}`] ?? 0) + 1;
  return counts;
}
