/**
 * The Content-Security-Policy of each prerendered page. Astro writes them at build
 * time (adapter option `staticHeaders`) to dist/_headers.json as
 * [{ pathname, headers: [{ key, value }] }]; the server sends them as a header.
 */
import { readFileSync } from 'node:fs';

export interface PageCsp {
  /** The policy for a page address, if it is a prerendered page. */
  forPath(pathname: string): string | undefined;
  /** How many pages have a policy. */
  readonly size: number;
}

/** "/browse/index.html", "/browse.html" and "/browse/" are all the page "/browse". */
export function pageKey(pathname: string): string {
  const key = pathname.replace(/(?:\/index)?\.html$/, '').replace(/\/+$/, '');
  return key === '' ? '/' : key;
}

export function parsePageCsp(json: unknown): PageCsp {
  if (!Array.isArray(json)) throw new Error('expected a list of { pathname, headers }');
  const policies = new Map<string, string>();
  for (const entry of json as { pathname?: unknown; headers?: unknown }[]) {
    if (typeof entry?.pathname !== 'string' || !Array.isArray(entry.headers)) throw new Error('each entry needs a pathname and a list of headers');
    for (const header of entry.headers as { key?: unknown; value?: unknown }[]) {
      if (typeof header?.key === 'string' && header.key.toLowerCase() === 'content-security-policy' && typeof header.value === 'string') {
        policies.set(pageKey(entry.pathname), header.value);
      }
    }
  }
  return { forPath: (pathname) => policies.get(pageKey(pathname)), size: policies.size };
}

/** Reads the build's policies; a missing or broken file is an error, since pages would go out without a policy. */
export function loadPageCsp(file: string): PageCsp {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the pages' security policies at ${file} (${(error as Error).message}); run "npm run build" again`);
  }
  try {
    return parsePageCsp(JSON.parse(text));
  } catch (error) {
    throw new Error(`the pages' security policies at ${file} are not valid: ${(error as Error).message}; run "npm run build" again`);
  }
}
