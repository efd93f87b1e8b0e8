/**
 * The accessibility audit as a library: find the pages, audit each in headless Chromium
 * (two at a time, one per core), compare with the baseline, write the reports.
 * The command line (src/cli/audit-a11y.ts) and the tests call `runAudit`.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import axe from 'axe-core';
import type { Browser, BrowserContext } from 'playwright-core';
import type { AuditReport, NeedsReview, PageResult, Problem } from '../../schemas/a11y.ts';
import { findChromium, HOW_TO_GET_CHROMIUM, launchChromium } from '../browser/find-chromium.ts';
import { auditPage, VIEWPORTS, type Browsing, type PageAudit } from './audit-page.ts';
import type { StateSpec } from './states.ts';
import { BASELINE_FILE, baselineStatus, loadBaseline, matchBaseline } from './baseline.ts';
import { duplicateTitles } from './checks/structure.ts';
import { criteriaTable } from './criteria.ts';
import { discoverPages, type SamplingRecord } from './discovery.ts';
import { auditContent } from './audit-content.ts';
import { defaultSeed, seededShuffle } from './sampling.ts';
import { AuditCannotRun, buildPortal, hasBuild, seedActivity, startPortal, type LocalPortal } from '../portal/local-portal.ts';
import { problemId } from './recorder.ts';
import { estimateCost, longestFirst } from './schedule.ts';
import { writeReports } from './reports.ts';
import { latestFromReport, writeLatest } from './statement.ts';

export { AuditCannotRun } from '../portal/local-portal.ts';

export interface AuditOptions {
  /** Audit a running site at this address (its sitemap and links); without url, urls or sitemap the portal is built and served locally. */
  url?: string;
  /** Audit exactly these addresses. */
  urls?: string[];
  /** Audit exactly the pages in this sitemap. */
  sitemap?: string;
  /** The project root (default: the working directory). */
  root?: string;
  /** Build before serving (default true); false uses the existing dist/. */
  build?: boolean;
  /** Audit at most this many pages: one of every template first, then the sample (default 400). */
  maxPages?: number;
  /** Pages drawn at random beyond one of every template (default DEFAULT_SAMPLE); Infinity audits every page found. */
  sample?: number;
  /** Seed of the random sample (default: today's date as a number, see defaultSeed). */
  seed?: number;
  /** Every check on every page audited; by default the random sample gets the content checks (audit-content.ts), but FULL_RANDOM of them every check. */
  full?: boolean;
  /**
   * Audit a Taskfront portal's dynamic pages and interactive states too. Default: always for
   * the local build; for a site, only when it is detected as a Taskfront portal.
   */
  portal?: boolean;
  /** Where to write index.html, report.json, junit.xml and screenshots. */
  outDir: string;
  /** Write content/accessibility/latest.json for the accessibility statement (default false: only when asked). */
  statement?: boolean;
  baselineFile?: string;
  /**
   * The incidents folder of the portal at `url`, when the audit may publish a test incident
   * there (states.ts). The local build always gets a folder of its own.
   */
  incidentsDir?: string;
  /** Pages audited at once (default DEFAULT_CONCURRENCY: one per core of the machine). */
  concurrency?: number;
  /** Progress lines (default: none). */
  progress?: (line: string) => void;
  /** How the target is described in the report when `url` is given. */
  targetKind?: 'url' | 'fixtures';
}

/**
 * The random part of the sample when none is asked for. WCAG-EM asks for at least 10% of the
 * structured sample; 25 pages is more than that for any site of a few dozen templates, and
 * keeps a run of a 300-page portal within minutes.
 */
export const DEFAULT_SAMPLE = 25;

/**
 * Random pages that get every check, not only the content checks: they test the assumption
 * that pages of one template behave alike (if one of them fails where its example passed,
 * the template was drawn too wide).
 */
const FULL_RANDOM = 5;

/**
 * Pages audited at once: one per core. Each tab spends about half its time waiting (page
 * loads, the keyboard walk's frames), so a tab per core keeps both busy without the two
 * fighting over one core for axe.
 */
export const DEFAULT_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));

