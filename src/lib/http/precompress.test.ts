import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { brotliQuality, brotliWindowBits, orMoved, precompressDir } from './precompress.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-precompress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('precompressDir', () => {
  it('writes .br and .gz copies of text assets of 1 KB or more, and none of pages, small files or images', async () => {
    const index = JSON.stringify({ tasks: Array.from({ length: 60 }, (_, i) => ({ slug: `report-a-pothole-${i}` })) });
    mkdirSync(join(dir, '_astro'));
    writeFileSync(join(dir, 'search-index.json'), index);
    writeFileSync(join(dir, 'page.html'), '<p>Report a pothole</p>\n'.repeat(200));
    writeFileSync(join(dir, '_astro/app.js'), 'console.log(1);\n'.repeat(100));
    writeFileSync(join(dir, 'small.css'), 'body{margin:0}');
    writeFileSync(join(dir, 'photo.png'), Buffer.alloc(4096, 7));
    const totals = await precompressDir(dir);
    expect(totals.files).toBe(2);
    expect(brotliDecompressSync(readFileSync(join(dir, 'search-index.json.br'))).toString()).toBe(index);
    expect(gunzipSync(readFileSync(join(dir, 'search-index.json.gz'))).toString()).toBe(index);
    expect(existsSync(join(dir, '_astro/app.js.br'))).toBe(true);
    // Pages are compressed by the server when first asked for (page-cache.ts).
    expect(existsSync(join(dir, 'page.html.br'))).toBe(false);
    expect(existsSync(join(dir, 'small.css.br'))).toBe(false);
    expect(existsSync(join(dir, 'photo.png.br'))).toBe(false);
  });

  it('puts the copies where a file will be moved to, and leaves alone a file another walk has claimed', async () => {
    // A server bundle's assets are compressed as the bundle is written; Astro moves them into the client folder later.
    const server = join(dir, 'server/_astro');
    const client = join(dir, 'client/_astro');
    mkdirSync(server, { recursive: true });
    const css = '.journey-part { border-left: 4px solid; }\n'.repeat(60);
    writeFileSync(join(server, 'page.css'), css);
    writeFileSync(join(server, 'other.css'), css);
    const claimed = new Set([join(client, 'other.css')]);
    const totals = await precompressDir(server, { into: client, claimed });
    expect(totals.files).toBe(1);
    expect(brotliDecompressSync(readFileSync(join(client, 'page.css.br'))).toString()).toBe(css);
    expect(existsSync(join(server, 'page.css.br'))).toBe(false);
    expect(existsSync(join(client, 'other.css.br'))).toBe(false);
    // Claimed now: a second walk (the one at the end of the build) does not compress it again.
    expect(claimed.has(join(client, 'page.css'))).toBe(true);
    expect((await precompressDir(server, { into: client, claimed })).files).toBe(0);
  });

  it('reads a file from where it was moved to, when Astro moves it before it is read', async () => {
    const moved = join(dir, 'moved');
    mkdirSync(moved, { recursive: true });
    writeFileSync(join(moved, 'checklist.js'), 'export {};\n');
    const file = { from: join(dir, 'gone/checklist.js'), to: join(moved, 'checklist.js') };
    expect((await orMoved((path) => readFile(path, 'utf8'), file))).toBe('export {};\n');
    // Missing from both places: the error is the file's own.
    await expect(orMoved((path) => readFile(path, 'utf8'), { from: file.from, to: join(dir, 'gone/too.js') })).rejects.toThrow(/ENOENT/);
    await expect(orMoved((path) => readFile(path, 'utf8'), { from: file.from, to: file.from })).rejects.toThrow(/ENOENT/);
  });

  it('sizes the brotli window to the file, and the copy still decodes to the file at every edge', () => {
    expect(brotliWindowBits(12_000)).toBe(14);
    expect(brotliWindowBits(10)).toBe(constants.BROTLI_MIN_WINDOW_BITS);
    expect(brotliWindowBits(2 ** 30)).toBe(constants.BROTLI_MAX_WINDOW_BITS);
    // A window holds 2^bits - 16 bytes: files either side of that edge, of text that repeats from far back.
    for (const size of [1008, 1009, 16_368, 16_369, 70_000]) {
      const head = Buffer.from(Array.from({ length: 600 }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join(''));
      const file = Buffer.alloc(size);
      for (let at = 0; at < size; at += head.length) head.copy(file, at);
      const bits = brotliWindowBits(size);
      expect(2 ** bits - 16).toBeGreaterThanOrEqual(size);
      const copy = brotliCompressSync(file, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_LGWIN]: bits } });
      expect(brotliDecompressSync(copy).equals(file)).toBe(true);
    }
  });

  it('keeps the best brotli quality for shared assets, and a faster one for pages', () => {
    expect(brotliQuality(join(dir, '_astro/app.js'))).toBe(11);
    expect(brotliQuality(join(dir, 'report-a-pothole.html'))).toBe(6);
    expect(brotliQuality(join(dir, 'browse/housing.html'))).toBe(6);
  });
});
