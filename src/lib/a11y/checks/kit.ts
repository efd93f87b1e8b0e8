/** Makes sure the in-page kit (page/kit.ts, bundled by page-script.ts) is on the current document. */
import type { Page } from 'playwright-core';
import { pageScript } from '../page-script.ts';

export async function ensureKit(page: Page): Promise<void> {
  const source = await pageScript();
  await page.evaluate(`if (!window.__tfA11y) {\n${source}\n}`);
}
