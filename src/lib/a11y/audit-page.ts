/**
 * Audits one page: one load with JavaScript, reused for every width and check (320 px:
 * reflow, text spacing, axe; 640 px: text cut off at 200% zoom; 768 px: axe; 1280 px:
 * axe, forced colours and the keyboard walk), then one load without JavaScript, then the
 * page's interactive states.
 */
import type { Page } from 'playwright-core';
import type { BaselineEntry, CheckId, CheckOutcome, NeedsReview, PageResult, Problem } from '../../schemas/a11y.ts';
import { checkAxe } from './checks/axe.ts';
import { checkForcedColors } from './checks/forced-colors.ts';
import { checkIbm } from './checks/ibm.ts';
import { checkKeyboard } from './checks/keyboard.ts';
import { ensureKit } from './checks/kit.ts';
import { checkNoJs } from './checks/no-js.ts';
import { checkReflow } from './checks/reflow.ts';
import { checkStructure } from './checks/structure.ts';
import { checkTextSpacing } from './checks/text-spacing.ts';
import { checkZoomClipping } from './checks/zoom.ts';
import { Recorder } from './recorder.ts';
import { expectOnly, letGo } from './stay-on-page.ts';
import type { StateSpec } from './states.ts';

export const VIEWPORTS = { narrow: { width: 320, height: 640 }, medium: { width: 768, height: 1024 }, wide: { width: 1280, height: 800 } } as const;

export interface PageJob {
  path: string;
  /** The status the page should answer with (404 for the not-found page). */
  expectStatus: number;
  states: StateSpec[];
}

export interface Browsing {
  /** A page in a context with JavaScript. */
  js: Page;
  /** A page in a context with JavaScript turned off. */
  noJs: Page;
}

export interface PageAudit {
  results: PageResult[];
  problems: Problem[];
  needsReview: NeedsReview[];
  /** WCAG criteria axe rules applied to, and those they found nothing to apply to. */
  coverage: { applicable: string[]; inapplicable: string[] };
}

const coverageOf = (recorder: Recorder) => ({ applicable: [...recorder.coverage.applicable], inapplicable: [...recorder.coverage.inapplicable] });

/**
 * Rule engines beside our own checks: axe always; IBM Equal Access only when asked, since on
 * the W3C ACT examples it caught nothing axe and our checks missed (decision 0028).
 */
export type Engine = 'axe' | 'ibm';
export const DEFAULT_ENGINES: readonly Engine[] = ['axe'];

/** Widths axe runs at: a responsive page can lose or gain a problem as its layout changes. */
const AXE_WIDTHS: readonly (keyof typeof VIEWPORTS)[] = ['narrow', 'medium', 'wide'];

interface Settings {
  /** Which rule engines run (default DEFAULT_ENGINES); axe cannot be left out. */
  engines?: readonly Engine[];
  /**
   * Widths axe runs at (default all three). The ACT harness uses one: its examples are
   * single fixed layouts, and the other checks still run at their own widths.
   */
  axeWidths?: readonly (keyof typeof VIEWPORTS)[];
  /** Checks left out, each reported as skipped with this run's reason (the ACT harness: no ACT rule tests them). */
  skip?: { checks: readonly CheckId[]; reason: string };
  base: string;
  baseline: readonly BaselineEntry[];
  shotsDir: string | null;
  shotBudget: { left: number };
}

class Outcomes {
  private readonly map = new Map<CheckId, CheckOutcome>();
  private readonly recorder: Recorder;
  private readonly skipped: Settings['skip'];
  constructor(recorder: Recorder, skipped?: Settings['skip']) {
    this.recorder = recorder;
    this.skipped = skipped;
  }

  async run<T>(check: CheckId, work: () => Promise<T>): Promise<T | undefined> {
    if (this.skipped?.checks.includes(check)) {
      this.skip(check, this.skipped.reason);
      return undefined;
    }
    const started = performance.now();
    const outcome = this.map.get(check) ?? { check, outcome: 'passed', problems: 0, ms: 0 };
    this.map.set(check, outcome);
    try {
      return await work();
    } catch (error) {
      outcome.outcome = 'error';
      outcome.note = (error as Error).message.split('\n')[0];
      return undefined;
    } finally {
      outcome.ms += Math.round(performance.now() - started);
    }
  }

  skip(check: CheckId, note: string, outcome: 'skipped' | 'not-applicable' = 'skipped') {
    this.map.set(check, { check, outcome, problems: 0, ms: 0, note });
  }

