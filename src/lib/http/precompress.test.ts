import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { brotliQuality, precompressDir } from './precompress.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-precompress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('precompressDir', () => {
  it('writes .br and .gz copies of text files of 1 KB or more, and nothing else', async () => {
    const page = '<p>Report a pothole</p>\n'.repeat(200);
    mkdirSync(join(dir, '_astro'));
    writeFileSync(join(dir, 'page.html'), page);
    writeFileSync(join(dir, '_astro/app.js'), 'console.log(1);\n'.repeat(100));
    writeFileSync(join(dir, 'small.css'), 'body{margin:0}');
    writeFileSync(join(dir, 'photo.png'), Buffer.alloc(4096, 7));
    const totals = await precompressDir(dir);
    expect(totals.files).toBe(2);
    expect(brotliDecompressSync(readFileSync(join(dir, 'page.html.br'))).toString()).toBe(page);
    expect(gunzipSync(readFileSync(join(dir, 'page.html.gz'))).toString()).toBe(page);
    expect(existsSync(join(dir, '_astro/app.js.br'))).toBe(true);
    expect(existsSync(join(dir, 'small.css.br'))).toBe(false);
    expect(existsSync(join(dir, 'photo.png.br'))).toBe(false);
  });

  it('keeps the best brotli quality for shared assets, and a faster one for pages', () => {
    expect(brotliQuality(join(dir, '_astro/app.js'))).toBe(11);
    expect(brotliQuality(join(dir, 'report-a-pothole.html'))).toBe(6);
    expect(brotliQuality(join(dir, 'browse/housing.html'))).toBe(6);
  });
});
