/**
 * pages: what a person's browser downloads for the home page, a task page, /search?q=bin,
 * /browse and /performance, in headless Chromium: requests, bytes and JavaScript bytes
 * before any interaction, uncompressed and brotli (each file asked for again with
 * Accept-Encoding: br, since Chromium offers brotli only over HTTPS); and Lighthouse's four
 * scores with LCP, CLS and TBT on its mobile settings. The budgets are absolute (a page
 * weight is not a ratio), so this part has no baseline server.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { findChromium, CHROMIUM_FLAGS } from '../../src/lib/browser/find-chromium.ts';
import { log, median, startPart, type PartResult } from '../lib/report.ts';
import type { BenchContext } from './context.ts';
import { demoBuild, portalEnv, startServer } from './portal.ts';

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'task page', path: '/report-a-pothole' },
  { name: 'search', path: '/search?q=bin' },
  { name: 'browse', path: '/browse' },
  { name: 'performance', path: '/performance' },
];
const HTML_CSS_BROTLI_KB = 14;
const HOME_REQUESTS = 4;

interface Resource {
  url: string;
  type: string;
  bytes: number;
}

/** The size of a URL's body as sent with the given Accept-Encoding (raw bytes on the wire, not decoded). */
function sentBytes(url: string, encoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function pagesPart(ctx: BenchContext): Promise<PartResult> {
  const part = startPart('pages', ctx.command);
  const { content, demoOut } = await demoBuild(ctx);
  const server = await startServer([join(demoOut, 'server/entry.mjs')], portalEnv(ctx, content, 'pages'), '/healthz', ctx.root);
  const { chromium } = await import('playwright-core');
  const chromiumPath = (await findChromium()).path;
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_FLAGS });
  try {
    for (const page of PAGES) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const resources: Resource[] = [];
      tab.on('response', async (response) => {
        try {
          resources.push({ url: response.url(), type: response.request().resourceType(), bytes: (await response.body()).length });
        } catch {
          // A redirect or an aborted request has no body to count.
        }
      });
      await tab.goto(`${server.url}${page.path}`, { waitUntil: 'load' });
      await tab.waitForLoadState('networkidle');
      const inlineScriptBytes = await tab.evaluate(() => [...document.querySelectorAll('script:not([src])')].reduce((sum, script) => sum + (script.textContent?.length ?? 0), 0));
      await context.close();
      const htmlCss = resources.filter((resource) => resource.type === 'document' || resource.type === 'stylesheet');
      const scripts = resources.filter((resource) => resource.type === 'script');
      const brotli = async (list: Resource[]) => (await Promise.all(list.map((resource) => sentBytes(resource.url, 'br')))).reduce((a, b) => a + b, 0);
      const all = resources.reduce((sum, resource) => sum + resource.bytes, 0);
      const allBrotli = await brotli(resources);
      const htmlCssBrotli = await brotli(htmlCss);
      const jsBytes = scripts.reduce((sum, resource) => sum + resource.bytes, 0);
      part.add({ name: `${page.name} (${page.path}): requests`, unit: 'requests', value: resources.length, budget: page.name === 'home' ? `≤ ${HOME_REQUESTS}` : undefined, pass: page.name === 'home' ? resources.length <= HOME_REQUESTS : null });
      part.add({ name: `${page.name}: all bytes, uncompressed / brotli`, unit: 'KB', value: all / 1024, baseline: allBrotli / 1024, baselineName: 'brotli' });
      part.add({ name: `${page.name}: HTML + CSS brotli`, unit: 'KB', value: htmlCssBrotli / 1024, budget: `≤ ${HTML_CSS_BROTLI_KB} KB`, pass: htmlCssBrotli / 1024 <= HTML_CSS_BROTLI_KB });
      part.add({
        name: `${page.name}: JavaScript files before interaction, uncompressed / brotli`,
        unit: 'KB',
        value: jsBytes / 1024,
        baseline: (await brotli(scripts)) / 1024,
        baselineName: 'brotli',
        budget: page.name === 'home' ? 'no script file' : undefined,
        pass: page.name === 'home' ? scripts.length === 0 : null,
        note: `inline script ${inlineScriptBytes} bytes (the loader that fetches code on first use)`,
      });
    }

    // Lighthouse, mobile settings (its default): the home page in quick mode, every page in full.
    const { default: lighthouse } = await import('lighthouse');
    const { launch } = await import('chrome-launcher');
    const chrome = await launch({ chromePath: chromiumPath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
    try {
      for (const page of ctx.quick ? PAGES.slice(0, 1) : PAGES) {
        const runs: { scores: Record<string, number>; lcp: number; cls: number; tbt: number }[] = [];
        for (let run = 0; run < (ctx.quick ? 1 : 3); run += 1) {
          log(`pages: Lighthouse ${page.path} (run ${run + 1})`);
          const result = await lighthouse(`${server.url}${page.path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
          const lhr = result?.lhr;
          if (!lhr) throw new Error(`Lighthouse gave no result for ${page.path}`);
          const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
          runs.push({
            scores: { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') },
            lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
            cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
            tbt: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
          });
        }
        for (const category of ['performance', 'accessibility', 'best-practices', 'seo']) {
          const value = median(runs.map((run) => run.scores[category]!));
          const minimum = category === 'performance' ? 95 : 100;
          part.add({ name: `${page.name}: Lighthouse ${category}`, unit: '', value, budget: category === 'performance' ? '≥ 95' : '100', pass: value >= minimum, samples: runs.map((run) => run.scores[category]!) });
        }
        part.add({ name: `${page.name}: LCP / TBT`, unit: 'ms', value: median(runs.map((run) => run.lcp)), baseline: median(runs.map((run) => run.tbt)), baselineName: 'TBT' });
        part.add({ name: `${page.name}: CLS`, unit: '', value: median(runs.map((run) => run.cls)) });
      }
    } finally {
      chrome.kill();
    }
    part.note(`Lighthouse ${(JSON.parse(readFileSync(join(ctx.root, 'node_modules/lighthouse/package.json'), 'utf8')) as { version: string }).version} with ${chromiumPath}, mobile settings (simulated slow 4G and 4× CPU slowdown), median of ${ctx.quick ? 1 : 3}; the server compresses with brotli when asked, but Chromium asks for it only over HTTPS, so Lighthouse sees gzip.`);
  } finally {
    await browser.close();
    await server.stop();
  }
  return part.finish();
}
