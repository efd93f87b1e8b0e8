/**
 * Keeps the audited page in place while the checks run. A page can leave by itself: a meta
 * refresh (Astro's redirect pages use one with no delay), a refresh every 30 s, a script
 * that sets location. Left alone, that swaps the document under a check halfway through
 * ("execution context was destroyed"), and the result depends on how busy the machine is.
 * The audit asks for the page it means to audit; any other top-level navigation is
 * cancelled as the browser cancels a stopped load (net::ERR_ABORTED), which leaves the
 * current document as it was, with no error page. The refresh itself is still in the
 * document for the structure check to judge.
 */
import type { Page, Request, Route } from 'playwright-core';

interface Hold {
  /** 'open': every navigation goes (states that submit forms); 'expect': only `url`, once; 'held': none. */
  mode: 'open' | 'expect' | 'held';
  url: string | null;
  /** The navigation let through for `url`: its HTTP redirects belong to it. */
  admitted: Request | null;
  /** Navigations cancelled since the page was last asked for. */
  cancelled: string[];
}

const holds = new WeakMap<Page, Hold>();

function ownNavigation(hold: Hold, request: Request): boolean {
  if (hold.mode === 'open') return true;
  // An HTTP redirect of the page asked for belongs to that load.
  let first = request;
  for (let from = request.redirectedFrom(); from; from = from.redirectedFrom()) first = from;
  if (first !== request) return first === hold.admitted;
  if (hold.mode === 'expect' && request.url() === hold.url) {
    hold.mode = 'held';
    hold.admitted = request;
    return true;
  }
  return false;
}

async function holdOf(page: Page): Promise<Hold> {
  let hold = holds.get(page);
  if (hold) return hold;
  const created: Hold = { mode: 'open', url: null, admitted: null, cancelled: [] };
  holds.set(page, created);
  await page.route('**/*', (route: Route, request: Request) => {
    if (!request.isNavigationRequest() || request.frame() !== page.mainFrame() || ownNavigation(created, request)) return route.fallback();
    created.cancelled.push(request.url());
    return route.abort('aborted');
  });
  return created;
}

/** Lets the next top-level navigation to `url` (and its redirects) through, and no other until asked again. */
export async function expectOnly(page: Page, url: string): Promise<void> {
  const hold = await holdOf(page);
  Object.assign(hold, { mode: 'expect', url, admitted: null, cancelled: [] });
}

/** Lets every navigation through (an interactive state may submit a form or follow a link). */
export async function letGo(page: Page): Promise<void> {
  const existing = holds.get(page);
  if (existing) Object.assign(existing, { mode: 'open', url: null });
}

/** Where the page tried to go by itself since it was asked for. */
export const cancelledNavigations = (page: Page): readonly string[] => holds.get(page)?.cancelled ?? [];
