/**
 * JavaScript off: the page still has its main content (the same h1) and every visible
 * form still submits as plain HTML (a search form reaches its results page; a POST form
 * gets an answer from the server, an error page with an error summary included).
 * Not a WCAG criterion: it is the portal's own promise that scripts only enhance.
 */
import type { Page, Response } from 'playwright-core';
import type { Recorder } from '../recorder.ts';
import { ensureKit } from './kit.ts';

const MAX_FORMS = 4;
const fix = 'Build the page and its forms in plain HTML first (a <form> with action, method and a submit button) and let scripts only enhance them.';

export async function checkNoJs(page: Page, url: string, recorder: Recorder, withJs: { h1: string | null }, condition: string): Promise<void> {
  const add = (finding: Omit<Parameters<Recorder['add']>[0], 'check' | 'criteria'>) => recorder.add({ check: 'no-js', criteria: [], ...finding }, condition, page);
  await page.goto(url, { waitUntil: 'load' });
  await ensureKit(page);
  const { structure, forms } = await page.evaluate(() => ({ structure: window.__tfA11y!.structure(), forms: window.__tfA11y!.forms() }));
  if (structure.mains.length === 0) {
    await add({
      rule: 'no-js-content',
      impact: 'serious',
      summary: 'Without JavaScript the page has no main content',
      detail: 'With JavaScript turned off there is no <main> element: the content is built by a script.',
      fix,
    });
  } else {
    const h1 = structure.h1[0]?.text ?? null;
    if (h1 !== withJs.h1) {
      await add({
        rule: 'no-js-content',
        impact: 'serious',
        summary: 'Without JavaScript the page shows something else',
        detail: `With JavaScript the h1 is ${withJs.h1 === null ? 'missing' : `"${withJs.h1}"`}; without it, ${h1 === null ? 'there is none' : `"${h1}"`}.`,
        fix,
        selector: structure.h1[0]?.selector ?? null,
        html: structure.h1[0]?.html ?? null,
      });
    }
  }

  const visible = forms.filter((form) => form.visible).slice(0, MAX_FORMS);
  for (const [n, form] of visible.entries()) {
    if (n > 0) {
      await page.goto(url, { waitUntil: 'load' });
      await ensureKit(page);
    }
    if (!form.submitter && !form.field) {
      await add({
        rule: 'no-js-form',
        impact: 'serious',
        summary: 'A form cannot be sent without JavaScript',
        detail: 'It has no submit button and no text field to press Enter in.',
        fix,
        selector: form.ref.selector,
        html: form.ref.html,
      });
      continue;
    }
    if (form.search && form.field) await page.fill(form.field, 'pothole');
    const answered = page
      .waitForResponse((response: Response) => response.request().isNavigationRequest() && response.frame() === page.mainFrame() && (response.status() < 300 || response.status() >= 400), { timeout: 8000 })
      .catch(() => null);
    if (form.submitter) await page.click(form.submitter, { timeout: 5000 });
    else await page.press(form.field!, 'Enter');
    const response = await answered;
    let problem: string | null = null;
    if (!response) {
      problem = 'Sending it did nothing: no page came back.';
    } else {
      await page.waitForLoadState('load').catch(() => {});
      const reached = new URL(page.url());
      const action = new URL(form.action);
      if (response.status() >= 500) problem = `The server answered ${response.status()}.`;
      else if (form.method === 'get' && reached.pathname !== action.pathname) problem = `It went to ${reached.pathname} instead of ${action.pathname}.`;
      else if (!(await page.evaluate(() => Boolean(document.querySelector('main, [role="main"]'))))) problem = `The page it reached (${reached.pathname}) has no main content.`;
    }
    if (problem) {
      await add({
        rule: 'no-js-form',
        impact: 'serious',
        summary: 'A form does not work without JavaScript',
        detail: `${form.search ? 'The search form' : `The ${form.method.toUpperCase()} form`} (to ${new URL(form.action).pathname}): ${problem}`,
        fix,
        selector: form.ref.selector,
        html: form.ref.html,
      });
    }
  }
}
