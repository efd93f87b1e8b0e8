/**
 * The body of a figures response, written and compressed once per read (decision 0043).
 *
 * Requests that share one read of the figures (figures-cache.ts) get the same figures
 * object. Writing its JSON or CSV again for each of them, and compressing each copy on
 * the way out, was most of the main thread's work per dashboard request: at a million
 * events the /api/stats?period=90 body is about 70 kB, some 6 ms of gzip each time. So the
 * text and its compressed copies are kept beside the figures object they were made from,
 * and go when it goes (a WeakMap: nothing to expire, nothing kept after the cache lets go).
 *
 * The compressed copy is chosen here from Accept-Encoding and sent with Content-Encoding
 * set, which the server's compression layer leaves as it is.
 */
import { promisify } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Below this, the headers cost more than compression saves (as the server's compression layer judges). */
export const MIN_BYTES = 1024;

// Quality 4 as the server compresses its other dynamic answers: a good size for the time.
const brotliOptions = (body: Buffer) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });

/**
 * On the main thread, compression goes to the process's pool, so the event loop goes on. On
 * the dashboard's own low-priority thread (decision 0045) it is done there, synchronously: the
 * pool's threads run at normal priority and would take the CPU search needs.
 */
const compressors: Record<Encoding, (body: Buffer) => Promise<Buffer>> = isMainThread
  ? { br: (body) => promisify(brotliCompress)(body, brotliOptions(body)), gzip: (body) => promisify(gzip)(body) }
  : { br: async (body) => compressHere('br', body), gzip: async (body) => compressHere('gzip', body) };

/** `body` compressed on this thread, as the server compresses its dynamic answers. */
export function compressHere(encoding: Encoding, body: Buffer): Buffer {
  return encoding === 'br' ? brotliCompressSync(body, brotliOptions(body)) : gzipSync(body);
}

export interface Rendered {
  body: Buffer;
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}

const renderings = new WeakMap<object, Map<string, Rendered>>();

/** The text `render` makes from `figures` under the name `kind`, made at most once per figures object. */
export function renderOnce(figures: object, kind: string, render: () => string): Rendered {
  let byKind = renderings.get(figures);
  if (!byKind) renderings.set(figures, (byKind = new Map()));
  let rendered = byKind.get(kind);
  if (!rendered) byKind.set(kind, (rendered = { body: Buffer.from(render()), encoded: {} }));
  return rendered;
}

/**
 * The encoding to send for an Accept-Encoding header: brotli, then gzip, when the client
 * accepts it (a q of 0 refuses it, `*` accepts either), otherwise none.
 */
export function chooseEncoding(acceptEncoding: string | null): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const acceptable = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return (['br', 'gzip'] as const).find(acceptable);
}

/** The rendered body for a request, compressed when the client accepts it and it is worth it; each copy made once. */
export async function bodyFor(rendered: Rendered, acceptEncoding: string | null): Promise<{ body: Buffer; encoding?: Encoding }> {
  const encoding = rendered.body.length >= MIN_BYTES ? chooseEncoding(acceptEncoding) : undefined;
  if (!encoding) return { body: rendered.body };
  let copy = rendered.encoded[encoding];
  if (!copy) {
    copy = compressors[encoding](rendered.body);
    rendered.encoded[encoding] = copy;
    // A failed compression is not kept: the next request tries again.
    copy.catch(() => {
      if (rendered.encoded[encoding] === copy) delete rendered.encoded[encoding];
    });
  }
  return { body: await copy, encoding };
}
