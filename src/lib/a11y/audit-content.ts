/**
 * The content checks alone, for a page whose template has already had the full audit:
 * structure, reflow and text spacing at 320 px, and axe at 320 and 1280 px.
 *
 * Why this split holds (WCAG-EM step 4 evaluates the sample; step 3 says pages of one
 * template share their code): the keyboard walk, forced colours and JavaScript off test
 * what a template's scripts, styles and forms do, which every page of the template shares,
 * so they run on the template's example page. What differs from page to page is content:
 * text alternatives, headings, contrast of what editors write, tables, long words, so
 * those checks run on every audited page. decisions/0029 has the measurements.
 */
import type { Page } from 'playwright-core';
import type { BaselineEntry, CheckId, CheckOutcome, PageResult } from '../../schemas/a11y.ts';
import { auditPage, VIEWPORTS, type Browsing, type PageAudit, type PageJob } from './audit-page.ts';
import { checkAxe } from './checks/axe.ts';
import { ensureKit } from './checks/kit.ts';
import { checkReflow } from './checks/reflow.ts';
import { checkStructure } from './checks/structure.ts';
import { checkTextSpacing } from './checks/text-spacing.ts';
import { Recorder } from './recorder.ts';

export interface ContentSettings {
  base: string;
  baseline: readonly BaselineEntry[];
  shotsDir: string | null;
  shotBudget: { left: number };
  /** The page that had the full audit for this page's template, named in the skipped checks' note. */
  example: string;
}

/** The checks left to the template's example: what the page's shared code does. */
const TEMPLATE_CHECKS: CheckId[] = ['forced-colors', 'keyboard', 'no-js'];

export async function auditContent(job: PageJob, browsing: Browsing, settings: ContentSettings): Promise<PageAudit> {
  const started = performance.now();
  const page: Page = browsing.js;
  const url = new URL(job.path, settings.base).href;
  const recorder = new Recorder({ page: job.path, state: null, baseline: settings.baseline, shotsDir: settings.shotsDir, shotBudget: settings.shotBudget });
  const outcomes = new Map<CheckId, CheckOutcome>();
  const run = async (check: CheckId, work: () => Promise<unknown>) => {
    const begun = performance.now();
    const outcome: CheckOutcome = outcomes.get(check) ?? { check, outcome: 'passed', problems: 0, ms: 0 };
    outcomes.set(check, outcome);
    try {
      await work();
    } catch (error) {
      outcome.outcome = 'error';
      outcome.note = (error as Error).message.split('\n')[0];
    } finally {
      outcome.ms += Math.round(performance.now() - begun);
    }
  };

  await page.setViewportSize(VIEWPORTS.narrow);
  let status: number | null = null;
  let contentType = '';
  let loaded = false;
  await run('load', async () => {
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    status = response?.status() ?? null;
    contentType = response?.headers()['content-type'] ?? '';
    loaded = status === job.expectStatus;
    if (loaded) await ensureKit(page);
  });
  // A page that now answers differently, or is not HTML, gets the full audit, which says what it is.
  const html = loaded && !/[+/]xml\b/.test(contentType) && (await page.evaluate(() => window.__tfA11y!.documentKind()).catch(() => 'xml')) === 'html';
  if (!html) return auditPage(job, browsing, settings);

  let title = '';
  await run('structure', async () => {
    title = (await checkStructure(page, recorder, 'page')).title;
  });
  const narrow = `${VIEWPORTS.narrow.width} px`;
  await run('reflow', () => checkReflow(page, recorder, narrow));
  await run('text-spacing', () => checkTextSpacing(page, recorder, narrow));
  await run('axe', async () => {
    await checkAxe(page, recorder, { check: 'axe', condition: narrow });
    await page.setViewportSize(VIEWPORTS.wide);
    await checkAxe(page, recorder, { check: 'axe', condition: `${VIEWPORTS.wide.width} px` });
  });
  for (const check of TEMPLATE_CHECKS) {
    outcomes.set(check, { check, outcome: 'skipped', problems: 0, ms: 0, note: `checked on its template's example, ${settings.example}` });
  }

  const problems = [...recorder.problems.values()];
  const checks = [...outcomes.values()].map((outcome) => {
    const found = problems.filter((problem) => problem.check === outcome.check);
    const settled = outcome.outcome === 'passed' || outcome.outcome === 'failed';
    return { ...outcome, problems: found.length, outcome: settled ? (found.some((problem) => !problem.known) ? 'failed' : 'passed') : outcome.outcome } satisfies CheckOutcome;
  });
  const result: PageResult = { page: job.path, state: null, title, status, checks, ms: Math.round(performance.now() - started) };
  return {
    results: [result],
    problems,
    needsReview: [...recorder.needsReview.values()],
    coverage: { applicable: [...recorder.coverage.applicable], inapplicable: [...recorder.coverage.inapplicable] },
  };
}
