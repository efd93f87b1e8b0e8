/**
 * The public dashboard through the real server: /performance, /performance/<task>,
 * /performance.csv and /api/stats, from known figures (TASKFRONT_STATS_FIXTURE) and
 * from a store seeded through the real routes. Sorting and charts are checked in
 * Chromium with JavaScript off, at 320 and 1280 px.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/lib/browser/find-chromium.ts';
import { AXE_TAGS } from '../src/lib/a11y/checks/axe.ts';
import type { DailyTaskStats, PortalStats } from '../src/schemas/events.ts';
import { portalFixture } from '../src/lib/tracking/stats/test-fixtures.ts';
import { startServer, type RunningServer } from './helpers/site.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-dashboard-'));
const servers: RunningServer[] = [];
let browser: Browser;
afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function portal(env: Record<string, string>) {
  const server = await startServer({ TASKFRONT_DB: join(dir, `${randomUUID()}.sqlite`), ...env });
  servers.push(server);
  return server;
}

const month: DailyTaskStats[] = Array.from({ length: 28 }, (_, index) => ({
  day: new Date(Date.UTC(2026, 9, 27 + index)).toISOString().slice(0, 10),
  views: 10 + (index % 7) * 3,
  starts: 2 + (index % 3),
  completions: 1 + (index % 2),
}));

/** Every percentage a reader can see in a page or file. */
const percentages = (text: string) => [...text.replace(/<[^>]+>/g, ' ').matchAll(/(\d[\d,.]*)\s?%/g)].map((match) => Number(match[1]?.replaceAll(',', '')));
/** Every rate published in JSON. */
function jsonRates(stats: unknown): number[] {
  const rates: number[] = [];
  JSON.stringify(stats, (key, value) => {
    if (/Rate$/.test(key) && typeof value?.value === 'number') rates.push(value.value);
    return value;
  });
  return rates;
}

/** On a page, the smallest chart text as rendered, in CSS px, over every chart that is showing. */
async function smallestChartText(page: Page): Promise<{ smallest: number; charts: number }> {
  return page.evaluate(() => {
    let smallest = Number.POSITIVE_INFINITY;
    let charts = 0;
    for (const svg of document.querySelectorAll<SVGSVGElement>('svg.chart')) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0) continue; // the other drawing of the pair, hidden by CSS
      charts += 1;
      const scale = box.width / svg.viewBox.baseVal.width;
      for (const text of svg.querySelectorAll('text')) smallest = Math.min(smallest, Number(text.getAttribute('font-size')) * scale);
    }
    return { smallest, charts };
  });
}

