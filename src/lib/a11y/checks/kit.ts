/** Makes sure the in-page kit (browser-kit.ts) is on the current document. */
import type { Page } from 'playwright-core';
import { browserKit } from '../browser-kit.ts';

export async function ensureKit(page: Page): Promise<void> {
  await page.evaluate(browserKit);
}
