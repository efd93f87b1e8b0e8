/**
 * Interactive states of the portal worth auditing on their own: what a page looks like
 * after someone has used it. Each opens the page, does what a person would, and waits
 * until the new state is on screen.
 */
import type { Page } from 'playwright-core';

export interface StateSpec {
  /** Shown in the report: "live search results open". */
  label: string;
  path: string;
  /** Also run the structure checks (the state is a new page load). */
  structure: boolean;
  /** The state is a fresh page load, so its first Tab stop should be the skip link. */
  skipLink: boolean;
  open(page: Page): Promise<void>;
}

export function portalStates(taskSlug: string | null): StateSpec[] {
  const states: StateSpec[] = [
    {
      label: 'live search results open',
      path: '/',
      structure: false,
      skipLink: false,
      async open(page) {
        const box = page.locator('form[data-module="live-search"] input[name="q"]').first();
        await box.focus();
        await page.keyboard.type('bin', { delay: 40 });
        await page.locator('[data-live-results] a').first().waitFor({ state: 'visible', timeout: 8000 });
      },
    },
  ];
  if (taskSlug) {
    states.push(
      {
        label: 'comment box shown after "No"',
        path: `/${taskSlug}`,
        structure: false,
        skipLink: false,
        async open(page) {
          await page.locator('[data-module="page-feedback"] button[value="no"]').click();
          await page.locator('[data-module="page-feedback"] textarea').waitFor({ state: 'visible', timeout: 8000 });
        },
      },
      {
        label: 'form sent with nothing chosen (errors shown)',
        path: `/done/${taskSlug}`,
        structure: true,
        skipLink: true,
        async open(page) {
          const answered = page.waitForResponse((response) => response.request().method() === 'POST' && response.frame() === page.mainFrame(), { timeout: 8000 });
          await page.locator('form[method="post"] button[type="submit"]').first().click();
          const response = await answered;
          if (response.status() !== 400) throw new Error(`sending the empty form answered ${response.status()}, not 400 with an error summary`);
          await page.waitForLoadState('load');
          await page.locator('.error-summary').waitFor({ state: 'visible', timeout: 5000 });
        },
      },
    );
  }
  return states;
}
