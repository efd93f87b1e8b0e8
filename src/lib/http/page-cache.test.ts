import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createPageCache, pageFiles } from './page-cache.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-pages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'browse'));
const taskPage = `<html><body><div data-incident-slot="task"></div><h1>Report a pothole</h1>${'<p>Tell us where it is.</p>'.repeat(100)}</body></html>`;
writeFileSync(join(dir, 'index.html'), '<h1>What do you want to do?</h1>');
writeFileSync(join(dir, 'report-a-pothole.html'), taskPage);
writeFileSync(join(dir, 'browse', 'index.html'), '<h1>Browse</h1>');

describe('pageFiles', () => {
  it('finds a page as a file or as a folder with an index, and nothing outside the build or of another kind', () => {
    expect(pageFiles(dir, '/')).toEqual([join(dir, 'index.html')]);
    expect(pageFiles(dir, '/browse')).toEqual([join(dir, 'browse.html'), join(dir, 'browse', 'index.html')]);
    expect(pageFiles(dir, '/report-a-pothole.html')).toEqual([join(dir, 'report-a-pothole.html')]);
    expect(pageFiles(dir, '/favicon.svg')).toEqual([]);
    expect(pageFiles(dir, '/../../etc/passwd')).toEqual([]);
    expect(pageFiles(dir, '/..')).toEqual([]);
  });
});

describe('createPageCache', () => {
  it('serves the built page, and compresses it once per encoding to bytes that decode to the page', async () => {
    const pages = createPageCache(dir);
    const page = (await pages.get('/report-a-pothole'))!;
    expect(page.body.toString()).toBe(taskPage);
    expect(page.etag).toMatch(/^W\/".+"$/);
    expect(Date.parse(page.lastModified)).toBeGreaterThan(0);
    const br = await page.encoded('br');
    expect(brotliDecompressSync(br).toString()).toBe(taskPage);
    expect(br.length).toBeLessThan(taskPage.length / 5);
    expect(gunzipSync(await page.encoded('gzip')).toString()).toBe(taskPage);
    expect(await page.encoded('br')).toBe(br);
    expect(await pages.get('/report-a-pothole')).toBe(page);
    expect((await pages.get('/browse'))!.body.toString()).toBe('<h1>Browse</h1>');
  });

  it('answers undefined where there is no page, and keeps nothing for it', async () => {
    const pages = createPageCache(dir);
    expect(await pages.get('/no-such-task')).toBeUndefined();
    expect(await pages.get('/favicon.svg')).toBeUndefined();
    expect(pages.bytes()).toBe(0);
  });

  it('puts live HTML into the page’s slot, with an ETag of its own; a page without the slot is sent as built', async () => {
    const pages = createPageCache(dir);
    const built = (await pages.get('/report-a-pothole'))!;
    const insert = { slot: 'task', html: '<p class="incident-banner">Not working</p>', tag: '1' };
    const live = (await pages.get('/report-a-pothole', insert))!;
    expect(live.body.toString()).toContain('<div data-incident-slot="task"><p class="incident-banner">Not working</p></div>');
    expect(live.etag).not.toBe(built.etag);
    const changed = (await pages.get('/report-a-pothole', { ...insert, html: '<p class="incident-banner">Working again</p>', tag: '2' }))!;
    expect(changed.etag).not.toBe(live.etag);
    expect((await pages.get('/', insert))!.body.toString()).toBe('<h1>What do you want to do?</h1>');
  });

  it('holds no more than its limit, letting the least recently used pages go first', async () => {
    const limit = taskPage.length * 2 + 100;
    const pages = createPageCache(dir, limit);
    for (let i = 0; i < 5; i += 1) writeFileSync(join(dir, `task-${i}.html`), taskPage);
    const first = await pages.get('/task-0');
    for (let i = 1; i < 5; i += 1) {
      await pages.get(`/task-${i}`);
      expect(pages.bytes()).toBeLessThanOrEqual(limit);
    }
    // task-0 was let go: asked again, it is read again.
    expect(await pages.get('/task-0')).not.toBe(first);
    const kept = await pages.get('/task-0');
    expect(await pages.get('/task-0')).toBe(kept);
  });
});