  /** The check ran but could not get a settled answer: neither passed nor failed. */
  untested(check: CheckId, note: string) {
    const outcome = this.map.get(check);
    if (outcome) {
      outcome.outcome = 'could-not-test';
      outcome.note = note;
    }
  }

  note(check: CheckId, note: string | undefined) {
    const outcome = this.map.get(check);
    if (outcome && note) outcome.note = note;
  }

  list(): CheckOutcome[] {
    return [...this.map.values()].map((outcome) => {
      const problems = [...this.recorder.problems.values()].filter((problem) => problem.check === outcome.check);
      const fresh = problems.filter((problem) => !problem.known).length;
      const settled = outcome.outcome === 'passed' || outcome.outcome === 'failed';
      return { ...outcome, problems: problems.length, outcome: !settled ? outcome.outcome : fresh ? 'failed' : 'passed' };
    });
  }
}

export async function auditPage(job: PageJob, browsing: Browsing, settings: Settings): Promise<PageAudit> {
  const started = performance.now();
  const url = new URL(job.path, settings.base).href;
  const recorder = new Recorder({ page: job.path, state: null, baseline: settings.baseline, shotsDir: settings.shotsDir, shotBudget: settings.shotBudget });
  const outcomes = new Outcomes(recorder, settings.skip);
  const { js } = browsing;
  let status: number | null = null;
  let title = '';
  let h1: string | null = null;
  let contentType = '';

  await js.setViewportSize(VIEWPORTS.narrow);
  const loaded = await outcomes.run('load', async () => {
    await expectOnly(js, url);
    const response = await js.goto(url, { waitUntil: 'load', timeout: 30_000 });
    status = response?.status() ?? null;
    contentType = response?.headers()['content-type'] ?? '';
    if (status !== job.expectStatus) {
      await recorder.add(
        {
          check: 'load',
          rule: 'page-status',
          criteria: [],
          impact: 'serious',
          summary: `The page answered ${status ?? 'nothing'}`,
          detail: `It should answer ${job.expectStatus}${status && status >= 400 ? ': a link to it is broken, or the page fails' : ''}.`,
          fix: 'Fix the page or the link that leads to it.',
        },
        'load',
        null,
      );
      return false;
    }
    await ensureKit(js);
    return true;
  });

  const rest: CheckId[] = ['structure', 'reflow', 'text-spacing', 'axe', 'forced-colors', 'keyboard', 'no-js'];
  if (!loaded) {
    for (const check of rest) outcomes.skip(check, 'the page did not load as expected');
  } else {
    const narrow = `${VIEWPORTS.narrow.width} px`;
    // Chromium shows an XML document (a feed, a sitemap) as an HTML tree view of its own,
    // so the served type decides, not the document the browser made.
    const kind = /[+/]xml\b/.test(contentType) && !/svg|xhtml/.test(contentType) ? 'xml' : await js.evaluate(() => window.__tfA11y!.documentKind());
    const html = kind === 'html';
    const notHtml = `not an HTML page (an ${kind.toUpperCase()} document)`;
    const browserView = `${notHtml}: the browser shows its own view of the source tree, which is not the site’s to fix`;
    if (html) {
      const info = await outcomes.run('structure', () => checkStructure(js, recorder, 'page'));
      title = info?.title ?? '';
      h1 = info?.h1[0]?.text ?? null;
    } else {
      title = await js.title().catch(() => '');
      outcomes.skip('structure', `${notHtml}: it has no HTML headings, landmarks or language to check`, 'not-applicable');
    }
    if (kind === 'xml') {
      for (const check of ['reflow', 'text-spacing'] as const) outcomes.skip(check, browserView, 'not-applicable');
    } else {
      await outcomes.run('reflow', () => checkReflow(js, recorder, narrow));
      await outcomes.run('text-spacing', () => checkTextSpacing(js, recorder, narrow));
      // Part of the reflow check, run last at this width: axe sets its own widths next, so
      // the page is resized once for it, not there and back.
      await outcomes.run('reflow', () => checkZoomClipping(js, recorder));
    }
    if (kind === 'xml') outcomes.skip('axe', browserView, 'not-applicable');
    else await outcomes.run('axe', async () => {
      for (const width of settings.axeWidths ?? AXE_WIDTHS) {
        await js.setViewportSize(VIEWPORTS[width]);
        await checkAxe(js, recorder, { check: 'axe', condition: `${VIEWPORTS[width].width} px` });
      }
      await js.setViewportSize(VIEWPORTS.wide);
      // After axe, so a problem both engines see is matched to axe's and kept once.
      if ((settings.engines ?? DEFAULT_ENGINES).includes('ibm')) await checkIbm(js, recorder, { check: 'axe', condition: `${VIEWPORTS.wide.width} px` });
    });
    if (kind === 'xml') {
      outcomes.skip('forced-colors', browserView, 'not-applicable');
      outcomes.skip('keyboard', browserView, 'not-applicable');
    } else {
      await outcomes.run('forced-colors', () => checkForcedColors(js, recorder, `forced colours, reduced motion (${VIEWPORTS.wide.width} px)`));
      const restart = async () => {
        await expectOnly(js, url);
        await js.goto(url, { waitUntil: 'load', timeout: 30_000 });
        await ensureKit(js);
      };
      const keyboard = await outcomes.run('keyboard', () => checkKeyboard(js, recorder, { condition: `keyboard (${VIEWPORTS.wide.width} px)`, skipLink: html, restart }));
      if (keyboard?.untested) outcomes.untested('keyboard', keyboard.note ?? 'could not test');
      else outcomes.note('keyboard', keyboard?.note);
    }
    if (html) await outcomes.run('no-js', () => checkNoJs(browsing.noJs, url, recorder, { h1 }, 'JavaScript off'));
    else outcomes.skip('no-js', `${notHtml}: no forms or scripted content to compare`, 'not-applicable');
  }

  const results: PageResult[] = [{ page: job.path, state: null, title, status, checks: outcomes.list(), ms: Math.round(performance.now() - started) }];
  const problems = [...recorder.problems.values()];
  const needsReview = [...recorder.needsReview.values()];
  const coverage = coverageOf(recorder);

  if (loaded) {
    for (const state of job.states) {
      const audit = await auditState(state, js, settings);
      results.push(...audit.results);
      problems.push(...audit.problems);
      needsReview.push(...audit.needsReview);
      coverage.applicable.push(...audit.coverage.applicable);
      coverage.inapplicable.push(...audit.coverage.inapplicable);
    }
  }
  return { results, problems, needsReview, coverage };
}

