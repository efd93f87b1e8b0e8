/**
 * Cropped screenshots for the report: the element outlined with a dashed magenta box
 * (drawn on top, so the page's own layout is untouched), with some of its surroundings.
 */
import type { Page } from 'playwright-core';

const PAD = 24;
const MAX_HEIGHT = 480;

export async function screenshotElement(page: Page, selector: string, file: string): Promise<boolean> {
  try {
    const box = await page.evaluate((target) => window.__tfA11y?.outline(target) ?? null, selector);
    if (!box) return false;
    const x = Math.max(0, Math.floor(box.x - PAD));
    const y = Math.max(0, Math.floor(box.y - PAD));
    const right = Math.min(box.viewportWidth, Math.ceil(box.x + box.width + PAD));
    const bottom = Math.min(box.viewportHeight, y + MAX_HEIGHT, Math.ceil(box.y + box.height + PAD));
    if (right - x < 4 || bottom - y < 4) return false;
    await page.screenshot({ path: file, clip: { x, y, width: right - x, height: bottom - y }, caret: 'hide', scale: 'css', timeout: 5000 });
    return true;
  } catch {
    return false;
  } finally {
    await page.evaluate(() => window.__tfA11y?.clearOutline()).catch(() => {});
  }
}
