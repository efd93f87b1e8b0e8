/**
 * Issue 15 against the built portal: an incident file written while the server runs shows
 * on the task page (above Start, no rebuild, no JavaScript), the home page, /status and its
 * feeds; `npm run incident` opens, updates and resolves it; each impact renders and passes
 * axe; the Atom feed is well-formed Atom.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXE_TAGS } from '../src/lib/a11y/checks/axe.ts';
import { launchChromium } from '../src/lib/browser/find-chromium.ts';
import { ROOT, startServer, type RunningServer } from './helpers/site.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'taskfront-incidents-'));
const incidents = join(dir, 'incidents');
const TASK = 'pay-your-council-tax';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(incidents);
  [server, browser] = await Promise.all([
    startServer({ TASKFRONT_DB: join(dir, `${randomUUID()}.sqlite`), TASKFRONT_INCIDENTS_DIR: incidents, TASKFRONT_RATE_LIMIT: '10000/1000' }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), browser?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Asks until `ok` holds: the promise to editors is one minute, so that is the limit. */
async function within60s(path: string, ok: (text: string) => boolean): Promise<{ text: string; ms: number }> {
  const started = Date.now();
  for (;;) {
    const { text } = await get(path);
    if (ok(text)) return { text, ms: Date.now() - started };
    if (Date.now() - started > 60_000) throw new Error(`${path} did not change within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function incidentCli(...args: string[]) {
  const { stdout } = await run(join(ROOT, 'node_modules/.bin/node'), ['src/cli/incident.ts', ...args, '--json'], {
    cwd: ROOT, env: { ...process.env, TASKFRONT_INCIDENTS_DIR: incidents, TASKFRONT_CONTENT_DIR: '' },
  });
  return JSON.parse(stdout) as { id: string; check: { errors: number } };
}

const banner = (html: string) => /<div class="incident-banner[^"]*"[\s\S]*?<\/div><\/div>/.exec(html)?.[0];

describe('an incident published while the server runs', () => {
  let id = '';

  it('shows on the task page above Start, with a tel: link, and a changed ETag', async () => {
    const before = await get(`/${TASK}`);
    expect(before.text).not.toContain('incident-banner');
    const builtEtag = before.headers.get('etag')!;

    id = (await incidentCli('open', '--affects', TASK, '--impact', 'down', '--title', 'Paying council tax online is not working',
      '--workaround', 'Pay by phone on 01632 960 200, Monday to Friday, 8am to 6pm.', '--next', '2h')).id;
    const { text, ms } = await within60s(`/${TASK}`, (html) => html.includes('incident-banner'));
    expect(ms).toBeLessThan(60_000);
    const shown = banner(text)!;
    expect(shown).toContain('role="region"');
    expect(shown).not.toContain('role="alert"');
    expect(shown).toContain('Paying council tax online is not working');
    expect(shown).toContain('You cannot use this service online at the moment.');
    expect(shown).toContain('<a href="tel:+441632960200" class="tel-link">01632 960 200</a>');
    expect(shown).toMatch(/We will update this by/);
    // Above Start, and Start is still there.
    expect(text.indexOf('incident-banner')).toBeLessThan(text.indexOf(`href="/start/${TASK}"`));

    // A browser holding the page without the banner must not get a 304.
    const revalidated = await get(`/${TASK}`, { 'If-None-Match': builtEtag });
    expect(revalidated.status).toBe(200);
    const etag = revalidated.headers.get('etag')!;
    expect(etag).not.toBe(builtEtag);
    expect(revalidated.headers.get('cache-control')).toBe('no-cache');
    expect(revalidated.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await get(`/${TASK}`, { 'If-None-Match': etag })).status).toBe(304);

    // Compressed on the fly, banner and all.
    const raw = await fetch(`${server.url}/${TASK}`, { headers: { 'Accept-Encoding': 'br' } });
    expect(raw.headers.get('content-encoding')).toBe('br');
  });

  it('puts the one-line notice on the home page, and leads /status, /status.json and /status.atom', async () => {
    const home = await within60s('/', (html) => html.includes('incident-notice'));
    expect(home.text).toMatch(/<p class="incident-notice">.*<a href="\/status">/);

    const status = await get('/status');
    expect(status.status).toBe(200);
    const open = status.text.slice(status.text.indexOf('id="open-heading"'), status.text.indexOf('id="planned-heading"'));
    expect(open.indexOf(`data-incident="${id}"`)).toBeGreaterThan(-1);
    expect(status.text).toMatch(new RegExp(`<tr data-task="${TASK}" data-state="down">`));

    const json = JSON.parse((await get('/status.json')).text) as { anyDown: boolean; open: { id: string }[]; services: { slug: string; state: string }[] };
    expect(json.anyDown).toBe(true);
    expect(json.open[0]?.id).toBe(id);
    expect(json.services.find((service) => service.slug === TASK)?.state).toBe('down');

    expect((await get('/status.atom')).text).toContain(`/status/incidents/${id}</id>`);
  });

  it('updates in place and, once resolved, moves to the history and leaves the page', async () => {
    expect((await incidentCli('update', id, 'Our card payment provider has found the fault.', '--status', 'identified')).check.errors).toBe(0);
    await within60s(`/${TASK}`, (html) => html.includes('Our card payment provider has found the fault.'));

    expect((await incidentCli('resolve', id, 'Card payments work again.')).check.errors).toBe(0);
    const page = await within60s(`/${TASK}`, (html) => !html.includes('incident-banner'));
    expect(page.text).toContain(`data-incident-slot="${TASK}"></div>`);
    const home = await get('/');
    expect(home.text).not.toContain('incident-notice');

    const status = await get('/status');
    const history = status.text.slice(status.text.indexOf('id="history-heading"'));
    expect(history).toContain(`data-incident="${id}"`);
    expect(status.text).toContain('All online services are working normally.');
    const json = JSON.parse((await get('/status.json')).text) as { open: unknown[]; resolved: { id: string; status: string }[] };
    expect(json.open).toEqual([]);
    expect(json.resolved[0]).toMatchObject({ id, status: 'resolved' });
  });
});

const STATES = {
  down: { impact: 'down', lead: 'You cannot use this service online at the moment.' },
  degraded: { impact: 'degraded', lead: 'This service is working, but with problems' },
  planned: { impact: 'planned', lead: 'you will not be able to use this service online while we do planned work' },
} as const;

function incidentFile(impact: keyof typeof STATES, slug: string): string {
  const planned = impact === 'planned' ? 'scheduled:\n  from: 2099-12-05T08:00:00Z\n  to: 2099-12-05T11:00:00Z\n' : '';
  return `---\ntitle: A ${impact} test incident\naffects:\n  - ${slug}\nimpact: ${impact}\nstatus: identified\nstarted: 2026-01-01T09:00:00Z\n${planned}workaround: Call 01632 960 000 instead.\nupdates:\n  - at: 2026-01-01T09:30:00Z\n    text: We know what is wrong.\n---\n`;
}

describe('each impact', () => {
  const slugs = { down: 'report-a-missed-bin-collection', degraded: 'apply-for-a-blue-badge', planned: 'book-a-bulky-waste-collection' } as const;

  beforeAll(async () => {
    for (const impact of Object.keys(STATES) as (keyof typeof STATES)[]) writeFileSync(join(incidents, `2026-01-01-test-${impact}.md`), incidentFile(impact, slugs[impact]));
    await within60s('/status', (html) => (Object.keys(STATES) as (keyof typeof STATES)[]).every((impact) => html.includes(`2026-01-01-test-${impact}`)));
  });

  for (const impact of Object.keys(STATES) as (keyof typeof STATES)[]) {
    it(`renders a ${impact} banner in the served HTML, and it passes axe`, async () => {
      // In the HTML as served, so it needs no JavaScript.
      expect((await get(`/${slugs[impact]}`)).text).toContain(`data-impact="${impact}"`);
      // axe runs as a script in the page, so this context keeps JavaScript on.
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/${slugs[impact]}`);
        const region = page.getByRole('region', { name: `A ${impact} test incident` });
        await expect(region.getAttribute('data-impact')).resolves.toBe(impact);
        await expect(region.textContent()).resolves.toContain(STATES[impact].lead);
        await expect(region.getByRole('link', { name: '01632 960 000' }).getAttribute('href')).resolves.toBe('tel:+441632960000');
        const results = await new AxeBuilder({ page }).include('.incident-banner').withTags(AXE_TAGS).analyze();
        expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('shows each state on /status, with planned work in its own section', async () => {
    const status = (await get('/status')).text;
    expect(status).toMatch(new RegExp(`<tr data-task="${slugs.down}" data-state="down">`));
    expect(status).toMatch(new RegExp(`<tr data-task="${slugs.degraded}" data-state="degraded">`));
    expect(status).toMatch(new RegExp(`<tr data-task="${slugs.planned}" data-state="planned">`));
    const planned = status.slice(status.indexOf('id="planned-heading"'), status.indexOf('id="services-heading"'));
    expect(planned).toContain('data-incident="2026-01-01-test-planned"');
    expect(planned).toContain('Saturday 5 December 2099 from 8am to 11am');
  });

  it('publishes a well-formed Atom feed with the elements Atom requires', async () => {
    const atom = await get('/status.atom');
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const page = await browser.newPage();
    try {
      const found = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        const NS = 'http://www.w3.org/2005/Atom';
        const child = (parent: Element, name: string) => [...parent.children].find((element) => element.namespaceURI === NS && element.localName === name);
        const feed = doc.documentElement;
        const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
        return {
          parseError: doc.getElementsByTagName('parsererror').length,
          root: `${feed.namespaceURI} ${feed.localName}`,
          feed: ['id', 'title', 'updated'].filter((name) => !child(feed, name)?.textContent?.trim()),
          feedAuthor: Boolean(child(child(feed, 'author')!, 'name')?.textContent),
          updated: rfc3339.test(child(feed, 'updated')?.textContent ?? ''),
          entries: [...feed.children].filter((element) => element.localName === 'entry').map((entry) => ({
            missing: ['id', 'title', 'updated'].filter((name) => !child(entry, name)?.textContent?.trim()),
            updated: rfc3339.test(child(entry, 'updated')?.textContent ?? ''),
            id: child(entry, 'id')?.textContent ?? '',
            author: Boolean(child(entry, 'author')),
          })),
        };
      }, atom.text);
      expect(found.parseError).toBe(0);
      expect(found.root).toBe('http://www.w3.org/2005/Atom feed');
      expect(found.feed).toEqual([]);
      expect(found.feedAuthor).toBe(true);
      expect(found.updated).toBe(true);
      expect(found.entries.length).toBeGreaterThanOrEqual(3);
      for (const entry of found.entries) expect(entry).toMatchObject({ missing: [], updated: true, author: true });
      expect(new Set(found.entries.map((entry) => entry.id)).size).toBe(found.entries.length);
    } finally {
      await page.close();
    }
  });
});
