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
import { AXE_ENGINE } from './ibm.ts';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/**
 * Rules axe leaves off by default or outside the WCAG tags that test what a W3C ACT rule
 * describes: css-orientation-lock (1.3.4 Orientation) is experimental in axe, but its test
 * (a CSS transform that locks content to one orientation) is the ACT rule's;
 * presentation-role-conflict (ACT 46ca7f: an element marked decorative that is still
 * exposed, because it can take focus or has global ARIA) is tagged best practice, so its
 * findings name no criterion.
 */
export const AXE_EXTRA_RULES = ['css-orientation-lock', 'presentation-role-conflict'];
/**
 * Rules our own checks do instead. meta-refresh: axe fails every timed refresh on the page,
 * but the browser acts only on the first it can parse (ACT bc659a Passed Example 2); the
 * structure check judges that one (checks/meta-refresh.ts).
 */
export const AXE_RULES_OFF = ['meta-refresh'];

export async function checkAxe(page: Page, recorder: Recorder, options: { check: CheckId; condition: string; sameAs?: CheckId }): Promise<void> {
  const frames = page.frames().length;
  let builder: AxeBuilder;
  if (frames > 1) {
    builder = new AxeBuilder({ page });
  } else {
    if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axe.source);
    builder = new AxeBuilder({ page, axeSource: 'void 0' }).setLegacyMode(true);
  }
  // options() replaces what withTags() set, so it comes first.
  const results = await builder
    .options({ resultTypes: ['violations', 'incomplete'], rules: Object.fromEntries([...AXE_EXTRA_RULES.map((id) => [id, { enabled: true }]), ...AXE_RULES_OFF.map((id) => [id, { enabled: false }])]) })
    .withTags(AXE_TAGS)
    .analyze();
  for (const rule of [...results.passes, ...results.violations, ...results.incomplete]) for (const number of criteriaFromTags(rule.tags)) recorder.coverage.applicable.add(number);
  for (const rule of results.inapplicable) for (const number of criteriaFromTags(rule.tags)) recorder.coverage.inapplicable.add(number);
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
          engine: AXE_ENGINE,
        },
        options.condition,
        page,
        options.sameAs,
      );
    }
  }
  // What axe could not decide goes to a person, from every run: never dropped.
  for (const item of results.incomplete) {
    recorder.review(
      {
        kind: 'needs-review',
        check: options.check,
        rule: item.id,
        summary: item.help,
        question: `axe could not tell whether this passes: ${item.help.replace(/\.?$/, '.')} Look at each element and decide.`,
        criteria: criteriaFromTags(item.tags),
        helpUrl: item.helpUrl,
        elements: item.nodes.map((node) => ({
          selector: selectorOf(node.target),
          html: node.html,
          detail: [...node.any, ...node.all, ...node.none].map((check) => check.message).filter(Boolean).join(' ') || item.description,
        })),
        engines: [AXE_ENGINE],
      },
      options.condition,
    );
  }
}

/** axe targets are lists (frames, shadow roots); a plain page gives one selector. */
function selectorOf(target: readonly unknown[]): string {
  return target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part))).join(' >>> ');
}
