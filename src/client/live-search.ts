/**
 * Results as you type, for a search form that already works without it.
 * - Results are plain links under the box; Tab reaches them as usual, never trapped.
 * - The down and up arrows move between the box and the results; Escape clears.
 * - A polite live region says how many results there are.
 * - Enter still submits the form to /search.
 */
import { createSearchEngine } from '../lib/search/engine.ts';
import type { SearchData } from '../lib/search/engine.ts';
import type { SearchResponse } from '../schemas/search.ts';
import { fill } from '../i18n/fill.ts';
import type { LiveSearchKey } from './live-search-strings.ts';
import { isTaskResult } from '../lib/search/result-kinds.ts';
import { send, uuid } from './measure.ts';
import { startOnce } from './start-once.ts';

const DEBOUNCE_MS = 100;
// A live search is recorded once its results have stayed on screen this long (or at a
// click), so "p", "po", "pot" typed on the way to "pothole" are not counted as searches.
const SETTLE_MS = 1500;
const LIVE_LIMIT = 8;

type Searcher = (query: string, signal: AbortSignal) => Promise<SearchResponse>;
type Text = (key: LiveSearchKey, values?: Record<string, string | number>) => string;

/** The form's strings (SearchForm.astro hands them over in data-i18n); a missing one shows its key, not nothing. */
function textOf(form: HTMLFormElement): Text {
  const strings = JSON.parse(form.dataset.i18n ?? '{}') as Partial<Record<LiveSearchKey, string>>;
  return (key, values) => fill(strings[key] ?? key, values);
}

export const startLiveSearch = startOnce((form: HTMLFormElement): void => {
  const input = form.querySelector<HTMLInputElement>('input[name="q"]');
  const status = form.querySelector<HTMLElement>('[data-live-status]');
  const panel = form.querySelector<HTMLElement>('[data-live-results]');
  if (!input || !status || !panel) return;

  const t = textOf(form);
  const searcher = makeSearcher(form);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;

  const clear = () => {
    panel.hidden = true;
    panel.replaceChildren();
    delete panel.dataset.signature;
    status.textContent = '';
  };

  const run = async () => {
    const query = input.value.trim();
    controller?.abort();
    if (!query) return clear();
    controller = new AbortController();
    const { signal } = controller;
    try {
      const response = await searcher(input.value, signal);
      if (signal.aborted) return;
      render(panel, response, query, t);
      const count =
        response.results.length === 0
          ? t('search.live.count.none')
          : response.results.length === 1
            ? t('search.live.count.one')
            : t('search.live.count.other', { count: response.results.length });
      // Say so when the results answer only part of what was typed, as /search does.
      status.textContent = response.coverage === 'partial' ? `${count} ${t('results.live.partial')}` : count;
    } catch (error) {
      if (signal.aborted) return;
      clear();
      status.textContent = t('search.live.error');
      console.warn(error);
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });

  recordLiveSearches(form, panel);

  form.addEventListener('keydown', (event) => {
    const links = [...panel.querySelectorAll<HTMLAnchorElement>('a')];
    const current = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === 'Escape' && (input.value || !panel.hidden)) {
      event.preventDefault();
      input.value = '';
      clear();
      input.focus();
    } else if (event.key === 'ArrowDown' && !panel.hidden && links.length) {
      event.preventDefault();
      links[Math.min(current + 1, links.length - 1)]?.focus();
    } else if (event.key === 'ArrowUp' && current >= 0) {
      event.preventDefault();
      if (current === 0) input.focus();
      else links[current - 1]?.focus();
    }
  });

  // Someone may have typed before the script arrived: answer what is in the box now.
  if (input.value.trim() && document.activeElement === input && !/\/search$/.test(location.pathname)) void run();
});

function makeSearcher(form: HTMLFormElement): Searcher {
  if (form.dataset.mode === 'api') {
    return async (query, signal) => {
      const response = await fetch(`/api/search?q=${encodeURIComponent(query)}&limit=${LIVE_LIMIT}`, { signal });
      if (!response.ok) throw new Error(`search answered ${response.status}`);
      return (await response.json()) as SearchResponse;
    };
  }
  let engine: Promise<ReturnType<typeof createSearchEngine>> | undefined;
  return async (query) => {
    engine ??= fetch(form.dataset.indexUrl ?? '/search-index.json')
      .then((response) => {
        if (!response.ok) throw new Error(`search index answered ${response.status}`);
        return response.json() as Promise<SearchData>;
      })
      .then(createSearchEngine)
      .catch((error: unknown) => {
        engine = undefined;
        throw error;
      });
    return (await engine).search(query, { limit: LIVE_LIMIT, prefix: true });
  };
}

