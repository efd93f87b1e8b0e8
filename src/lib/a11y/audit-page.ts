/**
 * Audits one page: one load with JavaScript, reused for every width and check (320 px:
 * reflow, text spacing, axe; 768 px: axe; 1280 px: axe, forced colours and the keyboard
 * walk), then one load without JavaScript, then the page's interactive states.
 */
import type { Page } from 'playwright-core';
import type { BaselineEntry, CheckId, CheckOutcome, NeedsReview, PageResult, Problem } from '../../schemas/a11y.ts';
import { checkAxe } from './checks/axe.ts';
import { checkForcedColors } from './checks/forced-colors.ts';
import { checkKeyboard } from './checks/keyboard.ts';
import { ensureKit } from './checks/kit.ts';
import { checkNoJs } from './checks/no-js.ts';
import { checkReflow } from './checks/reflow.ts';
import { checkStructure } from './checks/structure.ts';
import { checkTextSpacing } from './checks/text-spacing.ts';
import { Recorder } from './recorder.ts';
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
}

interface Settings {
  base: string;
  baseline: readonly BaselineEntry[];
  shotsDir: string | null;
  shotBudget: { left: number };
}

class Outcomes {
  private readonly map = new Map<CheckId, CheckOutcome>();
  private readonly recorder: Recorder;
  constructor(recorder: Recorder) {
    this.recorder = recorder;
  }

  async run<T>(check: CheckId, work: () => Promise<T>): Promise<T | undefined> {
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

  skip(check: CheckId, note: string) {
    this.map.set(check, { check, outcome: 'skipped', problems: 0, ms: 0, note });
  }

  note(check: CheckId, note: string | undefined) {
    const outcome = this.map.get(check);
    if (outcome && note) outcome.note = note;
  }

  list(): CheckOutcome[] {
    return [...this.map.values()].map((outcome) => {
      const problems = [...this.recorder.problems.values()].filter((problem) => problem.check === outcome.check);
      const fresh = problems.filter((problem) => !problem.known).length;
      return { ...outcome, problems: problems.length, outcome: outcome.outcome === 'error' || outcome.outcome === 'skipped' ? outcome.outcome : fresh ? 'failed' : 'passed' };
    });
  }
}

export async function auditPage(job: PageJob, browsing: Browsing, settings: Settings): Promise<PageAudit> {
  const started = performance.now();
  const url = new URL(job.path, settings.base).href;
  const recorder = new Recorder({ page: job.path, state: null, baseline: settings.baseline, shotsDir: settings.shotsDir, shotBudget: settings.shotBudget });
  const outcomes = new Outcomes(recorder);
  const { js } = browsing;
  let status: number | null = null;
  let title = '';
  let h1: string | null = null;

  await js.setViewportSize(VIEWPORTS.narrow);
  const loaded = await outcomes.run('load', async () => {
    const response = await js.goto(url, { waitUntil: 'load', timeout: 30_000 });
    status = response?.status() ?? null;
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
    const info = await outcomes.run('structure', () => checkStructure(js, recorder, 'page'));
    title = info?.title ?? '';
    h1 = info?.h1[0]?.text ?? null;
    await outcomes.run('reflow', () => checkReflow(js, recorder, narrow));
    await outcomes.run('text-spacing', () => checkTextSpacing(js, recorder, narrow));
    await outcomes.run('axe', async () => {
      await checkAxe(js, recorder, { check: 'axe', condition: narrow, review: false });
      await js.setViewportSize(VIEWPORTS.medium);
      await checkAxe(js, recorder, { check: 'axe', condition: `${VIEWPORTS.medium.width} px`, review: false });
      await js.setViewportSize(VIEWPORTS.wide);
      await checkAxe(js, recorder, { check: 'axe', condition: `${VIEWPORTS.wide.width} px`, review: true });
    });
    await outcomes.run('forced-colors', () => checkForcedColors(js, recorder, `forced colours, reduced motion (${VIEWPORTS.wide.width} px)`));
    const keyboard = await outcomes.run('keyboard', () => checkKeyboard(js, recorder, { condition: `keyboard (${VIEWPORTS.wide.width} px)`, skipLink: true }));
    outcomes.note('keyboard', keyboard?.note);
    await outcomes.run('no-js', () => checkNoJs(browsing.noJs, url, recorder, { h1 }, 'JavaScript off'));
  }

  const results: PageResult[] = [{ page: job.path, state: null, title, status, checks: outcomes.list(), ms: Math.round(performance.now() - started) }];
  const problems = [...recorder.problems.values()];
  const needsReview = [...recorder.needsReview.values()];

  if (loaded) {
    for (const state of job.states) {
      const audit = await auditState(state, js, settings);
      results.push(...audit.results);
      problems.push(...audit.problems);
      needsReview.push(...audit.needsReview);
    }
  }
  return { results, problems, needsReview };
}

async function auditState(state: StateSpec, js: Page, settings: Settings): Promise<PageAudit> {
  const started = performance.now();
  const recorder = new Recorder({ page: state.path, state: state.label, baseline: settings.baseline, shotsDir: settings.shotsDir, shotBudget: settings.shotBudget });
  const outcomes = new Outcomes(recorder);
  const wide = `${VIEWPORTS.wide.width} px`;
  let title = '';
  await js.setViewportSize(VIEWPORTS.wide);
  const opened = await outcomes.run('load', async () => {
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
    await outcomes.run('axe', () => checkAxe(js, recorder, { check: 'axe', condition: wide, review: true }));
    const keyboard = await outcomes.run('keyboard', () => checkKeyboard(js, recorder, { condition: `keyboard (${wide})`, skipLink: state.skipLink }));
    outcomes.note('keyboard', keyboard?.note);
  }
  return {
    results: [{ page: state.path, state: state.label, title, status: null, checks: outcomes.list(), ms: Math.round(performance.now() - started) }],
    problems: [...recorder.problems.values()],
    needsReview: [...recorder.needsReview.values()],
  };
}
