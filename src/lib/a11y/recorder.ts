/**
 * Collects what the checks find on one page (or one interactive state of it): gives each
 * problem a stable id, merges the same problem seen at several widths, marks the ones the
 * baseline knows, and takes a cropped screenshot of each new one while the page is still
 * in the state that shows it.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { BaselineEntry, CheckId, Impact, NeedsReview, Problem } from '../../schemas/a11y.ts';
import { matchBaseline } from './baseline.ts';
import { screenshotElement } from './shots.ts';

/** One thing a check found, before it becomes a Problem. */
export interface Finding {
  check: CheckId;
  rule: string;
  criteria: string[];
  impact: Impact;
  summary: string;
  detail: string;
  fix: string;
  helpUrl?: string | null;
  selector?: string | null;
  html?: string | null;
  /** The rule engine that found it (axe-core, ibm-equal-access); unset for the audit's own checks. */
  engine?: string;
}

export interface RecorderOptions {
  page: string;
  state: string | null;
  baseline: readonly BaselineEntry[];
  /** Folder for screenshots; null to take none. */
  shotsDir: string | null;
  /** Screenshots still allowed in this run (shared by all pages). */
  shotBudget: { left: number };
}

export function problemId(check: string, rule: string, page: string, state: string | null, selector: string | null | undefined, detail = ''): string {
  return createHash('sha1')
    .update([check, rule, page, state ?? '', selector ?? '', selector ? '' : detail].join('\u0000'))
    .digest('hex')
    .slice(0, 12);
}

export class Recorder {
  readonly problems = new Map<string, Problem>();
  readonly needsReview = new Map<string, NeedsReview>();
  readonly counts = new Map<CheckId, number>();
  /** WCAG criteria whose checks ran against real content, and those whose axe rules found nothing to apply to. */
  readonly coverage = { applicable: new Set<string>(), inapplicable: new Set<string>() };

  readonly options: RecorderOptions;
  constructor(options: RecorderOptions) {
    this.options = options;
  }

  /**
   * Records a finding seen under `condition` (e.g. "320 px"); screenshots it on `page` if it is new.
   * `sameAs`: the same rule on the same element found by that check is the same problem
   * (axe run again in forced colours adds a condition, not a second problem).
   */
  async add(finding: Finding, condition: string, page: Page | null, sameAs?: CheckId): Promise<void> {
    const { page: path, state } = this.options;
    const id = problemId(finding.check, finding.rule, path, state, finding.selector, finding.detail);
    const twin = sameAs ? this.problems.get(problemId(sameAs, finding.rule, path, state, finding.selector, finding.detail)) : undefined;
    const existing = this.problems.get(id) ?? twin;
    if (existing) {
      if (!existing.conditions.includes(condition)) existing.conditions.push(condition);
      if (finding.engine) existing.engines = [...new Set([...(existing.engines ?? []), finding.engine])];
      return;
    }
    const selector = finding.selector ?? null;
    const entry = matchBaseline(this.options.baseline, { rule: finding.rule, page: path, selector });
    const problem: Problem = {
      id,
      check: finding.check,
      rule: finding.rule,
      page: path,
      state,
      criteria: finding.criteria,
      impact: finding.impact,
      summary: finding.summary,
      detail: finding.detail,
      fix: finding.fix,
      helpUrl: finding.helpUrl ?? null,
      selector,
      html: finding.html ?? null,
      conditions: [condition],
      screenshot: null,
      known: entry ? { owner: entry.owner, reason: entry.reason, expires: entry.expires } : null,
      ...(finding.engine ? { engines: [finding.engine] } : {}),
    };
    this.problems.set(id, problem);
    this.counts.set(finding.check, (this.counts.get(finding.check) ?? 0) + 1);
    const { shotsDir, shotBudget } = this.options;
    if (page && selector && shotsDir && shotBudget.left > 0) {
      shotBudget.left--;
      const file = await screenshotElement(page, selector, join(shotsDir, `${id}.png`));
      if (file) problem.screenshot = `shots/${id}.png`;
    }
  }

  /** Records something a person must decide; the same rule seen again (another width, another element) merges in. */
  review(item: Omit<NeedsReview, 'page' | 'state' | 'conditions'>, condition: string): void {
    const key = `${item.check}|${item.rule}`;
    const existing = this.needsReview.get(key);
    if (!existing) {
      this.needsReview.set(key, { page: this.options.page, state: this.options.state, ...item, elements: item.elements.slice(0, 10), conditions: [condition] });
      return;
    }
    if (!existing.conditions.includes(condition)) existing.conditions.push(condition);
    for (const element of item.elements) {
      if (existing.elements.length < 10 && !existing.elements.some((other) => other.selector === element.selector)) existing.elements.push(element);
    }
  }

  /** Problems a check found that the baseline does not cover. */
  newFor(check: CheckId): number {
    return [...this.problems.values()].filter((problem) => problem.check === check && !problem.known).length;
  }
}
