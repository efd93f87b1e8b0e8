/**
 * Interactive states of the portal worth auditing on their own: what a page looks like
 * after someone has used it. Each opens the page, does what a person would, and waits
 * until the new state is on screen.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  /**
   * For a state the server shows to every visitor (a published incident): make it so
   * before the page is loaded, and undo it after. The audit runs such a state alone,
   * after every other page, so no other page is audited while it holds, and gives the page
   * every check (all widths, forced colours, keyboard, JavaScript off) while it holds.
   */
  publish?: { before(base: string): Promise<void>; after(): Promise<void> };
}

/** The label of the live incident state, so the report and the tests can name it. */
export const INCIDENT_STATE = 'live incident banner: service down';

/** Where a Taskfront server reads incidents from, when the audit may write there (it serves the portal itself). */
export interface StateOptions {
  incidentsDir?: string;
}

/**
 * The task page while its online service is down: the banner the server splices into the
 * page (decision 0033), with its heading, what to do instead, a phone link, the latest
 * update and the next one. It is published as an incident file in the folder the audit's
 * own portal watches, so it only exists for the portal the audit serves itself.
 */
function incidentState(taskSlug: string, incidentsDir: string): StateSpec {
  const now = new Date();
  const id = `${now.toISOString().slice(0, 10)}-a11y-audit-service-down`;
  const file = join(incidentsDir, `${id}.md`);
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const text = [
    '---',
    'title: This online service is not working',
    `affects:\n  - ${taskSlug}`,
    'impact: down',
    'status: identified',
    `started: ${at(-45)}`,
    'workaround: Call us on 01632 960 000 (Monday to Friday, 8am to 6pm) and we will do it with you over the phone. Nobody will be charged a late fee because of this.',
    `nextUpdate: ${at(120)}`,
    'updates:',
    `  - at: ${at(-10)}`,
    '    text: We have found the fault in the system behind the form and are fixing it. Anything you sent before it started has reached us.',
    `  - at: ${at(-40)}`,
    '    text: The form stops at the last step with an error. We are finding out why.',
    '---',
    '',
  ].join('\n');
  return {
    label: INCIDENT_STATE,
    path: `/${taskSlug}`,
    structure: true,
    skipLink: true,
    publish: {
      async before(base) {
        writeFileSync(file, text);
        // The server notices a new file by watching the folder, or by its poll at worst (30 s).
        const deadline = Date.now() + 45_000;
        for (;;) {
          const html = await fetch(new URL(`/${taskSlug}`, base), { headers: { 'Sec-GPC': '1' }, signal: AbortSignal.timeout(10_000) }).then((response) => response.text());
          if (html.includes(`data-incident="${id}"`)) return;
          if (Date.now() > deadline) throw new Error(`the portal did not show the incident ${id} on /${taskSlug} within 45 s of writing ${file}`);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      },
      async after() {
        rmSync(file, { force: true });
      },
    },
    async open(page) {
      await page.locator(`.incident-banner[data-incident="${id}"]`).waitFor({ state: 'visible', timeout: 8000 });
    },
  };
}

export function portalStates(taskSlug: string | null, options: StateOptions = {}): StateSpec[] {
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
    if (options.incidentsDir) states.push(incidentState(taskSlug, options.incidentsDir));
  }
  return states;
}
