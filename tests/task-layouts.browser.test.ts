/**
 * Each kind of task gets the page it needs (issue 14, decision 0030), measured in a real
 * browser: Start within reach on every transaction and report, information pages with
 * their answer and no Start or done page, every phone number a tel: link, and "Report a
 * problem with this page" working without JavaScript, stored for editors.
 */
import { runTool } from './helpers/run-tool.ts';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../src/lib/browser/find-chromium.ts';
import { DIST, ROOT, startServer, type RunningServer } from './helpers/site.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskfront-layouts-'));
const db = join(dir, 'events.sqlite');
let server: RunningServer;
let browser: Browser;

// The layouts are measured as editors wrote them: an open incident's banner above Start is
// meant to push it down, so these pages are served with no incidents (tests/incidents.test.ts has them).
const noIncidents = join(dir, 'incidents');
mkdirSync(noIncidents);

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ TASKFRONT_DB: db, TASKFRONT_RATE_LIMIT: '10000/1000', TASKFRONT_INCIDENTS_DIR: noIncidents }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const files = readdirSync(join(ROOT, 'content/tasks')).filter((name) => name.endsWith('.md'));
const kindOf = (file: string) => /^kind: (\w+)$/m.exec(readFileSync(join(ROOT, 'content/tasks', file), 'utf8'))?.[1];
const slugsOf = (...kinds: string[]) => files.filter((file) => kinds.includes(kindOf(file) ?? '')).map((file) => file.replace(/\.md$/, ''));
const services = slugsOf('transaction', 'report');
const information = slugsOf('information');

/** The screens the issue sets: the top of Start within 1.5 screens on a small phone, within the first on a laptop. */
const SCREENS = [
  { name: '320×640', width: 320, height: 640, limit: 960 },
  { name: '1280×800', width: 1280, height: 800, limit: 800 },
] as const;

/** Where the top of the first Start button is, from the top of the page, in CSS pixels; null when there is none. */
async function startTop(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const button = document.querySelector('.button-start');
    return button ? button.getBoundingClientRect().top + window.scrollY : null;
  });
}