/** The sampling method in plain words, for the report. */
function samplingMethod(sampling: SamplingRecord, source: 'list' | 'sitemap' | 'crawl', portal: boolean): string {
  const all = sampling.sample === 'all';
  const from = { list: 'the list of addresses given (--urls)', sitemap: 'the sitemap given (--sitemap)', crawl: "the site's sitemap and the links between its pages" }[source];
  const parts = [
    `Pages were found from ${from}${portal ? ", with the pages a Taskfront portal shows only when it is used (searches, the end of a journey, feedback, the dashboard, the not-found page)" : ''} (${sampling.pagesFound} found${sampling.crawlCapped ? ', where the crawl stopped at its limit' : ''}).`,
    `Each page's HTML was read once and grouped by template: the same landmarks, heading levels in the main content, form shapes and components, whatever the text (${sampling.templates.length} template${sampling.templates.length === 1 ? '' : 's'}).`,
    'As the W3C evaluation method WCAG-EM asks, the structured sample is one page of every template, plus every page with an interactive state to check and every page that did not answer as expected.',
    all
      ? 'Every other page was audited too.'
      : `To it was added a random sample of ${sampling.sample} other page${sampling.sample === 1 ? '' : 's'}, drawn with seed ${sampling.seed}: run again with --seed ${sampling.seed} to audit the same pages.`,
    `At most ${sampling.maxPages} pages were audited (--max-pages), templates first.`,
    sampling.audited.every((item) => item.checks === 'all')
      ? 'Every audited page got every check.'
      : `The example of each template and the pages that must be seen got every check, as did ${sampling.audited.filter((item) => item.reason === 'random' && item.checks === 'all').length} of the random pages, to test that pages of one template behave alike. The other random pages got the content checks (structure, reflow, text spacing, and axe at ${VIEWPORTS.narrow.width} and ${VIEWPORTS.wide.width} px); the keyboard walk, forced colours and JavaScript off, which test the code a template shares, were left to their template's example. Use --full for every check on every page.`,
    'Pages left out were not checked at all and are listed by name.',
  ];
  return parts.join(' ');
}

export const CHECKS: AuditReport['checks'] = [
  { id: 'load', name: 'The page loads with the expected status', criteria: [] },
  { id: 'structure', name: 'Structure: language, title, one h1, heading levels, no empty heading, landmarks', criteria: ['3.1.1', '2.4.2', '1.3.1', '2.4.6'] },
  { id: 'reflow', name: 'Reflow at 320 px: no sideways scrolling; at 200% zoom (640 px): no text cut off', criteria: ['1.4.10', '1.4.4'] },
  { id: 'text-spacing', name: 'Text spacing (WCAG 1.4.12): nothing cut off or overlapping', criteria: ['1.4.12'] },
  { id: 'axe', name: 'axe-core WCAG 2.2 A and AA rules (and orientation lock) at 320, 768 and 1280 px; what axe cannot decide goes to a person', criteria: [] },
  { id: 'forced-colors', name: 'Forced colours and reduced motion: axe again, nothing disappears or keeps moving', criteria: ['1.4.3', '1.4.11', '2.2.2'] },
  { id: 'keyboard', name: 'Keyboard: every control reached, no trap, sensible order, visible and unobscured focus (a skip link is advised)', criteria: ['2.1.1', '2.1.2', '2.4.3', '2.4.7', '2.4.11'] },
  { id: 'no-js', name: 'JavaScript off: same main content, forms still submit', criteria: [] },
];

const GPC = { 'Sec-GPC': '1' };

const tenths = (seconds: number) => Math.round(seconds * 10) / 10;

