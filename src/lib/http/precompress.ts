/**
 * Build hook: writes a brotli (.br) and a gzip (.gz) copy beside every text file in the client
 * build but the pages, so the server sends compressed assets without compressing them again on
 * every request (sirv picks the copy by Accept-Encoding). Pages are compressed by the server when
 * first asked for and kept in memory (page-cache.ts, decision 0046): two more files per page cost
 * a large catalogue's build more than they saved.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text types worth compressing here; images and fonts are compressed already, and pages by the server. */
export const COMPRESSIBLE = /\.(?:css|js|mjs|json|svg|xml|txt|csv|map|webmanifest)$/;

/** Below this, the headers cost more than compression saves. */
const MIN_BYTES = 1024;

/**
 * Brotli's best quality (11) takes about 25 times as long as quality 6 for a task page, for a
 * copy about 10% (half a kilobyte) smaller: 20 to 50 ms a page. Pages (compressed by the server,
 * page-cache.ts) get quality 6.
 */
export const PAGE_BROTLI_QUALITY = 6;

/** Shared assets (/_astro/, few, cached for a year, fetched by everyone) keep the best quality; other files get the page quality. */
export function brotliQuality(path: string): number {
  return /[\\/]_astro[\\/]/.test(path) ? constants.BROTLI_MAX_QUALITY : PAGE_BROTLI_QUALITY;
}

/**
 * The smallest brotli window that holds the whole file (a window is 2^bits - 16 bytes). The
 * default, 4 MB, costs a page 40% more CPU for the same size: the encoder sets up tables for a
 * window it never fills. The copy stays a valid brotli stream that decodes to the same bytes.
 */
export function brotliWindowBits(bytes: number): number {
  return Math.min(constants.BROTLI_MAX_WINDOW_BITS, Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(bytes + 16))));
}

/**
 * A text file compressed as the portal sends it: brotli at `quality` with a window sized to the file, gzip at its
 * best. The build's copies of assets and the server's copies of pages (page-cache.ts) both come from here.
 */
export function compressAs(body: Buffer, encoding: 'br' | 'gzip', quality = PAGE_BROTLI_QUALITY): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(body, { level: constants.Z_BEST_COMPRESSION });
  return brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length, [constants.BROTLI_PARAM_LGWIN]: brotliWindowBits(body.length) } });
}

/** Files compressed at once: enough to keep both zlib threads busy, few enough that 20,000 pages are not all in memory together. */
const CONCURRENCY = 8;

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** Compresses every compressible file under `dir`; returns how many it wrote copies for. */
export async function precompressDir(dir: string): Promise<{ files: number; rawBytes: number; brotliBytes: number }> {
  const totals = { files: 0, rawBytes: 0, brotliBytes: 0 };
  const queue: string[] = [];
  for await (const path of files(dir)) {
    if (COMPRESSIBLE.test(path) && (await stat(path)).size >= MIN_BYTES) queue.push(path);
  }
  const worker = async () => {
    for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
      const raw = await readFile(path);
      const [br, gz] = await Promise.all([compressAs(raw, 'br', brotliQuality(path)), compressAs(raw, 'gzip')]);
      // A copy that saves almost nothing is not worth the extra file.
      if (br.length < raw.length * 0.95) await writeFile(`${path}.br`, br);
      if (gz.length < raw.length * 0.95) await writeFile(`${path}.gz`, gz);
      totals.files += 1;
      totals.rawBytes += raw.length;
      totals.brotliBytes += Math.min(br.length, raw.length);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return totals;
}

export default function precompress(): AstroIntegration {
  let clientDir: string | undefined;
  return {
    name: 'taskfront:precompress',
    hooks: {
      'astro:config:done': ({ config }) => {
        clientDir = fileURLToPath(config.build.client);
      },
      'astro:build:done': async ({ logger }) => {
        if (!clientDir) return;
        const { files: count, rawBytes, brotliBytes } = await precompressDir(clientDir);
        logger.info(`compressed ${count} files: ${Math.round(rawBytes / 1024)} KB raw, ${Math.round(brotliBytes / 1024)} KB brotli`);
      },
    },
  };
}
