/**
 * Page measurement, kept tiny (budget: 3 KB gzip) and loaded with defer on task and
 * search pages. It sends task_view and search_click with sendBeacon, and answers
 * "Did this page help you?" in place. Nothing is sent when the browser asks not
 * to be tracked (Global Privacy Control or Do Not Track). No cookies, no storage.
 */
type Beacon = Record<string, string | number | boolean>;

const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
const optedOut = nav.globalPrivacyControl === true || nav.doNotTrack === '1';

/** crypto.randomUUID needs a secure context; getRandomValues does not. */
function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function send(...events: Beacon[]) {
  if (optedOut || !events.length) return;
  const body = JSON.stringify(events.length === 1 ? { ...events[0], id: uuid() } : { events: events.map((event) => ({ ...event, id: uuid() })) });
  if (!nav.sendBeacon?.('/api/events', body)) {
    void fetch('/api/events', { method: 'POST', body, keepalive: true, headers: { 'Content-Type': 'text/plain' } }).catch(() => {});
  }
}

const page = document.querySelector<HTMLElement>('[data-task-page]');
if (page?.dataset.taskPage) send({ type: 'task_view', task: page.dataset.taskPage });

// Clicks on search results: on /search, and in the live results under any search box.
document.addEventListener(
  'click',
  (event) => {
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-rank][data-task]');
    const holder = link?.closest<HTMLElement>('[data-query]');
    if (!link || !holder?.dataset.query) return;
    const click = { type: 'search_click', query: holder.dataset.query, task: link.dataset.task!, rank: Number(link.dataset.rank) };
    // Live results were never searched on the server, so the search is counted with its click.
    if (holder.dataset.live === 'true') send({ type: 'search', query: holder.dataset.query, results: Number(holder.dataset.total ?? 0) }, click);
    else send(click);
  },
  true,
);

// "Did this page help you?" in place. Any failure falls back to the plain form.
for (const section of document.querySelectorAll<HTMLElement>('[data-module="page-feedback"]')) {
  const status = section.querySelector<HTMLElement>('[data-feedback-status]')!;
  const ask = section.querySelector<HTMLFormElement>('form')!;
  const post = async (fields: Record<string, string>) => {
    const response = await fetch(ask.action, { method: 'POST', body: new URLSearchParams(fields) });
    if (!response.ok) throw new Error(String(response.status));
    return new URL(response.url).searchParams;
  };
  const thank = () => {
    section.replaceChildren(status);
    status.tabIndex = -1;
    status.textContent = 'Thank you for your feedback.';
    status.focus();
  };
  ask.addEventListener('submit', async (event) => {
    const useful = (event.submitter as HTMLButtonElement | null)?.value;
    if (!useful) return;
    event.preventDefault();
    try {
      const result = await post({ useful });
      if (!result.get('more')) return thank();
      const more = document.createElement('form');
      more.className = 'page-feedback-more';
      more.innerHTML =
        '<label for="page-feedback-comment">What were you trying to do? (optional)</label>' +
        '<p class="hint" id="page-feedback-hint">Do not include personal details like your name, email or phone number.</p>' +
        '<textarea id="page-feedback-comment" rows="3" maxlength="300" aria-describedby="page-feedback-hint"></textarea>' +
        '<button type="submit">Send</button>';
      ask.replaceWith(more);
      const comment = more.querySelector('textarea')!;
      comment.focus();
      more.addEventListener('submit', async (submit) => {
        submit.preventDefault();
        if (comment.value.trim()) await post({ id: result.get('id') ?? '', comment: comment.value }).catch(() => {});
        thank();
      });
    } catch {
      ask.requestSubmit(event.submitter as HTMLButtonElement);
    }
  });
}
