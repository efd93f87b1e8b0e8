/**
 * Page measurement, kept tiny (budget: 3 KB gzip). Started from data-module="measure"
 * (Measure.astro): it sends task_view on task pages and, on /search, the click on a
 * result against the search the server recorded (its data-search-id), so a click is
 * always counted with its own search. Live results record themselves (live-search.ts)
 * with send() from here. Nothing is sent when the browser asks not to be tracked
 * (Global Privacy Control or Do Not Track). No cookies, no storage.
 */
import { startOnce } from './start-once.ts';

export type Beacon = Record<string, string | number | boolean>;

const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
const optedOut = nav.globalPrivacyControl === true || nav.doNotTrack === '1';

/** crypto.randomUUID needs a secure context; getRandomValues does not. */
export function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Sends events (each gets an id unless it has one) in one beacon, surviving navigation. */
export function send(...events: Beacon[]): void {
  if (optedOut || !events.length) return;
  const withIds = events.map((event) => ({ id: uuid(), ...event }));
  const body = JSON.stringify(withIds.length === 1 ? withIds[0] : { events: withIds });
  if (!nav.sendBeacon?.('/api/events', body)) {
    void fetch('/api/events', { method: 'POST', body, keepalive: true, headers: { 'Content-Type': 'text/plain' } }).catch(() => {});
  }
}

export const startMeasure = startOnce((_root: HTMLElement): void => {

  const page = document.querySelector<HTMLElement>('[data-task-page]');
  if (page?.dataset.taskPage) send({ type: 'task_view', task: page.dataset.taskPage });

  // Clicks on /search results. Without a search id the server did not record the search,
  // so there is nothing to count the click against.
  document.addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-rank][data-task]');
      const results = link?.closest<HTMLElement>('[data-search-results]');
      if (!link || !results?.dataset.searchId || !results.dataset.query) return;
      send({ type: 'search_click', search: results.dataset.searchId, query: results.dataset.query, task: link.dataset.task!, rank: Number(link.dataset.rank) });
    },
    true,
  );
});
