/**
 * Build hook: writes a brotli (.br) and a gzip (.gz) copy beside every text file in the client
 * build but the pages, so the server sends compressed assets without compressing them again on
 * every request (sirv picks the copy by Accept-Encoding). Pages are compressed by the server when
 * first asked for and kept in memory (page-cache.ts, decision 0046): two more files per page cost
 * a large catalogue's build more than they saved.
 */
import { existsSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
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

/** `act` on a file where it is, or where its copies go if it has been moved there meanwhile (an asset compressed early). */
export function orMoved<T>(act: (path: string) => Promise<T>, { from, to }: { from: string; to: string }): Promise<T> {
  return act(from).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' && to !== from ? act(to) : Promise.reject(error)));
}

export interface Compressed {
  files: number;
  rawBytes: number;
  brotliBytes: number;
}

/**
 * Compresses every compressible file under `dir`; returns how many it wrote copies for. The copies go under `into`
 * at the same place (beside each file by default). `claimed` holds where copies are made or being made: a file whose
 * copies are claimed is left alone, and the others are claimed as they are found, so two walks never do one twice.
 */
export async function precompressDir(dir: string, { into = dir, claimed = new Set<string>() }: { into?: string; claimed?: Set<string> } = {}): Promise<Compressed> {
  const totals = { files: 0, rawBytes: 0, brotliBytes: 0 };
  const queue: { from: string; to: string }[] = [];
  for await (const from of files(dir)) {
    const to = join(into, relative(dir, from));
    if (!COMPRESSIBLE.test(from) || claimed.has(to)) continue;
    claimed.add(to);
    if ((await orMoved((path) => stat(path), { from, to })).size >= MIN_BYTES) queue.push({ from, to });
  }
  const worker = async () => {
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      const raw = await orMoved((path) => readFile(path), file);
      const [br, gz] = await Promise.all([compressAs(raw, 'br', brotliQuality(file.to)), compressAs(raw, 'gzip')]);
      if (file.to !== file.from) await mkdir(dirname(file.to), { recursive: true });
      // A copy that saves almost nothing is not worth the extra file.
      if (br.length < raw.length * 0.95) await writeFile(`${file.to}.br`, br);
      if (gz.length < raw.length * 0.95) await writeFile(`${file.to}.gz`, gz);
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
  /** Where copies were made early, and the work making them. */
  const claimed = new Set<string>();
  const early: Promise<Compressed>[] = [];
  return {
    name: 'taskfront:precompress',
    hooks: {
      // Shared assets are compressed as soon as each of Vite's bundles is written, while the build goes on (pages are
      // generated on the build's own thread; zlib works on others): about 0.1 s off a 1,000-task build (decision
      // 0047). Those of the server and prerender bundles are moved into the client folder by Astro once the pages
      // are generated, so their copies go straight there.
      'astro:config:setup': ({ config, command, updateConfig }) => {
        if (command !== 'build') return;
        const client = fileURLToPath(config.build.client);
        const assets = config.build.assets;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'taskfront-precompress-assets',
                writeBundle(output: { dir?: string }) {
                  const from = output.dir && join(output.dir, assets);
                  if (!from || !existsSync(from)) return;
                  const made = precompressDir(from, { into: join(client, assets), claimed });
                  // Its failure is reported in astro:build:done, where it is awaited, not as an unhandled rejection.
                  made.catch(() => undefined);
                  early.push(made);
                },
              },
            ],
          },
        });
      },
      'astro:config:done': ({ config }) => {
        clientDir = fileURLToPath(config.build.client);
      },
      'astro:build:done': async ({ logger }) => {
        if (!clientDir) return;
        const made = [...(await Promise.all(early.splice(0))), await precompressDir(clientDir, { claimed })];
        // A copy made early for a file Astro did not move into the client folder would be sent for a missing file.
        for (const to of claimed) {
          if (!existsSync(to)) for (const copy of [`${to}.br`, `${to}.gz`]) rmSync(copy, { force: true });
        }
        claimed.clear();
        const count = made.reduce((sum, part) => sum + part.files, 0);
        const rawBytes = made.reduce((sum, part) => sum + part.rawBytes, 0);
        const brotliBytes = made.reduce((sum, part) => sum + part.brotliBytes, 0);
        logger.info(`compressed ${count} files: ${Math.round(rawBytes / 1024)} KB raw, ${Math.round(brotliBytes / 1024)} KB brotli`);
      },
    },
  };
}
