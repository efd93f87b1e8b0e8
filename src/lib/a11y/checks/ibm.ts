/**
 * IBM Equal Access (accessibility-checker-engine), the second rule engine beside axe: its
 * WCAG 2.2 A and AA guideline, run in the page offline. A failure on an element and
 * criterion axe already reported adds IBM's name to that problem instead of a second
 * problem. Everything else IBM reports becomes a question for a person, with the element
 * and IBM's message: its "potential" and "manual" results, and its failures axe did not
 * confirm, because on the W3C ACT examples IBM fails pages W3C says pass (a language tag
 * like "en-US-GB", a one-cell table without headers); see decision 0028. IBM's
 * recommendations (advice beyond WCAG) are not used.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { CheckId } from '../../../schemas/a11y.ts';
import type { IbmItem } from '../page/types.ts';
import type { Recorder } from '../recorder.ts';

export const IBM_ENGINE = 'ibm-equal-access';
export const AXE_ENGINE = 'axe-core';

let source: Promise<string> | undefined;
/** ace.js, read once per process: the engine as one browser script that defines window.ace. */
function aceSource(): Promise<string> {
  source ??= readFile(createRequire(import.meta.url).resolve('accessibility-checker-engine/ace.js'), 'utf8');
  return source;
}

export function ibmVersion(): string {
  try {
    return (createRequire(import.meta.url)('accessibility-checker-engine/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** IBM's rule ids use underscores; ours (and the baseline's) are kebab-case. */
export const ibmRuleId = (rule: string) => `ibm-${rule.toLowerCase().replaceAll('_', '-')}`;
const helpUrl = (rule: string) => `https://able.ibm.com/rules/archives/latest/doc/en-US/${rule}.html`;

export async function checkIbm(page: Page, recorder: Recorder, options: { check: CheckId; condition: string }): Promise<void> {
  if (!(await page.evaluate('typeof window.ace === "object"'))) await page.evaluate(await aceSource());
  const mine = [...recorder.problems.values()].filter((problem) => problem.selector && problem.engines?.includes(AXE_ENGINE));
  const asked = [...recorder.needsReview.values()].filter((item) => item.engines?.includes(AXE_ENGINE));
  const known = [
    ...mine.map((problem) => ({ key: `p:${problem.id}`, selector: problem.selector!, criteria: problem.criteria })),
    ...asked.flatMap((item) => item.elements.filter((element) => element.selector).map((element) => ({ key: `q:${item.check}|${item.rule}`, selector: element.selector!, criteria: item.criteria }))),
  ];
  const items = await page.evaluate((list) => window.__tfA11y!.ibm(list), known);
  for (const item of items) record(item, recorder, options);
}

const QUESTION: Record<IbmItem['outcome'], (message: string) => string> = {
  fail: (message) => `IBM Equal Access reports a failure here that axe did not confirm: ${message} Check the element and decide whether it fails.`,
  potential: (message) => `IBM Equal Access found a possible failure: ${message} Look at the element and decide.`,
  manual: (message) => `IBM Equal Access cannot test this by machine: ${message} Check it by hand.`,
};

function record(item: IbmItem, recorder: Recorder, options: { check: CheckId; condition: string }) {
  const twin = item.sameAs?.startsWith('p:') ? recorder.problems.get(item.sameAs.slice(2)) : item.sameAs?.startsWith('q:') ? recorder.needsReview.get(item.sameAs.slice(2)) : undefined;
  if (twin) {
    // axe already failed it or already asked about it: one finding per element and criterion, with both names.
    twin.engines = [...new Set([...(twin.engines ?? []), IBM_ENGINE])];
    return;
  }
  recorder.review(
    {
      kind: 'needs-review',
      check: options.check,
      rule: ibmRuleId(item.rule),
      summary: item.message,
      question: QUESTION[item.outcome](item.message.replace(/\.?$/, '.')),
      criteria: item.criteria,
      helpUrl: helpUrl(item.rule),
      elements: [{ selector: item.element?.selector ?? null, html: item.element?.html ?? null, detail: `${item.rule} (${item.reason})` }],
      engines: [IBM_ENGINE],
    },
    options.condition,
  );
}
