import { describe, expect, it } from 'vitest';
import type { PortalStats } from '../src/schemas/events.ts';
import { browserSuite } from './helpers/browser-suite.ts';

const suite = browserSuite('journey');

const stats = async () => (await (await fetch(`${suite.server.url}/api/stats?period=7`)).json()) as PortalStats;

describe('a citizen’s journey in the browser', () => {
  it('search, click, Start, finish, rate 5: each counted exactly once', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/`);
    const box = page.getByLabel('What do you want to do?');
    await box.fill('pothole');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=pothole/);
    await page.locator('a[data-rank="1"]').click();
    await page.waitForURL(/\/report-a-pothole$/);
    await page.getByRole('link', { name: 'Report a pothole' }).last().click();
    await page.waitForURL(/\/demo-service\/report-a-pothole\?journey=[\w-]{43}$/);
    await page.getByRole('button', { name: 'Finish the demo' }).click();
    await page.waitForURL(/\/done\/report-a-pothole\?journey=[\w-]{43}$/);
    // Reloading the finish page does not finish the journey again.
    await page.reload();
    await page.getByLabel('Very satisfied').check();
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.waitForURL(/\/done\/report-a-pothole\/thanks$/);
    await context.close();

    await expect.poll(async () => (await stats()).tasks.find((task) => task.task === 'report-a-pothole')?.views, { timeout: 5000 }).toBe(1);
    const after = await stats();
    expect(after.search).toMatchObject({ searches: 1, clicks: 1 });
    expect(after.tasks.find((task) => task.task === 'report-a-pothole')).toMatchObject({ views: 1, starts: 1, completions: 1, unlinkedFinishes: 0, ratings: 1, ratingCounts: [0, 0, 0, 0, 1] });
  });

  it('answers "Did this page help you?" in place, with the comment step after No', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/report-graffiti`);
    await page.getByRole('button', { name: 'No this page did not help' }).click();
    const comment = page.getByLabel('What were you trying to do? (optional)');
    await comment.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-feedback-comment');
    await comment.fill('I wanted to report graffiti on a bridge');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you for your feedback.').waitFor();
    expect(page.url()).toBe(`${suite.server.url}/report-graffiti`);
    await context.close();
    await expect.poll(async () => (await stats()).tasks.find((task) => task.task === 'report-graffiti')?.feedbackNo, { timeout: 5000 }).toBe(1);
  });

  it('records a live search once its results settle, and a click on them against that search', async () => {
    const before = (await stats()).search;
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/search`);
    const box = page.getByLabel('What do you want to do?');
    await box.pressSequentially('council tax', { delay: 20 });
    const results = page.locator('[data-live-results] a[data-rank="1"]');
    await results.waitFor();
    // Typing on the way ("c", "co", …) is not counted: only what stayed on screen.
    await page.waitForTimeout(2000);
    await results.click();
    await page.waitForURL((url) => !url.pathname.startsWith('/search'));
    await context.close();
    await expect.poll(async () => (await stats()).search.clicks - before.clicks, { timeout: 5000 }).toBe(1);
    expect((await stats()).search.searches - before.searches).toBe(1);
  });

  it('sends nothing when the browser has Global Privacy Control on', async () => {
    const context = await suite.browser.newContext();
    await context.addInitScript(() => Object.defineProperty(navigator, 'globalPrivacyControl', { value: true }));
    const page = await context.newPage();
    const beacons: string[] = [];
    page.on('request', (request) => request.url().endsWith('/api/events') && beacons.push(request.url()));
    await page.goto(`${suite.server.url}/report-noise`);
    await page.waitForTimeout(300);
    expect(beacons).toEqual([]);
    await context.close();
  });
});