function versions(root: string, browser: Browser): Record<string, string> {
  // Read from node_modules directly: package "exports" maps may hide package.json from require.
  const version = (name: string) => {
    try {
      return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  return {
    'axe-core': axe.version,
    '@axe-core/playwright': version('@axe-core/playwright'),
    'playwright-core': version('playwright-core'),
    chromium: browser.version(),
    node: process.version.replace(/^v/, ''),
  };
}

function toolVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function openBrowsing(browser: Browser): Promise<{ browsing: Browsing; contexts: BrowserContext[] }> {
  // Sec-GPC asks the portal not to record anything the audit does (searches, finishes, feedback).
  const withJs = await browser.newContext({ viewport: VIEWPORTS.narrow, extraHTTPHeaders: GPC });
  const withoutJs = await browser.newContext({ viewport: VIEWPORTS.wide, javaScriptEnabled: false, extraHTTPHeaders: GPC });
  return { browsing: { js: await withJs.newPage(), noJs: await withoutJs.newPage() }, contexts: [withJs, withoutJs] };
}

/** What a page or state that could not be audited at all reports: a load that did not run, and why. */
function crashed(page: string, state: string | null, error: unknown): PageAudit {
  const note = (error as Error).message.split('\n')[0];
  return { results: [{ page, state, title: '', status: null, ms: 0, checks: [{ check: 'load', outcome: 'error', problems: 0, ms: 0, note }] }], problems: [], needsReview: [], coverage: { applicable: [], inapplicable: [] } };
}

/**
 * A state the server shows to everyone (see StateSpec.publish): made, confirmed in the
 * browser, audited with every check as a page, then undone. Its findings carry the state's
 * label, so they are not mixed up with the same page audited without it.
 */
async function auditPublished(state: StateSpec, browsing: Browsing, settings: Parameters<typeof auditPage>[2]): Promise<PageAudit> {
  try {
    await state.publish!.before(settings.base);
    await browsing.js.goto(new URL(state.path, settings.base).href, { waitUntil: 'load', timeout: 30_000 });
    await state.open(browsing.js);
    const audit = await auditPage({ path: state.path, expectStatus: 200, states: [] }, browsing, settings);
    for (const result of audit.results) result.state = state.label;
    for (const item of audit.needsReview) item.state = state.label;
    for (const problem of audit.problems) {
      problem.state = state.label;
      problem.id = problemId(problem.check, problem.rule, problem.page, state.label, problem.selector, problem.detail);
    }
    return audit;
  } catch (error) {
    return crashed(state.path, state.label, error);
  } finally {
    await state.publish!.after();
  }
}

export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const started = new Date();
  const clock = performance.now();
  const root = resolve(options.root ?? process.cwd());
  const progress = options.progress ?? (() => {});
  const outDir = resolve(root, options.outDir);
  const baselineFile = resolve(root, options.baselineFile ?? BASELINE_FILE);

  const baseline = loadBaseline(baselineFile, root);
  if (!baseline.ok) throw new AuditCannotRun(`The baseline has problems; fix them first:\n${baseline.errors.map((line) => `  ${line}`).join('\n')}`);
  try {
    await findChromium();
  } catch (error) {
    throw new AuditCannotRun((error as Error).message || HOW_TO_GET_CHROMIUM);
  }

  let portal: LocalPortal | undefined;
  let browser: Browser | undefined;
  try {
    let base: string;
    const remote = options.url ?? options.urls?.[0] ?? options.sitemap;
    if (remote) {
      base = new URL(remote).origin;
      try {
        await fetch(`${base}/`, { headers: GPC, signal: AbortSignal.timeout(15_000) });
      } catch (error) {
        const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
        throw new AuditCannotRun(`${base} does not answer (${cause?.code ?? cause?.message ?? (error as Error).message}). Check the address, or start the portal ("npm start").`);
      }
    } else {
      if (options.build === false) {
        if (!hasBuild(root)) throw new AuditCannotRun('There is no build in dist/ to audit. Run without --no-build (or run "npm run build" first).');
      } else {
        progress('Building the portal…');
        buildPortal(root);
      }
      portal = await startPortal(root);
      base = portal.url;
      progress(`Serving the build at ${base} with a temporary database.`);
    }

    let discovery;
    const finding = performance.now();
    const setupSeconds = (finding - clock) / 1000;
    try {
      discovery = await discoverPages({ base, maxPages: options.maxPages ?? 400, sample: options.sample ?? DEFAULT_SAMPLE, seed: options.seed ?? defaultSeed(started), portal: options.portal ?? (remote ? undefined : true), urls: options.urls, sitemap: options.sitemap, headers: GPC, incidentsDir: portal?.incidentsDir ?? options.incidentsDir });
    } catch (error) {
      throw new AuditCannotRun((error as Error).message);
    }
    if (portal && discovery.taskSlug) await seedActivity(portal.url, discovery.taskSlug);
    for (const note of discovery.notes) progress(note);
    progress(`Finding and grouping the pages took ${((performance.now() - finding) / 1000).toFixed(0)} s.`);
    const { jobs } = discovery;
    if (jobs.length === 0) throw new AuditCannotRun(`No pages found at ${base}.`);
    progress(`Auditing ${jobs.length} page${jobs.length === 1 ? '' : 's'}, ${options.concurrency ?? DEFAULT_CONCURRENCY} at a time.`);

    const launching = performance.now();
    const discoverySeconds = (launching - finding) / 1000;
    browser = await launchChromium();
    const browserSeconds = (performance.now() - launching) / 1000;
    const shotsDir = join(outDir, 'shots');
    rmSync(shotsDir, { recursive: true, force: true });
    mkdirSync(shotsDir, { recursive: true });
    const settings = { base, baseline: baseline.entries, shotsDir, shotBudget: { left: 400 } };
    // Which random pages get only the content checks (see audit-content.ts for why that holds).
    const { sampling } = discovery;
    const exampleOf = new Map(sampling.audited.filter((item) => item.reason === 'template').map((item) => [item.template, item.page]));
    const random = sampling.audited.filter((item) => item.reason === 'random').map((item) => item.page);
    const fullRandom = new Set(options.full ? random : seededShuffle(random, sampling.seed ^ 0x5bd1e995).slice(0, FULL_RANDOM));
    for (const item of sampling.audited) if (item.reason === 'random' && !fullRandom.has(item.page) && exampleOf.has(item.template)) item.checks = 'content';
    const tier = new Map(sampling.audited.map((item) => [item.page, item]));

    const results: PageResult[] = [];
    const problems: Problem[] = [];
    const needsReview: NeedsReview[] = [];
    const coverage = { applicable: new Set<string>(), inapplicable: new Set<string>() };
    const queue = longestFirst(jobs, (job) => estimateCost({ size: discovery.sizes.get(job.path), checks: tier.get(job.path)?.checks === 'content' && job.states.length === 0 ? 'content' : 'all', states: job.states.length }));
    const collect = (audit: PageAudit) => {
      results.push(...audit.results);
      problems.push(...audit.problems);
      needsReview.push(...audit.needsReview);
      for (const number of audit.coverage.applicable) coverage.applicable.add(number);
      for (const number of audit.coverage.inapplicable) coverage.inapplicable.add(number);
    };
    let next = 0;
    let done = 0;
    const width = String(jobs.length).length;
    const worker = async () => {
      let { browsing, contexts } = await openBrowsing(browser!);
      try {
        while (next < queue.length) {
          const job = queue[next++]!;
          let audit;
          try {
            const chosen = tier.get(job.path);
            audit =
              chosen?.checks === 'content' && job.states.length === 0
                ? await auditContent(job, browsing, { ...settings, example: exampleOf.get(chosen.template)! })
                : await auditPage(job, browsing, settings);
          } catch (error) {
            // A crashed tab: note it, start fresh pages, go on.
            audit = crashed(job.path, null, error);
            await Promise.all(contexts.map((context) => context.close().catch(() => {})));
            ({ browsing, contexts } = await openBrowsing(browser!));
          }
          collect(audit);
          done++;
          const fresh = audit.problems.filter((problem) => !problem.known).length;
          const errors = audit.results.flatMap((result) => result.checks).filter((check) => check.outcome === 'error').length;
          const ms = audit.results.reduce((sum, result) => sum + result.ms, 0);
          progress(
            `[${String(done).padStart(width)}/${jobs.length}] ${job.path}${job.states.length ? ` (+${job.states.length} state${job.states.length > 1 ? 's' : ''})` : ''} ${(ms / 1000).toFixed(1)} s ${fresh || errors ? `✗ ${fresh} problem${fresh === 1 ? '' : 's'}${errors ? `, ${errors} check${errors === 1 ? '' : 's'} could not run` : ''}` : '✓'}`,
          );
        }
      } finally {
        await Promise.all(contexts.map((context) => context.close().catch(() => {})));
      }
    };
    const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    const auditing = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    // States every visitor would see (a published incident) run alone, once the other pages are done.
    for (const state of discovery.published) {
      const { browsing, contexts } = await openBrowsing(browser);
      try {
        const audit = await auditPublished(state, browsing, settings);
        collect(audit);
        progress(`[published] ${state.path} (${state.label}) ${(audit.results.reduce((sum, result) => sum + result.ms, 0) / 1000).toFixed(1)} s`);
      } finally {
        await Promise.all(contexts.map((context) => context.close().catch(() => {})));
      }
    }
    const pagesSeconds = (performance.now() - auditing) / 1000;

    // Titles must differ between pages; only knowable once every page is in.
    const order = new Map(jobs.map((job, index) => [job.path, index]));
    // A published state's page may not be in the sample; it then sorts last.
    const rank = (page: string) => order.get(page) ?? order.size;
    results.sort((a, b) => rank(a.page) - rank(b.page) || (a.state ?? '').localeCompare(b.state ?? ''));
    const titles = new Map(results.filter((result) => result.state === null && result.status !== null).map((result) => [result.page, result.title]));
    for (const [page, finding] of duplicateTitles(titles)) {
      const problem: Problem = {
        id: problemId(finding.check, finding.rule, page, null, null, finding.detail),
        ...finding,
        helpUrl: null,
        selector: null,
        html: null,
        page,
        state: null,
        conditions: ['page'],
        screenshot: null,
        known: null,
      };
      const match = matchBaseline(baseline.entries, problem);
      if (match) problem.known = { owner: match.owner, reason: match.reason, expires: match.expires };
      problems.push(problem);
      const result = results.find((item) => item.page === page && item.state === null);
      const outcome = result?.checks.find((check) => check.check === 'structure');
      if (outcome) {
        outcome.problems++;
        if (!problem.known && outcome.outcome === 'passed') outcome.outcome = 'failed';
      }
    }
    problems.sort((a, b) => rank(a.page) - rank(b.page) || (a.state ?? '').localeCompare(b.state ?? '') || a.check.localeCompare(b.check) || a.rule.localeCompare(b.rule));

    // Our own checks cover their criteria on every page where they ran to an answer.
    for (const result of results) {
      for (const outcome of result.checks) {
        if (outcome.outcome === 'passed' || outcome.outcome === 'failed') for (const number of CHECKS.find((check) => check.id === outcome.check)?.criteria ?? []) coverage.applicable.add(number);
      }
    }
    // A content-checks page cannot show a keyboard entry as fixed, so only pages with every check count.
    const status = baselineStatus(baseline.entries, problems, [...order.keys()].filter((path) => tier.get(path)?.checks !== 'content'));
    const newProblems = problems.filter((problem) => !problem.known).length;
    const checkErrors = results.flatMap((result) => result.checks).filter((check) => check.outcome === 'error').length;
    const checksNotTested = results.flatMap((result) => result.checks).filter((check) => check.outcome === 'could-not-test').length;
    const report: AuditReport = {
      tool: { name: 'taskfront audit:a11y', version: toolVersion(root) },
      startedAt: started.toISOString(),
      seconds: tenths((performance.now() - clock) / 1000),
      timing: {
        setup: tenths(setupSeconds),
        discovery: tenths(discoverySeconds),
        browser: tenths(browserSeconds),
        pages: tenths(pagesSeconds),
        concurrency,
        checks: Object.fromEntries(CHECKS.map(({ id }) => [id, tenths(results.reduce((sum, result) => sum + (result.checks.find((check) => check.check === id)?.ms ?? 0), 0) / 1000)])),
      },
      target: { kind: remote ? (options.targetKind ?? 'url') : 'local-build', url: remote ? (options.url ? base : (options.sitemap ?? `${options.urls!.length} listed addresses on ${base}`)) : 'local build (dist/)' },
      versions: versions(root, browser),
      standard: 'WCAG 2.2 level AA',
      viewports: [VIEWPORTS.narrow.width, VIEWPORTS.medium.width, VIEWPORTS.wide.width],
      checks: CHECKS,
      pages: results,
      problems,
      needsReview,
      criteria: criteriaTable(problems, needsReview, coverage),
      sampling: { method: samplingMethod(discovery.sampling, options.urls ? 'list' : options.sitemap ? 'sitemap' : 'crawl', discovery.portal), ...discovery.sampling },
      notAudited: { pages: discovery.notAudited, states: discovery.statesNotAudited },
      baseline: { file: baselineFile.replace(`${root}/`, ''), entries: baseline.entries.length, ...status },
      summary: {
        pages: jobs.length,
        notAudited: discovery.notAudited.length + discovery.statesNotAudited.length,
        needsReview: needsReview.length,
        checksRun: results.reduce((sum, result) => sum + result.checks.filter((check) => check.outcome !== 'skipped' && check.outcome !== 'not-applicable').length, 0),
        problems: problems.length,
        newProblems,
        knownProblems: problems.length - newProblems,
        checkErrors,
        checksNotTested,
        exitCode: newProblems || status.expired.length || checkErrors || checksNotTested ? 1 : 0,
      },
    };
    writeReports(outDir, report, base);
    if (options.statement === true) writeLatest(root, latestFromReport(report));
    return report;
  } finally {
    await browser?.close().catch(() => {});
    await portal?.stop();
  }
}
