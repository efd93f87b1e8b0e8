/**
 * A token bucket per client, kept in memory only. The key (an address) is never
 * stored or logged, and buckets idle for a while are forgotten.
 */
import { setting } from '../settings/load-settings.ts';

export interface RateLimitOptions {
  /** Requests a client may make at once. */
  burst: number;
  /** Requests per second added back. */
  perSecond: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export function createRateLimiter({ burst, perSecond }: RateLimitOptions) {
  const buckets = new Map<string, { tokens: number; updated: number }>();
  let checks = 0;

  function sweep(now: number) {
    const idleMs = ((burst / perSecond) * 1000) * 2;
    for (const [key, bucket] of buckets) if (now - bucket.updated > idleMs) buckets.delete(key);
  }

  return {
    take(key: string, now = Date.now()): RateDecision {
      if (++checks % 1000 === 0) sweep(now);
      const bucket = buckets.get(key) ?? { tokens: burst, updated: now };
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updated) / 1000) * perSecond);
      bucket.updated = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
    },
    /** How many clients are remembered right now (for tests). */
    get size() {
      return buckets.size;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** TASKFRONT_RATE_LIMIT="burst/perSecond", e.g. "60/5" (the default). */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitOptions {
  return setting('TASKFRONT_RATE_LIMIT', env);
}
