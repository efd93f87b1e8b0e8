/**
 * axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules. axe is put on the page once
 * per document; on pages without frames it runs in "legacy" mode, which skips the extra
 * blank page axe otherwise opens to merge frame results (same rules, about half the time).
 */
import { AxeBuilder } from '@axe-core/playwright';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import type { CheckId, Impact } from '../../../schemas/a11y.ts';
import type { Recorder } from '../recorder.ts';
import { criteriaFromTags } from '../wcag.ts';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function checkAxe(page: Page, recorder: Recorder, options: { check: CheckId; condition: string; review: boolean; sameAs?: CheckId }): Promise<void> {
  const frames = page.frames().length;
  let builder: AxeBuilder;
  if (frames > 1) {
    builder = new AxeBuilder({ page });
  } else {
    if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axe.source);
    builder = new AxeBuilder({ page, axeSource: 'void 0' }).setLegacyMode(true);
  }
  const results = await builder
    .options({ resultTypes: ['violations', 'incomplete'] })
    .withTags(AXE_TAGS)
    .analyze();
  for (const violation of results.violations) {
    for (const node of violation.nodes) {
      await recorder.add(
        {
          check: options.check,
          rule: violation.id,
          criteria: criteriaFromTags(violation.tags),
          impact: (node.impact ?? violation.impact ?? 'moderate') as Impact,
          summary: violation.help,
          detail: node.failureSummary ?? violation.description,
          fix: `${violation.description.replace(/\.?$/, '.')} The rule’s page explains how to fix it.`,
          helpUrl: violation.helpUrl,
          selector: selectorOf(node.target),
          html: node.html,
        },
        options.condition,
        page,
        options.sameAs,
      );
    }
  }
  if (options.review) {
    for (const item of results.incomplete) {
      recorder.review({
        page: recorder.options.page,
        state: recorder.options.state,
        rule: item.id,
        summary: item.help,
        helpUrl: item.helpUrl,
        selectors: item.nodes.map((node) => selectorOf(node.target)),
      });
    }
  }
}

/** axe targets are lists (frames, shadow roots); a plain page gives one selector. */
function selectorOf(target: readonly unknown[]): string {
  return target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part))).join(' >>> ');
}