describe('Start is within reach on every transaction and report', () => {
  it('covers the demo content', () => {
    expect(services.length).toBeGreaterThanOrEqual(55);
    expect(information.length).toBeGreaterThanOrEqual(8);
  });

  for (const screen of SCREENS) {
    it(`at ${screen.name} the top of Start is above ${screen.limit} px`, async () => {
      // Nothing above Start depends on a script; without them 60 page loads stay light on a busy machine.
      const context = await browser.newContext({ viewport: { width: screen.width, height: screen.height }, javaScriptEnabled: false });
      const page = await context.newPage();
      const tops: Record<string, number | null> = {};
      for (const slug of services) {
        await page.goto(`${server.url}/${slug}`, { waitUntil: 'load' });
        tops[slug] = await startTop(page);
      }
      await context.close();
      const missing = Object.entries(tops).filter(([, top]) => top === null).map(([slug]) => slug);
      const late = Object.entries(tops).filter(([, top]) => top !== null && top >= screen.limit).map(([slug, top]) => `${slug}: ${Math.round(top!)} px`);
      expect(missing.join('\n'), 'pages with no Start button').toBe('');
      expect(late.join('\n'), `Start below ${screen.limit} px at ${screen.name}`).toBe('');
    }, 300_000);
  }

  it('puts a safety notice above Start, with its number as a tel: link', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`${server.url}/report-a-pothole`);
    const notice = page.locator('.urgent-notice');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.locator('a.urgent-number').getAttribute('href')).toBe('tel:+441632960400');
    const [noticeBox, startBox] = await Promise.all([notice.boundingBox(), page.locator('.button-start').first().boundingBox()]);
    expect(noticeBox!.y + noticeBox!.height).toBeLessThanOrEqual(startBox!.y);
    await page.close();
  });

  it('repeats Start after the steps on a long page, both going to /start', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/apply-for-a-blue-badge`);
    const hrefs = await page.locator('.button-start').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs).toEqual(['/start/apply-for-a-blue-badge', '/start/apply-for-a-blue-badge']);
    await page.close();
  });
});

describe('information pages end on the answer', () => {
  it('show the answer first, and no Start button', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const slug of information) {
      await page.goto(`${server.url}/${slug}`);
      expect(await page.locator('.answer').count(), slug).toBe(1);
      expect(await page.locator('.button-start, a[href^="/start/"]').count(), slug).toBe(0);
      // The answer comes before every section heading.
      const answerFirst = await page.evaluate(() => {
        const answer = document.querySelector('.answer')!;
        const firstHeading = document.querySelector('article h2')!;
        return Boolean(answer.compareDocumentPosition(firstHeading) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      expect(answerFirst, slug).toBe(true);
    }
    await context.close();
  });

  it('have no done, thanks or start page', async () => {
    for (const slug of information) {
      for (const path of [`/done/${slug}`, `/done/${slug}/thanks`, `/start/${slug}`]) {
        expect((await fetch(`${server.url}${path}`, { redirect: 'manual' })).status, path).toBe(404);
      }
    }
  });
});

describe('phone numbers on task pages', () => {
  it('are all tel: links with the number as their text', async () => {
    // The built pages, read straight from dist/ (no server round trip): every task page is static.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const loose: string[] = [];
    for (const file of files) {
      const slug = file.replace(/\.md$/, '');
      await page.setContent(readFileSync(join(DIST, `${slug}.html`), 'utf8'), { waitUntil: 'domcontentloaded' });
      // An independent pattern (a UK number of 10 or 11 digits in groups), read from text outside links.
      const unlinked = await page.evaluate(() => {
        const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
        const found: string[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.parentElement?.closest('a')) continue;
          found.push(...(node.textContent?.match(/\b0\d{3,4} ?\d{3} ?\d{3,4}\b/g) ?? []));
        }
        return found;
      });
      loose.push(...unlinked.map((number) => `${slug}: ${number}`));
      const links = await page.locator('article a[href^="tel:"]').evaluateAll((anchors) => anchors.map((a) => [a.getAttribute('href') ?? '', a.textContent?.trim() ?? ''] as const));
      for (const [href, text] of links) {
        const digits = text.replace(/\D/g, '');
        expect(href, `${slug}: ${text}`).toBe(digits.startsWith('0') && digits.length >= 10 ? `tel:+44${digits.slice(1)}` : `tel:${digits}`);
      }
    }
    await context.close();
    expect(loose.join('\n'), 'phone numbers that are not tel: links').toBe('');
  }, 300_000);
});

describe('report a problem with this page', () => {
  it('works without JavaScript, and the report reaches editors scrubbed', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/find-a-recycling-centre`);
    await page.getByText('Report a problem with this page').click();
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.waitForURL(/\/report-problem\/find-a-recycling-centre$/);
    expect(await page.locator('.error-summary').innerText()).toContain('Select what went wrong');
    await page.getByLabel('The information is wrong or out of date').check();
    await page.getByLabel('Tell us more (optional)').fill('Mill Lane was shut on Tuesday. Email me at jo@example.com');
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.waitForURL(/\/report-problem\/find-a-recycling-centre\?sent=1$/);
    expect(await page.locator('h1').innerText()).toBe('Thank you for telling us');
    await context.close();

    const listed = await feedbackCli(['--task', 'find-a-recycling-centre', '--json']);
    expect(listed.status).toBe(0);
    const reports = JSON.parse(listed.stdout) as { type: string; problem: string | null; comment: string }[];
    expect(reports).toEqual([expect.objectContaining({ type: 'page_problem', problem: 'wrong', comment: 'Mill Lane was shut on Tuesday. Email me at [email]' })]);
    // Never published: nothing else was recorded for this page (its views were without JavaScript), so the figures do not list it.
    const stats = (await (await fetch(`${server.url}/api/stats?period=7`)).json()) as { tasks: { task: string }[] };
    expect(stats.tasks.map((task) => task.task)).not.toContain('find-a-recycling-centre');
  });

  it('refuses a post from another site and an unknown page', async () => {
    const body = 'problem=wrong';
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    expect((await fetch(`${server.url}/report-problem/find-a-recycling-centre`, { method: 'POST', body, headers: { ...headers, Origin: 'https://evil.example' } })).status).toBe(403);
    expect((await fetch(`${server.url}/report-problem/no-such-task`, { method: 'POST', body, headers: { ...headers, Origin: server.url } })).status).toBe(404);
  });
});

const feedbackCli = (args: string[]) => runTool('src/cli/feedback.ts', args, { ...process.env, TASKFRONT_DB: db, DATABASE_URL: '' });
