/**
 * A brief cache of the published figures (decisions 0036 and 0043): each period's
 * figures are read once and then served for TASKFRONT_STATS_CACHE_SECONDS (default 60).
 * Requests that arrive while the figures are being read share that one read, even
 * with the cache at 0: ten people opening the dashboard at once cost one read, not
 * ten, however short the cache. A failed read is never kept. The time left is what
 * Cache-Control promises, so a browser or a proxy never holds figures longer than
 * the server does.
 *
 * Every answer says how it was made (its own read, a read already in flight, or the
 * cache), and the cache counts each, so a measurement can print how many reads its
 * requests really cost instead of hiding the sharing inside a fast figure.
 */

/** How an answer was made: `read` started a read, `joined` shared one in flight, `cached` was kept from an earlier read. */
export type Source = 'read' | 'joined' | 'cached';

export interface Cached<T> {
  value: T;
  /** Whole seconds the value may still be served (0: do not keep it). */
  maxAge: number;
  source: Source;
  /** How long the read behind this answer took, in ms (the read it joined, or the one it was kept from). */
  readMs: number;
}

export type CacheCounts = Record<Source, number>;

export interface FiguresCache {
  get<T>(key: string, load: () => Promise<T>): Promise<Cached<T>>;
  /** Answers given since the cache was made, by how each was made. */
  counts(): CacheCounts;
}

interface Entry {
  value: Promise<unknown>;
  /** When the read ended (undefined while it runs). */
  settled?: number;
  readMs: number;
  expires: number;
}

export function createFiguresCache({ seconds, now = Date.now }: { seconds: number; now?: () => number }): FiguresCache {
  const entries = new Map<string, Entry>();
  const counts: CacheCounts = { read: 0, joined: 0, cached: 0 };

  function prune(at: number) {
    for (const [key, entry] of entries) if (entry.settled !== undefined && entry.expires <= at) entries.delete(key);
  }

  function start(key: string, load: () => Promise<unknown>, at: number): Entry {
    const started = performance.now();
    const entry: Entry = { value: load(), readMs: 0, expires: Infinity };
    entries.set(key, entry);
    const end = (kept: boolean) => {
      entry.settled = now();
      entry.readMs = performance.now() - started;
      // Kept for `seconds` from when it was asked for, as before; with the cache off, only while in flight.
      entry.expires = kept ? at + seconds * 1000 : -Infinity;
      if (!kept || seconds <= 0) {
        if (entries.get(key) === entry) entries.delete(key);
      }
    };
    entry.value.then(() => end(true), () => end(false));
    return entry;
  }

  return {
    async get<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
      const at = now();
      let entry = entries.get(key);
      let source: Source;
      if (entry && entry.settled === undefined) source = 'joined';
      else if (entry && entry.expires > at) source = 'cached';
      else {
        prune(at);
        entry = start(key, load, at);
        source = 'read';
      }
      counts[source]++;
      const value = (await entry.value) as T;
      const maxAge = seconds > 0 ? Math.max(0, Math.ceil((entry.expires - now()) / 1000)) : 0;
      return { value, maxAge, source, readMs: entry.readMs };
    },
    counts: () => ({ ...counts }),
  };
}

/** The Cache-Control header for figures that may be kept `maxAge` seconds. */
export function figuresCacheControl(maxAge: number): string {
  return maxAge > 0 ? `public, max-age=${maxAge}` : 'no-store';
}