async function auditState(state: StateSpec, js: Page, settings: Settings): Promise<PageAudit> {
  const started = performance.now();
  const recorder = new Recorder({ page: state.path, state: state.label, baseline: settings.baseline, shotsDir: settings.shotsDir, shotBudget: settings.shotBudget });
  const outcomes = new Outcomes(recorder, settings.skip);
  const wide = `${VIEWPORTS.wide.width} px`;
  let title = '';
  await js.setViewportSize(VIEWPORTS.wide);
  const opened = await outcomes.run('load', async () => {
    await letGo(js);
    await js.goto(new URL(state.path, settings.base).href, { waitUntil: 'load', timeout: 30_000 });
    await state.open(js);
    await ensureKit(js);
    title = await js.title();
    return true;
  });
  if (!opened) {
    for (const check of ['axe', 'keyboard'] as const) outcomes.skip(check, 'the state could not be opened');
  } else {
    if (state.structure) await outcomes.run('structure', () => checkStructure(js, recorder, wide));
    await outcomes.run('axe', async () => {
      await checkAxe(js, recorder, { check: 'axe', condition: wide });
      if ((settings.engines ?? DEFAULT_ENGINES).includes('ibm')) await checkIbm(js, recorder, { check: 'axe', condition: wide });
    });
    const restart = async () => {
      await js.goto(new URL(state.path, settings.base).href, { waitUntil: 'load', timeout: 30_000 });
      await state.open(js);
      await ensureKit(js);
    };
    const keyboard = await outcomes.run('keyboard', () => checkKeyboard(js, recorder, { condition: `keyboard (${wide})`, skipLink: state.skipLink, restart }));
    if (keyboard?.untested) outcomes.untested('keyboard', keyboard.note ?? 'could not test');
    else outcomes.note('keyboard', keyboard?.note);
  }
  return {
    results: [{ page: state.path, state: state.label, title, status: null, checks: outcomes.list(), ms: Math.round(performance.now() - started) }],
    problems: [...recorder.problems.values()],
    needsReview: [...recorder.needsReview.values()],
    coverage: coverageOf(recorder),
  };
}
