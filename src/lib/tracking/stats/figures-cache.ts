/**
 * A brief cache of the published figures (decision 0036): each period's figures are
 * read once and then served for TASKFRONT_STATS_CACHE_SECONDS (default 60), and
 * requests that arrive while they are being read share that one read. A failed read
 * is never kept. The time left is what Cache-Control promises, so a browser or a
 * proxy never holds figures longer than the server does.
 */

export interface Cached<T> {
  value: T;
  /** Whole seconds the value may still be served (0: do not keep it). */
  maxAge: number;
}

export interface FiguresCache {
  get<T>(key: string, load: () => Promise<T>): Promise<Cached<T>>;
}

export function createFiguresCache({ seconds, now = Date.now }: { seconds: number; now?: () => number }): FiguresCache {
  const entries = new Map<string, { value: Promise<unknown>; expires: number }>();

  function prune(at: number) {
    for (const [key, entry] of entries) if (entry.expires <= at) entries.delete(key);
  }

  return {
    async get<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
      if (seconds <= 0) return { value: await load(), maxAge: 0 };
      const at = now();
      let entry = entries.get(key);
      if (!entry || entry.expires <= at) {
        prune(at);
        const value = load();
        const fresh = { value: value as Promise<unknown>, expires: at + seconds * 1000 };
        entry = fresh;
        entries.set(key, fresh);
        value.catch(() => {
          if (entries.get(key) === fresh) entries.delete(key);
        });
      }
      const value = (await entry.value) as T;
      return { value, maxAge: Math.max(0, Math.ceil((entry.expires - now()) / 1000)) };
    },
  };
}

/** The Cache-Control header for figures that may be kept `maxAge` seconds. */
export function figuresCacheControl(maxAge: number): string {
  return maxAge > 0 ? `public, max-age=${maxAge}` : 'no-store';
}