function render(panel: HTMLElement, response: SearchResponse, query: string, t: Text): void {
  // The same answer again (a repeated or overlapping search): leave it, so focus and reading position stay.
  const signature = JSON.stringify([query, response.results.map((result) => result.slug)]);
  if (panel.dataset.signature === signature && !panel.hidden) return;
  panel.dataset.signature = signature;
  // If someone is moving through the old results, keep them at the same place in the new ones.
  const focusedRank = (document.activeElement as HTMLElement | null)?.closest('[data-live-results]') === panel ? (document.activeElement as HTMLElement).dataset.rank : undefined;
  const list = document.createElement('ul');
  list.className = 'task-list search-results';
  list.dataset.coverage = response.coverage;
  list.setAttribute('aria-label', t('search.resultsLabel'));
  response.results.forEach((result, index) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = result.url;
    link.textContent = result.title;
    link.dataset.rank = String(index + 1);
    // Clicks are counted per task; a journey or the contact page is not one.
    if (isTaskResult(result.kind)) link.dataset.task = result.slug;
    const summary = document.createElement('p');
    summary.textContent = result.summary;
    item.dataset.kind = result.kind;
    const label = result.kind === 'signpost' ? t('results.notCouncil') : result.kind === 'journey' ? t('journey.searchLabel') : result.kind === 'contact' ? t('contact.searchLabel') : undefined;
    if (label) {
      const tag = document.createElement('p');
      tag.className = 'result-tag';
      tag.textContent = label;
      item.append(tag);
    }
    item.append(link, summary);
    if (result.partial) {
      item.dataset.partial = 'true';
      const matches = document.createElement('p');
      matches.className = 'result-matches';
      matches.textContent = t('results.matches', { words: result.matched.join(', ') });
      item.append(matches);
    }
    list.append(item);
  });
  const all = document.createElement('a');
  all.href = `/search?q=${encodeURIComponent(query)}`;
  all.className = 'live-all';
  all.textContent = t('search.live.seeAll', { query });
  // Each answer shown is a new search, with its own id; recordLiveSearches counts it and its click.
  panel.dataset.query = query;
  panel.dataset.total = String(response.total);
  panel.dataset.searchId = uuid();
  delete panel.dataset.recorded;
  panel.dispatchEvent(new Event('live-results-shown'));
  panel.replaceChildren(...(response.results.length ? [list] : []), all);
  panel.hidden = false;
  if (focusedRank) (panel.querySelector<HTMLElement>(`a[data-rank="${focusedRank}"]`) ?? all).focus();
}

/**
 * Records live searches the way the server records /search: the search once its results
 * have settled on screen, and a click on a result against that search's id (with the
 * search in the same beacon if it had not settled yet). Click-through is then clicks on
 * recorded searches ÷ recorded searches, which cannot pass 100%.
 */
function recordLiveSearches(form: HTMLFormElement, panel: HTMLElement): void {
  let settle: ReturnType<typeof setTimeout> | undefined;
  // Enter goes to /search, which records the search itself: the live one must not count as well.
  form.addEventListener('submit', () => clearTimeout(settle));
  addEventListener('pagehide', () => clearTimeout(settle));
  const search = () => ({ type: 'search', id: panel.dataset.searchId!, query: panel.dataset.query!, results: Number(panel.dataset.total ?? 0) });
  const recordSearch = () => {
    if (panel.hidden || !panel.dataset.searchId || panel.dataset.recorded) return;
    panel.dataset.recorded = 'true';
    send(search());
  };
  panel.addEventListener('live-results-shown', () => {
    clearTimeout(settle);
    settle = setTimeout(recordSearch, SETTLE_MS);
  });
  panel.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-rank][data-task]');
    if (!link || !panel.dataset.searchId) return;
    clearTimeout(settle);
    const click = { type: 'search_click', search: panel.dataset.searchId, query: panel.dataset.query!, task: link.dataset.task!, rank: Number(link.dataset.rank) };
    if (panel.dataset.recorded) send(click);
    else {
      panel.dataset.recorded = 'true';
      send(search(), click);
    }
  });
}
