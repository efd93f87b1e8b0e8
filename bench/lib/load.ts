/** HTTP load with autocannon: requests a second, p50 and p99 latency, and what was answered. */
import autocannon from 'autocannon';

export interface LoadResult {
  /** Answers a second over the whole run (each answer, whatever its status). */
  rps: number;
  /** How long the run took. */
  seconds: number;
  p50: number;
  p99: number;
  total: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
  errors: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Run for this long; or, with `amount`, until that many requests have all been answered. */
  seconds?: number;
  amount?: number;
  requests: { method?: string; path: string; headers?: Record<string, string>; body?: string; setupRequest?: (request: { body?: string }) => { body?: string } }[];
}

export async function load({ url, connections, seconds, amount, requests }: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({ url, connections, ...(amount ? { amount } : { duration: seconds }), timeout: 30, requests });
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = count;
  const total = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return { rps: total / result.duration, seconds: result.duration, p50: result.latency.p50, p99: result.latency.p99, total, statuses, errors: result.errors + result.timeouts };
}

/** Polls until `url` answers 200, then resolves with the ms since `since` (performance.now()). */
export async function firstAnswer(url: string, since: number, timeoutMs: number, stopped: () => boolean): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    if (stopped()) throw new Error('the server stopped before answering');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
      if (response.ok) return performance.now() - since;
      throw new Error(`${url} answered ${response.status}`);
    } catch (error) {
      if (error instanceof Error && /answered/.test(error.message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}
