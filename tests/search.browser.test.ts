import type { BrowserContextOptions, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './helpers/browser-suite.ts';

const suite = browserSuite('search');

/** The home page in a new browser profile, and its search box. */
async function homePage(options: BrowserContextOptions = {}) {
  const context = await suite.browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${suite.server.url}/`);
  return { context, page, box: page.getByLabel('What do you want to do?') };
}

describe('search in the browser', () => {
  it('loads no script until the box is used, then shows results as you type; Enter goes to /search', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request: Request) => requests.push(new URL(request.url()).pathname));

    await page.goto(`${suite.server.url}/`, { waitUntil: 'networkidle' });
    expect(requests.filter((path) => path.endsWith('.js') || path.endsWith('.json'))).toEqual([]);

    const box = page.getByLabel('What do you want to do?');
    await box.click();
    await box.pressSequentially('pothole', { delay: 20 });
    const result = page.locator('[data-live-results] a[data-rank="1"]');
    await expect.poll(() => result.textContent(), { timeout: 5000 }).toBe('Report a pothole or damaged road');
    expect(requests.some((path) => /^\/_astro\/live-search-entry-.+\.js$/.test(path))).toBe(true);
    expect(requests).toContain('/search-index.json');
    await expect.poll(() => page.locator('[data-live-status]').textContent()).toMatch(/^\d+ results?\./);

    await box.press('Enter');
    await page.waitForURL(/\/search\?q=pothole$/);
    expect(await page.locator('a[data-rank="1"]').textContent()).toBe('Report a pothole or damaged road');
    await context.close();
  });

  it('can be used with the keyboard alone and never traps focus', async () => {
    const { context, page, box } = await homePage();
    await box.focus();
    await page.keyboard.type('bin');
    // The answer for "bin", not for "b" or "bi": on a busy machine an earlier answer can show first and be replaced.
    await page.locator('[data-live-results][data-query="bin"] a').first().waitFor();

    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-rank'))).toBe('1');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-rank'))).toBe('2');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');

    // Tab moves on through the results and out of the form, as on any page.
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      seen.add(await page.evaluate(() => (document.activeElement?.closest('form') ? 'form' : 'outside')));
    }
    expect(seen.has('outside')).toBe(true);

    await box.focus();
    await page.keyboard.press('Escape');
    expect(await box.inputValue()).toBe('');
    expect(await page.locator('[data-live-results]').isHidden()).toBe(true);
    await context.close();
  });

  it('marks signposts and partial matches in the live results, as /search does', async () => {
    const { context, page, box } = await homePage();
    await box.click();
    await box.pressSequentially('passport', { delay: 20 });
    const first = page.locator('[data-live-results] li').first();
    await expect.poll(() => first.getAttribute('data-kind'), { timeout: 5000 }).toBe('signpost');
    expect(await first.locator('.result-tag').textContent()).toBe('Not a council service');

    await box.fill('');
    await box.pressSequentially('needles in the park ', { delay: 20 });
    await expect.poll(() => page.locator('[data-live-results] ul').getAttribute('data-coverage'), { timeout: 5000 }).toBe('partial');
    expect(await page.locator('[data-live-results] li[data-partial="true"] .result-matches').first().textContent()).toBe('Matches: park');
    await expect.poll(() => page.locator('[data-live-status]').textContent()).toContain('Only part of your search matched');
    await context.close();
  });

  it('works with JavaScript turned off', async () => {
    const { context, page, box } = await homePage({ javaScriptEnabled: false });
    await box.fill('pothole');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=pothole$/);
    expect(await page.locator('a[data-rank="1"]').textContent()).toBe('Report a pothole or damaged road');
    await context.close();
  });
});
