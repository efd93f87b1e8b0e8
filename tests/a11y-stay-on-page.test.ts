/**
 * The audited page stays put: the navigation the audit asks for goes through with its HTTP
 * redirects, and a meta refresh that would swap the document under the checks is cancelled
 * without an error page.
 */
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelledNavigations, expectOnly } from '../src/lib/a11y/stay-on-page.ts';
import { launchChromium } from '../src/lib/browser/find-chromium.ts';

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/old') response.writeHead(301, { Location: '/page' }).end();
    else if (request.url === '/page') response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Page</title><meta http-equiv="refresh" content="0.2; URL=/elsewhere"><p id="here">Here</p>');
    else response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Elsewhere</title>');
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
});

describe('keeping the audited page in place', () => {
  it('follows the redirect of the page asked for and cancels the refresh that follows', async () => {
    const page = await browser.newPage();
    await expectOnly(page, `${base}/old`);
    await page.goto(`${base}/old`, { waitUntil: 'load' });
    expect(page.url()).toBe(`${base}/page`);
    await expect.poll(() => cancelledNavigations(page), { timeout: 10_000 }).toEqual([`${base}/elsewhere`]);
    expect(page.url()).toBe(`${base}/page`);
    expect(await page.textContent('#here')).toBe('Here');
    await page.close();
  });
});
