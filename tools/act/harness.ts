/**
 * Runs the auditor's page-level entry (auditPage) over the offline ACT examples: a
 * loopback static server for tests/act/cases, one Chromium, and a few workers each with
 * its own pair of pages (JavaScript on and off). Anything the examples ask for outside
 * loopback is refused, so a run never depends on the network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { auditPage, VIEWPORTS, type Browsing, type Engine } from '../../src/lib/a11y/audit-page.ts';
import { launchChromium } from '../../src/lib/browser/find-chromium.ts';
import { CLAIMED } from './claimed-rules.ts';
import { SERVED_PREFIX, type FixtureIndex } from './fixture-index.ts';
import { judge, ruleCriteria, type ExampleResult } from './score.ts';

export const CASES_DIR = 'tests/act/cases';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.xhtml': 'application/xhtml+xml',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.vtt': 'text/vtt',
  '.txt': 'text/plain; charset=utf-8',
};

export type Case = FixtureIndex['cases'][number];

export function loadCases(root: string): FixtureIndex {
  const file = join(root, CASES_DIR, 'testcases.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run act:fixtures -- --source <clone of w3c/wcag-act-rules> to make it.`);
  return JSON.parse(readFileSync(file, 'utf8')) as FixtureIndex;
}

/** Serves the fixture folder where W3C serves it, so the examples' absolute asset paths work. */
export function serveCases(root: string): Promise<{ base: string; close: () => Promise<void> }> {
  const dir = resolve(root, CASES_DIR);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const inside = path.startsWith(SERVED_PREFIX) ? normalize(path.slice(SERVED_PREFIX.length)) : null;
    const file = inside && !inside.startsWith('..') ? join(dir, inside) : null;
    const type = file ? (TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream') : null;
    if (!file || !file.startsWith(dir) || !existsSync(file) || !type) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(readFileSync(file));
  });
  return new Promise((ready) =>
    server.listen(0, '127.0.0.1', () =>
      ready({
        base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

export interface HarnessOptions {
  root: string;
  cases: Case[];
  workers: number;
  engines: readonly Engine[];
  /** Longest one example may take before it counts as not audited (and, if it should fail, as missed). */
  exampleTimeoutMs?: number;
  progress?: (done: number, total: number, result: ExampleResult) => void;
}

async function openBrowsing(browser: Browser): Promise<{ browsing: Browsing; contexts: BrowserContext[] }> {
  const contexts = [await browser.newContext({ viewport: VIEWPORTS.narrow }), await browser.newContext({ viewport: VIEWPORTS.wide, javaScriptEnabled: false })];
  for (const context of contexts) {
    // Offline by construction: the examples' links and stray references to w3.org never leave the machine.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort('blockedbyclient'));
  }
  return { browsing: { js: await contexts[0]!.newPage(), noJs: await contexts[1]!.newPage() }, contexts };
}

export async function runHarness(options: HarnessOptions): Promise<ExampleResult[]> {
  const server = await serveCases(options.root);
  const browser = await launchChromium();
  const timeout = options.exampleTimeoutMs ?? 120_000;
  const results: ExampleResult[] = new Array(options.cases.length);
  let next = 0;
  let done = 0;
  try {
    const worker = async () => {
      let open = await openBrowsing(browser);
      while (next < options.cases.length) {
        const index = next++;
        const testcase = options.cases[index]!;
        const result = await runOne(testcase, open.browsing, server.base, timeout, options.engines);
        if (result.errors?.some((error) => error.startsWith('the audit did not finish'))) {
          // A page that hung may still be running scripts: start the next example on fresh pages.
          await Promise.all(open.contexts.map((context) => context.close().catch(() => {})));
          open = await openBrowsing(browser);
        }
        results[index] = result;
        options.progress?.(++done, options.cases.length, result);
      }
      await Promise.all(open.contexts.map((context) => context.close().catch(() => {})));
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.workers, options.cases.length)) }, worker));
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
  return results;
}

async function runOne(testcase: Case, browsing: Browsing, base: string, timeout: number, engines: readonly Engine[]): Promise<ExampleResult> {
  const claim = CLAIMED[testcase.ruleId];
  if (!claim) throw new Error(`Rule ${testcase.ruleId} is in the fixtures but not claimed in tools/act/claimed-rules.ts: run npm run act:fixtures again.`);
  const criteria = ruleCriteria(testcase, claim);
  const base0 = { ruleId: testcase.ruleId, ruleName: testcase.ruleName, testcaseId: testcase.testcaseId, title: testcase.testcaseTitle, url: testcase.url, expected: testcase.expected, criteria };
  if (testcase.notRun) return { ...base0, notRun: testcase.notRun, failures: [], questions: [], ms: 0 };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const audit = await Promise.race([
      auditPage({ path: SERVED_PREFIX + testcase.relativePath, expectStatus: 200, states: [] }, browsing, { base, engines, axeWidths: ['narrow'], baseline: [], shotsDir: null, shotBudget: { left: 0 } }),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the audit did not finish in ${timeout / 1000} s`)), timeout))),
    ]);
    const errors = audit.results.flatMap((page) => page.checks.filter((check) => check.outcome === 'error').map((check) => `${check.check}: ${check.note ?? 'error'}`));
    return { ...base0, notRun: null, ...judge(audit.problems, audit.needsReview, criteria, claim.procedures), ms: Math.round(performance.now() - started), ...(errors.length ? { errors } : {}) };
  } catch (error) {
    // Counted, not hidden: a failed example that could not be audited is a miss.
    return { ...base0, notRun: null, failures: [], questions: [], ms: Math.round(performance.now() - started), errors: [(error as Error).message.split('\n')[0] ?? 'error'] };
  } finally {
    clearTimeout(timer);
  }
}
