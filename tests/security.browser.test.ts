/**
 * The Content-Security-Policy in a real browser: every kind of page loads with
 * JavaScript on, and the scripts that enhance them (live search, "Did this page
 * help you?", the tracking beacon) run, with no policy violation and no console error.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/lib/browser/find-chromium.ts';
import { startServer, type RunningServer } from './helpers/site.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-csp-'));
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ TASKFRONT_DB: join(dir, `${randomUUID()}.sqlite`), TASKFRONT_RATE_LIMIT: '10000/1000' }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Watched {
  page: Page;
  context: BrowserContext;
  /** CSP violations reported by the page, and console errors, in the order they happened. */
  problems: string[];
  /** Script and style requests that failed to load. */
  failed: string[];
}

async function watchedPage(): Promise<Watched> {
  const context = await browser.newContext();
  // Injected by the browser's debugging protocol, so the page's own policy does not apply to it.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const failed: string[] = [];
  page.on('console', (message) => {
    // A 404 page logs its own status as a failed resource; that is the page working.
    if (message.type() === 'error' && !/status of 404/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => failed.push(`${request.url()} (${request.failure()?.errorText})`));
  return { page, context, problems, failed };
}

const PAGES = [
  ['home', '/'],
  ['task', '/report-a-pothole'],
  ['browse', '/browse'],
  ['topic', '/browse/bins-and-recycling'],
  ['search with results', '/search?q=bins'],
  ['search without results', '/search?q=zzqqxx'],
  ['empty search', '/search'],
  ['dashboard', '/performance'],
  ['task dashboard', '/performance/report-a-pothole'],
  ['demo service', '/demo-service/report-a-pothole'],
  ['finished', '/done/report-a-pothole'],
  ['thanks', '/done/report-a-pothole/thanks'],
  ['feedback without JavaScript', '/feedback/report-a-pothole'],
  ['privacy', '/privacy'],
  ['accessibility', '/accessibility'],
  ['not found', '/no-such-page'],
  ['start (redirects to the service)', '/start/report-a-pothole'],
] as const;

describe('no CSP violation or console error', () => {
  it.each(PAGES)('%s (%s)', async (_name, path) => {
    const { page, context, problems, failed } = await watchedPage();
    const response = await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    expect(response?.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    // Every page has a stylesheet; if the policy blocked it, nothing would be styled.
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
    expect(problems).toEqual([]);
    expect(failed).toEqual([]);
    await context.close();
  });

  it('live search: typing in the home page box shows results', async () => {
    const { page, context, problems, failed } = await watchedPage();
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    const box = page.getByLabel('What do you want to do?');
    await box.click();
    await box.pressSequentially('bins', { delay: 30 });
    await page.locator('[data-live-results]:not([hidden]) a').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-live-results] a').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    expect(failed).toEqual([]);
    await context.close();
  });

  it('"Did this page help you?": No, then a comment, in place', async () => {
    const { page, context, problems, failed } = await watchedPage();
    await page.goto(`${server.url}/report-graffiti`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'No this page did not help' }).click();
    const comment = page.getByLabel('What were you trying to do? (optional)');
    await comment.waitFor();
    await comment.fill('Graffiti on the bridge');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you for your feedback.').waitFor();
    expect(problems).toEqual([]);
    expect(failed).toEqual([]);
    await context.close();
  });

  it('the plain forms post and redirect (same-origin Referrer-Policy keeps the Origin header)', async () => {
    const { page, context, problems } = await watchedPage();
    await page.goto(`${server.url}/done/report-a-pothole`);
    await page.getByLabel('Very satisfied').check();
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.waitForURL(/\/done\/report-a-pothole\/thanks$/);
    await page.goto(`${server.url}/feedback/report-a-pothole`);
    await page.getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/feedback\/report-a-pothole\?sent=1$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a page cannot be framed, even by itself', async () => {
    const { page, context } = await watchedPage();
    await page.goto(`${server.url}/privacy`);
    const blocked = await page.evaluate(async (url) => {
      const frame = document.createElement('iframe');
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.src = url;
      document.body.append(frame);
      await Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 5000))]);
      try {
        // A blocked frame shows the browser's error page, which is not our origin.
        return frame.contentDocument?.querySelector('form[action="/feedback/report-a-pothole"]') === null || frame.contentDocument === null;
      } catch {
        return true;
      }
    }, `${server.url}/report-a-pothole`);
    expect(blocked).toBe(true);
    await context.close();
  });
});
