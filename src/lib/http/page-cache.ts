/**
 * The prerendered pages as the server sends them: read from the build once, with live HTML put
 * in when there is some (an incident banner, decision 0033), and compressed once per encoding
 * when a client first asks for it, then kept in memory up to a limit.
 *
 * The build used to write a brotli and a gzip copy of every page: two more files per page, which
 * on this machine's disk cost more than the compression itself, a third of a 10,000-task build
 * (issue 17, decision 0046). Shared assets (CSS, JavaScript, the search index) still get their
 * copies at build time (precompress.ts): they are few, large and fetched by everyone.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { compressAs } from './precompress.ts';

export type PageEncoding = 'br' | 'gzip';

/** HTML to put into a prerendered page's `<div data-incident-slot="<slot>"></div>` as it is served. */
export interface PageInsert {
  slot: string;
  html: string;
  /** Changes whenever `html` does; with the page, it makes the ETag. */
  tag: string;
}

/** A page ready to send. */
export interface ServedPage {
  body: Buffer;
  /** A hash of the bytes sent, so a browser holding another version (with or without a banner) never gets a 304. */
  etag: string;
  lastModified: string;
  /** The body in an encoding, made on first use and kept with the page. */
  encoded(encoding: PageEncoding): Promise<Buffer>;
}

export interface PageCache {
  /** The built page at this address (with the insert in its slot, when it has that slot), or undefined when no page is there. */
  get(pathname: string, insert?: PageInsert): Promise<ServedPage | undefined>;
  /** Bytes held now (bodies and their encodings), for tests and the limit. */
  bytes(): number;
}

/** Enough for every page of a large council's catalogue in both encodings, and a bound on the server's memory. */
export const PAGE_CACHE_BYTES = 48 * 2 ** 20;

/**
 * The files an address may be, in the order tried: "/" and "/browse" are folders with an index page, "/x" is
 * x.html. None for an address of another kind of file (/favicon.svg), or one outside the build.
 */
export function pageFiles(clientDir: string, pathname: string): string[] {
  const root = resolve(clientDir);
  const inside = (file: string) => (file.startsWith(root + sep) ? [file] : []);
  if (pathname === '/' || pathname === '') return [join(root, 'index.html')];
  if (pathname.endsWith('.html')) return inside(resolve(root, `.${pathname}`));
  if (/\.[^/]*$/.test(pathname)) return [];
  return [...inside(resolve(root, `.${pathname}.html`)), ...inside(resolve(root, `.${pathname}`, 'index.html'))];
}

export function createPageCache(clientDir: string, maxBytes = PAGE_CACHE_BYTES): PageCache {
  /** Most recently used last; the key is the address with the insert's slot and tag. */
  const entries = new Map<string, { page: Promise<ServedPage | undefined>; bytes: number }>();
  let held = 0;

  function count(key: string, bytes: number): void {
    const entry = entries.get(key);
    if (!entry) return; // dropped while it was being made: it was never counted
    entry.bytes += bytes;
    held += bytes;
    for (const [oldest, old] of entries) {
      if (held <= maxBytes) break;
      if (oldest === key) continue;
      entries.delete(oldest);
      held -= old.bytes;
    }
  }

  async function readBuilt(pathname: string): Promise<{ body: Buffer; mtime: Date } | undefined> {
    for (const file of pageFiles(clientDir, pathname)) {
      try {
        const [body, info] = await Promise.all([readFile(file), stat(file)]);
        return { body, mtime: info.mtime };
      } catch {
        // Not this one: try the next, or there is no page here.
      }
    }
    return undefined;
  }

  async function make(key: string, pathname: string, insert: PageInsert | undefined): Promise<ServedPage | undefined> {
    const built = await readBuilt(pathname);
    if (!built) return undefined;
    let body = built.body;
    if (insert) {
      const slot = new RegExp(`<div data-incident-slot="${insert.slot.replace(/[^\w-]/g, '')}"([^>]*)></div>`);
      const html = body.toString('utf8');
      // A page without this slot is sent as built.
      if (slot.test(html)) body = Buffer.from(html.replace(slot, (_match, rest: string) => `<div data-incident-slot="${insert.slot}"${rest}>${insert.html}</div>`));
    }
    count(key, body.length);
    const made = new Map<PageEncoding, Promise<Buffer>>();
    return {
      body,
      etag: `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      lastModified: built.mtime.toUTCString(),
      encoded(encoding) {
        let copy = made.get(encoding);
        if (!copy) {
          copy = compressAs(body, encoding);
          made.set(encoding, copy);
          copy.then((bytes) => count(key, bytes.length), () => made.delete(encoding));
        }
        return copy;
      },
    };
  }

  return {
    get(pathname, insert) {
      const key = insert ? `${pathname}\0${insert.slot}\0${insert.tag}` : pathname;
      let entry = entries.get(key);
      if (entry) {
        // Used again: to the back of the queue for eviction.
        entries.delete(key);
        entries.set(key, entry);
        return entry.page;
      }
      entry = { page: make(key, pathname, insert), bytes: 0 };
      entries.set(key, entry);
      // An address with no page is not kept: there are endless ones.
      void entry.page.then((page) => {
        if (!page && entries.get(key) === entry) entries.delete(key);
      }, () => entries.delete(key));
      return entry.page;
    },
    bytes: () => held,
  };
}