describe('the dashboard from known figures', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const file = join(dir, 'figures.json');
    writeFileSync(file, JSON.stringify({ stats: portalFixture(), daily: { 'report-a-pothole': month } }));
    [server, browser] = await Promise.all([portal({ TASKFRONT_STATS_FIXTURE: file }), launchChromium()]);
  });

  it('renders /performance and every task page, and says the figures come from a file', async () => {
    const overview = await fetch(`${server.url}/performance`);
    expect(overview.status).toBe(200);
    const html = await overview.text();
    expect(html).toContain('These are sample figures from a file');
    expect(html).toContain('Needs attention');
    for (const slug of ['report-a-pothole', 'pay-your-council-tax', 'find-your-councillor', 'apply-for-a-blue-badge', 'register-to-vote']) {
      const response = await fetch(`${server.url}/performance/${slug}?period=7`);
      expect(response.status, slug).toBe(200);
      expect(await response.text()).toContain('Key figures');
    }
    expect((await fetch(`${server.url}/performance/no-such-task`)).status).toBe(404);
  });

  it('shows no figure above 100% in the page, the CSV or the JSON', async () => {
    const pages = await Promise.all(['/performance', '/performance/apply-for-a-blue-badge', '/performance/report-a-pothole'].map(async (path) => (await fetch(`${server.url}${path}`)).text()));
    for (const html of pages) {
      expect(percentages(html).length).toBeGreaterThan(0);
      for (const value of percentages(html)) expect(value).toBeLessThanOrEqual(100);
    }
    expect(pages[1]).toContain('cannot be shown: check the data');

    const csv = await (await fetch(`${server.url}/performance.csv`)).text();
    const [header = '', ...rows] = csv.split('\r\n');
    const names = header.slice(1, -1).split('","');
    const rateColumns = names.flatMap((name, index) => (/_rate$/.test(name) ? [index] : []));
    for (const line of rows.filter((line) => line.split('","').length === names.length && line.includes('","'))) {
      const cells = line.slice(1, -1).split('","');
      for (const index of rateColumns) if (cells[index]) expect(Number(cells[index])).toBeLessThanOrEqual(1);
    }
    expect(csv).toContain('"apply-for-a-blue-badge","Apply for a Blue Badge"');
    expect(csv).toMatch(/"find-your-councillor",[^\r\n]*"","3","too_few"/);
    expect(csv).toMatch(/"apply-for-a-blue-badge",[^\r\n]*"","20","check_data"/);

    const json = (await (await fetch(`${server.url}/api/stats`)).json()) as PortalStats;
    expect(jsonRates(json).length).toBeGreaterThan(10);
    for (const value of jsonRates(json)) expect(value).toBeLessThanOrEqual(1);
    expect(json.tasks.find((task) => task.task === 'apply-for-a-blue-badge')?.completionRate).toEqual({ value: null, n: 20, tooFew: false, invalid: true });
  });

  it('says "too few to say" for small samples in the page, the CSV and the JSON', async () => {
    const html = await (await fetch(`${server.url}/performance`)).text();
    expect(html).toContain('too few to say (n = 3)');
    const task = await (await fetch(`${server.url}/performance/find-your-councillor`)).text();
    expect(task).toContain('too few to say (n = 3)');
    expect(task).toContain('too little to compare');
    const json = (await (await fetch(`${server.url}/api/stats`)).json()) as PortalStats;
    expect(json.tasks.find((row) => row.task === 'find-your-councillor')?.completionRate).toEqual({ value: null, n: 3, tooFew: true });
  });

  it('sorts the table by links without JavaScript, marking the sorted column', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/performance?period=28`);
    const firstColumn = () => page.locator('.task-table tbody th').allInnerTexts();
    expect(await page.locator('.task-table th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    expect(await firstColumn()).toEqual(['Pay your council tax', 'Report a pothole or damaged road', 'Apply for a Blue Badge', 'Find your councillor']);

    await page.getByRole('link', { name: /^Finished, of those started/ }).click();
    await page.waitForURL(/sort=completion&dir=desc/);
    const sorted = page.getByRole('columnheader', { name: /Finished, of those started/ });
    expect(await sorted.getAttribute('aria-sort')).toBe('descending');
    expect(await firstColumn()).toEqual(['Report a pothole or damaged road', 'Pay your council tax', 'Apply for a Blue Badge', 'Find your councillor']);

    await page.getByRole('link', { name: /^Finished, of those started/ }).click();
    await page.waitForURL(/sort=completion&dir=asc/);
    expect(await page.getByRole('columnheader', { name: /Finished, of those started/ }).getAttribute('aria-sort')).toBe('ascending');
    expect((await firstColumn())[0]).toBe('Pay your council tax');
    expect(await page.locator('.task-table th[aria-sort]').count()).toBe(1);

    await page.getByRole('link', { name: /^Service/ }).click();
    await page.waitForURL(/sort=service&dir=asc/);
    expect(await firstColumn()).toEqual(['Apply for a Blue Badge', 'Find your councillor', 'Pay your council tax', 'Report a pothole or damaged road']);
    await context.close();
  });

  it('answers a bad sort with 400 and a clear message, and still shows the figures', async () => {
    const response = await fetch(`${server.url}/performance?sort=drop-table&dir=sideways`);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('We could not use part of the web address');
    expect(html).toContain('sort must be one of service, views, starts, completions, completion, unlinked, helped, satisfaction');
    expect(html).toContain('aria-sort="descending"');
    expect(html).not.toContain('drop-table');
  });

  it.each([320, 1280])('keeps chart text at 12 px or more at %i px, and passes axe', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const path of ['/performance', '/performance/report-a-pothole']) {
      await page.goto(`${server.url}${path}`);
      const { smallest, charts } = await smallestChartText(page);
      expect(charts, path).toBeGreaterThan(0);
      expect(smallest, path).toBeGreaterThanOrEqual(12);
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      expect(results.violations.map((violation) => `${path}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    }
    await context.close();
  });
});

describe('the dashboard when figures cannot be read', () => {
  it('answers 503 with Retry-After on every page and export', async () => {
    const server = await portal({ TASKFRONT_STATS_FIXTURE: join(dir, 'missing.json') });
    for (const path of ['/performance', '/performance/report-a-pothole', '/performance.csv', '/api/stats']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(503);
      expect(response.headers.get('retry-after'), path).toBe('30');
    }
    expect(await (await fetch(`${server.url}/performance`)).text()).toContain('Figures are not available right now');
  });
});

describe('the dashboard from a store seeded through the real routes', () => {
  it('renders every page, says "too few to say" below the minimum sample, and shows nothing above 100%', async () => {
    const server = await portal({});
    // Two journeys started, one finished, and one finish with no start: a small sample.
    for (let i = 0; i < 2; i++) expect((await fetch(`${server.url}/start/report-a-pothole`, { redirect: 'manual' })).status).toBe(303);
    expect((await fetch(`${server.url}/done/pay-your-council-tax`)).status).toBe(200);
    const stats = (await (await fetch(`${server.url}/api/stats?period=7`)).json()) as PortalStats;
    expect(stats.minSample).toBeGreaterThan(2);
    const pothole = stats.tasks.find((task) => task.task === 'report-a-pothole');
    expect(pothole).toMatchObject({ starts: 2, completionRate: { value: null, n: 2, tooFew: true } });
    for (const value of jsonRates(stats)) expect(value).toBeLessThanOrEqual(1);

    const overview = await fetch(`${server.url}/performance?period=7&sort=starts`);
    expect(overview.status).toBe(200);
    const html = await overview.text();
    expect(html).toContain('too few to say (n = 2)');
    for (const value of percentages(html)) expect(value).toBeLessThanOrEqual(100);
    const task = await fetch(`${server.url}/performance/report-a-pothole?period=7`);
    expect(task.status).toBe(200);
    expect(await task.text()).toContain('too few to say (n = 2)');
    expect((await fetch(`${server.url}/performance.csv?period=7`)).status).toBe(200);
  });
});
