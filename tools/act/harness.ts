/**
 * Runs the auditor's page-level entry (auditPage) over the offline ACT examples: a
 * loopback static server for tests/act/cases, one Chromium, and a few workers each with
 * its own pair of pages (JavaScript on and off). Anything the examples ask for outside
 * loopback is refused, so a run never depends on the network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { auditPage, VIEWPORTS, type Browsing, type Engine } from '../../src/lib/a11y/audit-page.ts';
import { pageScript } from '../../src/lib/a11y/page-script.ts';
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

/**
 * Checks no claimed ACT rule tests: forced colours (axe again, in a Windows contrast theme) and
 * the page without JavaScript. Leaving them out takes a third off each example.
 */
const HARNESS_SKIPS = { checks: ['forced-colors', 'no-js'] as const, reason: 'no W3C ACT rule tests it' };

export type Case = FixtureIndex['cases'][number];

export function loadCases(root: string): FixtureIndex {
  const file = join(root, CASES_DIR, 'testcases.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run act:fixtures -- --source <clone of w3c/wcag-act-rules> to make it.`);
  return JSON.parse(readFileSync(file, 'utf8')) as FixtureIndex;
}

/** Where the harness serves the engines and our in-page kit, as cacheable scripts. */
const ENGINE_PREFIX = '/__taskfront-audit/';

/**
 * The scripts the audit would otherwise put into each page by evaluating them: axe, IBM's
 * ace.js and our kit, about 1.5 MB to compile per page. Served as files with a cache
 * header and named at the end of each example page, Chromium compiles them once and reuses
 * its code cache, which halves the time per example on a busy machine. The checks find
 * them already there and skip their own injection; nothing else about the audit changes.
 * The two script elements are not rendered and come after everything the example has.
 */
async function engineScripts(): Promise<Map<string, string>> {
  const require = createRequire(import.meta.url);
  return new Map([
    ['axe.js', readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')],
    ['ace.js', readFileSync(require.resolve('accessibility-checker-engine/ace.js'), 'utf8')],
    ['kit.js', `if (!window.__tfA11y) {\n${await pageScript()}\n}`],
  ]);
}
const PRELOAD = [...['axe.js', 'ace.js', 'kit.js'].map((name) => `<script src="${ENGINE_PREFIX}${name}"></script>`)].join('');

/** Serves the fixture folder where W3C serves it, so the examples' absolute asset paths work. */
export async function serveCases(root: string, options: { preload?: boolean } = {}): Promise<{ base: string; close: () => Promise<void> }> {
  const dir = resolve(root, CASES_DIR);
  const scripts = options.preload ? await engineScripts() : null;
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (scripts && path === `${ENGINE_PREFIX}warm.html`) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(`<!doctype html><html lang="en"><title>warm</title>${PRELOAD}`);
      return;
    }
    const script = scripts && path.startsWith(ENGINE_PREFIX) ? scripts.get(path.slice(ENGINE_PREFIX.length)) : undefined;
    if (script) {
      response.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'max-age=86400' }).end(script);
      return;
    }
    const inside = path.startsWith(SERVED_PREFIX) ? normalize(path.slice(SERVED_PREFIX.length)) : null;
    const file = inside && !inside.startsWith('..') ? join(dir, inside) : null;
    const type = file ? (TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream') : null;
    if (!file || !file.startsWith(dir) || !existsSync(file) || !type) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const body = readFileSync(file);
    const page = scripts && type.startsWith('text/html');
    response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(page ? Buffer.concat([body, Buffer.from(`\n${PRELOAD}\n`)]) : body);
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

/** Loads the engines once before the first example, so compiling them is not charged to it (or timed out on a busy machine). */
async function warmUp(browsing: Browsing, base: string) {
  await browsing.js.goto(`${base}${ENGINE_PREFIX}warm.html`, { waitUntil: 'load', timeout: 180_000 });
  await browsing.js.goto(`${base}${ENGINE_PREFIX}warm.html`, { waitUntil: 'load', timeout: 180_000 });
}

export async function runHarness(options: HarnessOptions): Promise<ExampleResult[]> {
  const server = await serveCases(options.root, { preload: true });
  const browser = await launchChromium();
  const timeout = options.exampleTimeoutMs ?? 120_000;
  const results: ExampleResult[] = new Array(options.cases.length);
  let next = 0;
  let done = 0;
  try {
    const worker = async () => {
      let open = await openBrowsing(browser);
      await warmUp(open.browsing, server.base);
      while (next < options.cases.length) {
        const index = next++;
        const testcase = options.cases[index]!;
        const fresh = async () => {
          await Promise.all(open.contexts.map((context) => context.close().catch(() => {})));
          open = await openBrowsing(browser);
          await warmUp(open.browsing, server.base);
        };
        let result = await runOne(testcase, open.browsing, server.base, timeout, options.engines);
        if (result.errors?.length) {
          // Once more on fresh pages: a crash or a timeout on a busy machine says nothing about
          // the example, and a page that hung may still be running scripts. A second failure stands.
          await fresh();
          const first = result.errors;
          result = { ...(await runOne(testcase, open.browsing, server.base, timeout, options.engines)), retriedAfter: first };
          if (result.errors?.length) await fresh();
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
  if (testcase.notRun) return { ...base0, notRun: testcase.notRun, failures: [], questions: [], own: [], ms: 0 };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const audit = await Promise.race([
      auditPage({ path: SERVED_PREFIX + testcase.relativePath, expectStatus: 200, states: [] }, browsing, { base, engines, axeWidths: ['narrow'], skip: HARNESS_SKIPS, baseline: [], shotsDir: null, shotBudget: { left: 0 } }),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the audit did not finish in ${timeout / 1000} s`)), timeout))),
    ]);
    const errors = audit.results.flatMap((page) => page.checks.filter((check) => check.outcome === 'error').map((check) => `${check.check}: ${check.note ?? 'error'}`));
    return { ...base0, notRun: null, ...judge(audit.problems, audit.needsReview, criteria, claim.procedures, claim.onlyProcedures), ms: Math.round(performance.now() - started), ...(errors.length ? { errors } : {}) };
  } catch (error) {
    // Counted, not hidden: a failed example that could not be audited is a miss.
    return { ...base0, notRun: null, failures: [], questions: [], own: [], ms: Math.round(performance.now() - started), errors: [(error as Error).message.split('\n')[0] ?? 'error'] };
  } finally {
    clearTimeout(timer);
  }
}
